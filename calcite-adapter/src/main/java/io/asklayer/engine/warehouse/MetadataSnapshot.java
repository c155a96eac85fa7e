package io.asklayer.engine.warehouse;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.apache.calcite.rel.RelNode;

/**
 * What the warehouse holds, for grounding questions and for {@code SHOW DIMENSIONS}: per dimension
 * its distinct values (all of them when there are at most {@code cap}, otherwise the count only),
 * per time dimension its first and last date, per table its row count. Each figure is read with one
 * query the engine plans (a relational plan written in the warehouse's dialect, never spliced text).
 */
public record MetadataSnapshot(Instant takenAt, Duration took, int cap,
    Map<String, Long> rowCounts, Map<String, DimensionValues> dimensions) {
  public MetadataSnapshot {
    rowCounts = Collections.unmodifiableMap(new LinkedHashMap<>(rowCounts));
    dimensions = Collections.unmodifiableMap(new LinkedHashMap<>(dimensions));
  }

  /**
   * Identifies what questions are grounded in (the cap and every dimension's values and range),
   * the same for the same data whichever process took the snapshot, so caches shared between
   * processes can key on it. Row counts and timings are left out.
   */
  public String fingerprint() {
    StringBuilder b = new StringBuilder().append(cap);
    new java.util.TreeMap<>(dimensions).forEach((name, v) -> b.append('\n').append(name)
        .append('|').append(v.distinct()).append('|').append(v.first()).append('|')
        .append(v.last()).append('|').append(String.join("\u0001", v.values())));
    try {
      return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
          .digest(b.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this Java", e);
    }
  }

  /**
   * The values of one dimension.
   *
   * @param distinct how many distinct values there are, or {@code cap + 1} meaning "more than cap"
   * @param values the values, when there are at most cap; otherwise empty
   * @param first for a time dimension, its earliest date; otherwise null
   * @param last for a time dimension, its latest date; otherwise null
   */
  public record DimensionValues(long distinct, List<String> values, LocalDate first,
      LocalDate last) {
    public DimensionValues {
      values = List.copyOf(values);
    }

    /** Whether every value is listed. */
    public boolean complete(int cap) {
      return distinct <= cap;
    }
  }

  /** A plan to read one dimension: its distinct values (time dimensions: first and last). */
  public interface DimensionPlans {
    /** Distinct values, sorted, at most {@code limit} rows. */
    RelNode values(String dimension, int limit);

    /** One row: minimum and maximum. */
    RelNode range(String dimension);

    boolean isTime(String dimension);
  }

  /** Reads a snapshot through the warehouse's connections. */
  public static MetadataSnapshot take(Warehouse warehouse, List<String> dimensionNames,
      DimensionPlans plans, int cap) throws SQLException {
    long t0 = System.nanoTime();
    Map<String, Long> rows = new LinkedHashMap<>();
    warehouse.tables().forEach((name, t) -> rows.put(name, t.rowCount()));
    Map<String, DimensionValues> dims = new LinkedHashMap<>();
    DataSource ds = warehouse.dataSource();
    try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
      for (String d : dimensionNames) {
        List<String> values = new ArrayList<>();
        try (ResultSet rs = s.executeQuery(warehouse.sql(plans.values(d, cap + 1)))) {
          while (rs.next()) {
            String v = rs.getString(1);
            if (v != null) {
              values.add(v);
            }
          }
        }
        LocalDate first = null;
        LocalDate last = null;
        if (plans.isTime(d)) {
          try (ResultSet rs = s.executeQuery(warehouse.sql(plans.range(d)))) {
            if (rs.next()) {
              first = toDate(rs.getObject(1));
              last = toDate(rs.getObject(2));
            }
          }
        }
        long distinct = values.size();
        dims.put(d, new DimensionValues(distinct, distinct <= cap ? values : List.of(), first,
            last));
      }
    }
    return new MetadataSnapshot(Instant.now(), Duration.ofNanos(System.nanoTime() - t0), cap,
        rows, dims);
  }

  /** A date from whatever a JDBC driver returns for one. */
  public static LocalDate toDate(Object o) {
    if (o == null) {
      return null;
    }
    if (o instanceof java.sql.Date d) {
      return d.toLocalDate();
    }
    if (o instanceof LocalDate d) {
      return d;
    }
    if (o instanceof java.sql.Timestamp t) {
      return t.toLocalDateTime().toLocalDate();
    }
    return LocalDate.parse(o.toString().substring(0, 10));
  }

}
