package io.asklayer.engine.ask;

import io.asklayer.engine.model.Metric;
import io.asklayer.engine.model.SemanticModel;
import io.asklayer.engine.model.TimeGrain;
import io.asklayer.engine.semantic.MetricQuery;
import io.asklayer.engine.semantic.MetricQuery.Comparison;
import io.asklayer.engine.semantic.MetricQuery.Operator;
import io.asklayer.engine.semantic.MetricQuery.Period;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The reader of analytic operators: words that ask for more than a metric by dimensions, read as a
 * small grammar over what the other readers found (metrics, dimensions, grains, time ranges,
 * numbers) into the semantic layer's operators of {@link MetricQuery}:
 *
 * <ul>
 *   <li>period over period: a growth or change word with the metric it is of, and a comparison
 *       period from "year over year", "YoY", "MoM", "vs last year", "vs the prior month" or two
 *       ranges compared ("2025 vs 2024");
 *   <li>share of total: "share", "percent of", "% of", "proportion", "mix", "contribution", of a
 *       metric, optionally "within" a dimension;
 *   <li>ratios: "per", "for each", "a" between two metrics ("revenue per customer"); a ratio the
 *       model defines is read as its metric ("revenue per order" is average order value);
 *   <li>averages: "average" with a grain ("average monthly revenue", "revenue per month on
 *       average") is a mean over periods; with "per" and a dimension ("average revenue per store")
 *       a mean over members;
 *   <li>running totals: "running", "cumulative" with the metric, along the question's grain;
 *   <li>metric filters: a comparison word and a number ("above 5%", "more than 100 orders", "at
 *       least $1m") on the metric beside it (HAVING);
 *   <li>existence: "never", "no", "without (any)", "zero", "not ... any" before a metric or a verb
 *       of the model ("products never returned"): every member, with none of the metric.
 * </ul>
 *
 * <p>The grammar takes the words it understood. Any operator word left untaken afterwards is found
 * by {@link #unread}, and the question is refused naming it, never answered without it (the
 * silent wrong answer issue 16 names: "revenue per customer" answered as two columns). The words
 * here are English grammar; the business words are the model's.
 */
final class OperatorReader {
  /** Receives a ratio of two mentioned metrics that the model defines. */
  interface Ratios {
    void replace(Mention numerator, Mention denominator, String ratio);
  }

  /** One operator column read, with the words it came from. */
  record Op(Operator operator, String metric, String other, List<MetricQuery.DimensionRef> over,
      Period period, String words) {
    MetricQuery.Calculation calculation() {
      return new MetricQuery.Calculation(operator, metric, other, over, period, null);
    }
  }

  /** A condition on a metric's or an operator's value: "return rate above 5%". */
  record Threshold(String column, Comparison comparison, BigDecimal value, String words) {
  }

  /** What the grammar read: the operators, their conditions, and what they change. */
  static final class Operators {
    final List<Op> ops = new ArrayList<>();
    final List<Threshold> thresholds = new ArrayList<>();
    /** Metric mentions an operator consumed: not columns of their own. */
    final Set<Mention> consumed = new LinkedHashSet<>();
    /** Dimension mentions an operator averages over: not groupings. */
    final Set<Mention> notGrouped = new LinkedHashSet<>();
    /** Metrics the answer must show because a condition or an operator is on them. */
    final Set<String> shown = new LinkedHashSet<>();
    /** Every member of the grouping, with or without facts ("never"). */
    boolean allMembers;
    /** The words of an existence operator, for the refusal when nothing is grouped. */
    String existenceWords;
    /** A comparison period the grain should follow when the question names none. */
    Period impliedGrain;
    /** Whether a share was read (value filters then name its part). */
    boolean share;

    boolean isEmpty() {
      return ops.isEmpty() && thresholds.isEmpty() && !allMembers;
    }
  }

  private static final Set<String> GROWTH = Set.of("growth", "grow", "grew", "grown", "growing",
      "increase", "increased", "decrease", "decreased", "decline", "declined", "yoy", "mom",
      "qoq", "wow", "change", "changed", "uplift", "drop", "dropped", "difference", "delta",
      "rise", "rose", "fell", "fall", "evolve", "evolved", "trend");
  /** Growth words that ask for the difference, not the fraction. */
  private static final Set<String> CHANGE = Set.of("change", "changed", "difference", "delta");
  private static final Map<String, TimeGrain> PERIOD_ABBREVIATIONS = Map.of("yoy",
      TimeGrain.YEAR, "mom", TimeGrain.MONTH, "qoq", TimeGrain.QUARTER, "wow", TimeGrain.WEEK,
      "dod", TimeGrain.DAY);
  private static final Map<String, TimeGrain> GRAIN_NOUNS = Map.of("year", TimeGrain.YEAR,
      "month", TimeGrain.MONTH, "quarter", TimeGrain.QUARTER, "week", TimeGrain.WEEK, "day",
      TimeGrain.DAY);
  private static final Set<String> SHARE = Set.of("share", "shares", "proportion", "fraction",
      "contribution", "mix", "split");
  private static final Set<String> RUNNING = Set.of("running", "cumulative", "cumulatively",
      "accumulated", "cumulated", "rolling");
  private static final Set<String> THRESHOLD = Set.of("above", "below", "over", "under",
      "exceeding", "exceeds", "exceed", "greater", "more", "less", "fewer", "least", "most",
      ">", "<", ">=", "<=", "higher", "lower", "bigger", "smaller", "larger");
  private static final Set<String> NEVER = Set.of("never", "not", "didn", "nothing", "no",
      "zero", "without", "none");
  private static final Set<String> AVERAGE = Set.of("average", "mean", "typical", "typically");
  private static final Set<String> COMPARED = Set.of("vs", "versus", "over", "compared",
      "against", "than", "from", "on", "relative", "to", "with");
  private static final Set<String> PRIOR = Set.of("last", "prior", "previous", "preceding");

  private final SemanticModel model;
  private final Lexicon lexicon;
  private final List<Token> tokens;
  private final boolean[] taken;
  private final List<Mention> mentions;
  private final boolean ranked;
  private final List<TimeExpressions.Found> ranges;
  private final List<TimeExpressions.Found> grains;
  private final Operators found = new Operators();

  OperatorReader(SemanticModel model, Lexicon lexicon, List<Token> tokens, boolean[] taken,
      List<Mention> mentions, boolean ranked, List<TimeExpressions.Found> ranges,
      List<TimeExpressions.Found> grains) {
    this.model = model;
    this.lexicon = lexicon;
    this.tokens = tokens;
    this.taken = taken;
    this.mentions = mentions;
    this.ranked = ranked;
    this.ranges = ranges;
    this.grains = grains;
  }

  /** The operators the question's words make, taking those words. */
  Operators read(Ratios ratios) {
    readRatios(ratios);
    for (Token t : tokens) {
      // "why did revenue drop": a cause, which no operator computes; the words stay unread
      if (t.is("why")) {
        return found;
      }
    }
    readMeans();
    readGrowth();
    readShares();
    readRunning();
    readThresholds();
    readExistence();
    return found;
  }

  // Ratios ------------------------------------------------------------------------------

  /** "revenue per customer", "units per order", "average spend for each customer". */
  private void readRatios(Ratios ratios) {
    for (int i = 1; i < tokens.size(); i++) {
      String w = tokens.get(i).norm();
      if (taken[i] && !w.equals("per") && !w.equals("each") && !w.equals("every")) {
        continue;
      }
      boolean per = w.equals("per") || w.equals("a") || (w.equals("each") || w.equals("every"))
          && is(i - 1, "for");
      Mention num = metricEndingAt(w.equals("each") || w.equals("every") ? i - 1 : i);
      if (!per || num == null || found.consumed.contains(num)) {
        continue;
      }
      Mention den = metricStartingAt(i + 1);
      if (den == null && i + 1 < tokens.size() && !taken[i + 1]
          && lexicon.metricOf(tokens.get(i + 1)) != null) {
        // "per order": a metric's word that alone reads as filler elsewhere
        den = new Mention(i + 1, i + 2, new Lexicon.MetricName(lexicon.metricOf(
            tokens.get(i + 1))));
        mentions.add(den);
        mentions.sort(java.util.Comparator.comparingInt(Mention::start));
      }
      if (den == null || name(den).equals(name(num))) {
        continue;
      }
      String ratio = ratioOf(name(num), name(den));
      int from = w.equals("each") || w.equals("every") ? i - 1 : i;
      if (ratio != null) {
        ratios.replace(num, den, ratio);
        take(from, i + 1);
        continue;
      }
      int start = num.start();
      // "average spend per customer": the average is the ratio itself
      if (num.start() > 0 && AVERAGE.contains(norm(num.start() - 1)) && !taken[num.start() - 1]) {
        start = num.start() - 1;
        take(start, start + 1);
      }
      take(from, i + 1);
      found.consumed.add(num);
      found.consumed.add(den);
      add(new Op(Operator.PER, name(num), name(den), List.of(), null, words(start, den.end())));
    }
  }

  // Means -------------------------------------------------------------------------------

  /**
   * "average monthly revenue", "monthly average of orders", "revenue per month on average": a
   * mean over the periods of a grain. "average revenue per store": a mean over a dimension's
   * members.
   */
  private void readMeans() {
    for (int i = 0; i < tokens.size(); i++) {
      if (taken[i] || !AVERAGE.contains(norm(i)) && !(is(i, "on") && is(i + 1, "average"))) {
        continue;
      }
      int wordEnd = is(i, "on") ? i + 2 : i + 1;
      Mention metric = nearestMetric(i, 4);
      if (metric == null) {
        continue;
      }
      TimeExpressions.Found grain = grainNear(i, wordEnd, metric);
      if (grain != null) {
        grains.remove(grain);
        take(i, wordEnd);
        found.consumed.add(metric);
        add(new Op(Operator.MEAN, name(metric), null, List.of(), Period.of(grain.grain()),
            words(Math.min(i, Math.min(grain.start(), metric.start())), Math.max(wordEnd,
                Math.max(grain.end(), metric.end())))));
        continue;
      }
      // "average revenue per store", "revenue per store on average", "average units for each product"
      Mention member = memberAfter(metric.end());
      if (member != null) {
        take(i, wordEnd);
        found.consumed.add(metric);
        found.notGrouped.add(member);
        String dim = ((Lexicon.DimensionName) member.meaning()).dimension();
        add(new Op(Operator.MEAN, name(metric), null, List.of(MetricQuery.DimensionRef.of(dim)),
            null, words(Math.min(i, metric.start()), Math.max(wordEnd, member.end()))));
      }
    }
  }

  /** The grain an average word is about: "monthly" beside it, or "per month" after its metric. */
  private TimeExpressions.Found grainNear(int word, int wordEnd, Mention metric) {
    for (TimeExpressions.Found g : grains) {
      // "monthly average revenue", "revenue per month on average", "average monthly revenue",
      // "average revenue per month", "monthly revenue on average"
      boolean before = g.end() == word || g.end() == metric.start() && metric.end() == word;
      boolean after = g.start() == wordEnd && metric.start() >= g.end()
          || g.start() == metric.end() && metric.start() >= wordEnd
          || g.start() == metric.end() + 1 && metric.start() >= wordEnd
          && (is(metric.end(), "per") || is(metric.end(), "a") || is(metric.end(), "each"));
      if (before || after) {
        return g;
      }
    }
    return null;
  }

  /** A dimension after "per", "for each", "for every", "for a" at {@code from}. */
  private Mention memberAfter(int from) {
    int j = from;
    if (is(j, "per") || is(j, "each") || is(j, "every")) {
      j++;
    } else if (is(j, "for") && (is(j + 1, "each") || is(j + 1, "every") || is(j + 1, "a")
        || is(j + 1, "one"))) {
      j += 2;
    } else {
      return null;
    }
    for (Mention m : mentions) {
      if (m.start() == j && m.meaning() instanceof Lexicon.DimensionName) {
        take(from, j);
        return m;
      }
    }
    return null;
  }

  // Period over period ------------------------------------------------------------------

  private void readGrowth() {
    int word = -1;
    for (int i = 0; i < tokens.size(); i++) {
      if (!taken[i] && GROWTH.contains(norm(i)) && !PERIOD_ABBREVIATIONS.containsKey(norm(i))) {
        word = i;
        break;
      }
    }
    Period period = null;
    String periodWords = null;
    int periodAt = -1;
    // "YoY", "MoM": the comparison and its period in one word
    for (int i = 0; i < tokens.size(); i++) {
      TimeGrain g = PERIOD_ABBREVIATIONS.get(norm(i));
      if (g != null && !taken[i]) {
        period = Period.of(g);
        periodWords = tokens.get(i).text();
        periodAt = i;
        take(i, i + 1);
      }
    }
    // "year over year", "month on month": read as a grain by the time reader when alone
    for (TimeExpressions.Found g : new ArrayList<>(grains)) {
      if (g.end() - g.start() == 3 && (is(g.start() + 1, "over") || is(g.start() + 1, "on"))
          && (word >= 0 || period != null)) {
        period = Period.of(g.grain());
        periodWords = words(g.start(), g.end());
        if (grains.size() > 1) {
          grains.remove(g);
        }
      }
    }
    for (int i = 0; i + 2 < tokens.size(); i++) {
      if (is(i + 1, "on") && is(i + 2, norm(i)) && GRAIN_NOUNS.containsKey(norm(i))
          && !taken[i]) {
        period = Period.of(GRAIN_NOUNS.get(norm(i)));
        periodWords = words(i, i + 3);
        take(i, i + 3);
      }
    }
    if (word < 0 && period == null) {
      // "revenue by month vs last year": the value of the comparison period beside it
      int[] cmp = comparisonPhrase();
      if (cmp == null) {
        return;
      }
      Mention metric = nearestMetric(cmp[0], 6);
      if (metric == null) {
        return;
      }
      take(cmp[0], cmp[1]);
      found.shown.add(name(metric));
      add(new Op(Operator.PREVIOUS, name(metric), null, List.of(), Period.of(TimeGrain.values()
          [cmp[2]]), words(cmp[0], cmp[1])));
      return;
    }
    int[] cmp = comparisonPhrase();
    if (cmp != null) {
      period = Period.of(TimeGrain.values()[cmp[2]]);
      periodWords = words(cmp[0], cmp[1]);
      take(cmp[0], cmp[1]);
    }
    if (period == null && ranges.size() == 2) {
      // "revenue growth 2025 vs 2024": the later range, compared with the earlier one
      TimeExpressions.Found a = ranges.get(0);
      TimeExpressions.Found b = ranges.get(1);
      TimeExpressions.Found later = a.from() != null && b.from() != null
          && a.from().isAfter(b.from()) ? a : b;
      TimeExpressions.Found earlier = later == a ? b : a;
      Period p = offset(earlier, later);
      if (p != null) {
        period = p;
        periodWords = words(Math.min(a.start(), b.start()), Math.max(a.end(), b.end()));
        ranges.remove(earlier);
        for (int i = Math.min(a.end(), b.end()); i < Math.max(a.start(), b.start()); i++) {
          if (COMPARED.contains(norm(i)) || is(i, "and")) {
            take(i, i + 1);
          }
        }
      }
    }
    int at = word >= 0 ? word : periodAt >= 0 ? periodAt : firstTaken();
    Mention metric = nearestMetric(at, 5);
    if (metric == null) {
      metric = metricWordBeside(at);
    }
    if (metric == null) {
      return;
    }
    if (word >= 0) {
      take(word, word + 1);
      // "growth rate", "percent change", "% growth", "how much did revenue grow"
      if (is(word + 1, "rate")) {
        take(word + 1, word + 2);
      }
      if (word > 0 && (is(word - 1, "%") || is(word - 1, "percent") || is(word - 1, "percentage")
          || is(word - 1, "pct"))) {
        take(word - 1, word);
      }
    }
    boolean change = word >= 0 && CHANGE.contains(norm(word)) && !(word > 0
        && (is(word - 1, "%") || is(word - 1, "percent") || is(word - 1, "percentage")));
    if (period != null && grains.isEmpty() && longerThan(period)) {
      found.impliedGrain = period;
    }
    found.shown.add(name(metric));
    String w = (word >= 0 ? words(Math.min(word, metric.start()), Math.max(word + 1,
        metric.end())) : words(metric.start(), metric.end()))
        + (periodWords == null ? "" : ", " + periodWords);
    add(new Op(change ? Operator.CHANGE : Operator.GROWTH, name(metric), null, List.of(), period,
        w));
  }

  /**
   * "order growth": a metric's word beside an operator word that alone reads as filler
   * elsewhere ("order" is grammar in "in order"), or null.
   */
  private Mention metricWordBeside(int i) {
    for (int j : new int[] {i - 1, i + 1}) {
      if (j >= 0 && j < tokens.size() && !taken[j] && lexicon.metricOf(tokens.get(j)) != null) {
        Mention m = new Mention(j, j + 1, new Lexicon.MetricName(lexicon.metricOf(
            tokens.get(j))));
        mentions.add(m);
        mentions.sort(java.util.Comparator.comparingInt(Mention::start));
        take(j, j + 1);
        return m;
      }
    }
    return null;
  }

  /** The first token of the question that a reader took, for a metric near a period word. */
  private int firstTaken() {
    for (int i = 0; i < tokens.size(); i++) {
      if (taken[i]) {
        return i;
      }
    }
    return 0;
  }

  /**
   * "vs last year", "compared with the prior month", "over the same period last year", "from a
   * year ago", "than the year before": {start, end, grain ordinal}, or null. A range the time
   * reader read in it ("last year") is the comparison, not the question's range.
   */
  private int[] comparisonPhrase() {
    for (int i = 0; i < tokens.size(); i++) {
      if (!COMPARED.contains(norm(i)) || taken[i] && !is(i, "over")) {
        continue;
      }
      int j = i + 1;
      if (is(i, "compared") && (is(j, "to") || is(j, "with"))) {
        j++;
      }
      if (is(j, "the") || is(j, "a")) {
        j++;
      }
      if ((is(j, "same") || is(j, "equivalent")) && (GRAIN_NOUNS.containsKey(norm(j + 1))
          || is(j + 1, "period"))) {
        j += 2;
      }
      TimeGrain grain = null;
      int end = -1;
      if (PRIOR.contains(norm(j)) && GRAIN_NOUNS.containsKey(stem(j + 1))) {
        grain = GRAIN_NOUNS.get(stem(j + 1));
        end = j + 2;
      } else if (GRAIN_NOUNS.containsKey(stem(j)) && (is(j + 1, "before") || is(j + 1, "ago")
          || is(j + 1, "earlier"))) {
        grain = GRAIN_NOUNS.get(stem(j));
        end = j + 2;
      } else if ((is(j, "one") || is(j, "1")) && GRAIN_NOUNS.containsKey(stem(j + 1))
          && (is(j + 2, "ago") || is(j + 2, "earlier") || is(j + 2, "before"))) {
        grain = GRAIN_NOUNS.get(stem(j + 1));
        end = j + 3;
      }
      if (grain == null) {
        continue;
      }
      // "the same month last year": the period compared with is a year back
      if (j >= 2 && is(j - 2, "same") && PRIOR.contains(norm(j))) {
        grain = GRAIN_NOUNS.get(stem(j + 1));
      }
      for (TimeExpressions.Found r : new ArrayList<>(ranges)) {
        if (r.start() >= i && r.end() <= end) {
          ranges.remove(r);
        }
      }
      for (TimeExpressions.Found g : new ArrayList<>(grains)) {
        if (g.start() >= i && g.end() <= end) {
          grains.remove(g);
        }
      }
      return new int[] {i, end, grain.ordinal()};
    }
    return null;
  }

  /** The offset from one range to another of the same calendar length, or null. */
  private static Period offset(TimeExpressions.Found earlier, TimeExpressions.Found later) {
    if (earlier.from() == null || earlier.to() == null || later.from() == null
        || later.to() == null || earlier.from().getDayOfMonth() != 1
        || later.from().getDayOfMonth() != 1) {
      return null;
    }
    long length = java.time.temporal.ChronoUnit.MONTHS.between(earlier.from(), earlier.to());
    long other = java.time.temporal.ChronoUnit.MONTHS.between(later.from(), later.to());
    long gap = java.time.temporal.ChronoUnit.MONTHS.between(earlier.from(), later.from());
    if (length != other || length < 1 || gap < 1 || !earlier.from().plusMonths(length)
        .equals(earlier.to())) {
      return null;
    }
    return gap % 12 == 0 ? new Period((int) gap / 12, TimeGrain.YEAR) : gap % 3 == 0
        ? new Period((int) gap / 3, TimeGrain.QUARTER) : new Period((int) gap, TimeGrain.MONTH);
  }

  /** Whether the question's range is longer than a period, or open: a grain is implied. */
  private boolean longerThan(Period p) {
    if (ranges.isEmpty()) {
      return true;
    }
    TimeExpressions.Found r = ranges.get(ranges.size() - 1);
    if (r.from() == null || r.to() == null) {
      return true;
    }
    return p.months() > 0 ? r.from().plusMonths(p.months()).isBefore(r.to())
        : r.from().plusDays(p.days()).isBefore(r.to());
  }

  // Shares ------------------------------------------------------------------------------

  /** "share of revenue by channel", "what percent of units were Toys", "revenue mix". */
  private void readShares() {
    for (int i = 0; i < tokens.size(); i++) {
      if (taken[i]) {
        continue;
      }
      boolean percentOf = (is(i, "percent") || is(i, "percentage") || is(i, "%")
          || is(i, "pct")) && is(i + 1, "of");
      if (!SHARE.contains(norm(i)) && !percentOf) {
        continue;
      }
      Mention metric = nearestMetric(i, 4);
      if (metric == null) {
        continue;
      }
      int end = percentOf ? i + 2 : i + 1;
      take(i, end);
      if (is(end, "of") && metric.start() > end) {
        take(end, end + 1);
      }
      // "as a share of the total", "of total"
      List<MetricQuery.DimensionRef> over = new ArrayList<>();
      for (int j = 0; j < tokens.size(); j++) {
        if (is(j, "within") || is(j, "inside")) {
          int k = is(j + 1, "each") || is(j + 1, "every") || is(j + 1, "its")
              || is(j + 1, "their") || is(j + 1, "the") ? j + 2 : j + 1;
          for (Mention m : mentions) {
            if (m.start() == k && m.meaning() instanceof Lexicon.DimensionName d) {
              over.add(MetricQuery.DimensionRef.of(d.dimension()));
              take(j, k);
            }
          }
        }
      }
      found.consumed.add(metric);
      found.shown.add(name(metric));
      found.share = true;
      add(new Op(Operator.SHARE, name(metric), null, over, null, words(Math.min(i,
          metric.start()), Math.max(end, metric.end()))));
      return;
    }
  }

  // Running totals ----------------------------------------------------------------------

  private void readRunning() {
    for (int i = 0; i < tokens.size(); i++) {
      if (taken[i] || !RUNNING.contains(norm(i))) {
        continue;
      }
      Mention metric = nearestMetric(i, 4);
      if (metric == null || is(i, "rolling")) {
        continue;
      }
      int end = i + 1;
      if (is(end, "total") || is(end, "totals") || is(end, "sum")) {
        end++;
      }
      take(i, end);
      found.shown.add(name(metric));
      add(new Op(Operator.RUNNING, name(metric), null, List.of(), null, words(Math.min(i,
          metric.start()), Math.max(end, metric.end()))));
      return;
    }
  }

  // Metric filters ----------------------------------------------------------------------

  /** "return rate above 5%", "more than 100 orders", "revenue of at least $1m". */
  private void readThresholds() {
    for (int i = 0; i < tokens.size(); i++) {
      if (taken[i] && !is(i, "over") || !THRESHOLD.contains(norm(i))) {
        continue;
      }
      Comparison cmp;
      int j = i + 1;
      String w = norm(i);
      boolean negated = i > 0 && (is(i - 1, "no") || is(i - 1, "not"));
      switch (w) {
        case "above", "over", "exceeding", "exceeds", "exceed", ">" -> cmp = Comparison.GT;
        case "below", "under", "<" -> cmp = Comparison.LT;
        case ">=" -> cmp = Comparison.GE;
        case "<=" -> cmp = Comparison.LE;
        case "more", "greater", "higher", "bigger", "larger" -> {
          if (!is(j, "than")) {
            continue;
          }
          j++;
          cmp = negated ? Comparison.LE : Comparison.GT;
        }
        case "less", "fewer", "lower", "smaller" -> {
          if (!is(j, "than")) {
            continue;
          }
          j++;
          cmp = negated ? Comparison.GE : Comparison.LT;
        }
        case "least", "most" -> {
          if (!is(i - 1, "at")) {
            continue;
          }
          cmp = w.equals("least") ? Comparison.GE : Comparison.LE;
        }
        default -> {
          continue;
        }
      }
      if (is(j, "=")) {
        cmp = cmp == Comparison.GT ? Comparison.GE : Comparison.LE;
        j++;
      }
      int start = w.equals("least") || w.equals("most") || negated ? i - 1 : i;
      Number n = number(j);
      if (n == null) {
        continue;
      }
      // "100 or more orders", "5 or fewer"
      int end = n.end();
      if (is(end, "or") && (is(end + 1, "more") || is(end + 1, "less") || is(end + 1, "fewer")
          || is(end + 1, "higher") || is(end + 1, "lower"))) {
        end += 2;
      }
      // the metric: right after the number ("more than 100 orders"), else the one before
      Mention metric = metricStartingAt(end);
      if (metric == null && (is(end, "in") || is(end, "of"))) {
        metric = metricStartingAt(end + 1); // "at least $2.5m in sales"
      }
      if (metric == null) {
        metric = metricEndingBefore(start);
      }
      if (metric == null) {
        continue;
      }
      String column = name(metric);
      boolean fraction = fraction(column);
      Op on = opOn(metric);
      if (on != null && (on.operator() == Operator.GROWTH || on.operator() == Operator.SHARE
          || on.operator() == Operator.PER || on.operator() == Operator.MEAN)) {
        column = on.calculation().column();
        fraction = on.operator() == Operator.GROWTH || on.operator() == Operator.SHARE;
      }
      BigDecimal value = n.value();
      String note = "";
      if (n.percent() && !fraction && on == null && fractionOf(column) != null) {
        // "a margin above 30%": the model's ratio that is that metric as a fraction
        column = fractionOf(column);
        fraction = true;
        note = " (" + name(metric) + " as a percent: " + column + ")";
        found.shown.add(column);
        found.consumed.add(metric);
      }
      if (n.percent()) {
        if (!fraction) {
          continue; // "revenue above 5%": a percent of nothing; left for the refusal
        }
        value = value.movePointLeft(2);
      } else if (fraction && value.compareTo(BigDecimal.ONE) > 0) {
        value = value.movePointLeft(2);
        note = " (read as a percent)";
      }
      take(start, end);
      if (is(start - 1, "of") || is(start - 1, "with") || is(start - 1, "is")) {
        take(start - 1, start);
      }
      if (!found.shown.contains(column)) {
        found.shown.add(on != null && column.equals(on.calculation().column()) ? on.metric()
            : name(metric));
      }
      found.thresholds.add(new Threshold(column, cmp, value.stripTrailingZeros(),
          words(Math.min(start, metric.start()), Math.max(end, metric.end())) + note));
    }
  }

  private record Number(BigDecimal value, boolean percent, int end) {
  }

  /** A number at token i: "$1.5m", "1,000", "5%", "5 percent", "2 million". */
  private Number number(int i) {
    int j = i;
    if (is(j, "$")) {
      j++;
    }
    if (j >= tokens.size() || tokens.get(j).kind() != Token.Kind.NUMBER) {
      return null;
    }
    Token t = tokens.get(j);
    String digits = t.norm().replace(",", "");
    if (t.norm().length() == 4 && !t.norm().contains(".") && t.intValue() >= 1900
        && t.intValue() < 2200 && !is(j + 1, "%") && !is(j - 1, "$")) {
      return null; // a year
    }
    BigDecimal v;
    try {
      v = new BigDecimal(digits);
    } catch (NumberFormatException e) {
      return null;
    }
    j++;
    boolean percent = false;
    if (is(j, "k") || is(j, "thousand")) {
      v = v.movePointRight(3);
      j++;
    } else if (is(j, "m") || is(j, "mn") || is(j, "mm") || is(j, "million")) {
      v = v.movePointRight(6);
      j++;
    } else if (is(j, "b") || is(j, "bn") || is(j, "billion")) {
      v = v.movePointRight(9);
      j++;
    } else if (is(j, "%") || is(j, "percent") || is(j, "pct") || is(j, "per") && is(j + 1,
        "cent")) {
      percent = true;
      j += is(j, "per") ? 2 : 1;
    }
    if (j < tokens.size() && TimeExpressions.knows(norm(j)) && !percent) {
      return null; // "over 3 months" is a time
    }
    if (is(j, "dollars") || is(j, "usd")) {
      j++;
    }
    return new Number(v, percent, j);
  }

  /** Whether a metric is a fraction: a ratio the model defines that is not an amount. */
  private boolean fraction(String metric) {
    Metric m = model.metrics().get(metric);
    return m != null && (m.kind() == Metric.Kind.RATIO && m.format() != Metric.Format.USD
        || m.format() == Metric.Format.PERCENT);
  }

  /** The ratio metric that is a fraction of this metric (gross margin's margin %), or null. */
  private String fractionOf(String metric) {
    String out = null;
    for (Metric m : model.metrics().values()) {
      if (m.kind() == Metric.Kind.RATIO && metric.equals(m.numerator())
          && m.format() != Metric.Format.USD) {
        if (out != null) {
          return null;
        }
        out = m.name();
      }
    }
    return out;
  }

  private Op opOn(Mention metric) {
    for (Op op : found.ops) {
      if (op.metric().equals(name(metric))) {
        return op;
      }
    }
    return null;
  }

  // Existence ---------------------------------------------------------------------------

  /**
   * "products never returned", "stores with no sales in March", "products without any reviews",
   * "items that did not sell": every member of the grouping, and the ones with none of the metric.
   */
  private void readExistence() {
    for (int i = 0; i < tokens.size(); i++) {
      String w = norm(i);
      if (taken[i] || !NEVER.contains(w) || negatesValue(i) || w.equals("no") && (is(i + 1, ".")
          || is(i + 1, "of") || is(i + 1, "more") || is(i + 1, "less"))) {
        continue;
      }
      int j = i + 1;
      while (j < tokens.size() && j <= i + 4 && !taken[j] && (is(j, "any") || is(j, "a")
          || is(j, "single") || is(j, "once") || is(j, "been") || is(j, "be") || is(j, "have")
          || is(j, "had") || is(j, "get") || is(j, "got") || is(j, "ever") || is(j, "even")
          || is(j, "t") || is(j, "'") || is(j, "not") || is(j, "did"))) {
        j++;
      }
      String metric = null;
      int end = j + 1;
      Mention m = metricStartingAt(j);
      if (m != null) {
        metric = name(m);
        end = m.end();
      } else if (j < tokens.size() && Interpreter.verbOf(model, tokens.get(j)) != null) {
        Map<String, String> asks = model.language().verbs().get(Interpreter.verbOf(model,
            tokens.get(j)));
        metric = asks.getOrDefault("how many", asks.get("how much"));
        if (j + 1 < tokens.size() && (is(j + 1, "anything") || is(j + 1, "any"))) {
          end = j + 2;
        }
      }
      if (metric == null) {
        continue;
      }
      take(i, end);
      found.allMembers = true;
      found.existenceWords = words(i, end);
      found.shown.add(metric);
      if (m != null) {
        found.consumed.remove(m);
      }
      found.thresholds.add(new Threshold(metric, Comparison.EQ, BigDecimal.ZERO, words(i, end)
          + " (every member, and those with none)"));
      return;
    }
  }

  // The words left over ----------------------------------------------------------------

  /**
   * An operator word left over after {@link #read}: the operator it asks for, as a reading, or
   * null when none is left. Such a question is refused naming it, never answered without it.
   */
  Interpretation.Reading unread() {
    for (int i = 0; i < tokens.size(); i++) {
      String w = tokens.get(i).norm();
      if (taken[i]) {
        continue;
      }
      if (w.equals("per") || w.equals("a") && i > 0 && metricEndingAt(i) != null) {
        Mention num = metricEndingAt(i);
        Mention den = metricStartingAt(i + 1);
        if (num != null && den != null) {
          return reading("ratio", i, den.end(), name(num) + " / " + name(den));
        }
        if (w.equals("per") && num != null && is(i + 1, "average")) {
          return reading("average over members", i, i + 2, name(num));
        }
        // "units per order": a ratio to something the model has no metric or dimension for
        if (w.equals("per") && num != null && i + 1 < tokens.size() && !taken[i + 1]
            && tokens.get(i + 1).kind() == Token.Kind.WORD) {
          return reading("ratio", i, i + 2, name(num) + " per " + tokens.get(i + 1).text());
        }
      }
      if (GROWTH.contains(w) && !w.equals("trend") || w.equals("over") && is(i - 1, "year")
          && is(i + 1, "year")) {
        return reading("period over period", i, i + 1, "growth or change of a metric");
      }
      if (SHARE.contains(w) && !w.equals("split") || (w.equals("percent")
          || w.equals("percentage") || w.equals("%")) && is(i + 1, "of")) {
        return reading("share of total", i, i + 1, "a metric as a fraction of its total");
      }
      if (RUNNING.contains(w)) {
        return reading("cumulative", i, i + 1, "running total");
      }
      if (w.equals("average") || w.equals("mean")) {
        return reading("average over periods or members", i, i + 1, "mean of a metric over "
            + "periods or members");
      }
      if (w.equals("on") && is(i + 1, "average")) {
        return reading("average over periods or members", i, i + 2, "mean of a metric over "
            + "members");
      }
      if (THRESHOLD.contains(w) && numberWithin(i + 1, 2)) {
        return reading("metric filter", i, i + 3, "a condition on a metric's value");
      }
      // "no. of orders" is a number of orders
      if (NEVER.contains(w) && !negatesValue(i) && !(w.equals("no") && (is(i + 1, ".")
          || is(i + 1, "of")))) {
        return reading("existence", i, i + 2, "members with no facts");
      }
    }
    return null;
  }

  /** The refusal's text for an operator found but not understood. */
  static String refusal(Interpretation.Reading operator, String metrics) {
    return "The question asks for " + operator.item().replaceFirst(" \\(.*", "") + " ('"
        + operator.words() + "'), but ASK could not tell what it applies to, so it is refused "
        + "rather than answered without it. Name the metric beside the operator's words (for "
        + "example 'revenue growth by month', 'share of revenue by channel', 'revenue per "
        + "customer', 'categories with a return rate above 5%'); metrics: " + metrics
        + ". Or write the query with metric_query.";
  }

  /** The refusal's text for an operator ASK does not read at all. */
  static String unsupported(Interpretation.Reading operator, String metrics) {
    return "The question asks for " + operator.item().replaceFirst(" \\(.*", "") + " ('"
        + operator.words() + "'), an analytic operator that ASK does not read into a metric "
        + "query, so it is refused rather than answered without it. Ask for the metric itself ("
        + metrics + ") by the dimensions and times you want, or write the query with "
        + "metric_query.";
  }

  private void add(Op op) {
    found.ops.add(op);
  }

  private Interpretation.Reading reading(String operator, int start, int end, String what) {
    int e = Math.min(end, tokens.size());
    String words = String.join(" ", tokens.subList(start, e).stream().map(Token::text)
        .toList());
    return new Interpretation.Reading("operator", operator + " (" + what + ")", words);
  }

  private void take(int start, int end) {
    for (int i = Math.max(0, start); i < end && i < taken.length; i++) {
      taken[i] = true;
    }
  }

  private boolean is(int i, String w) {
    return i >= 0 && i < tokens.size() && tokens.get(i).norm().equals(w);
  }

  private String norm(int i) {
    return i >= 0 && i < tokens.size() ? tokens.get(i).norm() : "";
  }

  private String stem(int i) {
    return i >= 0 && i < tokens.size() ? tokens.get(i).stem() : "";
  }

  private String words(int start, int end) {
    int e = Math.min(end, tokens.size());
    if (start >= e) {
      return "";
    }
    return String.join(" ", tokens.subList(Math.max(0, start), e).stream().map(Token::text)
        .toList());
  }

  private Mention metricEndingAt(int i) {
    for (Mention m : mentions) {
      if (m.end() == i && m.meaning() instanceof Lexicon.MetricName) {
        return m;
      }
    }
    return null;
  }

  /** The metric ending at or just before i, over "of", "a", "the", "with", "is", "was". */
  private Mention metricEndingBefore(int i) {
    int j = i;
    // "revenue grew more than 10%": the growth word read, then the condition on it
    while (j > 0 && (Set.of("of", "a", "the", "with", "is", "was", "are", "were", "has", "had",
        "have", "that", "where", "whose", "been", "by").contains(norm(j - 1))
        || taken[j - 1] && GROWTH.contains(norm(j - 1)))) {
      j--;
    }
    return metricEndingAt(j);
  }

  private Mention metricStartingAt(int i) {
    int j = is(i, "each") || is(i, "every") || is(i, "a") || is(i, "the") ? i + 1 : i;
    for (Mention m : mentions) {
      if (m.start() == j && m.meaning() instanceof Lexicon.MetricName) {
        return m;
      }
    }
    return null;
  }

  /** The metric mention nearest token i within {@code reach} tokens, after it before before. */
  private Mention nearestMetric(int i, int reach) {
    Mention best = null;
    int distance = Integer.MAX_VALUE;
    for (Mention m : mentions) {
      if (!(m.meaning() instanceof Lexicon.MetricName)) {
        continue;
      }
      int d = m.start() > i ? m.start() - i : i - m.end() + 1;
      // "share of revenue": after the word, through "of", wins over a metric before it
      if (m.start() > i) {
        d -= 1;
      }
      if (d <= reach && d < distance) {
        best = m;
        distance = d;
      }
    }
    return best;
  }

  private static String name(Mention m) {
    return ((Lexicon.MetricName) m.meaning()).metric();
  }

  private String ratioOf(String numerator, String denominator) {
    for (Metric m : model.metrics().values()) {
      if (m.kind() == Metric.Kind.RATIO && numerator.equals(m.numerator())
          && denominator.equals(m.denominator())) {
        return m.name();
      }
    }
    return null;
  }

  private boolean numberWithin(int from, int n) {
    for (int i = from; i < from + n && i < tokens.size(); i++) {
      Token t = tokens.get(i);
      if (t.kind() == Token.Kind.NUMBER && !(t.intValue() >= 1900 && t.intValue() < 2200
          && t.norm().length() == 4)) {
        // "over 3 months" is a time, not a condition
        return i + 1 >= tokens.size() || !TimeExpressions.knows(tokens.get(i + 1).norm());
      }
      if (!t.norm().equals("than") && !t.norm().equals("$") && !t.norm().equals("a")) {
        return false;
      }
    }
    return false;
  }

  /** "not Amazon", "not counting Central": a negation of values, read elsewhere. */
  private boolean negatesValue(int i) {
    for (Mention m : mentions) {
      if (m.meaning() instanceof Lexicon.Value && m.start() > i && m.start() <= i + 3) {
        return true;
      }
    }
    return is(i + 1, "counting") || is(i + 1, "including") || is(i + 1, "in");
  }
}
