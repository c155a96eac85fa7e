package io.asklayer.engine.model;

import io.asklayer.engine.SqlSettings;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.parser.SqlParseException;
import org.apache.calcite.sql.parser.SqlParser;
import org.apache.calcite.sql.util.SqlBasicVisitor;

/**
 * Checks a model's internal consistency: references between tables, joins, dimensions and metrics,
 * expressions that parse and name reachable columns, no cycles among metrics, no phrase naming two
 * things. {@link #checkColumns} checks it against a warehouse's actual tables and columns.
 */
public final class ModelValidator {
  /** How model expressions are parsed: as the SQL statements are. */
  public static final SqlParser.Config EXPRESSION_PARSER = SqlSettings.parserConfig();

  private final SemanticModel model;
  private final JoinGraph graph;
  private final List<String> problems = new ArrayList<>();

  private ModelValidator(SemanticModel model) {
    this.model = model;
    this.graph = JoinGraph.of(model.tables());
  }

  /** Every consistency problem of the model, each starting with file:line:column. */
  static List<String> validate(SemanticModel model) {
    ModelValidator v = new ModelValidator(model);
    v.tables();
    v.dimensions();
    v.metrics();
    v.cycles();
    v.phrases();
    v.verifiedQueries();
    v.documents();
    v.security();
    return v.problems;
  }

  /** Each document source reads a model table, through expressions like a dimension's. */
  private void documents() {
    for (DocumentSource d : model.documents().values()) {
      String path = "documents." + d.name();
      if (!model.tables().containsKey(d.table())) {
        problem(path + ".table", "document source '" + d.name() + "' is on table '" + d.table()
            + "', which is not a table of the model; tables are: " + names(model.tables().keySet()));
        continue;
      }
      documentExpressions(d).forEach((key, expr) -> checkExpression(d.table(), expr,
          path + "." + key, "document source '" + d.name() + "'"));
    }
  }

  /** A document source's expressions by key: id, title, text, date, then its attributes. */
  public static Map<String, String> documentExpressions(DocumentSource d) {
    Map<String, String> out = new LinkedHashMap<>();
    out.put("id", d.id());
    if (d.title() != null) {
      out.put("title", d.title());
    }
    out.put("text", d.text());
    out.put("date", d.date());
    out.putAll(d.attributes());
    return out;
  }

  private void problem(String path, String message) {
    problems.add(model.position(path) + ": " + message);
  }

  private void tables() {
    for (ModelTable t : model.tables().values()) {
      for (ModelTable.Join j : t.joins().values()) {
        String path = "tables." + t.name() + ".joins." + j.to();
        if (!model.tables().containsKey(j.to())) {
          problem(path, "table '" + t.name() + "' joins to '" + j.to() + "', which is not a table "
              + "of the model; tables are: " + names(model.tables().keySet()));
        }
        if (j.keys().isEmpty()) {
          problem(path, "the join from '" + t.name() + "' to '" + j.to() + "' has no key columns");
        }
      }
      if (t.timeDimension() != null) {
        checkColumnRef(t.name(), t.timeDimension(), "tables." + t.name() + ".time_dimension",
            "the time dimension of table '" + t.name() + "'");
      }
    }
  }

  private void dimensions() {
    for (Dimension d : model.dimensions().values()) {
      String path = "dimensions." + d.name();
      if (!model.tables().containsKey(d.table())) {
        problem(path + ".table", "dimension '" + d.name() + "' is on table '" + d.table()
            + "', which is not a table of the model; tables are: " + names(model.tables().keySet()));
        continue;
      }
      if (d.isTime() && d.grains().isEmpty()) {
        problem(path, "time dimension '" + d.name() + "' needs 'grains' (any of day, week, month, "
            + "quarter, year)");
      }
      if (!d.isTime() && !d.grains().isEmpty()) {
        problem(path + ".grains", "dimension '" + d.name() + "' has grains but is not of type time");
      }
      String exprPath = d.expression() != null ? path + ".expression" : path + ".column";
      checkExpression(d.table(), d.sql(), exprPath, "dimension '" + d.name() + "'");
    }
  }

  private void metrics() {
    for (Metric m : model.metrics().values()) {
      String path = "metrics." + m.name();
      switch (m.kind()) {
        case AGGREGATE -> {
          if (!model.tables().containsKey(m.table())) {
            problem(path + ".table", "metric '" + m.name() + "' aggregates table '" + m.table()
                + "', which is not a table of the model; tables are: "
                + names(model.tables().keySet()));
          } else {
            checkExpression(m.table(), m.expression(), path + ".expression",
                "metric '" + m.name() + "'");
          }
        }
        case RATIO -> {
          checkMetricRef(m.numerator(), path + ".ratio.numerator", m.name());
          checkMetricRef(m.denominator(), path + ".ratio.denominator", m.name());
        }
        case DERIVED -> {
          SqlNode e = parse(m.expression(), path + ".expression", "metric '" + m.name() + "'");
          if (e != null) {
            for (SqlIdentifier id : identifiers(e)) {
              checkMetricRef(String.join(".", id.names), path + ".expression", m.name());
            }
          }
        }
        default -> throw new AssertionError(m.kind());
      }
    }
  }

  private void checkMetricRef(String name, String path, String owner) {
    if (name != null && !model.metrics().containsKey(name)) {
      problem(path, "metric '" + owner + "' refers to '" + name + "', which is not a metric; "
          + "metrics are: " + names(model.metrics().keySet()));
    }
  }

  /** Direct dependencies of a metric on other metrics. */
  static Set<String> dependencies(Metric m) {
    Set<String> deps = new LinkedHashSet<>();
    switch (m.kind()) {
      case RATIO -> {
        deps.add(m.numerator());
        deps.add(m.denominator());
      }
      case DERIVED -> {
        try {
          SqlNode e = SqlParser.create(m.expression(), EXPRESSION_PARSER).parseExpression();
          for (SqlIdentifier id : identifiers(e)) {
            deps.add(String.join(".", id.names));
          }
        } catch (SqlParseException ignored) {
          // reported by metrics()
        }
      }
      default -> { }
    }
    return deps;
  }

  private void cycles() {
    Map<String, Integer> state = new HashMap<>();
    for (String name : model.metrics().keySet()) {
      List<String> path = new ArrayList<>();
      if (cycleFrom(name, state, path)) {
        problem("metrics." + path.get(0), "metrics are defined in a cycle: "
            + String.join(" -> ", path) + "; a metric cannot depend on itself");
        return;
      }
    }
  }

  private boolean cycleFrom(String name, Map<String, Integer> state, List<String> path) {
    Metric m = model.metrics().get(name);
    if (m == null) {
      return false;
    }
    Integer s = state.get(name);
    if (s != null && s == 2) {
      return false;
    }
    path.add(name);
    if (s != null && s == 1) {
      path.subList(0, path.indexOf(name)).clear();
      return true;
    }
    state.put(name, 1);
    for (String d : dependencies(m)) {
      if (cycleFrom(d, state, path)) {
        return true;
      }
    }
    state.put(name, 2);
    path.remove(path.size() - 1);
    return false;
  }

  /** A phrase (name or synonym) must name one metric or dimension only. */
  private void phrases() {
    Map<String, String> owner = new HashMap<>();
    for (Metric m : model.metrics().values()) {
      phrase(owner, m.name(), "metric '" + m.name() + "'", "metrics." + m.name());
      for (String s : m.synonyms()) {
        phrase(owner, s, "metric '" + m.name() + "'", "metrics." + m.name() + ".synonyms");
      }
    }
    for (Dimension d : model.dimensions().values()) {
      phrase(owner, d.name(), "dimension '" + d.name() + "'", "dimensions." + d.name());
      for (String s : d.synonyms()) {
        phrase(owner, s, "dimension '" + d.name() + "'", "dimensions." + d.name() + ".synonyms");
      }
      for (String s : d.valueSynonyms().keySet()) {
        phrase(owner, s, "values of dimension '" + d.name() + "'", "dimensions." + d.name()
            + ".value_synonyms");
      }
    }
  }

  private void phrase(Map<String, String> owner, String phrase, String who, String path) {
    String key = normalize(phrase);
    String previous = owner.putIfAbsent(key, who);
    if (previous != null && !previous.equals(who)) {
      problem(path, "'" + phrase + "' names both " + previous + " and " + who
          + "; a name or synonym must mean one thing, so remove it from one of them");
    }
  }

  /** Lower case, underscores and runs of spaces as one space. */
  public static String normalize(String phrase) {
    return phrase.toLowerCase(Locale.ROOT).replace('_', ' ').trim().replaceAll("\\s+", " ");
  }

  private void verifiedQueries() {
    for (int i = 0; i < model.verifiedQueries().size(); i++) {
      VerifiedQuery q = model.verifiedQueries().get(i);
      String path = "verified_queries." + i;
      if (q.metrics().isEmpty()) {
        problem(path, "verified query '" + q.question() + "' names no metrics");
      }
      for (String m : q.metrics()) {
        checkMetricRef(m, path + ".metrics", "verified query " + (i + 1));
      }
      for (String d : q.dimensions()) {
        String name = d.contains(".") ? d.substring(0, d.indexOf('.')) : d;
        Dimension dim = model.dimensions().get(name);
        if (dim == null) {
          problem(path + ".dimensions", "verified query " + (i + 1) + " groups by '" + name
              + "', which is not a dimension; dimensions are: "
              + names(model.dimensions().keySet()));
        } else if (d.contains(".")) {
          String grain = d.substring(d.indexOf('.') + 1).toUpperCase(Locale.ROOT);
          if (dim.grains().stream().noneMatch(g -> g.name().equals(grain))) {
            problem(path + ".dimensions", "dimension '" + name + "' has no grain '"
                + d.substring(d.indexOf('.') + 1) + "'; its grains are: " + dim.grains());
          }
        }
      }
      for (String f : q.filters().keySet()) {
        if (!model.dimensions().containsKey(f)) {
          problem(path + ".filters", "verified query " + (i + 1) + " filters on '" + f
              + "', which is not a dimension");
        }
      }
      for (String date : new String[] {q.timeFrom(), q.timeTo()}) {
        if (date != null) {
          try {
            LocalDate.parse(date);
          } catch (DateTimeParseException e) {
            problem(path + ".time", "'" + date + "' is not an ISO date such as 2024-01-31");
          }
        }
      }
    }
  }

  private void security() {
    SecuritySpec sec = model.security();
    if (sec == null) {
      return;
    }
    for (SecuritySpec.PrincipalSpec p : sec.principals().values()) {
      for (String r : p.roles()) {
        if (!sec.roles().containsKey(r)) {
          problem("security.principals." + p.name(), "principal '" + p.name() + "' has role '"
              + r + "', which is not a role of the security section; roles are: "
              + names(sec.roles().keySet()));
        }
      }
    }
    for (SecuritySpec.RoleSpec role : sec.roles().values()) {
      for (SecuritySpec.RowFilter f : role.rowFilters().values()) {
        String path = "security.roles." + role.name() + ".row_filters." + f.table();
        if (f.expression() != null) {
          SqlNode e = parse(f.expression(), path, "the row filter of role '" + role.name()
              + "' on '" + f.table() + "'");
          if (e == null) {
            continue;
          }
          for (SqlIdentifier id : identifiers(e)) {
            if (id.names.size() == 2 && id.names.get(0).equalsIgnoreCase("principal")) {
              String attr = id.names.get(1);
              for (SecuritySpec.PrincipalSpec p : sec.principals().values()) {
                if (p.roles().contains(role.name()) && !p.attributes().containsKey(attr)) {
                  problem(path, "the row filter of role '" + role.name() + "' on '" + f.table()
                      + "' uses principal." + attr + ", but principal '" + p.name()
                      + "' has no attribute '" + attr + "'; its attributes are: "
                      + names(p.attributes().keySet()));
                }
              }
            } else if (id.names.size() != 1) {
              problem(path, "the row filter of role '" + role.name() + "' on '" + f.table()
                  + "' may name its own columns and principal attributes only, not '"
                  + String.join(".", id.names) + "'; to follow a reference, use visible_with");
            }
          }
        }
      }
      // A chain of visible_with must end: returns -> sales -> ... never back to returns.
      for (SecuritySpec.RowFilter f : role.rowFilters().values()) {
        Set<String> seen = new LinkedHashSet<>();
        String t = f.table();
        while (t != null && seen.add(t)) {
          SecuritySpec.RowFilter next = role.rowFilters().get(t);
          t = next == null ? null : next.visibleWith();
        }
        if (t != null) {
          problem("security.roles." + role.name() + ".row_filters." + f.table(), "the row "
              + "filters of role '" + role.name() + "' refer to each other in a cycle: "
              + String.join(" -> ", seen) + " -> " + t);
          break;
        }
      }
    }
  }

  /** Checks that an expression parses and names only columns reachable from {@code table}. */
  private void checkExpression(String table, String expression, String path, String what) {
    SqlNode e = parse(expression, path, what);
    if (e == null) {
      return;
    }
    for (SqlIdentifier id : identifiers(e)) {
      checkColumnRef(table, String.join(".", id.names), path, what);
    }
  }

  private void checkColumnRef(String table, String ref, String path, String what) {
    int dot = ref.indexOf('.');
    if (dot < 0) {
      return; // a column of the table itself; checked against the warehouse by checkColumns
    }
    String alias = ref.substring(0, dot);
    if (!model.tables().containsKey(alias)) {
      problem(path, what + " refers to '" + ref + "', but '" + alias + "' is not a table of the "
          + "model; tables are: " + names(model.tables().keySet()));
    } else if (!graph.reaches(table, alias)) {
      problem(path, what + " refers to '" + ref + "', but table '" + alias + "' cannot be joined "
          + "to '" + table + "' without repeating its rows (only many-to-one and one-to-one joins "
          + "are followed)");
    }
  }

  private SqlNode parse(String expression, String path, String what) {
    try {
      return SqlParser.create(expression, EXPRESSION_PARSER).parseExpression();
    } catch (SqlParseException e) {
      String msg = e.getMessage() == null ? "" : e.getMessage().lines().findFirst().orElse("");
      problem(path, "the expression of " + what + " is not valid SQL: " + msg);
      return null;
    }
  }

  /** The identifiers an expression names, outside function names. */
  public static List<SqlIdentifier> identifiers(SqlNode expression) {
    List<SqlIdentifier> out = new ArrayList<>();
    expression.accept(new SqlBasicVisitor<Void>() {
      @Override public Void visit(SqlIdentifier id) {
        if (!id.isStar()) {
          out.add(id);
        }
        return null;
      }
    });
    return out;
  }

  /**
   * Checks the model against the warehouse: every table exists, and every column named by keys,
   * dimensions, metrics and time dimensions exists.
   *
   * @param columns column names by warehouse table name, both lower case
   * @throws ModelException listing every problem
   */
  public static void checkColumns(SemanticModel model, Map<String, Set<String>> columns) {
    ModelValidator v = new ModelValidator(model);
    v.columns(columns);
    if (!v.problems.isEmpty()) {
      throw new ModelException(model.source(), v.problems);
    }
  }

  private void columns(Map<String, Set<String>> columns) {
    Map<String, Set<String>> byModelTable = new LinkedHashMap<>();
    for (ModelTable t : model.tables().values()) {
      Set<String> cols = columns.get(t.table().toLowerCase(Locale.ROOT));
      if (cols == null) {
        problem("tables." + t.name() + ".table", "table '" + t.name() + "' reads warehouse table '"
            + t.table() + "', which does not exist; the warehouse has: "
            + names(columns.keySet()));
      } else {
        byModelTable.put(t.name(), cols);
      }
    }
    for (ModelTable t : model.tables().values()) {
      Set<String> cols = byModelTable.get(t.name());
      if (cols == null) {
        continue;
      }
      for (String pk : t.primaryKey()) {
        column(byModelTable, t.name(), pk, "tables." + t.name(), "the primary key of '"
            + t.name() + "'");
      }
      for (ModelTable.Join j : t.joins().values()) {
        String path = "tables." + t.name() + ".joins." + j.to() + ".keys";
        j.keys().forEach((from, to) -> {
          column(byModelTable, t.name(), from, path, "the join to '" + j.to() + "'");
          column(byModelTable, j.to(), to, path, "the join to '" + j.to() + "'");
        });
      }
      if (t.timeDimension() != null) {
        ref(byModelTable, t.name(), t.timeDimension(), "tables." + t.name() + ".time_dimension",
            "the time dimension of '" + t.name() + "'");
      }
    }
    for (Dimension d : model.dimensions().values()) {
      String path = "dimensions." + d.name() + (d.expression() != null ? ".expression" : ".column");
      expressionColumns(byModelTable, d.table(), d.sql(), path, "dimension '" + d.name() + "'");
    }
    for (Metric m : model.metrics().values()) {
      if (m.kind() == Metric.Kind.AGGREGATE) {
        expressionColumns(byModelTable, m.table(), m.expression(), "metrics." + m.name()
            + ".expression", "metric '" + m.name() + "'");
      }
    }
    for (DocumentSource d : model.documents().values()) {
      if (model.tables().containsKey(d.table())) {
        documentExpressions(d).forEach((key, expr) -> expressionColumns(byModelTable, d.table(),
            expr, "documents." + d.name() + "." + key, "document source '" + d.name() + "'"));
      }
    }
    securityColumns(columns);
  }

  /** Tables and columns the security section names exist in the warehouse. */
  private void securityColumns(Map<String, Set<String>> columns) {
    SecuritySpec sec = model.security();
    if (sec == null) {
      return;
    }
    for (SecuritySpec.RoleSpec role : sec.roles().values()) {
      String path = "security.roles." + role.name();
      for (String t : role.deniedTables()) {
        warehouseTable(columns, t, path + ".deny_tables");
      }
      for (SecuritySpec.RowFilter f : role.rowFilters().values()) {
        String fpath = path + ".row_filters." + f.table();
        Set<String> cols = warehouseTable(columns, f.table(), fpath);
        if (cols == null) {
          continue;
        }
        if (f.expression() != null) {
          try {
            SqlNode e = SqlParser.create(f.expression(), EXPRESSION_PARSER).parseExpression();
            for (SqlIdentifier id : identifiers(e)) {
              if (id.names.size() == 1) {
                warehouseColumn(cols, f.table(), id.names.get(0), fpath);
              }
            }
          } catch (SqlParseException ignored) {
            // reported by validate()
          }
        } else {
          Set<String> other = warehouseTable(columns, f.visibleWith(), fpath);
          f.keys().forEach((from, to) -> {
            warehouseColumn(cols, f.table(), from, fpath);
            if (other != null) {
              warehouseColumn(other, f.visibleWith(), to, fpath);
            }
          });
        }
      }
      role.masks().forEach((table, masked) -> {
        Set<String> cols = warehouseTable(columns, table, path + ".masks." + table);
        if (cols != null) {
          masked.keySet().forEach(c -> warehouseColumn(cols, table, c, path + ".masks." + table));
        }
      });
    }
  }

  private Set<String> warehouseTable(Map<String, Set<String>> columns, String table,
      String path) {
    Set<String> cols = columns.get(table.toLowerCase(Locale.ROOT));
    if (cols == null) {
      problem(path, "the security section names table '" + table + "', which the warehouse "
          + "does not have; it has: " + names(columns.keySet()));
    }
    return cols;
  }

  private void warehouseColumn(Set<String> cols, String table, String column, String path) {
    if (!cols.contains(column.toLowerCase(Locale.ROOT))) {
      problem(path, "the security section names column '" + column + "' of table '" + table
          + "', which it does not have; its columns are: " + names(cols));
    }
  }

  private void expressionColumns(Map<String, Set<String>> cols, String table, String expression,
      String path, String what) {
    try {
      SqlNode e = SqlParser.create(expression, EXPRESSION_PARSER).parseExpression();
      for (SqlIdentifier id : identifiers(e)) {
        ref(cols, table, String.join(".", id.names), path, what);
      }
    } catch (SqlParseException ignored) {
      // reported by validate()
    }
  }

  private void ref(Map<String, Set<String>> cols, String table, String ref, String path,
      String what) {
    int dot = ref.indexOf('.');
    if (dot < 0) {
      column(cols, table, ref, path, what);
    } else {
      column(cols, ref.substring(0, dot), ref.substring(dot + 1), path, what);
    }
  }

  private void column(Map<String, Set<String>> cols, String table, String column, String path,
      String what) {
    Set<String> c = cols.get(table);
    if (c != null && !c.contains(column.toLowerCase(Locale.ROOT))) {
      problem(path, what + " names column '" + column + "', which table '" + table
          + "' does not have; its columns are: " + names(c));
    }
  }

  private static String names(Set<String> names) {
    return String.join(", ", new TreeSet<>(names));
  }
}
