/**
 * The Asklayer engine: model loading, the statement pipeline, guardrails and warehouse adapters, on
 * Apache Calcite. Packages, one concern each: {@code model}, {@code session}, {@code guard},
 * {@code warehouse}, {@code error}. {@link io.asklayer.engine.SqlSettings} and
 * {@link io.asklayer.engine.AsklayerTypeSystem} define the SQL language every part shares.
 */
package io.asklayer.engine;
