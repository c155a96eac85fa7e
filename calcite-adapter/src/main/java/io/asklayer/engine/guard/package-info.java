/**
 * Guardrails: what a statement may be, before it is planned.
 *
 * <p>{@link io.asklayer.engine.guard.StatementGuard} admits exactly one statement per execution and
 * only queries ({@code SELECT}, {@code WITH}, {@code VALUES}, set operations, {@code EXPLAIN} of a
 * query). Statements that would change data, schema or session state are refused with a message that
 * names the statement, even where Calcite's parser would not understand them, so the refusal never
 * depends on a parse error; SQL Server's {@code SELECT TOP n} is refused naming {@code LIMIT}. Text
 * is split with Calcite's own lexer
 * ({@link io.asklayer.engine.guard.SqlLexer}), so comments and quotes cannot hide a second statement.
 *
 * <p>This is the first of three read-only layers: warehouse tables are exposed unmodifiable
 * ({@link io.asklayer.engine.warehouse.WarehouseTable}) and warehouse connections are opened
 * read-only. The limits on rows and time are enforced where results leave the engine (the driver's
 * JDBC boundary); {@link io.asklayer.engine.guard.RefusalLog} records every refusal with principal,
 * statement and reason. {@link io.asklayer.engine.guard.StringSizes} bounds built strings: those
 * built from constants past 100,000 characters are refused before Calcite folds them in the
 * server's memory, and a plan that would build one from a data count outside the warehouse is
 * refused (the DuckDB dialect checks such counts in the warehouse).
 */
package io.asklayer.engine.guard;
