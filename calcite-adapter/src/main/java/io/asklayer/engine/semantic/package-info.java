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
 * <p>Operators ({@link io.asklayer.engine.semantic.MetricQuery.Calculation}s: ratios at the
 * grouping, shares, period over period, running and to-date totals, means over periods or members,
 * counts of tables the model marks countable; and {@code having}, the top N per group,
 * {@code members: all}) are part of the metric query and compiled by
 * {@link io.asklayer.engine.semantic.OperatorCompiler} on top of those plans into the same single
 * plan: comparison periods as the metrics over the range moved back, left-joined on keys read from
 * dates moved forward; shares and running totals as window functions over the answer's rows, so
 * they are taken after row-level security. Nonsense (a running total of a ratio, a share of a
 * distinct count, an offset that does not line up with the grain) is refused naming the column
 * and the reason ({@link io.asklayer.engine.model.Additivity} says what adds up).
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
