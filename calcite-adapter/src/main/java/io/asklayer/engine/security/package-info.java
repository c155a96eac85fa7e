/**
 * Row-level security and column masks, applied to the plan of every statement.
 *
 * <p>{@link io.asklayer.engine.security.AccessPolicy} is what one principal may see, from the
 * model's {@code security} section: readable tables, row filters and masks, combined over the
 * principal's roles the way permissions add up. An unknown principal is refused at connect.
 *
 * <p>{@link io.asklayer.engine.security.SecuredTable} is a warehouse table as a principal sees it;
 * every reference to it (from SQL, sub-queries, semantic tables, metric queries and questions)
 * becomes a plan through its {@code toRel}: a {@link io.asklayer.engine.security.SecuredScan}, the
 * row filter on it (the principal's attributes as literals, never spliced text), the masks above.
 * Every column of a row-filtered table is read through a {@link
 * io.asklayer.engine.security.RowGuard} ({@code CASE WHEN visible THEN value END} once planned), so
 * no expression the planner or the warehouse evaluates before the filter sees a hidden row, and a
 * row-filtered table reports no row count. What reads no column has no guard, so {@link
 * io.asklayer.engine.security.ConstantFailures} decides it before any row is read: constants are
 * evaluated once and replaced by their value (a failure fails the statement whatever the data),
 * and over row-filtered tables an expression of parameters or the current time that could fail is
 * refused. Denied tables are absent from the principal's schema. {@link
 * io.asklayer.engine.security.PlanCheck} refuses, as the last step before execution, a plan with a
 * warehouse scan not made under this principal's policy. See {@code docs/security.md}.
 */
package io.asklayer.engine.security;
