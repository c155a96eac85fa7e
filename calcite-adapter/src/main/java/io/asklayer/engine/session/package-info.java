/**
 * Sessions and the statement pipeline.
 *
 * <p>{@link io.asklayer.engine.session.EmbeddedDriver} is Calcite's JDBC driver under the
 * {@code jdbc:asklayer:} prefix. Connecting parses the properties of DESIGN section 3 into a
 * {@link io.asklayer.engine.session.SessionConfig} (rejecting unknown keys and bad values), opens a
 * {@link io.asklayer.engine.session.Session} (model loaded and checked against the warehouse,
 * warehouse borrowed from the registry), and gives the connection the session's root schema, through
 * which the pipeline finds the session again.
 *
 * <p>Every statement, whatever JDBC path it takes, is prepared by
 * {@link io.asklayer.engine.session.AsklayerPrepare}, one pipeline of named steps, each its own
 * type: escapes ({@link io.asklayer.engine.session.JdbcEscapes}: {@code {oj ...}},
 * {@code {escape 'c'}}, {@code {limit n}}; the rest Calcite's parser reads); reuse of a kept plan
 * ({@link io.asklayer.engine.session.PlanCache}); recognise
 * ({@link io.asklayer.engine.session.Statements}: {@code ASK}, {@code EXPLAIN ASK},
 * {@code SHOW}/{@code DESCRIBE}, {@code REFRESH} as typed statements, from the text's words read
 * once, answered by queries built as syntax trees over the {@code ask} and metadata functions,
 * never by SQL text); interpret (a question's metric query); the statement guard; shape
 * ({@link io.asklayer.engine.session.Shapes}: compared literals as parameters); Calcite's
 * validation, the semantic rewrite and row cap, planning (the warehouse's short program when the
 * whole statement runs there, {@link io.asklayer.engine.warehouse.WarehouseProgram}, else
 * Calcite's search with {@link io.asklayer.engine.warehouse.PushdownRules}) and the security plan
 * check; and the refusal
 * log. State is passed explicitly from step to step; the tree Calcite plans is handed over by the
 * per-statement prepare instance. The
 * session holds the principal's secured tables, its question interpreter (rebuilt when the metadata
 * snapshot changes) and the warnings of the statement being prepared. It ends, and its warehouse
 * lease is returned, when its connection closes.
 *
 * <p>Speed: a statement seen before is answered from the
 * {@link io.asklayer.engine.session.PlanCache} (keyed by text, warehouse, model, policy, today and
 * language-model settings; questions also by the metric query they mean; SQL also by its shape,
 * the statement with its compared literals as parameters, whose plan runs with the statement's
 * values bound when each converts exactly to its parameter's type), with the warnings its
 * planning gave; statements whose planning read data are never kept. A plan the warehouse runs
 * whole is read by {@link io.asklayer.engine.session.WarehouseStatement} without generating Java.
 * Questions are read through the {@link io.asklayer.engine.cache.SemanticCache}. Kept plans do not
 * hold the root schema of the session that made them. Calcite plans the guard's parse tree
 * ({@link io.asklayer.engine.session.ParsedStatement}), not a second parse of the text. A
 * connection with {@code warmup_seconds} starts, once per JVM, a background
 * {@link io.asklayer.engine.session.Warmup} that plans the model's statements without running or
 * keeping them. {@code date + n} is read as n days
 * ({@link io.asklayer.engine.session.DateArithmetic}); {@code DATE_TRUNC('unit', x)} and Oracle's
 * {@code TRUNC(x, 'format')} are {@code FLOOR(x TO unit)}
 * ({@link io.asklayer.engine.session.DateTruncation}).
 *
 * <p>{@code REFRESH METADATA} and {@code REFRESH DOCUMENTS} are not rewritten into queries:
 * {@link io.asklayer.engine.session.RefreshStatements} plans them as a result whose rows are made
 * by doing the refresh when the statement executes, for a principal whose role grants the
 * {@code refresh} privilege. No table function refreshes, so no {@code SELECT}, JDBC metadata call
 * or preparation can.
 *
 * <p>JDBC metadata is answered by {@link io.asklayer.engine.session.JdbcMetadata}'s
 * {@code asklayer.jdbc_*} functions, from the session's schemas and model alone: no table function
 * is evaluated to list tables, nothing is read from the warehouse, and only what the principal may
 * read is listed. The catalog statements SQL clients type ({@code SHOW TABLES},
 * {@code DESCRIBE t}, ...) are queries of the same functions
 * ({@link io.asklayer.engine.session.CatalogStatements}).
 *
 * <p>Parameters: the validator ({@link io.asklayer.engine.session.ParameterTypes}) types an
 * untyped {@code ?} in {@code CASE}, {@code COALESCE}, {@code NULLIF} and nested arithmetic as
 * PostgreSQL does, and refuses one nothing types with the {@code CAST} to write. A statement with a
 * {@code ?} among a table function's arguments cannot be planned before its values are known
 * (the function's result is computed while planning, from literals): the driver plans it when it
 * runs, with the values written into its tree as literals
 * ({@link io.asklayer.engine.session.TableFunctionParameters}), one plan per value.
 *
 * <p>Limits: planning stops at the statement's time limit (its query timeout, else the model's) or
 * when the statement is cancelled ({@link io.asklayer.engine.session.PlanningLimit}), with a message
 * that says so; nothing has run in the warehouse by then. Building a policy's document index on
 * its first search is part of planning and stops the same way, keeping nothing; a
 * {@code search_documents} query is at most the model's {@code max_question_length} characters.
 */
package io.asklayer.engine.session;
