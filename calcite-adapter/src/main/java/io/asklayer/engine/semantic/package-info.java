/**
 * The semantic layer: metric queries compiled into relational plans.
 *
 * <p>A {@link io.asklayer.engine.semantic.MetricQuery} (metrics, dimensions with grains, filters, a
 * time range, order, limit) is compiled by {@link io.asklayer.engine.semantic.MetricCompiler} with
 * Calcite's {@code RelBuilder} over the warehouse tables: aggregate leaves grouped by table, each
 * group joined only along many-to-one paths (so no join inflates a sum), groups outer-joined on the
 * dimensions, ratios and derived metrics computed on top (so a ratio is right at every grouping).
 * The plan then takes the ordinary path of every statement: security, optimisation, pushdown.
 *
 * <p>From SQL: {@link io.asklayer.engine.semantic.SemanticTable}s in the {@code semantic} schema,
 * whose aggregates ({@code AGGREGATE(metric)}, or {@code SUM(metric)} from a BI tool) are replaced
 * with compiled plans by {@link io.asklayer.engine.semantic.SemanticRewriter} right after SQL becomes
 * a plan; and {@code metric_query('...')} ({@link io.asklayer.engine.semantic.MetricQueryMacro}),
 * whose argument is {@link io.asklayer.engine.semantic.MetricQueryText}.
 * {@link io.asklayer.engine.semantic.SemanticCatalog} holds the types of every dimension and metric,
 * found by compiling each once when a session opens.
 */
package io.asklayer.engine.semantic;
