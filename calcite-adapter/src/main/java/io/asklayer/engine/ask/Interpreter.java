package io.asklayer.engine.ask;

import io.asklayer.engine.error.ErrorKind;
import io.asklayer.engine.model.Dimension;
import io.asklayer.engine.model.Language;
import io.asklayer.engine.model.Metric;
import io.asklayer.engine.model.ModelTable;
import io.asklayer.engine.model.SemanticModel;
import io.asklayer.engine.model.TimeGrain;
import io.asklayer.engine.semantic.MetricQuery;
import io.asklayer.engine.warehouse.MetadataSnapshot;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Reads a question into a {@link MetricQuery} without a language model: every word must be part of
 * a metric, a dimension, a value the warehouse holds, a time expression, a ranking, or filler. A
 * question with a word left over is refused, naming the word, because answering the rest would
 * answer a different question. Grounded in three sources: the model's names and synonyms, the
 * metadata snapshot's values, and {@link TimeExpressions}.
 *
 * <p>Immutable and safe to share; one per model and metadata snapshot.
 */
public final class Interpreter {
  private static final Set<String> FILTER_GLUE = Set.of("the", "in", "for", "from", "of", "at",
      "on", "only", "any", "all", "to", "through", "via", "with", "within", "by");
  private static final Set<String> LIST_GLUE = Set.of("and", "or", ",", "&", "nor", "/", "plus",
      "as", "well");
  private static final Set<String> VERSUS = Set.of("vs", "versus", "against", "compared");

  private final SemanticModel model;
  private final MetadataSnapshot snapshot;
  private final Lexicon lexicon;
  private final WordForms wordForms;
  private final TermSuggestions suggestions;
  private final Admission admission;

  public Interpreter(SemanticModel model, MetadataSnapshot snapshot) {
    this.model = model;
    this.snapshot = snapshot;
    this.lexicon = Lexicon.of(model, snapshot);
    Set<String> modelWords = new java.util.HashSet<>(model.language().verbs().keySet());
    model.language().documents().values().forEach(d -> {
      modelWords.addAll(d.words());
      modelWords.addAll(d.complaintWords());
      modelWords.addAll(d.searchWords());
    });
    this.wordForms = new WordForms(lexicon, modelWords);
    this.suggestions = new TermSuggestions(model);
    this.admission = new Admission(model, coverage(), example());
  }

  /** What a question means, or an {@link AskRefusal} saying what could not be understood. */
  public Interpretation interpret(String question, LocalDate today) {
    return new Reader(question, today).read();
  }

  /** The model verb a token is a form of ("sold" of "sell"), or null. */
  private String verbOf(Token t) {
    return verbOf(model, t);
  }

  static String verbOf(SemanticModel model, Token t) {
    if (t.kind() != Token.Kind.WORD) {
      return null;
    }
    Map<String, Map<String, String>> verbs = model.language().verbs();
    if (verbs.containsKey(t.norm())) {
      return t.norm();
    }
    for (String f : Lemmas.forms(t.norm())) {
      if (verbs.containsKey(f)) {
        return f;
      }
    }
    return null;
  }

  /** "top 5", "lowest", "most common": a ranking, with its direction and any number of rows. */
  private record Rank(int start, int end, boolean descending, Integer rows, boolean topWord,
      boolean bySelling, boolean orderOnly) {
  }

  /** The reading of one question. */
  private final class Reader {
    private final String question;
    private final LocalDate today;
    private final List<Token> tokens;
    private final boolean[] taken;
    private final List<Interpretation.Reading> readings = new ArrayList<>();
    private final List<Mention> mentions = new ArrayList<>();
    private final List<TimeExpressions.Found> ranges = new ArrayList<>();
    private final List<TimeExpressions.Found> grains = new ArrayList<>();
    private final List<Rank> ranks = new ArrayList<>();
    private final Set<Integer> absorbed = new LinkedHashSet<>();
    private final Set<Integer> negated = new LinkedHashSet<>();
    private final Set<Integer> versus = new LinkedHashSet<>();
    private final List<String> warnings = new ArrayList<>();
    private final List<WordForms.Correction> corrections = new ArrayList<>();
    private OperatorReader.Operators operators = new OperatorReader.Operators();

    Reader(String question, LocalDate today) {
      this.question = question;
      this.today = today;
      this.tokens = wordForms.normalize(Tokenizer.tokenize(question), corrections);
      this.taken = new boolean[tokens.size()];
    }

    Interpretation read() {
      admission.check(question, Tokenizer.tokenize(question));
      for (TimeExpressions.Found f : TimeExpressions.ranges(tokens, today)) {
        ranges.add(f);
        take(f.start(), f.end());
      }
      findRanks();
      findPhrases();
      readAggregationWords();
      readPercentAfter();
      for (int i = 0; i < tokens.size(); i++) {
        if (!taken[i]) {
          TimeExpressions.Found g = TimeExpressions.grain(tokens, i);
          if (g != null && !anyTaken(g.start(), g.end())) {
            grains.add(g);
            take(g.start(), g.end());
            int before = previousWord(g.start());
            if (before >= 0 && Words.GROUPERS.contains(norm(before))) {
              take(before, before + 1);
            }
          }
        }
      }
      dropSubjects();
      relateMentions();
      absorbRelated();
      countRanked();
      OperatorReader operatorReader = new OperatorReader(model, lexicon, tokens, taken,
          mentions, !ranks.isEmpty(), ranges, grains);
      operators = operatorReader.read(this::replaceWithRatio);
      Interpretation.Reading operator = operatorReader.unread();
      if (operator != null) {
        readings.add(operator);
        throw new AskRefusal(ErrorKind.UNSUPPORTED, OperatorReader.refusal(operator,
            metricList()), readings, List.of());
      }
      List<String> unknown = new ArrayList<>();
      List<String> ignored = new ArrayList<>();
      for (Token t : tokens) {
        if (taken[t.index()]) {
          continue;
        }
        if (Words.FILLER.contains(t.norm()) || Words.GROUPERS.contains(t.norm())
            || Words.NEGATORS.contains(t.norm()) || LIST_GLUE.contains(t.norm())
            || VERSUS.contains(t.norm()) || Words.RELATIONS.contains(t.norm())
            || verbOf(t) != null && !beforeMetric(t.index()) || t.kind() == Token.Kind.SYMBOL) {
          if (t.kind() != Token.Kind.SYMBOL) {
            ignored.add(t.text());
          }
        } else {
          unknown.add(t.text());
        }
      }
      Intent intent = documentIntent();
      if (intent != null && !model.documents().isEmpty()) {
        return readDocuments(intent, unknown, ignored);
      }
      describeParts();
      if (!unknown.isEmpty()) {
        throw notUnderstood(unknown);
      }
      MetricQuery query = build();
      return new Interpretation(question, query, readings, ignored, warnings);
    }

    // Questions answered from documents -------------------------------------------------

    /** What makes a question one for documents, and which documents. */
    private record Intent(String source, boolean complaint, int start, int end) {
    }

    private Intent documentIntent() {
      String named = null;
      boolean complaint = false;
      int first = -1;
      int last = -1;
      boolean why = false;
      for (Token t : tokens) {
        if (taken[t.index()]) {
          continue;
        }
        String w = t.norm();
        boolean hit = true;
        String source = sourceNamedBy(w);
        if (source != null) {
          // a source other than the complaints' wins: "complaints about the refund policy"
          named = named == null || complaintSource() != null && named.equals(complaintSource())
              ? source : named;
        } else if (complaintWord(w)) {
          complaint = true;
        } else if (w.equals("why")) {
          why = true;
        } else if (!DocWords.SAYING.contains(w)) {
          hit = false;
        }
        if (hit) {
          first = first < 0 ? t.index() : first;
          last = t.index();
        }
      }
      boolean metricNamed = mentions.stream().anyMatch(m -> m.meaning()
          instanceof Lexicon.MetricName && !subject(m));
      if (first < 0 || why && !complaint && named == null && metricNamed && last == first) {
        // "why did revenue fall?" is a question about numbers this reader cannot answer.
        return null;
      }
      String source = named != null ? named : sourceAbout();
      boolean other = source != null && !source.equals(complaintSource());
      if (source == null) {
        source = complaintSource() != null ? complaintSource()
            : model.documents().keySet().iterator().next();
      }
      return new Intent(source, complaint || why && !other, first, last + 1);
    }

    /** The document source whose words (in the model's language) include a word, or null. */
    private String sourceNamedBy(String w) {
      for (var e : model.language().documents().entrySet()) {
        if (e.getValue().words().contains(w) && model.documents().containsKey(e.getKey())) {
          return e.getKey();
        }
      }
      return null;
    }

    /** The source a named dimension routes to ("about: [supplier]"), or null. */
    private String sourceAbout() {
      for (var e : model.language().documents().entrySet()) {
        for (Mention m : mentions) {
          String d = m.meaning() instanceof Lexicon.DimensionName n ? n.dimension()
              : m.meaning() instanceof Lexicon.Value v ? v.dimension() : null;
          if (d != null && e.getValue().about().contains(d)
              && model.documents().containsKey(e.getKey())) {
            return e.getKey();
          }
        }
      }
      return null;
    }

    /** The source complaints are read from (the model's), or null. */
    private String complaintSource() {
      for (var e : model.language().documents().entrySet()) {
        if (!e.getValue().complaintWords().isEmpty() && model.documents().containsKey(e.getKey())) {
          return e.getKey();
        }
      }
      return null;
    }

    private boolean complaintWord(String w) {
      return model.language().documents().values().stream()
          .anyMatch(d -> d.complaintWords().contains(w));
    }

    /** Whether a word is one of the model's document words, or an English one of saying. */
    private boolean documentWord(String w) {
      return DocWords.SAYING.contains(w) || complaintWord(w) || sourceNamedBy(w) != null
          || w.equals("why");
    }

    /**
     * A metric mention that names who is speaking, not a number: it stands right before (or
     * before "who", "are") a word of saying or complaint ("customers complaining", "what do
     * customers say").
     */
    private boolean subject(Mention m) {
      int i = m.end();
      while (i < tokens.size() && (is(i, "who") || is(i, "are") || is(i, "were") || is(i, "is"))) {
        i++;
      }
      return i < tokens.size() && (DocWords.SAYING.contains(norm(i)) || complaintWord(norm(i)));
    }

    private Interpretation readDocuments(Intent intent, List<String> unknown,
        List<String> ignored) {
      readings.add(new Interpretation.Reading("route", "documents: " + intent.source(),
          words(intent.start(), intent.end())));
      // A name the data does not hold is still refused: "the Atlantis region".
      for (Token t : tokens) {
        if (unknown.contains(t.text()) && !taken[t.index()] && !documentWord(t.norm())
            && dimensionBeside(t.index()) != null
            && !lexicon.values(dimensionBeside(t.index())).isEmpty()) {
          throw notUnderstood(List.of(t.text()));
        }
      }
      String sku = null;
      String supplier = null;
      String region = null;
      List<String> phrases = new ArrayList<>();
      List<String> metrics = new ArrayList<>();
      for (int k = 0; k < mentions.size(); k++) {
        Mention m = mentions.get(k);
        if (m.meaning() instanceof Lexicon.MetricName n && !subject(m)) {
          metrics.add(n.metric());
        } else if (m.meaning() instanceof Lexicon.Value v) {
          if (negated.contains(k) || v.values().size() != 1) {
            throw new AskRefusal(ErrorKind.USER, "Documents can be narrowed to one product, "
                + "SKU, brand, supplier or region at a time, not '" + words(m.start(), m.end())
                + "'. Ask about one.", readings, List.of());
          }
          String value = v.values().get(0);
          switch (v.dimension()) {
            case "sku" -> sku = value;
            case "supplier" -> supplier = value;
            case "region" -> region = value;
            case "product", "brand" -> phrases.add(value);
            default -> throw new AskRefusal(ErrorKind.USER, "Documents can be narrowed by "
                + "product, SKU, brand, supplier, region and time, not by "
                + v.dimension().replace('_', ' ') + " ('" + value + "'). Ask about a product or "
                + "a brand instead.", readings, List.of());
          }
          readings.add(new Interpretation.Reading("filter", v.dimension() + " = " + value,
              words(m.start(), m.end())));
        }
      }
      List<String> query = new ArrayList<>();
      Language.DocumentWords words = model.language().documents().get(intent.source());
      for (Token t : tokens) {
        if (taken[t.index()] || t.kind() == Token.Kind.SYMBOL) {
          continue;
        }
        String w = t.norm();
        boolean searched = words != null && (words.searched() && words.words().contains(w)
            || words.searchWords().contains(w));
        if (searched || !DocWords.STOP.contains(w) && !Words.FILLER.contains(w)
            && !documentWord(w)) {
          query.add(t.text());
        }
      }
      MetricQuery.TimeRange time = timeRange();
      LocalDate from = time == null ? null : time.from();
      LocalDate to = time == null || time.to() == null ? null : time.to().minusDays(1);
      ranges.forEach(r -> readings.add(new Interpretation.Reading("time", r.meaning(),
          words(r.start(), r.end()))));
      // Complaints are low-rated documents of the source the model reads them from.
      boolean reviews = intent.source().equals(complaintSource());
      Integer maxRating = reviews && intent.complaint() && words != null
          ? words.complaintRating() : null;
      boolean themed = query.isEmpty() && reviews;
      int k = ranks.isEmpty() || ranks.get(0).rows() == null ? 5 : ranks.get(0).rows();
      if (maxRating != null) {
        readings.add(new Interpretation.Reading("filter", "rating at most " + maxRating,
            "complaints are low-rated " + intent.source().replace('_', ' ')));
      }
      readings.add(new Interpretation.Reading("search", themed
          ? "the theme the matching reviews share" : String.join(" ", query),
          themed ? "(no other words to search for)" : String.join(" ", query)));
      Interpretation.DocumentQuestion docs = new Interpretation.DocumentQuestion(
          intent.source(), String.join(" ", query), sku, supplier, region, phrases, from, to,
          maxRating, themed, k);
      if (!groupByMentions().isEmpty()) {
        throw new AskRefusal(ErrorKind.USER, "Documents answer with passages, not numbers by "
            + "dimension: '" + words(groupByMentions().get(0).start(), groupByMentions().get(0)
            .end()) + "' cannot group them. Ask for the documents, or for a metric by that "
            + "dimension separately.", readings, List.of());
      }
      MetricQuery numbers = null;
      if (!metrics.isEmpty()) {
        if (!groupByMentions().isEmpty() || !grains.isEmpty()) {
          throw new AskRefusal(ErrorKind.USER, "A question can combine documents with numbers "
              + "only as totals; ask for the numbers by " + "dimension separately.", readings,
              List.of());
        }
        List<MetricQuery.Filter> filters = new ArrayList<>();
        if (sku != null) {
          filters.add(MetricQuery.Filter.in("sku", sku));
        }
        if (supplier != null) {
          filters.add(MetricQuery.Filter.in("supplier", supplier));
        }
        if (region != null) {
          filters.add(MetricQuery.Filter.in("region", region));
        }
        for (String p : phrases) {
          String dim = lexicon.values("product").contains(p) ? "product" : "brand";
          filters.add(MetricQuery.Filter.in(dim, p));
        }
        numbers = new MetricQuery(metrics, List.of(), filters, time, List.of(), null);
        for (Mention m : mentions) {
          if (m.meaning() instanceof Lexicon.MetricName n && !subject(m)) {
            readings.add(new Interpretation.Reading("metric", n.metric(),
                words(m.start(), m.end())));
          }
        }
      }
      List<String> filler = new ArrayList<>(ignored);
      query.forEach(filler::remove);
      return new Interpretation(question, numbers, docs, readings, filler, warnings);
    }

    private List<Mention> groupByMentions() {
      List<Mention> out = new ArrayList<>();
      for (int k = 0; k < mentions.size(); k++) {
        if (mentions.get(k).meaning() instanceof Lexicon.DimensionName && !absorbed.contains(k)
            && grouper(previousWord(mentions.get(k).start()))) {
          out.add(mentions.get(k));
        }
      }
      return out;
    }

    // Refusals before reading ------------------------------------------------------------

    // Finding the parts ------------------------------------------------------------------

    private void findRanks() {
      for (int i = 0; i < tokens.size(); i++) {
        if (taken[i]) {
          continue;
        }
        Token t = tokens.get(i);
        String w = t.norm();
        // "highest first", "highest revenue first": an order, not a cut
        if (Words.HIGHEST.contains(w) || Words.LOWEST.contains(w)) {
          int first = -1;
          for (int j = i + 1; j <= i + 4 && j < tokens.size(); j++) {
            if (is(j, "first")) {
              first = j;
              break;
            }
            if (Words.GROUPERS.contains(norm(j)) || taken[j]) {
              break;
            }
          }
          if (first > 0) {
            ranks.add(new Rank(i, i + 1, Words.HIGHEST.contains(w), null, false, false, true));
            take(i, i + 1);
            take(first, first + 1);
            continue;
          }
        }
        if (w.equals("descending") || w.equals("desc") || w.equals("ascending")
            || w.equals("asc")) {
          int end = is(i + 1, "order") ? i + 2 : i + 1;
          ranks.add(new Rank(i, end, w.startsWith("desc"), null, false, false, true));
          take(i, end);
          continue;
        }
        // "at least 100 orders", "at most 5%": a condition on a metric (OperatorReader)
        if ((w.equals("least") || w.equals("most")) && is(i - 1, "at")) {
          continue;
        }
        boolean top = w.equals("top") || w.equals("bottom");
        boolean high = Words.HIGHEST.contains(w);
        boolean low = Words.LOWEST.contains(w);
        if (!high && !low) {
          // "which 3 stores", "the 5 best", "what 10 products"
          if (isCount(i) && i > 0 && (is(i - 1, "which") || is(i - 1, "what"))) {
            addRank(i, i + 1, true, count(i), false, false);
          } else if (isCount(i) && i + 1 < tokens.size()
              && (Words.HIGHEST.contains(norm(i + 1)) || Words.LOWEST.contains(norm(i + 1)))) {
            int end = i + 2;
            addRank(i, end, Words.HIGHEST.contains(norm(i + 1)), count(i), true, false);
            i = end - 1;
          } else if (Words.ORDERINGS.contains(w) && is(i + 1, "by")) {
            // "brands ranked by revenue": an order, not a cut
            ranks.add(new Rank(i, i + 2, true, null, false, false, true));
            take(i, i + 2);
            i++;
          }
          continue;
        }
        int end = i + 1;
        Integer rows = null;
        if (isCount(end)) {
          rows = count(end);
          end++;
        }
        if (is(end, "common") || is(end, "frequent") || is(end, "popular")) {
          end++;
        }
        addRank(i, end, high, rows, top, false);
        i = end - 1;
      }
      // "ranked by units, lowest first": the direction said wins over the ordering word's.
      if (ranks.size() == 2 && ranks.get(0).orderOnly() && ranks.get(1).orderOnly()
          && Words.ORDERINGS.contains(norm(ranks.get(0).start()))) {
        ranks.remove(0);
      }
      // "which 3 stores had the lowest revenue": one ranking, its number from the first part.
      if (ranks.size() == 2 && ranks.get(0).rows() != null && !ranks.get(0).topWord()
          && ranks.get(1).rows() == null) {
        Rank a = ranks.get(0);
        Rank b = ranks.get(1);
        ranks.clear();
        ranks.add(new Rank(b.start(), b.end(), b.descending(), a.rows(), b.topWord(),
            b.bySelling(), false));
      }
    }


    private void addRank(int start, int end, boolean descending, Integer rows, boolean top,
        boolean selling) {
      ranks.add(new Rank(start, end, descending, rows, top, selling, false));
      take(start, end);
    }

    private void findPhrases() {
      List<java.util.Set<String>> readings = new ArrayList<>();
      for (Token t : tokens) {
        readings.add(taken[t.index()] ? Set.of() : lexicon.readings(t));
      }
      for (int i = 0; i < tokens.size(); i++) {
        List<Lexicon.Match> found = lexicon.matchesAt(tokens, readings, taken, i);
        if (found.isEmpty()) {
          continue;
        }
        int longest = found.stream().mapToInt(Lexicon.Match::length).max().orElseThrow();
        List<Lexicon.Match> best = found.stream().filter(m -> m.length() == longest).toList();
        if (best.stream().anyMatch(Lexicon.Match::exact)) {
          best = best.stream().filter(Lexicon.Match::exact).toList();
        }
        // "Boston" is a city before it is the start of "Boston Riverside"
        if (best.stream().anyMatch(m -> !m.entry().partial())) {
          best = best.stream().filter(m -> !m.entry().partial()).toList();
        }
        Lexicon.Meaning meaning = choose(best, i, longest);
        Lexicon.Match m = best.get(0);
        mentions.add(new Mention(i, m.end(), meaning));
        take(i, m.end());
        i = m.end() - 1;
      }
    }

    /**
     * Words that say how to aggregate, read with the metric after them when they agree with its
     * definition: "distinct buyers" (a count of distinct), "average rating" (a mean), "combined
     * sales" (a sum). "average review rating" is the mean of a numeric dimension: the model's
     * metric that averages its column. Anything else is left to the operator reader or refused.
     */
    private void readAggregationWords() {
      mentions.sort(Comparator.comparingInt(Mention::start));
      for (int i = 0; i < tokens.size(); i++) {
        // Filler ("total", "number of") needs no reading; EXPLAIN lists it as filler.
        if (taken[i] || !Words.AGGREGATION.contains(norm(i)) || Words.FILLER.contains(norm(i))) {
          continue;
        }
        int j = i + 1;
        while (j < tokens.size() && !taken[j] && (is(j, "of") || is(j, "the")
            || Words.AGGREGATION.contains(norm(j)))) {
          j++;
        }
        Mention m = mentionAt(j);
        if (m == null) {
          continue;
        }
        if (m.meaning() instanceof Lexicon.MetricName n && agrees(norm(i), model.metrics()
            .get(n.metric()))) {
          take(i, j);
        } else if (m.meaning() instanceof Lexicon.MetricName n && percentWord(norm(i))
            && fractionOf(n.metric()) != null) {
          mentions.set(mentions.indexOf(m), new Mention(m.start(), m.end(),
              new Lexicon.MetricName(fractionOf(n.metric()))));
          take(i, j);
        } else if (m.meaning() instanceof Lexicon.DimensionName d && averageWord(norm(i))) {
          String avg = averageOf(dimension(d.dimension()));
          if (avg != null) {
            mentions.set(mentions.indexOf(m), new Mention(m.start(), m.end(),
                new Lexicon.MetricName(avg)));
            take(i, j);
          }
        }
      }
    }

    /** "margin as a percent", "margin in %": the percent word after its metric. */
    private void readPercentAfter() {
      for (int i = 0; i < tokens.size(); i++) {
        if (taken[i] || !percentWord(norm(i))) {
          continue;
        }
        int j = i - 1;
        while (j >= 0 && !taken[j] && (is(j, "as") || is(j, "a") || is(j, "in"))) {
          j--;
        }
        for (Mention m : new ArrayList<>(mentions)) {
          if (m.end() == j + 1 && m.meaning() instanceof Lexicon.MetricName n
              && fractionOf(n.metric()) != null) {
            mentions.set(mentions.indexOf(m), new Mention(m.start(), m.end(),
                new Lexicon.MetricName(fractionOf(n.metric()))));
            take(j + 1, i + 1);
          }
        }
      }
    }

    private boolean percentWord(String w) {
      return w.equals("percent") || w.equals("percentage") || w.equals("%");
    }

    /** The ratio metric that is a fraction of this metric (gross margin's margin %), or null. */
    private String fractionOf(String metric) {
      String found = null;
      for (Metric m : model.metrics().values()) {
        if (m.kind() == Metric.Kind.RATIO && metric.equals(m.numerator())
            && m.format() != Metric.Format.USD) {
          if (found != null) {
            return null;
          }
          found = m.name();
        }
      }
      return found;
    }

    private Mention mentionAt(int start) {
      for (Mention m : mentions) {
        if (m.start() == start) {
          return m;
        }
      }
      return null;
    }

    private boolean averageWord(String w) {
      return w.equals("average") || w.equals("mean");
    }

    private boolean agrees(String word, Metric m) {
      if (m == null) {
        return false;
      }
      Metric.Aggregation a = m.kind() == Metric.Kind.AGGREGATE ? m.aggregation() : null;
      return switch (word) {
        case "distinct", "unique", "different" -> a == Metric.Aggregation.COUNT_DISTINCT;
        case "average", "mean" -> a == Metric.Aggregation.AVG;
        case "number", "count" -> a == Metric.Aggregation.COUNT
            || a == Metric.Aggregation.COUNT_DISTINCT || a == Metric.Aggregation.SUM;
        case "combined", "sum", "total" -> a != Metric.Aggregation.AVG
            && m.kind() != Metric.Kind.RATIO;
        default -> false;
      };
    }

    /** The metric that averages a numeric dimension's column on its table, or null. */
    private String averageOf(Dimension d) {
      for (Metric m : model.metrics().values()) {
        if (m.kind() == Metric.Kind.AGGREGATE && m.aggregation() == Metric.Aggregation.AVG
            && d.table().equals(m.table()) && m.expression().trim().equalsIgnoreCase(d.sql())) {
          return m.name();
        }
      }
      return null;
    }

    /**
     * A metric's noun that is who acts, not what is counted, when another metric is asked for:
     * "how much did customers spend", "orders customers placed", "orders from customers in the
     * Corporate segment".
     */
    private void dropSubjects() {
      mentions.sort(Comparator.comparingInt(Mention::start));
      long metricsNamed = mentions.stream().filter(m -> m.meaning() instanceof Lexicon.MetricName)
          .count();
      if (metricsNamed < 2) {
        return;
      }
      for (int k = mentions.size() - 1; k >= 0 && metricsNamed > 1; k--) {
        Mention m = mentions.get(k);
        if (!(m.meaning() instanceof Lexicon.MetricName)) {
          continue;
        }
        int before = m.start() - 1;
        // "did customers place", "orders customers placed", "orders from customers in ..."
        // a plural noun before a verb acts: "customers spend"; "discount rate" is no actor
        Token last = tokens.get(m.end() - 1);
        boolean actor = m.end() < tokens.size() && verbOf(tokens.get(m.end())) != null
            && !last.norm().equals(last.stem())
            && (before < 0 || !Words.GROUPERS.contains(norm(before)));
        boolean afterFrom = before >= 0 && is(before, "from") && k + 1 < mentions.size();
        // "the average order value of Corporate customers": whom the value is about
        boolean afterValue = k > 0 && mentions.get(k - 1).end() == m.start()
            && mentions.get(k - 1).meaning() instanceof Lexicon.Value;
        if (actor || afterFrom || afterValue || countedBy(m, k)) {
          mentions.remove(k);
          metricsNamed--;
          readings.add(new Interpretation.Reading("subject", "what the metric counts, not "
              + "another metric", words(m.start(), m.end())));
        }
      }
    }

    /**
     * "how many units were sent back": a metric's noun that, with a later metric's words, makes
     * one of that metric's phrases ("units sent back") names what the later metric counts.
     */
    private boolean countedBy(Mention m, int k) {
      List<String> words = new ArrayList<>();
      for (int i = m.start(); i < m.end(); i++) {
        words.add(Lexicon.indexForm(tokens.get(i).stem()));
      }
      for (int j = k + 1; j < mentions.size(); j++) {
        if (!(mentions.get(j).meaning() instanceof Lexicon.MetricName other)) {
          continue;
        }
        for (List<String> phrase : lexicon.phrasesOf(other.metric())) {
          if (phrase.size() > words.size() && phrase.subList(0, words.size()).equals(words)) {
            return true;
          }
        }
      }
      return false;
    }

    /**
     * A dimension's noun followed by a value it relates to names the rows the value picks, and
     * groups nothing: "suppliers located in Canada", "stores based in Chicago", "products from
     * suppliers based in China", "items in the Apparel category".
     */
    private void absorbRelated() {
      for (int k = mentions.size() - 2; k >= 0; k--) {
        Mention m = mentions.get(k);
        if (!(m.meaning() instanceof Lexicon.DimensionName) || absorbed.contains(k)
            || grouper(previousWord(m.start())) || rankedBefore(m.start()) || ranked(m)) {
          continue;
        }
        Mention next = mentions.get(k + 1);
        boolean leadsToValue = next.meaning() instanceof Lexicon.Value
            || next.meaning() instanceof Lexicon.DimensionName && absorbed.contains(k + 1);
        int gap = next.start() - m.end();
        if (leadsToValue && gap >= 1 && gap <= 3 && onlyRelationWords(m.end(), next.start())) {
          absorbed.add(k);
        }
      }
    }

    /** Whether a ranking picks from this dimension: the first one named after it. */
    private boolean ranked(Mention m) {
      if (ranks.isEmpty()) {
        return false;
      }
      for (Mention d : mentions) {
        if (d.meaning() instanceof Lexicon.DimensionName && d.start() >= ranks.get(0).end()) {
          return d == m;
        }
      }
      return false;
    }

    private boolean onlyRelationWords(int from, int to) {
      boolean relation = false;
      for (int i = from; i < to; i++) {
        String w = norm(i);
        if (taken[i] && !Words.RELATIONS.contains(w)) {
          return false;
        }
        relation |= Words.RELATIONS.contains(w) || FILTER_GLUE.contains(w);
        if (!Words.RELATIONS.contains(w) && !FILTER_GLUE.contains(w)
            && !Words.FILLER.contains(w)) {
          return false;
        }
      }
      return relation;
    }

    /** "the 3 stores with the least revenue": the number before the ranked noun. */
    private void countRanked() {
      if (ranks.isEmpty() || ranks.get(0).rows() != null) {
        return;
      }
      for (Mention m : mentions) {
        if (!(m.meaning() instanceof Lexicon.DimensionName)) {
          continue;
        }
        int before = m.start() - 1;
        if (before >= 0 && isCount(before)) {
          Rank r = ranks.get(0);
          ranks.set(0, new Rank(r.start(), r.end(), r.descending(), count(before), r.topWord(),
              r.bySelling(), false));
          take(before, before + 1);
          return;
        }
      }
    }

    /** "revenue per order": the model's ratio of the two, in place of both. */
    private void replaceWithRatio(Mention numerator, Mention denominator, String ratio) {
      int k = mentions.indexOf(numerator);
      mentions.remove(denominator);
      mentions.set(k, new Mention(numerator.start(), denominator.end(),
          new Lexicon.MetricName(ratio)));
      take(numerator.start(), denominator.end());
    }

    /** Of several meanings of the same words, the one the words around them point to. */
    private Lexicon.Meaning choose(List<Lexicon.Match> best, int start, int length) {
      List<Lexicon.Meaning> meanings = best.stream().map(m -> m.entry().meaning()).distinct()
          .toList();
      if (meanings.size() == 1) {
        return meanings.get(0);
      }
      List<Lexicon.Meaning> values = meanings.stream()
          .filter(m -> m instanceof Lexicon.Value).toList();
      List<Lexicon.Meaning> names = meanings.stream()
          .filter(m -> !(m instanceof Lexicon.Value)).toList();
      int end = best.get(0).end();
      // A value whose dimension is named beside it: "the Store channel", "brand Lumea".
      for (Lexicon.Meaning v : values) {
        String dim = ((Lexicon.Value) v).dimension();
        if (namesDimension(end, dim) || namesDimension(previousWord(start), dim)) {
          return v;
        }
      }
      if (!values.isEmpty() && (names.isEmpty() || start > 0 && tokens.get(start).capitalized()
          && !grouper(previousWord(start)))) {
        return values.get(0);
      }
      // A metric, unless grouped by: "by rating" groups, "average rating" measures.
      for (Lexicon.Meaning n : names) {
        if (n instanceof Lexicon.DimensionName && grouper(previousWord(start))) {
          return n;
        }
      }
      return names.stream().filter(n -> n instanceof Lexicon.MetricName).findFirst()
          .orElse(names.get(0));
    }

    /** How the phrases relate: values with their dimension's name, negations, lists. */
    private void relateMentions() {
      mentions.sort(Comparator.comparingInt(Mention::start));
      for (int k = 0; k < mentions.size(); k++) {
        Mention m = mentions.get(k);
        if (!(m.meaning() instanceof Lexicon.Value v)) {
          continue;
        }
        // "the North region", "region North", "category: Electronics"
        for (int j : new int[] {k - 1, k + 1}) {
          if (j >= 0 && j < mentions.size()
              && mentions.get(j).meaning() instanceof Lexicon.DimensionName d
              && d.dimension().equals(v.dimension()) && adjacent(mentions.get(Math.min(j, k)),
                  mentions.get(Math.max(j, k)))) {
            absorbed.add(j);
          }
        }
      }
      // "Electronics products", "Chicago stores", "defective items": the noun after a value
      // says what the value is about; it groups only when asked to ("by", "which", "top 5").
      for (int k = 1; k < mentions.size(); k++) {
        Mention v = mentions.get(k - 1);
        Mention d = mentions.get(k);
        if (v.meaning() instanceof Lexicon.Value && d.meaning() instanceof Lexicon.DimensionName
            && d.start() == v.end() && !grouper(previousWord(d.start()))
            && !grouper(previousWord(v.start())) && !rankedBefore(v.start())) {
          absorbed.add(k);
        }
      }
      // "supplier's products": the products belong to the supplier asked about.
      for (int k = 0; k + 1 < mentions.size(); k++) {
        Mention a = mentions.get(k);
        Mention b = mentions.get(k + 1);
        if (a.meaning() instanceof Lexicon.DimensionName
            && b.meaning() instanceof Lexicon.DimensionName && a.end() < tokens.size()
            && tokens.get(a.end()).is("'s") && b.start() == a.end() + 1) {
          absorbed.add(k + 1);
        }
      }
      // Negation reaches the values listed after it: "excluding Central and West".
      for (int k = 0; k < mentions.size(); k++) {
        Mention m = mentions.get(k);
        if (!(m.meaning() instanceof Lexicon.Value v)) {
          continue;
        }
        int p = k - 1;
        while (p >= 0 && absorbed.contains(p)) {
          p--;
        }
        if (negatedBefore(m.start()) || negatedAfter(m.end())) {
          negated.add(k);
        } else if (p >= 0 && mentions.get(p).meaning() instanceof Lexicon.Value pv
            && pv.dimension().equals(v.dimension()) && listed(mentions.get(p), m)) {
          if (negated.contains(p)) {
            negated.add(k);
          }
          if (versusBetween(mentions.get(p), m)) {
            versus.add(p);
            versus.add(k);
          }
        }
      }
      // "online sales vs in-store sales": values compared across a metric's name are compared.
      for (int k = 0; k < mentions.size(); k++) {
        if (!(mentions.get(k).meaning() instanceof Lexicon.Value a)) {
          continue;
        }
        for (int j = k + 1; j < mentions.size(); j++) {
          if (mentions.get(j).meaning() instanceof Lexicon.Value b) {
            if (b.dimension().equals(a.dimension())
                && versusBetween(mentions.get(k), mentions.get(j))
                && onlyMetricsOrGlueBetween(mentions.get(k).end(), mentions.get(j).start())) {
              versus.add(k);
              versus.add(j);
            }
            break;
          }
        }
      }
      // The words that made a grouping or a negation are used, not filler.
      for (int k = 0; k < mentions.size(); k++) {
        Mention m = mentions.get(k);
        int before = previousWord(m.start());
        if (m.meaning() instanceof Lexicon.DimensionName && !absorbed.contains(k) && before >= 0
            && Words.GROUPERS.contains(norm(before))) {
          take(before, before + 1);
        }
        if (negated.contains(k)) {
          if (negatedAfter(m.end())) {
            take(m.end(), is(m.end(), "left") ? m.end() + 2 : m.end() + 1);
          }
          for (int i = before; i >= 0 && i >= before - 2; i--) {
            if (Words.NEGATORS.contains(norm(i)) || is(i, "other") || is(i, "than")
                || is(i, "apart") || is(i, "out") || is(i, "leaving") || is(i, "left")
                || is(i, "counting") || is(i, "including")) {
              take(i, i + 1);
            }
          }
        }
      }
    }

    /** Whether a ranking ("top 5", "which 3") comes right before token i. */
    private boolean rankedBefore(int i) {
      int j = previousWord(i);
      for (Rank r : ranks) {
        if (r.end() - 1 == j || r.end() == i) {
          return true;
        }
      }
      return false;
    }

    private boolean negatedBefore(int start) {
      int i = start - 1;
      while (i >= 0 && (FILTER_GLUE.contains(norm(i)) || tokens.get(i).kind()
          == Token.Kind.SYMBOL && !tokens.get(i).is(","))) {
        i--;
      }
      if (i < 0) {
        return false;
      }
      String w = norm(i);
      if (w.equals("than") && i > 0 && is(i - 1, "other")) {
        return true;
      }
      if (w.equals("from") && i > 0 && is(i - 1, "apart")) {
        return true;
      }
      // "leaving out Beauty", "not counting Central", "not including Toys", "all but Home"
      if (w.equals("out") && i > 0 && Set.of("leaving", "leave", "left", "leaves")
          .contains(norm(i - 1)) || (w.equals("counting") || w.equals("including")) && i > 0
          && is(i - 1, "not") || w.equals("but") && i > 0 && Set.of("everything", "all",
          "anything", "everywhere").contains(norm(i - 1))) {
        return true;
      }
      return Words.NEGATORS.contains(w) && !w.equals("but") || w.equals("but") && is(i + 1,
          "not");
    }

    /** "Electronics left out", "Toys excluded": a negation after the value. */
    private boolean negatedAfter(int end) {
      return is(end, "left") && is(end + 1, "out") || is(end, "excluded");
    }

    /** Whether only list words (and, or, commas, vs) stand between two mentions. */
    private boolean listed(Mention a, Mention b) {
      for (int i = a.end(); i < b.start(); i++) {
        if (inAbsorbed(i)) {
          continue;
        }
        String w = norm(i);
        if (!LIST_GLUE.contains(w) && !VERSUS.contains(w) && !FILTER_GLUE.contains(w)
            && !w.equals("to") && !Words.NEGATORS.contains(w)) {
          return false;
        }
      }
      return true;
    }

    private boolean onlyMetricsOrGlueBetween(int from, int to) {
      for (int i = from; i < to; i++) {
        boolean inMetric = false;
        for (Mention m : mentions) {
          inMetric |= m.meaning() instanceof Lexicon.MetricName && m.start() <= i && i < m.end();
        }
        String w = norm(i);
        if (!inMetric && !LIST_GLUE.contains(w) && !VERSUS.contains(w)
            && !FILTER_GLUE.contains(w) && !w.equals("to") && !inAbsorbed(i)) {
          return false;
        }
      }
      return true;
    }

    private boolean inAbsorbed(int i) {
      for (int k : absorbed) {
        if (mentions.get(k).start() <= i && i < mentions.get(k).end()) {
          return true;
        }
      }
      return false;
    }

    private boolean versusBetween(Mention a, Mention b) {
      for (int i = a.end(); i < b.start(); i++) {
        if (VERSUS.contains(norm(i))) {
          return true;
        }
      }
      return false;
    }

    private boolean adjacent(Mention a, Mention b) {
      for (int i = a.end(); i < b.start(); i++) {
        if (!is(i, "the") && !is(i, ":") && !is(i, "=") && !is(i, "of")) {
          return false;
        }
      }
      return true;
    }

    // Building the query -----------------------------------------------------------------

    private MetricQuery build() {
      List<String> metrics = new ArrayList<>();
      List<Mention> groupBy = new ArrayList<>();
      Map<String, List<String>> in = new LinkedHashMap<>();
      Map<String, List<String>> notIn = new LinkedHashMap<>();
      Set<String> compared = new LinkedHashSet<>();
      for (int k = 0; k < mentions.size(); k++) {
        Mention m = mentions.get(k);
        if (m.meaning() instanceof Lexicon.MetricName n) {
          if (!metrics.contains(n.metric()) && !operators.consumed.contains(m)) {
            metrics.add(n.metric());
          }
        } else if (m.meaning() instanceof Lexicon.DimensionName) {
          if (!absorbed.contains(k) && !operators.notGrouped.contains(m)) {
            groupBy.add(m);
          }
        } else if (m.meaning() instanceof Lexicon.Value v) {
          Map<String, List<String>> target = negated.contains(k) ? notIn : in;
          List<String> vs = target.computeIfAbsent(v.dimension(), x -> new ArrayList<>());
          for (String value : v.values()) {
            if (!vs.contains(value)) {
              vs.add(value);
            }
          }
          if (versus.contains(k)) {
            compared.add(v.dimension());
          }
        }
      }
      for (String shown : operators.shown) {
        if (!metrics.contains(shown)) {
          metrics.add(shown);
        }
      }
      String rankMetric = rankMetric(metrics);
      if (metrics.isEmpty() && rankMetric != null && operators.ops.isEmpty()) {
        metrics.add(rankMetric);
        readings.add(0, new Interpretation.Reading("metric", rankMetric,
            words(ranks.get(0).start(), ranks.get(0).end())));
      }
      if (metrics.isEmpty() && operators.ops.isEmpty()) {
        // "how much did we sell": the model's language says what a verb asks for.
        String ask = howMuchOrMany();
        for (Token t : tokens) {
          String verb = ask == null || taken[t.index()] ? null : verbOf(t);
          String named = verb == null ? null : model.language().verbs().get(verb).get(ask);
          if (named != null) {
            metrics.add(named);
            readings.add(0, new Interpretation.Reading("metric", named, ask + " ... "
                + t.text()));
            break;
          }
        }
      }
      if (metrics.isEmpty() && operators.ops.isEmpty()) {
        String implied = impliedMetric(groupBy);
        if (implied == null) {
          throw new AskRefusal(ErrorKind.USER, "The question names no metric, so there is "
              + "nothing to compute. Ask for one of: " + metricList() + ".", readings,
              List.of(), true);
        }
        metrics.add(implied);
        readings.add(0, new Interpretation.Reading("metric", implied, "implied by "
            + dimensionOf(groupBy.get(0)) + " (no metric named)"));
      }
      countedNouns(groupBy, metrics);
      List<MetricQuery.DimensionRef> dims = new ArrayList<>();
      Set<String> seen = new LinkedHashSet<>();
      for (Mention g : groupBy) {
        String d = dimensionOf(g);
        for (String x : withKeys(d)) {
          if (seen.add(x)) {
            dims.add(MetricQuery.DimensionRef.of(x));
          }
        }
      }
      for (String d : compared) {
        if (seen.add(d)) {
          dims.add(MetricQuery.DimensionRef.of(d));
          readings.add(new Interpretation.Reading("dimension", d, "compared values"));
        }
      }
      String timeDimension = timeDimensionOf(metrics.isEmpty() ? operators.ops.get(0).metric()
          : metrics.get(0));
      MetricQuery.TimeRange time = timeRange();
      if (operators.impliedGrain != null && grains.isEmpty()) {
        // "YoY revenue growth", "MoM growth in 2025": a row per period compared
        grains.add(new TimeExpressions.Found(0, 0, null, null, operators.impliedGrain.grain(),
            operators.impliedGrain.grain().name().toLowerCase(Locale.ROOT)
                + " (the comparison's period)"));
      }
      for (TimeExpressions.Found g : grains) {
        MetricQuery.DimensionRef ref = new MetricQuery.DimensionRef(timeDimension,
            g.grain() == TimeGrain.DAY ? null : g.grain());
        if (seen.add(ref.columnName())) {
          dims.add(ref);
        }
      }
      List<MetricQuery.Condition> having = new ArrayList<>();
      if (operators.share && dims.stream().noneMatch(d -> !dimension(d.dimension()).isTime())) {
        // "what percent of units were Toys": Toys' share of all, so Toys is a row, not a filter
        String part = in.size() == 1 ? in.keySet().iterator().next() : null;
        if (part == null || in.get(part).size() != 1) {
          throw new AskRefusal(ErrorKind.USER, "A share is of a part of a total: group by a "
              + "dimension ('share of revenue by channel') or name one value ('what percent of "
              + "units were Toys').", readings, List.of());
        }
        dims.add(0, MetricQuery.DimensionRef.of(part));
        having.add(new MetricQuery.Condition(part, MetricQuery.Comparison.EQ,
            in.remove(part).get(0)));
        readings.add(new Interpretation.Reading("operator", "the part: " + part + " = "
            + having.get(0).value() + ", as a share of all", "a value of the share's part"));
      }
      List<MetricQuery.Filter> filters = new ArrayList<>();
      in.forEach((d, v) -> filters.add(new MetricQuery.Filter(d, v, false)));
      notIn.forEach((d, v) -> filters.add(new MetricQuery.Filter(d, v, true)));
      // "per store" is per actual store: rows with no store (online sales) are not a store.
      for (MetricQuery.DimensionRef d : dims) {
        if (!dimension(d.dimension()).isTime() && !in.containsKey(d.dimension())) {
          filters.add(MetricQuery.Filter.present(d.dimension()));
        }
      }
      List<MetricQuery.Order> order = new ArrayList<>();
      Integer limit = null;
      List<MetricQuery.DimensionRef> limitPer = new ArrayList<>();
      if (!ranks.isEmpty() && !dims.isEmpty()) {
        Rank r = ranks.get(0);
        String key = rankMetric != null ? rankMetric : metrics.isEmpty()
            ? operators.ops.get(0).calculation().column() : metrics.get(0);
        for (OperatorReader.Op op : operators.ops) {
          // "top stores by revenue per customer": the rank is by the operator's column
          if (op.metric().equals(key) && !metrics.contains(key)) {
            key = op.calculation().column();
          }
        }
        order.add(new MetricQuery.Order(key, r.descending()));
        if (r.rows() != null) {
          limit = r.rows();
        } else if (!r.orderOnly()) {
          boolean plural = rankedPlural(r);
          if (r.topWord()) {
            limit = plural ? 10 : 1;
          } else if (!plural) {
            limit = 1;
          }
        }
        if (limit != null) {
          limitPer.addAll(rankedWithin(r, groupBy));
          limitPer.addAll(rankedWithinPeriods(dims, timeDimension));
        }
        readings.add(new Interpretation.Reading("order", key + (r.descending() ? " descending"
            : " ascending"), words(r.start(), r.end())));
        if (limit != null) {
          readings.add(new Interpretation.Reading("limit", String.valueOf(limit),
              words(r.start(), r.end()) + (r.rows() == null ? (limit == 1
                  ? " (one answer asked for)" : " (no number given: 10)") : "")));
        }
      } else if (!ranks.isEmpty()) {
        warnings.add("'" + words(ranks.get(0).start(), ranks.get(0).end()) + "' ranks nothing: "
            + "the question groups by no dimension, so the answer is a single row.");
      } else {
        // Time series read best in time order.
        for (MetricQuery.DimensionRef d : dims) {
          if (dimension(d.dimension()).isTime()) {
            order.add(MetricQuery.Order.asc(d.columnName()));
          }
        }
      }
      for (MetricQuery.Filter f : filters) {
        if (f.isPresence()) {
          readings.add(new Interpretation.Reading("filter", f.dimension() + " has a value",
              "grouping by " + f.dimension().replace('_', ' ') + " leaves out rows without one"));
        } else {
          readings.add(new Interpretation.Reading("filter", f.dimension()
              + (f.negated() ? " not in " : " in ") + f.values(), filterWords(f)));
        }
      }
      checkTimeAgainstData(time, timeDimension);
      List<MetricQuery.Calculation> calculations = new ArrayList<>();
      checkOperators(dims, time);
      for (OperatorReader.Op op : operators.ops) {
        calculations.add(op.calculation());
        readings.add(new Interpretation.Reading("operator", operatorMeaning(op), op.words()));
      }
      for (OperatorReader.Threshold t : operators.thresholds) {
        having.add(new MetricQuery.Condition(t.column(), t.comparison(),
            t.value().toPlainString()));
        readings.add(new Interpretation.Reading("operator", "metric filter: " + t.column() + " "
            + t.comparison().symbol() + " " + t.value().toPlainString(), t.words()));
      }
      if (operators.allMembers) {
        readings.add(new Interpretation.Reading("operator", "every member of " + dims.stream()
            .map(MetricQuery.DimensionRef::columnName).collect(Collectors.joining(", "))
            + ", with or without facts", operators.existenceWords));
      }
      if (!limitPer.isEmpty()) {
        readings.add(new Interpretation.Reading("operator", "top " + limit + " within each "
            + limitPer.stream().map(MetricQuery.DimensionRef::columnName).collect(
                Collectors.joining(", ")), words(ranks.get(0).start(), ranks.get(0).end())));
      }
      try {
        return new MetricQuery(metrics, dims, filters, time, order, limit, calculations, having,
            limitPer, operators.allMembers);
      } catch (IllegalArgumentException e) {
        throw new AskRefusal(ErrorKind.USER, "The question's time range is empty ("
            + e.getMessage() + "). Ask about a range whose start comes before its end.",
            readings, List.of());
      }
    }

    /**
     * "the best selling product in each category", "top 3 stores by revenue per region": the
     * dimensions other than the ranked one that the question groups by are the groups the
     * ranking counts rows within. The ranked dimension is the first named after the ranking; a
     * dimension listed with it ("top region and channel pairs") is ranked with it.
     */
    private List<MetricQuery.DimensionRef> rankedWithin(Rank r, List<Mention> groupBy) {
      Mention rankedDim = null;
      for (Mention m : groupBy) {
        // "the store with the highest revenue": the dimension just before the ranking word
        if (m.end() <= r.start() && r.start() - m.end() <= 4 && onlyWordsBetween(m.end(),
            r.start(), Set.of("with", "the", "that", "which", "had", "has", "have", "having",
                "made", "sold", "by"))) {
          rankedDim = m;
        }
      }
      for (Mention m : groupBy) {
        if (rankedDim == null && m.start() >= r.end() - 1) {
          rankedDim = m;
        }
      }
      if (rankedDim == null) {
        return List.of();
      }
      List<MetricQuery.DimensionRef> out = new ArrayList<>();
      for (Mention m : groupBy) {
        int before = previousWord(m.start());
        if (m == rankedDim || listed(rankedDim, m) || before < 0 || !Words.GROUPERS.contains(
            norm(before)) && !is(before, "within")) {
          continue;
        }
        out.add(MetricQuery.DimensionRef.of(dimensionOf(m)));
      }
      return out;
    }

    /**
     * "the best month of each year", "the top category in each month of 2025", "the region with
     * the lowest revenue per year": a time grain said with each, every or per is a group the
     * ranking counts rows within, as a dimension said so is. Without it such a ranking answered
     * the top rows over all periods (one month, where one per year was asked). Not a grain a mean
     * over periods took ("average monthly revenue" is not ranked within months).
     */
    private List<MetricQuery.DimensionRef> rankedWithinPeriods(List<MetricQuery.DimensionRef> dims,
        String timeDimension) {
      boolean mean = operators.ops.stream().anyMatch(op ->
          op.operator() == MetricQuery.Operator.MEAN);
      List<MetricQuery.DimensionRef> out = new ArrayList<>();
      for (TimeExpressions.Found g : grains) {
        int before = g.end() > g.start() ? previousWord(g.start()) : -1;
        if (mean || before < 0 || !(is(before, "each") || is(before, "every")
            || is(before, "per"))) {
          continue;
        }
        MetricQuery.DimensionRef ref = new MetricQuery.DimensionRef(timeDimension,
            g.grain() == TimeGrain.DAY ? null : g.grain());
        if (dims.contains(ref) && !out.contains(ref)) {
          out.add(ref);
        }
      }
      return out;
    }

    private boolean onlyWordsBetween(int from, int to, Set<String> words) {
      for (int i = from; i < to; i++) {
        if (!words.contains(norm(i))) {
          return false;
        }
      }
      return true;
    }

    /** What the semantic layer would refuse less clearly, refused here in the question's terms. */
    private void checkOperators(List<MetricQuery.DimensionRef> dims, MetricQuery.TimeRange time) {
      boolean grain = dims.stream().anyMatch(d -> dimension(d.dimension()).isTime());
      for (OperatorReader.Op op : operators.ops) {
        if ((op.operator() == MetricQuery.Operator.RUNNING) && !grain) {
          throw new AskRefusal(ErrorKind.USER, "A running total ('" + op.words() + "') runs "
              + "along a time grain: ask for it by day, week, month, quarter or year ('running "
              + "total of revenue by month in 2025').", readings, List.of());
        }
        boolean offset = op.operator() == MetricQuery.Operator.GROWTH
            || op.operator() == MetricQuery.Operator.CHANGE
            || op.operator() == MetricQuery.Operator.PREVIOUS;
        boolean fromTo = false;
        for (TimeExpressions.Found r : ranges) {
          for (int i = r.start(); i < r.end(); i++) {
            fromTo |= is(i, "to") || is(i, "through") || is(i, "and") || is(i, "until");
          }
        }
        if (offset && !grain && op.period() == null && fromTo) {
          // "revenue growth from 2024 to 2025" reads as one range of two years, not 2025 over 2024
          throw new AskRefusal(ErrorKind.USER, "Growth ('" + op.words() + "') over a range "
              + "from one period to another is ambiguous: ask '... 2025 vs 2024' to compare two "
              + "periods, or '... by year from 2024 to 2025' for each year's growth.", readings,
              List.of());
        }
        if (offset && !grain && op.period() == null && (time == null || time.from() == null
            || time.to() == null)) {
          throw new AskRefusal(ErrorKind.USER, "Growth ('" + op.words() + "') compares a "
              + "period with an earlier one: say which, by a grain ('by month', 'by year'), a "
              + "comparison ('year over year', 'vs last month') or a range ('in 2025').",
              readings, List.of());
        }
      }
      if (operators.allMembers && dims.stream().allMatch(d -> dimension(d.dimension())
          .isTime())) {
        throw new AskRefusal(ErrorKind.USER, "'" + operators.existenceWords + "' asks for "
            + "members with none of a metric: say which members ('products never returned', "
            + "'stores with no sales in March'); the dimensions are "
            + String.join(", ", model.dimensions().keySet()) + ".", readings, List.of());
      }
    }

    private String operatorMeaning(OperatorReader.Op op) {
      String what = switch (op.operator()) {
        case PER -> op.metric() + " per " + op.other();
        case SHARE -> "share of " + op.metric() + (op.over().isEmpty() ? " in the total"
            : " within each " + op.over().get(0).columnName());
        case GROWTH -> "growth of " + op.metric() + " over " + (op.period() == null
            ? "the previous period" : "the " + op.period() + " before");
        case CHANGE -> "change of " + op.metric() + " from " + (op.period() == null
            ? "the previous period" : "the " + op.period() + " before");
        case PREVIOUS -> op.metric() + " in the " + op.period() + " before";
        case RUNNING -> "running total of " + op.metric();
        case MEAN -> "average " + op.metric() + " per " + (op.period() != null
            ? op.period().grain().name().toLowerCase(Locale.ROOT)
            : op.over().get(0).columnName());
        default -> op.operator().name().toLowerCase(Locale.ROOT) + " of " + op.metric();
      };
      return what + ": " + io.asklayer.engine.semantic.MetricQueryText.format(op.calculation());
    }

    /** The metric a ranking ranks by: "by units sold", "highest revenue", "best selling". */
    private String rankMetric(List<String> metrics) {
      if (ranks.isEmpty()) {
        return null;
      }
      Rank r = ranks.get(0);
      // a metric right after the ranking word, or after "by" following the ranked dimension
      for (Mention m : mentions) {
        if (m.meaning() instanceof Lexicon.MetricName n && m.start() >= r.end()
            && onlyFillerBetween(r.end(), m.start())) {
          return n.metric();
        }
      }
      for (Mention m : mentions) {
        if (m.meaning() instanceof Lexicon.MetricName n && m.start() > r.end()
            && previousWord(m.start()) >= 0 && Set.of("by", "on", "in").contains(
                norm(previousWord(m.start())))) {
          return n.metric();
        }
      }
      return metrics.isEmpty() ? null : metrics.get(0);
    }

    /**
     * "how many items were returned": a dimension's noun after "how many" is what the metric
     * counts when the metric's own phrases use it ("returned items"); otherwise the question
     * counts members ("how many products"), an operator this reader does not read.
     */
    private void countedNouns(List<Mention> groupBy, List<String> metrics) {
      if (!"how many".equals(howMuchOrMany())) {
        return;
      }
      int at = howAt + 2 + (is(howAt + 2, "the") ? 1 : 0);
      for (Mention g : new ArrayList<>(groupBy)) {
        if (g.start() != at) {
          continue;
        }
        String noun = Lexicon.indexForm(tokens.get(g.end() - 1).stem());
        boolean counted = metrics.stream().anyMatch(m -> lexicon.phrasesOf(m).stream()
            .anyMatch(p -> p.size() > 1 && p.contains(noun)));
        if (!counted) {
          Interpretation.Reading op = new Interpretation.Reading("operator",
              "count of members (how many of a dimension's members)", words(howAt, g.end()));
          readings.add(op);
          throw new AskRefusal(ErrorKind.UNSUPPORTED, OperatorReader.unsupported(op, metricList()),
              readings, List.of());
        }
        groupBy.remove(g);
      }
    }

    /** "how much" or "how many" when the question asks so, else null. */
    private String howMuchOrMany() {
      for (int i = 0; i + 1 < tokens.size(); i++) {
        if (is(i, "how") && (is(i + 1, "much") || is(i + 1, "many"))) {
          howAt = i;
          return "how " + norm(i + 1);
        }
      }
      return null;
    }

    private int howAt = -1;

    /** Whether a metric's words start right after token i: "shipping costs" is a cost. */
    private boolean beforeMetric(int i) {
      for (Mention m : mentions) {
        if (m.start() == i + 1 && m.meaning() instanceof Lexicon.MetricName) {
          return true;
        }
      }
      return false;
    }

    private boolean onlyFillerBetween(int from, int to) {
      for (int i = from; i < to; i++) {
        if (!Set.of("the", "total", "in", "of", "for", "overall", "amount", "number").contains(
            norm(i)) && tokens.get(i).kind() != Token.Kind.SYMBOL) {
          return false;
        }
      }
      return true;
    }

    /** Whether the dimension (or grain) a ranking picks from is named in the plural. */
    private boolean rankedPlural(Rank r) {
      int best = Integer.MAX_VALUE;
      Token word = null;
      for (Mention m : mentions) {
        if (m.meaning() instanceof Lexicon.DimensionName) {
          int dist = Math.abs(m.start() - r.end());
          if (m.start() >= r.start() - 3 && dist < best) {
            best = dist;
            word = tokens.get(m.end() - 1);
            if (m.end() < tokens.size() && tokens.get(m.end()).is("'s")) {
              word = tokens.get(m.end() - 1);
            }
          }
        }
      }
      for (TimeExpressions.Found g : grains) {
        int dist = Math.abs(g.start() - r.end());
        if (dist < best) {
          best = dist;
          word = tokens.get(g.end() - 1);
        }
      }
      return word != null && !word.norm().equals(word.stem());
    }

    /** With no metric named, the first metric of the grouped dimension's own table. */
    private String impliedMetric(List<Mention> groupBy) {
      if (groupBy.isEmpty()) {
        return null;
      }
      String table = dimension(dimensionOf(groupBy.get(0))).table();
      for (Metric m : model.metrics().values()) {
        if (table.equals(m.table())) {
          return m.name();
        }
      }
      return null;
    }

    /**
     * A dimension, with the other dimensions naming the same rows as it: grouping by product
     * shows its SKU too. Known from the snapshot: both have as many values as their table rows.
     */
    private List<String> withKeys(String d) {
      Dimension dim = dimension(d);
      ModelTable table = model.tables().get(dim.table());
      List<String> out = new ArrayList<>();
      if (table != null && table.primaryKey().size() == 1 && unique(dim)) {
        for (Dimension k : model.dimensions().values()) {
          if (k.table().equals(dim.table()) && table.primaryKey().get(0).equalsIgnoreCase(
              k.sql()) && !k.name().equals(d)) {
            out.add(k.name());
          }
        }
      }
      out.add(d);
      return out;
    }

    private boolean unique(Dimension d) {
      MetadataSnapshot.DimensionValues v = snapshot.dimensions().get(d.name());
      Long rows = snapshot.rowCounts().get(model.tables().get(d.table()).table());
      return v != null && rows != null && v.complete(snapshot.cap()) && v.distinct() == rows;
    }

    private MetricQuery.TimeRange timeRange() {
      if (ranges.isEmpty()) {
        return null;
      }
      LocalDate from = ranges.get(0).from();
      LocalDate to = ranges.get(0).to();
      for (int k = 1; k < ranges.size(); k++) {
        TimeExpressions.Found r = ranges.get(k);
        boolean joined = listedBetween(ranges.get(k - 1).end(), r.start());
        boolean touches = (to == null || r.from() == null || !r.from().isAfter(to))
            && (from == null || r.to() == null || !r.to().isBefore(from));
        if (joined && touches) {
          from = from == null || r.from() == null ? null : min(from, r.from());
          to = to == null || r.to() == null ? null : max(to, r.to());
        } else if (!joined && contains(from, to, r.from(), r.to())) {
          from = r.from();
          to = r.to();
        } else if (!joined && contains(r.from(), r.to(), from, to)) {
          continue;
        } else {
          throw new AskRefusal(ErrorKind.USER, "The question names two time ranges that do not "
              + "make one: '" + words(ranges.get(k - 1).start(), ranges.get(k - 1).end())
              + "' and '" + words(r.start(), r.end()) + "'. Ask about one range, or group by "
              + "a grain such as 'by year'.", readings, List.of());
        }
      }
      if (ranges.size() > 1) {
        boolean compared = false;
        for (int k = 1; k < ranges.size(); k++) {
          for (int i = ranges.get(k - 1).end(); i < ranges.get(k).start(); i++) {
            compared |= VERSUS.contains(norm(i));
          }
        }
        if (compared && grains.isEmpty()) {
          grains.add(new TimeExpressions.Found(ranges.get(0).start(), ranges.get(0).end(), null,
              null, grainOf(ranges.get(0)), "compared periods"));
        }
      }
      return new MetricQuery.TimeRange(from, to);
    }

    private TimeGrain grainOf(TimeExpressions.Found r) {
      if (r.from() == null || r.to() == null) {
        return TimeGrain.DAY;
      }
      long months = java.time.temporal.ChronoUnit.MONTHS.between(r.from(), r.to());
      return months >= 12 ? TimeGrain.YEAR : months >= 3 ? TimeGrain.QUARTER
          : months >= 1 ? TimeGrain.MONTH : TimeGrain.DAY;
    }

    private boolean listedBetween(int from, int to) {
      for (int i = from; i < to; i++) {
        String w = norm(i);
        if (!LIST_GLUE.contains(w) && !VERSUS.contains(w) && !w.equals("in")
            && !w.equals("the") && !w.equals("to") && !w.equals("with")) {
          return false;
        }
      }
      return to > from;
    }

    private void checkTimeAgainstData(MetricQuery.TimeRange time, String timeDimension) {
      if (time == null) {
        return;
      }
      MetadataSnapshot.DimensionValues v = snapshot.dimensions().get(timeDimension);
      if (v == null || v.first() == null || v.last() == null) {
        return;
      }
      LocalDate dataEnd = v.last().plusDays(1);
      boolean before = time.to() != null && !time.to().isAfter(v.first());
      boolean after = time.from() != null && !time.from().isBefore(dataEnd);
      boolean partly = time.from() != null && time.from().isBefore(v.first())
          || time.to() != null && time.to().isAfter(dataEnd);
      if (before || after || partly) {
        warnings.add("The data covers " + v.first() + " to " + v.last() + "; the question asks "
            + "about " + describe(time) + (before || after ? ", so there is no data for it."
            : ", partly outside it."));
      }
    }

    // Explanation ------------------------------------------------------------------------

    private void describeParts() {
      Set<String> named = new LinkedHashSet<>();
      for (int k = 0; k < mentions.size(); k++) {
        Mention m = mentions.get(k);
        if (m.meaning() instanceof Lexicon.MetricName n && named.add(n.metric())) {
          readings.add(new Interpretation.Reading("metric", n.metric(), words(m.start(),
              m.end())));
        } else if (m.meaning() instanceof Lexicon.DimensionName d && !absorbed.contains(k)) {
          int from = previousWord(m.start());
          boolean grouped = from >= 0 && grouper(from);
          readings.add(new Interpretation.Reading("dimension", d.dimension(),
              words(grouped ? from : m.start(), m.end())));
        }
      }
      for (TimeExpressions.Found r : ranges) {
        readings.add(new Interpretation.Reading("time", r.meaning(), words(r.start(), r.end())));
      }
      for (TimeExpressions.Found g : grains) {
        readings.add(new Interpretation.Reading("dimension", "by " + g.meaning(),
            words(g.start(), g.end())));
      }
    }

    private String filterWords(MetricQuery.Filter f) {
      List<String> parts = new ArrayList<>();
      for (int k = 0; k < mentions.size(); k++) {
        Mention m = mentions.get(k);
        if (m.meaning() instanceof Lexicon.Value v && v.dimension().equals(f.dimension())
            && negated.contains(k) == f.negated()) {
          int start = m.start();
          int end = m.end();
          for (int j : new int[] {k - 1, k + 1}) {
            if (absorbed.contains(j) && j >= 0 && j < mentions.size()) {
              start = Math.min(start, mentions.get(j).start());
              end = Math.max(end, mentions.get(j).end());
            }
          }
          String w = words(start, end);
          String spelled = tokens.subList(m.start(), m.end()).stream().map(Token::norm)
              .collect(Collectors.joining(" "));
          if (v.values().size() != 1 || !spelled.equalsIgnoreCase(v.values().get(0))) {
            w += " (read as " + v.values().stream().map(x -> "'" + x + "'")
                .collect(Collectors.joining(", ")) + ")";
          }
          parts.add(w);
        }
      }
      return String.join(", ", parts);
    }

    private AskRefusal notUnderstood(List<String> unknown) {
      for (Mention m : mentions) {
        if (m.meaning() instanceof Lexicon.Value v) {
          readings.add(new Interpretation.Reading("filter", v.dimension() + " in " + v.values(),
              words(m.start(), m.end())));
        }
      }
      StringBuilder b = new StringBuilder();
      // "the Antarctica region": a value of a dimension that has no such value.
      for (Token t : tokens) {
        if (!unknown.contains(t.text()) || taken[t.index()]) {
          continue;
        }
        String dim = dimensionBeside(t.index());
        if (dim != null && !lexicon.values(dim).isEmpty()) {
          List<String> values = lexicon.values(dim);
          b.append("There is no ").append(dim.replace('_', ' ')).append(" '").append(
              unknownRun(t.index())).append("' in the data. ");
          b.append(values.size() <= 12 ? "The " + plural(dim) + " are " + String.join(", ",
              values) + "." : "There are " + values.size() + " " + plural(dim) + ", such as "
              + String.join(", ", values.subList(0, 5)) + nearest(t.norm(), values) + ".");
          b.append(" Ask again with one of them.");
          return new AskRefusal(ErrorKind.USER, b.toString(), readings, unknown, true);
        }
      }
      String words = unknown.stream().map(w -> "'" + w + "'").collect(Collectors.joining(", "));
      b.append("The question could not be fully understood: ").append(words).append(
          unknown.size() == 1 ? " is" : " are").append(" not a metric, a dimension, a value in "
          + "the data or a time this model knows, and answering without ").append(
          unknown.size() == 1 ? "it" : "them").append(" could answer a different question.");
      String near = nearestAnything(unknown.get(0));
      if (near == null) {
        near = suggestions.nearest(String.join(" ", unknown)).orElse(null);
      }
      if (near != null) {
        b.append(" Did you mean '").append(near).append("'?");
      }
      b.append(" Ask about ").append(coverage()).append("; EXPLAIN ASK shows what was "
          + "understood.");
      return new AskRefusal(ErrorKind.USER, b.toString(), readings, unknown, true);
    }

    private String unknownRun(int i) {
      int s = i;
      int e = i + 1;
      while (s > 0 && !taken[s - 1] && !Words.FILLER.contains(norm(s - 1))) {
        s--;
      }
      while (e < tokens.size() && !taken[e] && !Words.FILLER.contains(norm(e))) {
        e++;
      }
      return words(s, e);
    }

    /** The dimension named right before or after the unknown words at token i, if any. */
    private String dimensionBeside(int i) {
      for (Mention m : mentions) {
        if (m.meaning() instanceof Lexicon.DimensionName d) {
          int gapAfter = m.start() - i;
          int gapBefore = i - m.end();
          if (gapAfter >= 1 && gapAfter <= 3 && unknownOrFiller(i, m.start())
              || gapBefore >= 0 && gapBefore <= 2 && unknownOrFiller(m.end(), i)) {
            return d.dimension();
          }
        }
      }
      return null;
    }

    private boolean unknownOrFiller(int from, int to) {
      for (int i = from; i < to; i++) {
        if (taken[i]) {
          return false;
        }
      }
      return true;
    }

    private String nearest(String word, List<String> values) {
      String best = null;
      int bestD = 3;
      for (String v : values) {
        int d = Words.distance(word, v.toLowerCase(Locale.ROOT), bestD);
        if (d < bestD) {
          bestD = d;
          best = v;
        }
      }
      return best == null ? "" : " (the nearest to '" + word + "' is " + best + ")";
    }

    private String nearestAnything(String word) {
      String w = word.toLowerCase(Locale.ROOT);
      if (w.length() < 4) {
        return null;
      }
      String best = null;
      int bestD = w.length() >= 8 ? 3 : 2;
      List<String> names = new ArrayList<>();
      model.metrics().values().forEach(m -> {
        names.add(m.name().replace('_', ' '));
        names.addAll(m.synonyms());
      });
      model.dimensions().values().forEach(d -> {
        names.add(d.name().replace('_', ' '));
        names.addAll(d.synonyms());
        names.addAll(lexicon.values(d.name()));
      });
      for (String n : names) {
        int d = Words.distance(w, n.toLowerCase(Locale.ROOT), bestD);
        if (d < bestD) {
          bestD = d;
          best = n;
        }
      }
      return best;
    }

    // Helpers ----------------------------------------------------------------------------

    private String dimensionOf(Mention m) {
      return ((Lexicon.DimensionName) m.meaning()).dimension();
    }

    private boolean namesDimension(int i, String dimension) {
      if (i < 0 || i >= tokens.size()) {
        return false;
      }
      if (is(i, "the") || is(i, ":")) {
        return namesDimension(i + 1, dimension);
      }
      String stem = tokens.get(i).stem();
      Dimension d = dimension(dimension);
      return Tokenizer.stems(d.name()).equals(List.of(stem)) || d.synonyms().stream()
          .anyMatch(s -> Tokenizer.stems(s).equals(List.of(stem)));
    }

    private int previousWord(int i) {
      int j = i - 1;
      while (j >= 0 && (tokens.get(j).kind() == Token.Kind.SYMBOL || is(j, "the"))) {
        j--;
      }
      return j;
    }

    private boolean grouper(int i) {
      if (i < 0) {
        return false;
      }
      return Words.GROUPERS.contains(norm(i)) || is(i, "which") || is(i, "what")
          || is(i, "among");
    }

    private void take(int start, int end) {
      for (int i = start; i < end && i < taken.length; i++) {
        taken[i] = true;
      }
    }

    private boolean anyTaken(int start, int end) {
      for (int i = start; i < end && i < taken.length; i++) {
        if (taken[i]) {
          return true;
        }
      }
      return false;
    }

    private boolean is(int i, String w) {
      return i >= 0 && i < tokens.size() && tokens.get(i).is(w);
    }

    private String norm(int i) {
      return i >= 0 && i < tokens.size() ? tokens.get(i).norm() : "";
    }

    /** A number of rows: 1 to 10000 but not a year, or a word such as "five". */
    private boolean isCount(int i) {
      if (i < 0 || i >= tokens.size() || taken[i]) {
        return false;
      }
      Token t = tokens.get(i);
      int n = t.intValue();
      return t.kind() == Token.Kind.NUMBER && n > 0 && n <= 10_000 && !(n >= 1900 && n < 2200)
          && !t.norm().contains(".") || Words.NUMBERS.containsKey(t.norm());
    }

    private int count(int i) {
      return tokens.get(i).kind() == Token.Kind.NUMBER ? tokens.get(i).intValue()
          : Words.NUMBERS.get(norm(i));
    }

    private String words(int start, int end) {
      if (start >= end || start >= tokens.size()) {
        return "";
      }
      return question.substring(tokens.get(start).start(), tokens.get(Math.min(end,
          tokens.size()) - 1).end());
    }
  }

  private Dimension dimension(String name) {
    return Objects.requireNonNull(model.dimensions().get(name), name);
  }

  /** The time dimension a metric is dated by: its table's, through the model's tables. */
  private String timeDimensionOf(String metric) {
    String table = baseTable(metric, 0);
    ModelTable t = table == null ? null : model.tables().get(table);
    if (t != null && t.timeDimension() != null) {
      String ref = t.timeDimension();
      String owner = ref.contains(".") ? ref.substring(0, ref.indexOf('.')) : table;
      String column = ref.contains(".") ? ref.substring(ref.indexOf('.') + 1) : ref;
      for (Dimension d : model.dimensions().values()) {
        if (d.isTime() && d.table().equals(owner) && column.equalsIgnoreCase(d.sql())) {
          return d.name();
        }
      }
    }
    return model.dimensions().values().stream().filter(Dimension::isTime).map(Dimension::name)
        .findFirst().orElseThrow(() -> new AskRefusal("The model has no time dimension, so "
            + "questions cannot group by time."));
  }

  private String baseTable(String metric, int depth) {
    Metric m = model.metrics().get(metric);
    if (m == null || depth > 20) {
      return null;
    }
    return switch (m.kind()) {
      case AGGREGATE -> m.table();
      case RATIO -> baseTable(m.numerator(), depth + 1);
      case DERIVED -> model.metrics().keySet().stream()
          .filter(n -> Pattern.compile("\\b" + n + "\\b").matcher(m.expression()).find())
          .findFirst().map(n -> baseTable(n, depth + 1)).orElse(null);
    };
  }

  private String metricList() {
    return model.metrics().keySet().stream().map(n -> n.replace('_', ' '))
        .collect(Collectors.joining(", "));
  }

  private String coverage() {
    List<String> dims = model.dimensions().values().stream().filter(d -> !d.isTime())
        .map(d -> d.name().replace('_', ' ')).limit(8).toList();
    return metricList() + ", by " + String.join(", ", dims) + " or time";
  }

  private String example() {
    return model.verifiedQueries().isEmpty() ? "revenue by region in 2025"
        : model.verifiedQueries().get(0).question();
  }

  private static String plural(String dimension) {
    String d = dimension.replace('_', ' ');
    return d.endsWith("y") ? d.substring(0, d.length() - 1) + "ies" : d.endsWith("s") ? d + "es"
        : d + "s";
  }

  private static String describe(MetricQuery.TimeRange t) {
    if (t.from() == null) {
      return "the time before " + t.to();
    }
    if (t.to() == null) {
      return "the time from " + t.from();
    }
    return t.from() + " to " + t.to().minusDays(1);
  }

  private static LocalDate min(LocalDate a, LocalDate b) {
    return a.isBefore(b) ? a : b;
  }

  private static LocalDate max(LocalDate a, LocalDate b) {
    return a.isAfter(b) ? a : b;
  }

  private static boolean contains(LocalDate outerFrom, LocalDate outerTo, LocalDate from,
      LocalDate to) {
    return (outerFrom == null || from != null && !from.isBefore(outerFrom))
        && (outerTo == null || to != null && !to.isAfter(outerTo));
  }
}
