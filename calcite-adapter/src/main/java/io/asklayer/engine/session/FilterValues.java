package io.asklayer.engine.session;

import io.asklayer.engine.error.AsklayerException;
import io.asklayer.engine.error.ErrorKind;
import io.asklayer.engine.semantic.MetricQuery;
import io.asklayer.engine.warehouse.MetadataSnapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The values a written metric query ({@code metric_query}) filters on, checked against what the
 * warehouse holds, as ASK's questions are: a value is taken in its stored spelling whatever its
 * case ({@code category = electronics} is Electronics), and one the dimension does not have is
 * refused with the values it has, where {@code where: region = Nort} answered a revenue of 0.
 * Dimensions whose values are not all listed in the snapshot (more than its cap) are not checked.
 */
final class FilterValues {
  private static final int SHOWN = 12;

  private FilterValues() {
  }

  static MetricQuery ground(MetricQuery q, MetadataSnapshot snapshot) {
    if (snapshot == null) {
      return q;
    }
    q = groundHaving(q, snapshot);
    if (q.filters().isEmpty()) {
      return q;
    }
    List<MetricQuery.Filter> filters = new ArrayList<>();
    boolean changed = false;
    for (MetricQuery.Filter f : q.filters()) {
      MetadataSnapshot.DimensionValues known = listed(snapshot, f.dimension());
      if (f.isPresence() || known == null) {
        filters.add(f);
        continue;
      }
      List<String> values = new ArrayList<>();
      for (String v : f.values()) {
        String stored = stored(known.values(), v);
        if (stored == null) {
          throw unknown(f.dimension(), v, known.values());
        }
        changed |= !stored.equals(v);
        values.add(stored);
      }
      filters.add(new MetricQuery.Filter(f.dimension(), values, f.negated()));
    }
    return changed ? q.withFilters(filters.toArray(MetricQuery.Filter[]::new)) : q;
  }

  /**
   * {@code having: category = toys} on a grouping column: the value checked and spelled as stored,
   * as in {@code where} (it quietly matched no row). Numbers for metric columns are left alone.
   */
  private static MetricQuery groundHaving(MetricQuery q, MetadataSnapshot snapshot) {
    List<MetricQuery.Condition> out = new ArrayList<>();
    boolean changed = false;
    for (MetricQuery.Condition h : q.having()) {
      boolean grouped = q.dimensions().stream().anyMatch(d -> d.grain() == null
          && d.dimension().equals(h.column()));
      MetadataSnapshot.DimensionValues known = listed(snapshot, h.column());
      if (!grouped || known == null || !(h.comparison() == MetricQuery.Comparison.EQ
          || h.comparison() == MetricQuery.Comparison.NE)) {
        out.add(h);
        continue;
      }
      String stored = stored(known.values(), h.value().trim());
      if (stored == null) {
        throw unknown(h.column(), h.value().trim(), known.values());
      }
      changed |= !stored.equals(h.value());
      out.add(new MetricQuery.Condition(h.column(), h.comparison(), stored));
    }
    return changed ? q.withHaving(out.toArray(MetricQuery.Condition[]::new)) : q;
  }

  /** A dimension's values when the snapshot lists them all and it is not a time; else null. */
  private static MetadataSnapshot.DimensionValues listed(MetadataSnapshot snapshot,
      String dimension) {
    MetadataSnapshot.DimensionValues known = snapshot.dimensions().get(dimension);
    return known == null || known.first() != null || !known.complete(snapshot.cap()) ? null
        : known;
  }

  private static AsklayerException unknown(String dimension, String v, List<String> all) {
    return new AsklayerException(ErrorKind.USER, "There is no " + dimension + " '" + v
        + "' in the data. " + dimension + " is one of: " + String.join(", ",
            all.subList(0, Math.min(SHOWN, all.size()))) + (all.size() > SHOWN ? ", ... ("
            + all.size() + " in all; SHOW DIMENSIONS lists them)" : "") + ".");
  }

  /** The stored value a written one names: the same text, else the same in any case or number. */
  private static String stored(List<String> values, String v) {
    if (values.contains(v)) {
      return v;
    }
    for (String s : values) {
      if (s.toLowerCase(Locale.ROOT).equals(v.toLowerCase(Locale.ROOT))) {
        return s;
      }
    }
    try {
      java.math.BigDecimal n = new java.math.BigDecimal(v.trim());
      for (String s : values) {
        try {
          if (new java.math.BigDecimal(s).compareTo(n) == 0) {
            return s;
          }
        } catch (NumberFormatException notNumber) {
          // a text value
        }
      }
    } catch (NumberFormatException notNumber) {
      // a text value
    }
    return null;
  }
}
