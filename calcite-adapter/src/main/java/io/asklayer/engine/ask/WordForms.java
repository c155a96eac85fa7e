package io.asklayer.engine.ask;

import java.time.Month;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The first reader: words as analysts write them brought to the words the other readers know.
 * A word that neither the model nor the question grammar knows is read as
 * <ul>
 *   <li>a standard English abbreviation of a grammar word ({@link #ENGLISH}: "pct", "avg", "yr");
 *   <li>an abbreviation of one of the model's own terms, by rule: a prefix of at least three
 *   letters ("rev", "cust", "chan") or the word's letters in order from its first ("qty",
 *   "amt"), the model's metric names first, then its dimension names, then synonyms; a tie is
 *   not guessed;
 *   <li>a typo of a grammar word or a model term: one edit (a swap of neighbours counts as one)
 *   from four letters, two from eight, the first letter kept; a four-letter word that is English
 *   (WordNet) is not a typo.
 * </ul>
 * What each word was read as is kept, so {@code EXPLAIN ASK} can show it. Model terms that are
 * abbreviations themselves ("AOV", "COGS") are synonyms in the model, as are further
 * abbreviations a model wants read ("rev" for a metric the rule would not find).
 */
final class WordForms {
  /** Abbreviations of the question grammar's own words (not of any model's terms). */
  static final Map<String, String> ENGLISH = Map.ofEntries(Map.entry("pct", "percent"),
      Map.entry("perc", "percent"), Map.entry("avg", "average"), Map.entry("ave", "average"),
      Map.entry("yr", "year"), Map.entry("yrs", "years"), Map.entry("qtr", "quarter"),
      Map.entry("qtrs", "quarters"), Map.entry("mth", "month"), Map.entry("mths", "months"),
      Map.entry("mo", "month"), Map.entry("mos", "months"), Map.entry("wk", "week"),
      Map.entry("wks", "weeks"), Map.entry("num", "number"), Map.entry("nbr", "number"),
      Map.entry("cnt", "count"), Map.entry("ttl", "total"), Map.entry("tot", "total"),
      Map.entry("amt", "amount"), Map.entry("qty", "quantity"));

  /** Grammar words a typo may stand for: months, grains, time and ranking words. */
  private static final List<String> GRAMMAR = grammar();

  /** One word read as another. */
  record Correction(int token, String written, String read, String why) {
  }

  private final Lexicon lexicon;
  private final Set<String> modelWords;
  private final Map<Integer, List<String>> grammarByLength = new HashMap<>();

  /**
   * @param modelWords the model's own question words beyond its terms (its language section's
   *     verbs and document words), which are never read as anything else
   */
  WordForms(Lexicon lexicon, Set<String> modelWords) {
    this.lexicon = lexicon;
    this.modelWords = Set.copyOf(modelWords);
    for (String g : GRAMMAR) {
      grammarByLength.computeIfAbsent(g.length(), k -> new ArrayList<>()).add(g);
    }
  }

  private static List<String> grammar() {
    List<String> out = new ArrayList<>();
    for (Month m : Month.values()) {
      out.add(m.getDisplayName(TextStyle.FULL, Locale.ENGLISH).toLowerCase(Locale.ROOT));
    }
    out.addAll(List.of("daily", "weekly", "monthly", "quarterly", "yearly", "annual", "week",
        "month", "quarter", "year", "average", "percent", "percentage", "total", "number",
        "distinct", "unique", "highest", "lowest", "largest", "smallest", "biggest", "between",
        "through", "previous", "yesterday", "today", "excluding", "except", "combined"));
    return List.copyOf(out);
  }

  /** The tokens, with words read as the words they stand for, and what was read how. */
  List<Token> normalize(List<Token> tokens, List<Correction> corrections) {
    List<Token> out = new ArrayList<>(tokens.size());
    for (Token t : tokens) {
      String read = t.kind() == Token.Kind.WORD ? read(t, corrections) : null;
      out.add(read == null ? t : new Token(t.index(), t.kind(), t.text(), read, Words.stem(read),
          t.start(), t.end()));
    }
    return out;
  }

  private String read(Token t, List<Correction> corrections) {
    String w = t.norm();
    String english = ENGLISH.get(w);
    if (english != null) {
      corrections.add(new Correction(t.index(), t.text(), english, "abbreviation"));
      return english;
    }
    if (known(t)) {
      return null;
    }
    String abbreviated = lexicon.abbreviation(t.stem());
    if (abbreviated == null && !t.stem().equals(w)) {
      abbreviated = lexicon.abbreviation(w);
    }
    if (abbreviated != null && !t.stem().equals(w)) {
      // "custs" are customers
      abbreviated = abbreviated.endsWith("y") ? abbreviated.substring(0, abbreviated.length() - 1)
          + "ies" : abbreviated.endsWith("s") ? abbreviated : abbreviated + "s";
    }
    if (abbreviated != null) {
      corrections.add(new Correction(t.index(), t.text(), abbreviated, "abbreviation"));
      return abbreviated;
    }
    String typo = typo(w);
    if (typo != null) {
      corrections.add(new Correction(t.index(), t.text(), typo, "spelling"));
      return typo;
    }
    return null;
  }

  /** Whether the other readers know the word as it is: grammar, filler, or a model term. */
  private boolean known(Token t) {
    String w = t.norm();
    if (w.length() < 2 || Words.FILLER.contains(w) || Words.GRAMMAR.contains(w)
        || Words.NUMBERS.containsKey(w) || GRAMMAR.contains(w) || TimeExpressions.knows(w)
        || DocWords.SAYING.contains(w) || DocWords.STOP.contains(w) || Words.WRITES.contains(w)
        || Words.POLITE.contains(w) || modelWords.contains(w)) {
      return true;
    }
    if (lexicon.knows(t.stem()) || lexicon.knows(w)) {
      return true;
    }
    for (String f : Lemmas.forms(w)) {
      if (lexicon.knows(f)) {
        return true;
      }
    }
    return false;
  }

  /** A grammar word, or for four-letter words a model term, one typo away; null if none or two. */
  private String typo(String w) {
    if (w.length() < 4 || w.length() == 4 && Lemmas.english(w)) {
      return null;
    }
    int allowed = w.length() >= 8 ? 2 : 1;
    String best = null;
    int bestD = allowed + 1;
    boolean tie = false;
    for (int len = w.length() - allowed; len <= w.length() + allowed; len++) {
      List<String> candidates = new ArrayList<>(grammarByLength.getOrDefault(len, List.of()));
      if (w.length() == 4) {
        // Longer words are matched against model terms by the lexicon itself.
        candidates.addAll(lexicon.wordsOfLength(len));
      }
      for (String g : candidates) {
        if (g.charAt(0) != w.charAt(0)) {
          continue;
        }
        int d = Words.distance(w, g, allowed);
        if (d < bestD) {
          bestD = d;
          best = g;
          tie = false;
        } else if (d == bestD && !g.equals(best)) {
          tie = true;
        }
      }
    }
    return bestD <= allowed && !tie ? best : null;
  }

  /** Words that are never read as abbreviations or typos: question grammar. */
  static boolean grammarWord(String w) {
    return GRAMMAR.contains(w) || ENGLISH.containsKey(w);
  }

  static Set<String> englishAbbreviations() {
    return ENGLISH.keySet();
  }
}
