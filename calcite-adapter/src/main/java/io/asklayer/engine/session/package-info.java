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
 * {@link io.asklayer.engine.session.AsklayerPrepare}: the statement guard, then Calcite's
 * validation, planning (with {@link io.asklayer.engine.warehouse.PushdownRules}) and execution. The
 * session ends, and its warehouse lease is returned, when its connection closes.
 */
package io.asklayer.engine.session;
