package io.asklayer.engine.session;

import io.asklayer.engine.guard.StringSizes;
import io.asklayer.engine.security.ConstantFailures;
import io.asklayer.engine.security.PlanCheck;
import io.asklayer.engine.security.RowGuard;
import io.asklayer.engine.semantic.AggregateMetric;
import io.asklayer.engine.semantic.SemanticRewriter;
import io.asklayer.engine.warehouse.DuckDbSemantics;
import io.asklayer.engine.warehouse.ImpliedFilters;
import io.asklayer.engine.warehouse.WarehouseProgram;
import io.asklayer.engine.warehouse.WarehouseRules;
import java.util.List;
import java.util.function.UnaryOperator;
import org.apache.calcite.adapter.enumerable.EnumerableConvention;
import org.apache.calcite.adapter.enumerable.EnumerableRel;
import org.apache.calcite.config.CalciteConnectionConfig;
import org.apache.calcite.jdbc.CalcitePrepare;
import org.apache.calcite.jdbc.CalciteSchema;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.prepare.CalciteCatalogReader;
import org.apache.calcite.prepare.CalcitePrepareImpl;
import org.apache.calcite.prepare.Prepare;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelCollations;
import org.apache.calcite.rel.RelRoot;
import org.apache.calcite.rel.core.Sort;
import org.apache.calcite.rel.logical.LogicalSort;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.sql.SqlOperatorTable;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.util.SqlOperatorTables;
import org.apache.calcite.sql.validate.SqlValidator;
import org.apache.calcite.sql2rel.SqlRexConvertletTable;
import org.apache.calcite.tools.Program;

/**
 * Calcite's preparing statement with Asklayer's two additions: the validator knows
 * {@code AGGREGATE(metric)}, and right after SQL becomes a plan, aggregates over semantic tables are
 * replaced by compiled metric plans ({@link SemanticRewriter}), before decorrelation, trimming and
 * optimization see them. Plans built directly (rather than from SQL) pass the same step.
 */
final class AsklayerPreparingStmt extends CalcitePrepareImpl.CalcitePreparingStmt {
  private final CalcitePrepare.Context context;
  private final EnumerableRel.Prefer prefer;

  AsklayerPreparingStmt(CalcitePrepareImpl prepare, CalcitePrepare.Context context,
      CalciteCatalogReader catalogReader, RelDataTypeFactory typeFactory, CalciteSchema schema,
      EnumerableRel.Prefer prefer, RelOptCluster cluster, SqlRexConvertletTable convertletTable) {
    super(prepare, context, catalogReader, typeFactory, schema, prefer, cluster,
        EnumerableConvention.INSTANCE, convertletTable);
    this.context = context;
    this.prefer = prefer;
  }

  /** A plan the warehouse runs whole is read directly; any other is compiled as usual. */
  @Override protected PreparedResult implement(RelRoot root) {
    PreparedResult direct = WarehouseStatement.of(root, prefer, parameterRowType, fieldOrigins,
        context.getTypeFactory());
    if (direct == null) {
      return super.implement(root);
    }
    org.apache.calcite.runtime.Hook.PLAN_BEFORE_IMPLEMENTATION.run(root);
    return direct;
  }

  @Override protected SqlValidator createSqlValidator(Prepare.CatalogReader catalogReader,
      UnaryOperator<SqlValidator.Config> configTransform) {
    CalciteConnectionConfig config = context.config();
    SqlOperatorTable operators = SqlOperatorTables.chain(List.of(
        config.fun(SqlOperatorTable.class, SqlStdOperatorTable.instance()),
        AggregateMetric.OPERATORS, DateTruncation.OPERATORS,
        (CalciteCatalogReader) catalogReader));
    return new ParameterTypes(operators, catalogReader, context.getTypeFactory(),
        configTransform.apply(SqlValidator.Config.DEFAULT
            .withLenientOperatorLookup(config.lenientOperatorLookup())
            .withConformance(config.conformance())
            .withDefaultNullCollation(config.defaultNullCollation())
            .withIdentifierExpansion(true)
            .withTypeCoercionFactory(DateArithmetic::new)));
  }

  /**
   * The warehouse's short program when the whole statement can run there, Calcite's standard one
   * otherwise ({@link WarehouseProgram}); a program a test hooks in ({@code Hook.PROGRAM}) first.
   */
  @Override protected Program getProgram() {
    org.apache.calcite.util.Holder<Program> hooked = org.apache.calcite.util.Holder.empty();
    org.apache.calcite.runtime.Hook.PROGRAM.run(hooked);
    return hooked.get() != null ? hooked.get() : WarehouseProgram.INSTANCE;
  }

  /**
   * Optimizes with {@link #getProgram()}, then checks whatever plan came out, from either program,
   * the same way: row guards settled, constants folded, DuckDB's forms, the security plan check.
   */
  @Override protected RelRoot optimize(RelRoot root, List<Materialization> materializations,
      List<CalciteSchema.LatticeEntry> lattices) {
    RelRoot optimized = super.optimize(root, materializations, lattices);
    RelNode absorbed = ImpliedFilters.apply(WarehouseRules.absorb(optimized.rel));
    // Constants are folded with Calcite's meaning, before the DuckDB forms replace its operators.
    RelNode settled = DuckDbSemantics.apply(ConstantFailures.fold(RowGuard.settle(absorbed)));
    if (settled != optimized.rel) {
      optimized = optimized.withRel(settled);
    }
    PlanCheck.verify(optimized.rel, Session.of(context).policy());
    ConstantFailures.refuseFallible(optimized.rel, Session.of(context).policy());
    StringSizes.checkPlan(optimized.rel);
    return optimized;
  }

  @Override public RelNode flattenTypes(RelNode rootRel, boolean restructure) {
    RelNode rel = SemanticRewriter.rewrite(super.flattenTypes(rootRel, restructure));
    return capRows(rel, Session.of(context).model().guardrails().maxRows());
  }

  /**
   * Asks the warehouse for one row more than the row limit, so it stops early and the JDBC boundary
   * can tell an answer that fits from one that does not. The root's order is kept.
   */
  private static RelNode capRows(RelNode rel, long maxRows) {
    long cap = maxRows + 1;
    Double most = rel.getCluster().getMetadataQuery().getMaxRowCount(rel);
    if (most != null && most <= maxRows) {
      return rel;
    }
    RexBuilder rex = rel.getCluster().getRexBuilder();
    if (rel instanceof Sort sort) {
      // A count past an int (LIMIT 3000000000) is compared as the number it is; a LIMIT ? is
      // capped from above like any other.
      if (sort.fetch instanceof RexLiteral fetch && sort.offset == null
          && fetch.getValueAs(java.math.BigDecimal.class) != null
          && fetch.getValueAs(java.math.BigDecimal.class)
              .compareTo(java.math.BigDecimal.valueOf(cap)) <= 0) {
        return rel;
      }
      if (sort.fetch == null && sort.offset == null) {
        return sort.copy(sort.getTraitSet(), sort.getInput(), sort.getCollation(), null,
            rex.makeExactLiteral(java.math.BigDecimal.valueOf(cap)));
      }
    }
    return LogicalSort.create(rel, RelCollations.EMPTY, null,
        rex.makeExactLiteral(java.math.BigDecimal.valueOf(cap)));
  }
}
