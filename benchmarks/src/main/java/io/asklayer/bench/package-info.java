/**
 * Benchmarks of Asklayer against DuckDB direct, always measured side by side in one run so the
 * reported figure is a ratio, not an absolute time that depends on the machine. Run them with
 * {@code benchmarks/run} (JMH options pass through, for example {@code benchmarks/run -p scale=0.1}).
 */
package io.asklayer.bench;
