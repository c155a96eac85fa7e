package io.asklayer.bench.tpcds;

import java.util.List;

/**
 * What happened to one TPC-DS query, directly on DuckDB and through Asklayer.
 *
 * @param number the query's number
 * @param directError first line of DuckDB's error, or null when it answered
 * @param planError first line of Asklayer's error for {@code EXPLAIN PLAN FOR}, or null when it
 *     planned the query
 * @param plan the physical plan Asklayer chose, or null
 * @param pushedDown whether that plan is one warehouse statement: one converter at the root and
 *     only warehouse operators below it
 * @param javaOperators operators of the plan that run in Asklayer rather than in the warehouse
 *     (empty when pushed down)
 * @param asklayerError first line of Asklayer's error running the query, or null when it answered
 * @param rows rows DuckDB answered with (-1 if it failed)
 * @param diff how Asklayer's rows differ from DuckDB's, or null when they are the same (or either
 *     failed)
 * @param directMillis median time of DuckDB direct, or NaN when not timed
 * @param asklayerMillis median time through Asklayer, or NaN when not timed
 */
public record QueryOutcome(int number, String directError, String planError, String plan,
    boolean pushedDown, List<String> javaOperators, String asklayerError, int rows, String diff,
    double directMillis, double asklayerMillis) {

  public boolean planned() {
    return planError == null;
  }

  public boolean directAnswered() {
    return directError == null;
  }

  public boolean asklayerAnswered() {
    return asklayerError == null;
  }

  /** Both answered and the rows agree. */
  public boolean sameRows() {
    return directAnswered() && asklayerAnswered() && diff == null;
  }

  /** Both answered, so the two times can be compared. */
  public boolean bothAnswered() {
    return directAnswered() && asklayerAnswered();
  }

  /** Why Asklayer did not give DuckDB's answer, in one line; null when it did. */
  public String problem() {
    if (!directAnswered()) {
      return "DuckDB: " + directError;
    }
    if (!planned()) {
      return planError;
    }
    if (!asklayerAnswered()) {
      return asklayerError;
    }
    if (diff != null) {
      return "wrong rows: " + diff.lines().findFirst().orElse("");
    }
    return null;
  }
}
