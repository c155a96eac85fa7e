package io.asklayer.engine.ask;

import java.util.Set;

/** English word lists and word-level comparison for reading questions. */
final class Words {
  private Words() {
  }

  /**
   * Words that carry no meaning of their own in a question about metrics: articles, pronouns,
   * auxiliaries, question words, polite forms, and verbs of asking, showing, selling and earning.
   * Whatever a question says beyond these must be understood, or the question is refused.
   */
  static final Set<String> FILLER = words(
      "a", "an", "the", "of", "in", "on", "at", "for", "to", "into", "within", "during", "over",
      "from", "with", "as", "via", "through", "thru", "throughout", "about", "regarding", "around",
      "is", "are", "was", "were", "be", "been", "being", "am", "do", "does", "did", "done", "have",
      "has", "had", "having", "will", "would", "shall", "should", "can", "could", "may", "might",
      "must", "what", "whats", "which", "who", "whose", "where", "when", "how", "why", "that",
      "this", "these", "those", "there", "here", "it", "its", "me", "my", "we", "our", "ours", "us",
      "i", "you", "your", "they", "their", "them", "he", "she", "his", "her", "so", "far", "please",
      "pls", "kindly", "show", "shows", "showing", "shown", "give", "gives", "given", "giving",
      "list", "listing", "tell", "display", "get", "got", "gets", "find", "see", "let", "lets",
      "want", "need", "know", "like", "report", "provide", "pull", "fetch", "return", "compute",
      "calculate", "look", "looking", "check", "much", "many", "total", "totals", "overall",
      "all", "entire", "whole", "full", "just", "only", "also", "both", "respectively", "then",
      "value", "values", "amount", "amounts", "figure", "figures", "number", "numbers", "count",
      "counts", "data", "stats", "statistics", "metric", "metrics", "summary", "breakdown",
      "split", "grouped", "group", "broken", "down", "out", "up", "sum", "sums", "come", "came",
      "comes", "coming", "go", "went", "made", "make", "makes", "generated",
      "generate", "earned", "earn", "bring", "brought", "brings", "bringing", "produced",
      "achieved", "recorded", "booked", "registered", "had", "happened", "company", "business",
      "performance", "performed", "perform", "performing", "doing", "did", "did", "doing", "something", "anything", "some",
      "any", "every", "each", "per", "by", "and", "or", "vs", "versus", "compared", "compare",
      "comparison", "against", "between", "across", "among", "under", "sorted", "ordered",
      "ranked", "rank", "ranking", "order", "sort", "first", "result", "results", "time", "period",
      "periods", "range", "span", "level", "levels", "terms", "term", "basis", "view", "trend",
      "trends", "row", "rows", "table", "currently", "right", "now", "exactly", "roughly",
      "approximately", "approx", "actual", "actually", "real", "than", "ever",
      "yet", "still", "again", "well", "okay", "ok", "hey", "hi", "thanks", "thank", "you",
      "guys", "team", "recent", "numbers", "info", "information", "details", "detail", "stuff",
      "things", "thing", "them", "themselves", "did", "getting", "generated", "other", "others",
      "respective", "corresponding", "associated", "relevant", "related", "too", "along",
      "alongside", "together", "including", "included", "additionally", "side", "beside",
      "d", "ll", "ve", "re", "m", "t", "don", "didn", "doesn", "isn", "aren", "wasn", "weren",
      "haven", "hasn", "see", "seeing", "interested", "curious", "wondering", "wonder", "quick",
      "quickly", "briefly", "again", "s", "'s", "'", "\"",
      "?", "!", ".", ",", ":", "(", ")", "-", "/", "+");

  /**
   * Words that say how the rows asked about relate to a value, and mean nothing more: "suppliers
   * located in Canada", "stores based in Chicago", "customers belonging to the Corporate segment".
   */
  static final Set<String> RELATIONS = words("located", "based", "situated", "belonging",
      "belong", "belongs", "from", "supplied", "everything", "anything", "everywhere", "marked",
      "labelled", "labeled", "tagged", "flagged", "classed", "classified");

  /** Words that say how to aggregate, read with the metric they stand before. */
  static final Set<String> AGGREGATION = words("distinct", "unique", "different", "average",
      "mean", "combined", "sum", "total", "number", "count", "percent", "percentage");

  /** Words that negate the values after them: "excluding Central", "other than Amazon". */
  static final Set<String> NEGATORS = words("excluding", "exclude", "excludes", "except",
      "not", "without", "non", "but", "besides", "ignoring", "minus", "outside", "omitting");

  /** Words that negate the value before them: "Electronics left out". */
  static final Set<String> NEGATED_AFTER = words("excluded", "left", "out");

  /** Words that group by the dimension after them. */
  static final Set<String> GROUPERS = words("by", "per", "each", "every", "across");

  /** Superlatives that rank from the highest down. */
  static final Set<String> HIGHEST = words("highest", "most", "best", "biggest", "largest",
      "greatest", "top", "max", "maximum", "leading", "strongest", "popular");

  /** Superlatives that rank from the lowest up. */
  static final Set<String> LOWEST = words("lowest", "least", "worst", "smallest", "fewest",
      "bottom", "min", "minimum", "weakest", "poorest");

  /** Verbs that ask for data to change: a question cannot. */
  static final Set<String> WRITES = words("delete", "remove", "update", "insert", "drop",
      "truncate", "alter", "create", "modify", "change", "set", "add", "replace", "merge",
      "grant", "revoke", "erase", "wipe", "purge", "clear", "overwrite", "rename", "destroy",
      "edit", "write", "upsert", "load", "import", "reset", "restore", "copy", "move", "execute",
      "exec", "run", "call", "kill", "shutdown", "cancel", "refund", "void");

  /** Words that may come before an imperative verb without changing it: "please delete ...". */
  static final Set<String> POLITE = words("please", "pls", "kindly", "can", "could", "would",
      "will", "you", "i", "want", "to", "need", "let", "lets", "let's", "us", "go", "ahead",
      "and", "now", "just", "then", "also", "hey", "ok", "okay", "asklayer", "'s", "'", ",",
      "try", "quickly");

  /** Auxiliary verbs: the noun after one is who acts ("did customers place"). */
  static final Set<String> AUXILIARIES = words("did", "do", "does", "have", "has", "had");

  /** Forms of "be" and "get" that may stand inside a phrase: "units were sent back". */
  static final Set<String> PASSIVE = words("were", "was", "are", "is", "been", "being", "be",
      "get", "got", "gets");

  /** Words that order without cutting: "brands ranked by revenue". */
  static final Set<String> ORDERINGS = words("ranked", "sorted", "ordered", "ranking");

  /** Every word the question grammar reads, beyond filler: never a typo or an abbreviation. */
  static final Set<String> GRAMMAR = union(RELATIONS, AGGREGATION, NEGATED_AFTER, ORDERINGS,
      NEGATORS, GROUPERS, HIGHEST, LOWEST);

  private static Set<String> union(Set<String>... sets) {
    java.util.Set<String> out = new java.util.HashSet<>();
    for (Set<String> s : sets) {
      out.addAll(s);
    }
    return Set.copyOf(out);
  }

  /** Numbers written as words: "the last two quarters", "which three stores". */
  static final java.util.Map<String, Integer> NUMBERS = java.util.Map.ofEntries(
      java.util.Map.entry("one", 1), java.util.Map.entry("two", 2),
      java.util.Map.entry("three", 3), java.util.Map.entry("four", 4),
      java.util.Map.entry("five", 5), java.util.Map.entry("six", 6),
      java.util.Map.entry("seven", 7), java.util.Map.entry("eight", 8),
      java.util.Map.entry("nine", 9), java.util.Map.entry("ten", 10),
      java.util.Map.entry("eleven", 11), java.util.Map.entry("twelve", 12),
      java.util.Map.entry("dozen", 12), java.util.Map.entry("fifteen", 15),
      java.util.Map.entry("twenty", 20), java.util.Map.entry("thirty", 30),
      java.util.Map.entry("sixty", 60), java.util.Map.entry("ninety", 90));

  private static Set<String> words(String... words) {
    return Set.copyOf(java.util.Arrays.asList(words));
  }

  /** Singular form of an English noun; other words unchanged. */
  static String stem(String w) {
    int n = w.length();
    if (n > 4 && w.endsWith("ies")) {
      return w.substring(0, n - 3) + "y";
    }
    if (n > 4 && (w.endsWith("sses") || w.endsWith("ches") || w.endsWith("shes")
        || w.endsWith("xes") || w.endsWith("zes"))) {
      return w.substring(0, n - 2);
    }
    if (n > 3 && w.endsWith("s") && !w.endsWith("ss") && !w.endsWith("us")
        && !w.endsWith("is")) {
      return w.substring(0, n - 1);
    }
    return w;
  }

  /** Whether {@code a} is within a small typo of {@code b}: one edit from 5 letters, two from 9. */
  static boolean nearlyEqual(String a, String b) {
    int n = Math.min(a.length(), b.length());
    int allowed = n >= 9 ? 2 : n >= 5 ? 1 : 0;
    if (allowed == 0 || Math.abs(a.length() - b.length()) > allowed) {
      return false;
    }
    if (a.charAt(0) != b.charAt(0) && allowed < 2) {
      return false;
    }
    return distance(a, b, allowed) <= allowed;
  }

  /** Optimal string alignment distance (edits, with swaps of neighbours), stopped past max. */
  static int distance(String a, String b, int max) {
    int[] prev2 = new int[b.length() + 1];
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      int best = cur[0];
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        int v = Math.min(Math.min(prev[j] + 1, cur[j - 1] + 1), prev[j - 1] + cost);
        if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2)
            && a.charAt(i - 2) == b.charAt(j - 1)) {
          v = Math.min(v, prev2[j - 2] + 1);
        }
        cur[j] = v;
        best = Math.min(best, v);
      }
      if (best > max) {
        return best;
      }
      int[] t = prev2;
      prev2 = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }
}
