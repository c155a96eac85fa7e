package io.asklayer.engine.model;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.Node;

/**
 * Loads a semantic model from YAML into immutable records, then validates it with
 * {@link ModelValidator}. Every problem is reported with its file, line and column; a model with any
 * problem is not returned.
 */
public final class ModelLoader {
  /** Classpath location of the retail demo model that ships with the engine. */
  public static final String DEMO_MODEL = "/io/asklayer/engine/model/retail.yaml";

  private static final Set<String> TOP_KEYS = Set.of("model", "description", "warehouse_schema",
      "max_dimension_values", "tables", "dimensions", "metrics", "verified_queries", "documents",
      "security", "guardrails", "reference_date", "calculations", "language");
  private static final Set<String> TABLE_KEYS = Set.of("table", "description", "primary_key",
      "time_dimension", "joins", "countable");
  private static final Set<String> JOIN_KEYS = Set.of("keys", "relationship");
  private static final Set<String> DOCUMENT_KEYS = Set.of("table", "id", "title", "text", "date",
      "sku", "rating", "supplier", "region", "description");
  private static final Set<String> DIMENSION_KEYS = Set.of("table", "column", "expression", "type",
      "grains", "synonyms", "value_synonyms", "description");
  private static final Set<String> METRIC_KEYS = Set.of("aggregate", "table", "expression",
      "ratio", "format", "synonyms", "description");
  private static final Set<String> RATIO_KEYS = Set.of("numerator", "denominator");
  private static final Set<String> QUERY_KEYS = Set.of("question", "metrics", "dimensions",
      "filters", "time", "order_by", "limit");
  private static final Set<String> TIME_KEYS = Set.of("from", "to");

  private ModelLoader() {
  }

  /** Loads the retail demo model bundled with the engine. */
  public static SemanticModel loadDemo() {
    try (InputStream in = ModelLoader.class.getResourceAsStream(DEMO_MODEL)) {
      if (in == null) {
        throw new IllegalStateException("the bundled demo model " + DEMO_MODEL + " is missing");
      }
      return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), "retail.yaml (bundled)");
    } catch (IOException e) {
      throw new IllegalStateException("cannot read the bundled demo model", e);
    }
  }

  /** Loads a model file. */
  public static SemanticModel load(Path file) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new ModelException(file.toString(), List.of(file + ":1:1: the file does not exist; "
          + "set 'model' to the path of a semantic model YAML file, or leave it out to use the "
          + "bundled retail demo model"));
    } catch (IOException e) {
      throw new ModelException(file.toString(), List.of(file + ":1:1: cannot be read: "
          + e.getMessage()));
    }
    return parse(text, file.toString());
  }

  /** Parses and validates model text; {@code source} names it in messages. */
  public static SemanticModel parse(String text, String source) {
    Optional<Node> root;
    try {
      root = new Compose(LoadSettings.builder().setLabel(source).build()).composeString(text);
    } catch (MarkedYamlEngineException e) {
      Mark m = e.getProblemMark().or(e::getContextMark).orElse(null);
      String at = m == null ? source + ":1:1" : source + ":" + (m.getLine() + 1) + ":"
          + (m.getColumn() + 1);
      throw new ModelException(source, List.of(at + ": YAML syntax error: " + e.getProblem()
          + (e.getContext() == null ? "" : " (" + e.getContext() + ")")));
    } catch (YamlEngineException e) {
      throw new ModelException(source, List.of(source + ":1:1: YAML error: " + e.getMessage()));
    }
    if (root.isEmpty()) {
      throw new ModelException(source, List.of(source + ":1:1: the file is empty; a model needs "
          + "at least 'model', 'tables' and 'metrics'"));
    }
    YamlTree y = new YamlTree(source);
    SemanticModel model = new Reader(y, source, fingerprint(text)).read(root.get());
    List<String> problems = new ArrayList<>(y.problems());
    if (problems.isEmpty()) {
      problems.addAll(ModelValidator.validate(model));
    }
    if (!problems.isEmpty()) {
      throw new ModelException(source, problems);
    }
    return model;
  }

  private static String fingerprint(String text) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(d, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every JVM", e);
    }
  }

  /** One pass over the node tree, building records and recording positions. */
  private static final class Reader {
    private final YamlTree y;
    private final String source;
    private final String fingerprint;
    private final Map<String, Position> positions = new LinkedHashMap<>();

    Reader(YamlTree y, String source, String fingerprint) {
      this.y = y;
      this.source = source;
      this.fingerprint = fingerprint;
    }

    private void at(String path, Node node) {
      if (node != null) {
        positions.put(path, y.position(node));
      }
    }

    SemanticModel read(Node root) {
      Map<String, Node> top = y.mapping(root, "the model", TOP_KEYS);
      String name = y.required(top, "model", root, "the model");
      String description = y.optional(top, "description", "the model");
      String schema = y.optional(top, "warehouse_schema", "the model");
      int maxValues = SemanticModel.DEFAULT_MAX_DIMENSION_VALUES;
      String max = y.optional(top, "max_dimension_values", "the model");
      if (max != null) {
        try {
          maxValues = Integer.parseInt(max.trim());
          if (maxValues < 0) {
            throw new NumberFormatException();
          }
        } catch (NumberFormatException e) {
          y.problem(top.get("max_dimension_values"), "'max_dimension_values' must be a whole "
              + "number of at least 0, not '" + max + "'");
        }
      }
      Map<String, ModelTable> tables = new LinkedHashMap<>();
      Node tablesNode = top.get("tables");
      if (tablesNode == null) {
        y.problem(root, "the model needs 'tables': the warehouse tables it reads");
      } else {
        y.mapping(tablesNode, "'tables'", null).forEach((k, v) -> tables.put(k, table(k, v)));
      }
      Map<String, Dimension> dimensions = new LinkedHashMap<>();
      Node dimsNode = top.get("dimensions");
      if (dimsNode != null) {
        y.mapping(dimsNode, "'dimensions'", null)
            .forEach((k, v) -> dimensions.put(k, dimension(k, v)));
      }
      Map<String, Metric> metrics = new LinkedHashMap<>();
      Node metricsNode = top.get("metrics");
      if (metricsNode == null) {
        y.problem(root, "the model needs 'metrics': at least one number to answer with");
      } else {
        y.mapping(metricsNode, "'metrics'", null).forEach((k, v) -> metrics.put(k, metric(k, v)));
      }
      Map<String, String> calculations = new LinkedHashMap<>();
      Node calcNode = top.get("calculations");
      if (calcNode != null) {
        y.mapping(calcNode, "'calculations'", null).forEach((k, v) -> {
          String what = "calculation '" + k + "'";
          at("calculations." + k, v);
          Map<String, Node> cm = y.mapping(v, what, Set.of("of", "description"));
          at("calculations." + k + ".of", cm.get("of"));
          String of = y.required(cm, "of", v, what);
          if (metrics.containsKey(k) || dimensions.containsKey(k)) {
            y.problem(v, what + " has the name of a " + (metrics.containsKey(k) ? "metric"
                : "dimension") + "; give it a name of its own");
          } else if (of != null) {
            calculations.put(k, of);
          }
        });
      }
      List<VerifiedQuery> queries = new ArrayList<>();
      int i = 0;
      for (Node q : y.sequence(top.get("verified_queries"), "'verified_queries'")) {
        queries.add(verifiedQuery(i++, q));
      }
      Map<String, DocumentSource> documents = new LinkedHashMap<>();
      Node docsNode = top.get("documents");
      if (docsNode != null) {
        y.mapping(docsNode, "'documents'", null)
            .forEach((k, v) -> documents.put(k, document(k, v)));
      }
      SecurityReader security = new SecurityReader(y, positions);
      SecuritySpec securitySpec = null;
      if (top.get("security") != null) {
        positions.put("security", y.position(top.get("security")));
        securitySpec = security.security(top.get("security"));
      }
      Guardrails guardrails = top.get("guardrails") == null ? Guardrails.DEFAULTS
          : security.guardrails(top.get("guardrails"));
      java.time.LocalDate referenceDate = null;
      String reference = y.optional(top, "reference_date", "the model");
      if (reference != null) {
        try {
          referenceDate = java.time.LocalDate.parse(reference.trim());
        } catch (java.time.format.DateTimeParseException e) {
          y.problem(top.get("reference_date"), "'reference_date' must be a date such as "
              + "2025-12-31 (the day relative time words such as 'last quarter' count from), not '"
              + reference + "'");
        }
      }
      Language language = language(top.get("language"), metrics, documents, dimensions);
      tables.values().removeIf(java.util.Objects::isNull);
      dimensions.values().removeIf(java.util.Objects::isNull);
      metrics.values().removeIf(java.util.Objects::isNull);
      queries.removeIf(java.util.Objects::isNull);
      documents.values().removeIf(java.util.Objects::isNull);
      return new SemanticModel(name, description, schema, maxValues, tables, dimensions, metrics,
          queries, documents, securitySpec, guardrails, referenceDate, fingerprint, source,
          positions, calculations, language);
    }

    private Language language(Node node, Map<String, Metric> metrics,
        Map<String, DocumentSource> documents, Map<String, Dimension> dimensions) {
      if (node == null) {
        return Language.NONE;
      }
      Map<String, Map<String, String>> verbs = new LinkedHashMap<>();
      Map<String, Node> section = y.mapping(node, "'language'", Set.of("verbs", "documents"));
      Map<String, Language.DocumentWords> docs = new LinkedHashMap<>();
      if (section.get("documents") != null) {
        y.mapping(section.get("documents"), "'language.documents'", null).forEach((src, n) -> {
          String what = "'language.documents." + src + "'";
          if (!documents.containsKey(src)) {
            y.problem(n, what + " names no document source; the sources are "
                + String.join(", ", documents.keySet()));
            return;
          }
          Map<String, Node> m = y.mapping(n, what, Set.of("words", "about", "searched",
              "search_words", "complaints"));
          List<String> about = y.strings(m, "about", what);
          for (String d : about) {
            if (!dimensions.containsKey(d)) {
              y.problem(m.get("about"), what + " is about dimension '" + d + "', which the "
                  + "model does not define");
            }
          }
          List<String> complaintWords = List.of();
          Integer rating = null;
          if (m.get("complaints") != null) {
            Map<String, Node> c = y.mapping(m.get("complaints"), what + ".complaints",
                Set.of("words", "rating_at_most"));
            complaintWords = y.strings(c, "words", what + ".complaints");
            String r = y.optional(c, "rating_at_most", what + ".complaints");
            try {
              rating = r == null ? null : Integer.valueOf(r.trim());
            } catch (NumberFormatException e) {
              y.problem(c.get("rating_at_most"), what + ".complaints.rating_at_most must be a "
                  + "whole number of stars, not '" + r + "'");
            }
          }
          docs.put(src, new Language.DocumentWords(y.strings(m, "words", what), about,
              "true".equals(y.optional(m, "searched", what)), y.strings(m, "search_words", what),
              complaintWords, rating));
        });
      }
      if (section.get("verbs") != null) {
        y.mapping(section.get("verbs"), "'language.verbs'", null).forEach((verb, asks) -> {
          Map<String, String> byAsk = new LinkedHashMap<>();
          y.mapping(asks, "verb '" + verb + "'", Set.copyOf(Language.ASKS)).forEach((ask, m) -> {
            String metric = y.scalar(m, "'" + ask + "' of verb '" + verb + "'");
            if (metric != null && !metrics.containsKey(metric)) {
              y.problem(m, "verb '" + verb + "' names metric '" + metric + "' after '" + ask
                  + "', which the model does not define; the metrics are "
                  + String.join(", ", metrics.keySet()));
            } else if (metric != null) {
              byAsk.put(ask, metric);
            }
          });
          verbs.put(verb.toLowerCase(java.util.Locale.ROOT), byAsk);
        });
      }
      return new Language(verbs, docs);
    }

    private DocumentSource document(String name, Node node) {
      String what = "document source '" + name + "'";
      String path = "documents." + name;
      at(path, node);
      Map<String, Node> m = y.mapping(node, what, DOCUMENT_KEYS);
      String table = y.required(m, "table", node, what);
      String id = y.required(m, "id", node, what);
      String text = y.required(m, "text", node, what);
      String date = y.required(m, "date", node, what);
      for (String k : DOCUMENT_KEYS) {
        at(path + "." + k, m.get(k));
      }
      Map<String, String> attributes = new LinkedHashMap<>();
      for (String a : DocumentSource.ATTRIBUTES) {
        String v = y.optional(m, a, what);
        if (v != null) {
          attributes.put(a, v);
        }
      }
      return new DocumentSource(name, table, id, y.optional(m, "title", what), text, date,
          attributes, y.optional(m, "description", what), y.position(node));
    }

    private ModelTable table(String name, Node node) {
      String what = "table '" + name + "'";
      String path = "tables." + name;
      at(path, node);
      Map<String, Node> m = y.mapping(node, what, TABLE_KEYS);
      String table = y.optional(m, "table", what);
      at(path + ".table", m.get("table"));
      at(path + ".time_dimension", m.get("time_dimension"));
      Map<String, ModelTable.Join> joins = new LinkedHashMap<>();
      Node joinsNode = m.get("joins");
      if (joinsNode != null) {
        y.mapping(joinsNode, "the joins of " + what, null).forEach((to, jn) -> {
          String jwhat = "the join from '" + name + "' to '" + to + "'";
          String jpath = path + ".joins." + to;
          at(jpath, jn);
          Map<String, Node> jm = y.mapping(jn, jwhat, JOIN_KEYS);
          Map<String, String> keys = new LinkedHashMap<>();
          Node keysNode = jm.get("keys");
          if (keysNode == null) {
            y.problem(jn, jwhat + " needs 'keys': this table's columns mapped to the target's");
          } else {
            y.mapping(keysNode, "the keys of " + jwhat, null).forEach((from, toNode) -> {
              String toColumn = y.scalar(toNode, "a key column of " + jwhat);
              if (toColumn != null) {
                keys.put(from, toColumn);
              }
            });
            at(jpath + ".keys", keysNode);
          }
          Relationship rel = Relationship.MANY_TO_ONE;
          if (jm.get("relationship") != null) {
            rel = y.enumValue(jm.get("relationship"), Relationship.class,
                "the relationship of " + jwhat);
          }
          joins.put(to, new ModelTable.Join(to, keys, rel, y.position(jn)));
        });
      }
      boolean countable = false;
      String c = y.optional(m, "countable", what);
      if (c != null) {
        if (!c.equals("true") && !c.equals("false")) {
          y.problem(m.get("countable"), "'countable' of " + what + " is true or false, not '" + c
              + "'");
        }
        countable = c.equals("true");
      }
      return new ModelTable(name, table != null ? table : name, y.optional(m, "description", what),
          y.strings(m, "primary_key", what), y.optional(m, "time_dimension", what), joins,
          y.position(node), countable);
    }

    private Dimension dimension(String name, Node node) {
      String what = "dimension '" + name + "'";
      String path = "dimensions." + name;
      at(path, node);
      Map<String, Node> m = y.mapping(node, what, DIMENSION_KEYS);
      String table = y.required(m, "table", node, what);
      at(path + ".table", m.get("table"));
      String column = y.optional(m, "column", what);
      String expression = y.optional(m, "expression", what);
      at(path + ".column", m.get("column"));
      at(path + ".expression", m.get("expression"));
      if ((column == null) == (expression == null)) {
        y.problem(node, what + " needs exactly one of 'column' or 'expression'");
      }
      Dimension.Type type = Dimension.Type.STRING;
      if (m.get("type") != null) {
        type = y.enumValue(m.get("type"), Dimension.Type.class, "the type of " + what);
      }
      List<TimeGrain> grains = new ArrayList<>();
      Node grainsNode = m.get("grains");
      if (grainsNode != null) {
        at(path + ".grains", grainsNode);
        for (Node g : y.sequence(grainsNode, "the grains of " + what)) {
          TimeGrain grain = y.enumValue(g, TimeGrain.class, "a grain of " + what);
          if (grain != null) {
            grains.add(grain);
          }
        }
      }
      at(path + ".synonyms", m.get("synonyms"));
      Map<String, List<String>> valueSynonyms = new LinkedHashMap<>();
      Node vs = m.get("value_synonyms");
      if (vs != null) {
        at(path + ".value_synonyms", vs);
        Map<String, Node> words = y.mapping(vs, "the value synonyms of " + what, null);
        for (String word : words.keySet()) {
          List<String> values = y.strings(words, word, "the value synonyms of " + what);
          if (values.isEmpty()) {
            y.problem(words.get(word), "value synonym '" + word + "' of " + what
                + " needs the values it stands for, for example '" + word + ": [A, B]'");
          }
          valueSynonyms.put(word, values);
        }
      }
      return new Dimension(name, table, column, expression, type, grains,
          y.strings(m, "synonyms", what), valueSynonyms, y.optional(m, "description", what),
          y.position(node));
    }

    private Metric metric(String name, Node node) {
      String what = "metric '" + name + "'";
      String path = "metrics." + name;
      at(path, node);
      Map<String, Node> m = y.mapping(node, what, METRIC_KEYS);
      at(path + ".table", m.get("table"));
      at(path + ".expression", m.get("expression"));
      at(path + ".synonyms", m.get("synonyms"));
      Metric.Aggregation aggregation = null;
      String numerator = null;
      String denominator = null;
      Metric.Kind kind;
      if (m.get("aggregate") != null) {
        kind = Metric.Kind.AGGREGATE;
        aggregation = y.enumValue(m.get("aggregate"), Metric.Aggregation.class,
            "the aggregate of " + what);
        y.required(m, "table", node, what);
        y.required(m, "expression", node, what);
      } else if (m.get("ratio") != null) {
        kind = Metric.Kind.RATIO;
        Node r = m.get("ratio");
        Map<String, Node> rm = y.mapping(r, "the ratio of " + what, RATIO_KEYS);
        numerator = y.required(rm, "numerator", r, "the ratio of " + what);
        denominator = y.required(rm, "denominator", r, "the ratio of " + what);
        at(path + ".ratio.numerator", rm.get("numerator"));
        at(path + ".ratio.denominator", rm.get("denominator"));
      } else if (m.get("expression") != null) {
        kind = Metric.Kind.DERIVED;
      } else {
        y.problem(node, what + " needs 'aggregate' (with 'table' and 'expression'), 'ratio' "
            + "(with 'numerator' and 'denominator'), or an 'expression' over other metrics");
        return null;
      }
      if (kind != Metric.Kind.AGGREGATE && m.get("table") != null) {
        y.problem(m.get("table"), "'table' belongs to aggregate metrics only; " + what
            + " is computed from other metrics");
      }
      Metric.Format format = kind == Metric.Kind.RATIO ? Metric.Format.PERCENT
          : Metric.Format.NUMBER;
      if (m.get("format") != null) {
        format = y.enumValue(m.get("format"), Metric.Format.class, "the format of " + what);
      }
      return new Metric(name, kind, aggregation, y.optional(m, "table", what),
          y.optional(m, "expression", what), numerator, denominator, format,
          y.strings(m, "synonyms", what), y.optional(m, "description", what), y.position(node));
    }

    private VerifiedQuery verifiedQuery(int index, Node node) {
      String what = "verified query " + (index + 1);
      String path = "verified_queries." + index;
      at(path, node);
      Map<String, Node> m = y.mapping(node, what, QUERY_KEYS);
      String question = y.required(m, "question", node, what);
      Map<String, List<String>> filters = new LinkedHashMap<>();
      Node f = m.get("filters");
      if (f != null) {
        at(path + ".filters", f);
        y.mapping(f, "the filters of " + what, null).forEach((dim, values) -> {
          List<String> vs = new ArrayList<>();
          for (Node v : values instanceof org.snakeyaml.engine.v2.nodes.ScalarNode
              ? List.of(values) : y.sequence(values, "the values of filter '" + dim + "'")) {
            String s = y.scalar(v, "a value of filter '" + dim + "'");
            if (s != null) {
              vs.add(s);
            }
          }
          filters.put(dim, vs);
        });
      }
      String from = null;
      String to = null;
      Node t = m.get("time");
      if (t != null) {
        at(path + ".time", t);
        Map<String, Node> tm = y.mapping(t, "the time range of " + what, TIME_KEYS);
        from = y.optional(tm, "from", "the time range of " + what);
        to = y.optional(tm, "to", "the time range of " + what);
      }
      Integer limit = null;
      String l = y.optional(m, "limit", what);
      if (l != null) {
        try {
          limit = Integer.valueOf(l);
        } catch (NumberFormatException e) {
          y.problem(m.get("limit"), "the limit of " + what + " must be a whole number, not '"
              + l + "'");
        }
      }
      at(path + ".metrics", m.get("metrics"));
      at(path + ".dimensions", m.get("dimensions"));
      at(path + ".order_by", m.get("order_by"));
      return new VerifiedQuery(question, y.strings(m, "metrics", what),
          y.strings(m, "dimensions", what), filters, from, to, y.strings(m, "order_by", what),
          limit, y.position(node));
    }
  }
}
