/**
 * The semantic model: one YAML file naming the warehouse tables and their joins, the dimensions and
 * the metrics questions are answered with, loaded into immutable records.
 *
 * <p>{@link io.asklayer.engine.model.ModelLoader} parses with SnakeYAML Engine's node API, so every
 * problem is reported as {@code file:line:column: what is wrong and what would be valid}, all of them
 * at once, in one {@link io.asklayer.engine.model.ModelException}.
 * {@link io.asklayer.engine.model.ModelValidator} checks references, expressions, metric cycles and
 * phrases that name two things, and, at connect, every table and column against the warehouse.
 * {@link io.asklayer.engine.model.JoinGraph} follows only joins that cannot repeat rows, which is how
 * fan-out is ruled out. {@link io.asklayer.engine.model.Additivity} says which metrics add up across
 * rows, which shares and running totals need. The retail demo model ships as {@code retail.yaml} in this package's
 * resources; {@code docs/semantic-model.md} describes the format.
 */
package io.asklayer.engine.model;
