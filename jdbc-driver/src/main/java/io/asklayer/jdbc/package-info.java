/**
 * The {@code jdbc:asklayer:} JDBC driver.
 *
 * <p>{@link io.asklayer.jdbc.Driver} is registered through {@code META-INF/services/java.sql.Driver}.
 * It opens embedded connections through the engine's Calcite-based driver, and wraps every JDBC
 * object it hands out at one boundary ({@code JdbcBoundary}) where failures become
 * {@link java.sql.SQLException}s with the engine's message and the SQLState of their kind. There,
 * too, {@code DatabaseMetaData} calls become queries of the engine's {@code asklayer.jdbc_*}
 * functions ({@code MetadataCalls}), embedded and remote alike, and the getters that describe the
 * product answer the same in both modes ({@code ProductFacts}), as does {@code nativeSQL} (the text
 * with its JDBC escapes processed, as the engine parses it); a date or time result column's
 * precision and scale are {@code getColumns}'s sizes ({@code DateTimeSizes}), except on the
 * connections an Avatica server serves from ({@code Driver.connectServed}), whose metadata goes
 * onto the wire as Avatica carries it. A prepared statement with a
 * {@code ?} among a table function's arguments ({@code TABLE(ask(?))}) is planned each time it
 * runs, with its values ({@code LateBoundStatement}); the network server's statements are this
 * driver's, so that holds remotely too. The module
 * also builds {@code target/asklayer-jdbc.jar}: the driver with Calcite, Avatica and DuckDB in one jar
 * that a BI tool or {@code java -cp} loads alone.
 */
package io.asklayer.jdbc;
