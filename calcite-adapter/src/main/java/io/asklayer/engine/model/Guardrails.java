package io.asklayer.engine.model;

import java.util.List;

/**
 * Limits every statement is held to, from the model's {@code guardrails} section.
 *
 * @param maxRows most rows a statement may return
 * @param statementTimeoutSeconds longest a statement may run; the warehouse query is cancelled
 * @param maxQuestionLength longest question ASK accepts, in characters
 * @param refusedTopics words that make ASK refuse a question as outside what it may answer
 * @param warehouseMemoryLimit most memory an embedded warehouse (DuckDB) may use for all its
 *     statements together, as DuckDB's {@code memory_limit} takes it: a size such as {@code 4GB}
 *     or a share of the machine's memory such as {@code 25%}
 */
public record Guardrails(long maxRows, int statementTimeoutSeconds, int maxQuestionLength,
    List<String> refusedTopics, String warehouseMemoryLimit) {
  /** Declared before {@link #DEFAULTS}, which is checked with it. */
  private static final java.util.regex.Pattern MEMORY_LIMIT = java.util.regex.Pattern.compile(
      "(?i)(\\d+(?:\\.\\d+)?)\\s*(KB|MB|GB|TB|KiB|MiB|GiB|TiB|%)");

  /**
   * DuckDB's own default is 80 % of the machine's memory, which leaves the server and everything
   * else on the machine little room when one statement takes it all.
   */
  public static final String DEFAULT_WAREHOUSE_MEMORY_LIMIT = "25%";

  public static final Guardrails DEFAULTS = new Guardrails(1_000_000, 300, 1000, List.of(),
      DEFAULT_WAREHOUSE_MEMORY_LIMIT);

  /**
   * Whether {@code v} is a memory limit: a number above 0 and a unit, or a percentage of the
   * machine's memory from above 0 to 100.
   */
  public static boolean isMemoryLimit(String v) {
    java.util.regex.Matcher m = MEMORY_LIMIT.matcher(v);
    if (!m.matches()) {
      return false;
    }
    double n = Double.parseDouble(m.group(1));
    return n > 0 && (!m.group(2).equals("%") || n <= 100);
  }

  public Guardrails {
    refusedTopics = List.copyOf(refusedTopics);
    if (!isMemoryLimit(warehouseMemoryLimit)) {
      throw new IllegalArgumentException("not a memory limit: " + warehouseMemoryLimit);
    }
  }
}
