/**
 * The TPC-DS correctness and overhead run: a TPC-DS warehouse generated into DuckDB
 * ({@link io.asklayer.bench.tpcds.TpcdsData}), the 99 queries run straight on DuckDB and through
 * Asklayer ({@link io.asklayer.bench.tpcds.TpcdsBenchmark}), and a report of what Asklayer plans,
 * pushes down whole and answers correctly, with the time it adds
 * ({@link io.asklayer.bench.tpcds.TpcdsRun}, run with {@code benchmarks/tpcds}). The query texts
 * are not part of the repository; they are read from the shared TPC-DS folder.
 */
package io.asklayer.bench.tpcds;
