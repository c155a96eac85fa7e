/**
 * The FoodMart benchmark: the SQL a BI engine (Mondrian) generated for the FoodMart warehouse, run
 * through Asklayer and on DuckDB directly, compared row for row and timed. The data is copied once
 * from the {@code foodmart-data-hsqldb} jar into a DuckDB file ({@link
 * io.asklayer.bench.foodmart.FoodmartData}); the queries come from the {@code foodmart-queries} jar
 * ({@link io.asklayer.bench.foodmart.FoodmartQueries}). Run with {@code benchmarks/foodmart}.
 */
package io.asklayer.bench.foodmart;
