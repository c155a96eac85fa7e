package io.asklayer.engine.ask;

import io.asklayer.engine.model.Metric;
import io.asklayer.engine.model.SemanticModel;
import java.util.List;
import java.util.Set;

/**
 * The reader of analytic operators: words that ask for more than a metric by dimensions (growth,
 * shares, ratios of two metrics, averages over periods or members, running totals, the top within
 * each group, conditions on a metric's value, members with no facts). A ratio the model defines
 * ("revenue per order" is average order value) is read as that metric. The others are operators
 * of the semantic layer (issue 15) that this reader does not yet turn into a metric query: it
 * finds them so the question is refused saying which operator it asks for, never answered without
 * it. This is the slot where each operator's words will be read into the metric query.
 */
final class OperatorReader {
  /** Receives a ratio of two mentioned metrics that the model defines. */
  interface Ratios {
    void replace(Mention numerator, Mention denominator, String ratio);
  }

  private static final Set<String> GROWTH = Set.of("growth", "grow", "grew", "grown", "growing",
      "increase", "increased", "decrease", "decreased", "decline", "declined", "yoy", "mom",
      "qoq", "change", "changed", "uplift", "drop", "dropped");
  private static final Set<String> SHARE = Set.of("share", "shares", "proportion", "fraction",
      "contribution", "mix");
  private static final Set<String> RUNNING = Set.of("running", "cumulative", "cumulatively",
      "accumulated");
  private static final Set<String> THRESHOLD = Set.of("above", "below", "over", "under",
      "exceeding", "exceeds", "exceed", "greater", "more", "less", "fewer", "least", "most",
      ">", "<", ">=", "<=");
  private static final Set<String> NEVER = Set.of("never", "not", "didn", "nothing", "no",
      "zero", "without");

  private final SemanticModel model;
  private final Lexicon lexicon;
  private final List<Token> tokens;
  private final boolean[] taken;
  private final List<Mention> mentions;
  private final boolean ranked;

  OperatorReader(SemanticModel model, Lexicon lexicon, List<Token> tokens, boolean[] taken,
      List<Mention> mentions, boolean ranked) {
    this.model = model;
    this.lexicon = lexicon;
    this.tokens = tokens;
    this.taken = taken;
    this.mentions = mentions;
    this.ranked = ranked;
  }

  /** The operator the question asks for, as a reading, or null when it asks for none. */
  Interpretation.Reading read(Ratios ratios) {
    for (int i = 0; i < tokens.size(); i++) {
      String w = tokens.get(i).norm();
      // "the best selling product in each category": grouped, and ranked inside each group
      if ((w.equals("each") || w.equals("every") || w.equals("per")) && ranked
          && dimensionStartingAt(i + 1) && dimensions() > 1) {
        return reading("top within each group", i, i + 2, "a ranking inside each member");
      }
      if (taken[i]) {
        continue;
      }
      if (w.equals("per") || w.equals("a") && i > 0 && metricEndingAt(i) != null) {
        Mention num = metricEndingAt(i);
        Mention den = metricStartingAt(i + 1);
        if (num != null && den == null && i + 1 < tokens.size() && !taken[i + 1]
            && lexicon.metricOf(tokens.get(i + 1)) != null) {
          // "per order": a metric's word that alone reads as filler elsewhere
          den = new Mention(i + 1, i + 2, new Lexicon.MetricName(lexicon.metricOf(
              tokens.get(i + 1))));
          mentions.add(den);
        }
        if (num != null && den != null) {
          String ratio = ratioOf(name(num), name(den));
          if (ratio != null) {
            ratios.replace(num, den, ratio);
            taken[i] = true;
            continue;
          }
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
      if (GROWTH.contains(w) || w.equals("over") && is(i - 1, "year") && is(i + 1, "year")) {
        return reading("period over period", i, i + 1, "growth or change of a metric");
      }
      if (SHARE.contains(w) || (w.equals("percent") || w.equals("percentage") || w.equals("%"))
          && is(i + 1, "of")) {
        return reading("share of total", i, i + 1, "a metric as a fraction of its total");
      }
      if (RUNNING.contains(w)) {
        return reading("cumulative", i, i + 1, "running total");
      }
      if ((w.equals("average") || w.equals("mean")) && !taken[i]) {
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

  /** The refusal's text for an operator found. */
  static String refusal(Interpretation.Reading operator, String metrics) {
    return "The question asks for " + operator.item().replaceFirst(" \\(.*", "") + " ('"
        + operator.words() + "'), an analytic operator that ASK does not read into a metric "
        + "query yet, so it is refused rather than answered without it. Ask for the metric "
        + "itself (" + metrics + ") by the dimensions and times you want, or write the query "
        + "with metric_query.";
  }

  private Interpretation.Reading reading(String operator, int start, int end, String what) {
    int e = Math.min(end, tokens.size());
    String words = String.join(" ", tokens.subList(start, e).stream().map(Token::text)
        .toList());
    return new Interpretation.Reading("operator", operator + " (" + what + ")", words);
  }

  private boolean is(int i, String w) {
    return i >= 0 && i < tokens.size() && tokens.get(i).norm().equals(w);
  }

  private Mention metricEndingAt(int i) {
    for (Mention m : mentions) {
      if (m.end() == i && m.meaning() instanceof Lexicon.MetricName) {
        return m;
      }
    }
    return null;
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

  private boolean dimensionStartingAt(int i) {
    for (Mention m : mentions) {
      if (m.start() == i && m.meaning() instanceof Lexicon.DimensionName) {
        return true;
      }
    }
    return false;
  }

  private long dimensions() {
    return mentions.stream().filter(m -> m.meaning() instanceof Lexicon.DimensionName).count();
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
