/**
 * Warehouses: connections, dialects and table metadata, and what makes whole queries run there.
 *
 * <p>A {@link io.asklayer.engine.warehouse.Warehouse} is opened read-only once per process and
 * shared ({@link io.asklayer.engine.warehouse.WarehouseRegistry}); its tables' row types are read at
 * open, so planning never goes back to the warehouse for metadata. Tables appear to queries as
 * {@link io.asklayer.engine.warehouse.WarehouseTable}s: unmodifiable, and scanned through Calcite's
 * JDBC adapter with one {@code JdbcConvention} per warehouse so joins push down together.
 *
 * <p>The dialect is chosen from the URL ({@link io.asklayer.engine.warehouse.WarehouseKind}), never
 * detected: Calcite does not recognise DuckDB. {@link io.asklayer.engine.warehouse.DuckDbDialect}
 * fills the gaps found in Calcite's DuckDB dialect, and
 * {@link io.asklayer.engine.warehouse.PushdownRules} adjusts Calcite's rules so window functions and
 * {@code IN}/{@code EXISTS} sub-queries stay in the warehouse.
 * {@link io.asklayer.engine.warehouse.WarehouseRules} widens Calcite's JDBC rules (joins on any
 * condition the warehouse can evaluate; grouping sets; window nodes, which Calcite splits out of
 * projections and its JDBC adapter could not write) and, after planning, moves a projection,
 * sort, limit or aggregate left in Java right above the warehouse into its statement;
 * {@link io.asklayer.engine.warehouse.ImpliedFilters} then writes on a join's side the equality
 * with a constant the other side's projection implies, which the warehouse cannot see there.
 * {@link io.asklayer.engine.warehouse.WarehouseProgram} is the optimizer program: a statement whose
 * every table is one of the session's warehouse is planned without the Volcano search (a Hep pass
 * of the search's logical rewrites, then each node converted with the warehouse's own rules, one
 * converter to Java on top); any node without a warehouse form sends it to the full program
 * ({@code -Dasklayer.planner=full} forces that). The security checks run on either's plan alike.
 * {@link io.asklayer.engine.warehouse.SharedSubtrees} writes the statement of a plan the warehouse
 * runs whole, with a subtree used more than once (an inlined {@code WITH}) written once as a
 * common table expression where the dialect and the subtree's shape make that pay, and (with
 * {@link io.asklayer.engine.warehouse.SemiJoins}) a join with one column's distinct values as
 * {@code a IN (SELECT ...)}, the form the warehouse prunes by. The contract, tested by
 * {@code PushdownTest}: the queries of {@code golden/pushdown.txt} each reach the warehouse as one
 * SQL statement, the golden one, and return DuckDB's own rows.
 *
 * <p>Every connection a warehouse lends is recorded with the statements it makes, per thread
 * ({@link io.asklayer.engine.warehouse.RunningQueries}), so that a client's cancel reaches the
 * warehouse query its statement waits for.
 *
 * <p>An expression means what Calcite says it means wherever it runs: {@code DuckDbDialect} writes
 * functions whose DuckDB namesake differs with Calcite's meaning, and
 * {@link io.asklayer.engine.warehouse.DuckDbSemantics} rewrites the type-dependent ones (integer
 * division, truncating casts) in the warehouse part of the final plan. Tested by
 * {@code SqlSemanticsTest}: each case of {@code golden/semantics.txt} gives the same value in Java,
 * on a warehouse column and in DuckDB direct.
 */
package io.asklayer.engine.warehouse;
