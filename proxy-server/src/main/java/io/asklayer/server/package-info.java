/**
 * The Asklayer server: Avatica's HTTP protocol (JSON or protobuf), served by Jetty, in front of
 * the embedded engine.
 *
 * <p>{@link io.asklayer.server.AsklayerServer} assembles it. Every POST must carry HTTP Basic
 * credentials checked by {@link io.asklayer.server.UserStore} (PBKDF2 hashes; failures budgeted
 * per name and client address, checked one at a time and slow, then that pair locked); the authenticated name is the principal of the service calls the request makes
 * ({@code CallContext}). {@code AsklayerMeta} (Avatica's {@code JdbcMeta} over
 * {@code jdbc:asklayer:}) opens each client connection as an engine session for that principal
 * (a served one, whose result metadata is as Avatica's protocol carries it), refusing a different
 * {@code user} property; {@code GuardedService} serves a request naming a
 * connection only to the principal that opened it and a request naming a statement only for a
 * statement that connection made, refusing whatever is unknown, and turns failures into the
 * engine's message and SQLState (internal ones into a reference to the server log, see
 * {@code Errors}). {@code ConnectionRegistry} records connection owners and their statements,
 * refuses reopening a live id, caps connections per principal and finds idle ones. Error responses
 * carry no stack traces. {@code /health} (open, status only) and {@code /metrics}
 * ({@code ServerMetrics}, any user who logs in) answer GETs; {@code POST /cancel} cancels a
 * running statement of the caller's own connection (Avatica's protocol has none; Asklayer's driver
 * sends it from {@code cancel()} and at a query timeout). Avatica's {@code JdbcMeta} failures on
 * hand-made execute requests are refused as the client's ({@code 26000}). Given
 * {@code warmup_seconds} among its session properties, the server starts the engine's warm-up as
 * it starts, as the model's first principal, on a connection no client counts against. See
 * {@code docs/clients.md}.
 */
package io.asklayer.server;
