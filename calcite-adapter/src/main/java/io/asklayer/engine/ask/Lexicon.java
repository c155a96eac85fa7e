package io.asklayer.engine.ask;

import io.asklayer.engine.model.Dimension;
import io.asklayer.engine.model.Metric;
import io.asklayer.engine.model.SemanticModel;
import io.asklayer.engine.warehouse.MetadataSnapshot;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The phrases a question can use, each with what it means: metric and dimension names and
 * synonyms from the model, and the values each dimension takes in the warehouse (from the metadata
 * snapshot, so only values the principal may see). Phrases are compared word by word on singular
 * forms, and a word of five letters or more may be off by a typo.
 */
final class Lexicon {
  /** What a phrase stands for. */
  sealed interface Meaning permits MetricName, DimensionName, Value {
  }

  record MetricName(String metric) implements Meaning {
  }

  record DimensionName(String dimension) implements Meaning {
  }

  /** One value of a dimension, or several that one word stands for ("online"). */
  record Value(String dimension, List<String> values) implements Meaning {
  }

  /**
   * A phrase, as singular words, and its meaning.
   *
   * @param partial the first word of a longer value, which stands for it only when written with a
   *     capital ("returned as Damaged" for "Damaged in transit")
   */
  record Entry(List<String> stems, Meaning meaning, String phrase, boolean partial) {
  }

  /** A phrase found in a question: tokens {@code start} to {@code end} (exclusive). */
  record Match(int start, int end, Entry entry, boolean exact) {
    int length() {
      return end - start;
    }
  }

  private final Map<String, List<Entry>> byFirst = new HashMap<>();
  private final Map<Integer, List<String>> vocabularyByLength = new HashMap<>();
  private final Set<String> vocabulary = new HashSet<>();
  /**
   * Words of the model's terms an abbreviation may stand for, each with its rank: 1 for words of
   * metric names, 2 of dimension names, 3 of metric synonyms, 4 of dimension synonyms. Values
   * are not abbreviated.
   */
  private final Map<String, Integer> terms = new HashMap<>();
  private final Map<String, List<String>> values = new LinkedHashMap<>();

  private Lexicon() {
  }

  static Lexicon of(SemanticModel model, MetadataSnapshot snapshot) {
    Lexicon l = new Lexicon();
    for (Metric m : model.metrics().values()) {
      l.add(m.name(), new MetricName(m.name()));
      l.term(m.name(), 1);
      m.synonyms().forEach(s -> l.add(s, new MetricName(m.name())));
      m.synonyms().forEach(s -> l.term(s, 3));
    }
    for (Dimension d : model.dimensions().values()) {
      l.add(d.name(), new DimensionName(d.name()));
      l.term(d.name(), 2);
      d.synonyms().forEach(s -> l.add(s, new DimensionName(d.name())));
      d.synonyms().forEach(s -> l.term(s, 4));
      d.valueSynonyms().forEach((word, values) -> l.add(word, new Value(d.name(), values)));
      MetadataSnapshot.DimensionValues v = snapshot.dimensions().get(d.name());
      if (v == null || d.type() != Dimension.Type.STRING) {
        continue;
      }
      l.values.put(d.name(), v.values());
      Map<String, List<String>> byFirstWord = new HashMap<>();
      for (String value : v.values()) {
        if (!value.isBlank() && !value.chars().allMatch(Character::isDigit)) {
          l.add(value, new Value(d.name(), List.of(value)));
          List<String> words = Tokenizer.stems(value);
          if (words.size() > 1) {
            byFirstWord.computeIfAbsent(words.get(0), k -> new ArrayList<>()).add(value);
          }
        }
      }
      // A value's first word alone, when no other value of the dimension starts with it.
      byFirstWord.forEach((first, values) -> {
        if (values.size() == 1 && first.length() >= 4 && !Words.FILLER.contains(first)
            && !Words.GRAMMAR.contains(first)) {
          l.addPartial(first, new Value(d.name(), values));
        }
      });
    }
    l.vocabulary.forEach(w -> l.vocabularyByLength.computeIfAbsent(w.length(),
        k -> new ArrayList<>()).add(w));
    return l;
  }

  private void term(String phrase, int rank) {
    for (String w : Tokenizer.stems(phrase)) {
      if (w.length() >= 3 && Character.isLetter(w.charAt(0))) {
        terms.merge(w, rank, Math::min);
      }
    }
  }

  /**
   * The model word an abbreviation stands for: a word it begins (three letters or more) or whose
   * letters it has in order from the first; prefixes before such skeletons, then by rank; null
   * when none or when two tie.
   */
  String abbreviation(String w) {
    if (w.length() < 3 || w.length() > 5 || !w.chars().allMatch(Character::isLetter)) {
      return null;
    }
    // An English word is no skeleton: "main" is not "margin", "say" not "subcategory".
    boolean skeletons = !Lemmas.english(w);
    String best = null;
    int bestScore = Integer.MAX_VALUE;
    boolean tie = false;
    for (Map.Entry<String, Integer> e : terms.entrySet()) {
      String t = e.getKey();
      if (t.length() <= w.length() || t.charAt(0) != w.charAt(0)) {
        continue;
      }
      int score;
      if (t.startsWith(w)) {
        score = e.getValue();
      } else if (skeletons && subsequence(w, t)) {
        score = 10 + e.getValue();
      } else {
        continue;
      }
      if (score < bestScore) {
        bestScore = score;
        best = t;
        tie = false;
      } else if (score == bestScore && !Words.stem(t).equals(Words.stem(best))) {
        tie = true;
      }
    }
    return tie ? null : best;
  }

  private static boolean subsequence(String w, String t) {
    int j = 0;
    for (int i = 0; i < t.length() && j < w.length(); i++) {
      if (t.charAt(i) == w.charAt(j)) {
        j++;
      }
    }
    return j == w.length();
  }

  /** The vocabulary's words of a length, for typos. */
  List<String> wordsOfLength(int length) {
    return vocabularyByLength.getOrDefault(length, List.of());
  }

  private void add(String phrase, Meaning meaning) {
    List<String> stems = Tokenizer.stems(phrase).stream().map(Lexicon::indexForm).toList();
    if (stems.isEmpty()) {
      return;
    }
    byFirst.computeIfAbsent(stems.get(0), k -> new ArrayList<>())
        .add(new Entry(stems, meaning, phrase, false));
    vocabulary.addAll(stems);
  }

  private void addPartial(String word, Meaning meaning) {
    String w = indexForm(word);
    byFirst.computeIfAbsent(w, k -> new ArrayList<>()).add(new Entry(List.of(w), meaning, word,
        true));
  }

  /** The metric a single word names, whatever else it may be ("order" in "per order"), or null. */
  String metricOf(Token t) {
    for (String r : readings(t)) {
      for (Entry e : byFirst.getOrDefault(r, List.of())) {
        if (e.stems().size() == 1 && e.meaning() instanceof MetricName m) {
          return m.metric();
        }
      }
    }
    return null;
  }

  /** The synonyms of a metric, and its name, as index forms. */
  List<List<String>> phrasesOf(String metric) {
    List<List<String>> out = new ArrayList<>();
    byFirst.values().forEach(entries -> entries.forEach(e -> {
      if (e.meaning() instanceof MetricName m && m.metric().equals(metric)) {
        out.add(e.stems());
      }
    }));
    return out;
  }

  /** The listed values of a dimension, as the warehouse spells them; empty if not listed. */
  List<String> values(String dimension) {
    return values.getOrDefault(dimension, List.of());
  }

  /** Whether some phrase uses this singular word. */
  boolean knows(String stem) {
    return vocabulary.contains(stem);
  }

  /**
   * The form a phrase's word is indexed under: its singular form as written. A question's word
   * reaches it through its own base forms ({@link #readings}: "returned" reads as "return" and
   * meets "returns"), but a phrase is never widened to its base form: "rated" must not make
   * "rate" (in "discount rate") a rating, nor "grossing" make "gross" revenue.
   */
  static String indexForm(String stem) {
    return stem;
  }

  /**
   * The words of the vocabulary a question token may stand for: itself, or when it is unknown, a
   * word within a small typo of it. Filler words never stand for anything else.
   */
  Set<String> readings(Token t) {
    Set<String> out = new HashSet<>();
    out.add(t.stem());
    if (t.kind() == Token.Kind.WORD && t.norm().length() >= 3) {
      out.add(indexForm(t.stem()));
      out.addAll(Lemmas.forms(t.norm()));
    }
    // A word read as an abbreviation or a typo may still be a term as written ("pct" in
    // "gross margin pct").
    String written = t.text().toLowerCase(java.util.Locale.ROOT);
    if (t.kind() == Token.Kind.WORD && !written.equals(t.norm())) {
      out.add(Words.stem(written));
    }
    boolean known = out.stream().anyMatch(vocabulary::contains);
    if (t.kind() == Token.Kind.WORD && !known && !Words.FILLER.contains(t.norm())
        && !Words.GRAMMAR.contains(t.norm()) && t.norm().length() >= 5) {
      for (int len = t.stem().length() - 2; len <= t.stem().length() + 2; len++) {
        for (String w : vocabularyByLength.getOrDefault(len, List.of())) {
          if (Words.nearlyEqual(t.stem(), w) || Words.nearlyEqual(t.norm(), w)) {
            out.add(w);
          }
        }
      }
    }
    return out;
  }

  /**
   * Every phrase that starts at token {@code i} of {@code tokens}, using only tokens not yet
   * {@code taken}; symbols other than {@code &} and {@code %} between words are skipped.
   *
   * @param readings per token, from {@link #readings}
   */
  List<Match> matchesAt(List<Token> tokens, List<Set<String>> readings, boolean[] taken, int i) {
    List<Match> out = new ArrayList<>();
    if (taken[i] || skippable(tokens.get(i))) {
      return out;
    }
    for (String first : readings.get(i)) {
      for (Entry e : byFirst.getOrDefault(first, List.of())) {
        int pos = i;
        boolean exact = true;
        int matched = 0;
        int end = i;
        while (matched < e.stems().size() && pos < tokens.size() && !taken[pos]) {
          Token t = tokens.get(pos);
          if ((skippable(t) || Words.PASSIVE.contains(t.norm())) && matched > 0) {
            pos++;
            continue;
          }
          String want = e.stems().get(matched);
          if (!readings.get(pos).contains(want)) {
            break;
          }
          exact &= t.stem().equals(want) || indexForm(t.stem()).equals(want);
          matched++;
          pos++;
          end = pos;
        }
        if (matched < e.stems().size() || e.partial() && !tokens.get(i).capitalized()) {
          continue;
        }
        // A filler word alone ("order", "time") names nothing; inside a phrase it may.
        if (e.stems().size() == 1 && Words.FILLER.contains(tokens.get(i).norm())) {
          continue;
        }
        out.add(new Match(i, end, e, exact));
      }
    }
    return out;
  }

  private static boolean skippable(Token t) {
    return t.kind() == Token.Kind.SYMBOL && !t.is("&") && !t.is("%");
  }
}
