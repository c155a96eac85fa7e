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

  /** A phrase, as singular words, and its meaning. */
  record Entry(List<String> stems, Meaning meaning, String phrase) {
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
  private final Map<String, List<String>> values = new LinkedHashMap<>();

  private Lexicon() {
  }

  static Lexicon of(SemanticModel model, MetadataSnapshot snapshot) {
    Lexicon l = new Lexicon();
    for (Metric m : model.metrics().values()) {
      l.add(m.name(), new MetricName(m.name()));
      m.synonyms().forEach(s -> l.add(s, new MetricName(m.name())));
    }
    for (Dimension d : model.dimensions().values()) {
      l.add(d.name(), new DimensionName(d.name()));
      d.synonyms().forEach(s -> l.add(s, new DimensionName(d.name())));
      d.valueSynonyms().forEach((word, values) -> l.add(word, new Value(d.name(), values)));
      MetadataSnapshot.DimensionValues v = snapshot.dimensions().get(d.name());
      if (v == null || d.type() != Dimension.Type.STRING) {
        continue;
      }
      l.values.put(d.name(), v.values());
      for (String value : v.values()) {
        if (!value.isBlank() && !value.chars().allMatch(Character::isDigit)) {
          l.add(value, new Value(d.name(), List.of(value)));
        }
      }
    }
    l.vocabulary.forEach(w -> l.vocabularyByLength.computeIfAbsent(w.length(),
        k -> new ArrayList<>()).add(w));
    return l;
  }

  private void add(String phrase, Meaning meaning) {
    List<String> stems = Tokenizer.stems(phrase);
    if (stems.isEmpty()) {
      return;
    }
    byFirst.computeIfAbsent(stems.get(0), k -> new ArrayList<>())
        .add(new Entry(stems, meaning, phrase));
    vocabulary.addAll(stems);
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
   * The words of the vocabulary a question token may stand for: itself, or when it is unknown, a
   * word within a small typo of it. Filler words never stand for anything else.
   */
  Set<String> readings(Token t) {
    Set<String> out = new HashSet<>();
    out.add(t.stem());
    if (t.kind() == Token.Kind.WORD && !vocabulary.contains(t.stem())
        && !Words.FILLER.contains(t.norm()) && t.norm().length() >= 5) {
      for (int len = t.stem().length() - 2; len <= t.stem().length() + 2; len++) {
        for (String w : vocabularyByLength.getOrDefault(len, List.of())) {
          if (Words.nearlyEqual(t.stem(), w)) {
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
          if (skippable(t) && matched > 0) {
            pos++;
            continue;
          }
          String want = e.stems().get(matched);
          if (!readings.get(pos).contains(want)) {
            break;
          }
          exact &= t.stem().equals(want);
          matched++;
          pos++;
          end = pos;
        }
        if (matched < e.stems().size()) {
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
