/**
 * How failures are classified and worded.
 *
 * <p>Every refusal or failure the engine raises on purpose is an
 * {@link io.asklayer.engine.error.AsklayerException} of one {@link io.asklayer.engine.error.ErrorKind}
 * (user, identity, privilege, unsupported, internal), created through {@link io.asklayer.engine.error.Messages},
 * the one place user-facing wording lives. The JDBC boundary (the driver module) turns it into a
 * {@link java.sql.SQLException} whose SQLState is the kind's: {@code 42000}, {@code 28000},
 * {@code 42501}, {@code 0AS01} (not 0A000, which HikariCP takes for a broken connection), {@code 57014},
 * {@code XX000}. Messages never echo data the principal may not see.
 */
package io.asklayer.engine.error;
