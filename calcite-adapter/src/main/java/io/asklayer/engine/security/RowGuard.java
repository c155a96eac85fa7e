package io.asklayer.engine.security;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Filter;
import org.apache.calcite.rel.core.Join;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexDynamicParam;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexShuttle;
import org.apache.calcite.rex.RexSubQuery;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlFunction;
import org.apache.calcite.sql.SqlFunctionCategory;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.type.OperandTypes;
import org.apache.calcite.sql.type.ReturnTypes;
import org.apache.calcite.sql.type.SqlTypeFamily;

/**
 * The value of a column of a row-filtered table, readable only where the row filter passes:
 * {@code ROW_GUARD(visible, value)} is {@code CASE WHEN visible THEN value END}.
 *
 * <p>A row filter removes hidden rows, but neither Calcite nor the warehouse promise to evaluate it
 * before the user's own expressions: a filter pushed below a join, or conjuncts reordered by cost,
 * let {@code CAST(body AS INTEGER)} fail on a hidden row and quote it in the error, and a
 * {@code CASE} inside the cast turns that into a yes/no oracle. So {@link SecuredTable} reads every
 * column of a filtered table through this guard; whatever order the engine picks, an expression
 * that sees a hidden row sees NULL. The guard is opaque to Calcite while it plans (no rule knows
 * it, so no predicate can simplify it away), and {@link #settle} turns it into a plain {@code CASE}
 * afterwards, dropping it where the value only meets a comparison that cannot fail, so that filters
 * and join keys still reach the warehouse as bare columns it can prune and hash on.
 */
public final class RowGuard {
  /** The operator; written as {@code CASE WHEN visible THEN value END} in any SQL. */
  public static final SqlFunction OPERATOR = new SqlFunction("ASKLAYER_ROW_GUARD",
      SqlKind.OTHER_FUNCTION, ReturnTypes.ARG1, null,
      OperandTypes.family(SqlTypeFamily.BOOLEAN, SqlTypeFamily.ANY),
      SqlFunctionCategory.SYSTEM) {
    @Override public void unparse(SqlWriter writer, SqlCall call, int leftPrec, int rightPrec) {
      SqlWriter.Frame frame = writer.startList(SqlWriter.FrameTypeEnum.CASE, "CASE", "END");
      writer.sep("WHEN");
      call.operand(0).unparse(writer, 0, 0);
      writer.sep("THEN");
      call.operand(1).unparse(writer, 0, 0);
      writer.endList(frame);
    }
  };

  /** Comparisons that cannot fail on operands of one type family: they leak nothing. */
  private static final Set<SqlKind> LEAKPROOF = EnumSet.of(SqlKind.EQUALS, SqlKind.NOT_EQUALS,
      SqlKind.LESS_THAN, SqlKind.LESS_THAN_OR_EQUAL, SqlKind.GREATER_THAN,
      SqlKind.GREATER_THAN_OR_EQUAL, SqlKind.IS_NULL, SqlKind.IS_NOT_NULL,
      SqlKind.IS_DISTINCT_FROM, SqlKind.IS_NOT_DISTINCT_FROM, SqlKind.SEARCH);

  private RowGuard() {
  }

  /** {@code value}, readable where {@code visible} holds; of the value's own type. */
  static RexNode guard(RexBuilder rex, RexNode visible, RexNode value) {
    return new Call(value.getType(), List.of(visible, value));
  }

  /**
   * The guard as an expression. Its own class, because Calcite's simplifier rewrites only plain
   * {@link RexCall}s: inside {@code region_id = 1 AND CAST(guard(region_id = 1, name) ...)} it would
   * otherwise read the guard's condition as already true and drop it. Copies keep the class.
   */
  private static final class Call extends RexCall {
    Call(org.apache.calcite.rel.type.RelDataType type, List<? extends RexNode> operands) {
      super(type, OPERATOR, operands);
    }

    @Override public RexCall clone(org.apache.calcite.rel.type.RelDataType type,
        List<RexNode> operands) {
      return new Call(type, operands);
    }
  }

  static boolean isGuard(RexNode node) {
    return node instanceof RexCall c && c.getOperator() == OPERATOR;
  }

  /**
   * The optimised plan with every guard made plain SQL: dropped where its value is an operand of a
   * comparison that cannot fail (its other operands literals, columns or guarded columns of the
   * same type family) and that comparison decides, alone or through AND/OR/NOT, which rows a
   * filter or join keeps: there its outcome only removes rows the row filter removes anyway. A
   * {@code CASE} everywhere else, since a comparison's result fed to a cast can fail again. Run
   * after planning, so no rule sees the {@code CASE} and simplifies it with the row filter.
   */
  public static RelNode settle(RelNode root) {
    return root.accept(new org.apache.calcite.rel.RelHomogeneousShuttle() {
      @Override public RelNode visit(RelNode other) {
        return settleOne(super.visit(other));
      }
    });
  }

  /** One node whose inputs are settled. */
  private static RelNode settleOne(RelNode out) {
    RexBuilder rex = out.getCluster().getRexBuilder();
    if (out instanceof Filter f) {
      RexNode c = condition(rex, f.getCondition());
      out = c == f.getCondition() ? f : f.copy(f.getTraitSet(), f.getInput(), c);
    } else if (out instanceof Join j) {
      RexNode c = condition(rex, j.getCondition());
      out = c == j.getCondition() ? j : j.copy(j.getTraitSet(), c, j.getLeft(), j.getRight(),
          j.getJoinType(), j.isSemiJoinDone());
    }
    return out.accept(new Plain(rex));
  }

  /** A row-deciding condition with the guards of its failure-free comparisons dropped. */
  private static RexNode condition(RexBuilder rex, RexNode node) {
    if (!(node instanceof RexCall call)) {
      return node;
    }
    return switch (call.getKind()) {
      case AND, OR, NOT -> {
        List<RexNode> operands = new ArrayList<>();
        for (RexNode o : call.getOperands()) {
          operands.add(condition(rex, o));
        }
        yield operands.equals(call.getOperands()) ? call : call.clone(call.getType(), operands);
      }
      default -> {
        if (!LEAKPROOF.contains(call.getKind()) || !leakproofOperands(call)) {
          yield call;
        }
        List<RexNode> operands = new ArrayList<>();
        for (RexNode o : call.getOperands()) {
          operands.add(isGuard(o) ? ((RexCall) o).getOperands().get(1) : o);
        }
        yield call.clone(call.getType(), operands);
      }
    };
  }

  private static boolean leakproofOperands(RexCall call) {
    SqlTypeFamily family = null;
    for (RexNode o : call.getOperands()) {
      RexNode v = isGuard(o) ? ((RexCall) o).getOperands().get(1) : o;
      // A parameter is a constant of its statement (a literal the statement's shape took).
      if (!(v instanceof RexInputRef || v instanceof RexLiteral || v instanceof RexDynamicParam)) {
        return false;
      }
      if (call.getKind() == SqlKind.SEARCH && v instanceof RexLiteral) {
        continue; // the search argument: ranges of literals of the column's type
      }
      if (v instanceof RexLiteral l && l.isNull()) {
        continue;
      }
      SqlTypeFamily f = v.getType().getSqlTypeName().getFamily();
      if (f == null || (family != null && f != family)) {
        return false;
      }
      family = f;
    }
    return true;
  }

  /** Every remaining guard as {@code CASE WHEN visible THEN value END}. */
  private static final class Plain extends RexShuttle {
    private final RexBuilder rex;

    Plain(RexBuilder rex) {
      this.rex = rex;
    }

    @Override public RexNode visitCall(RexCall call) {
      if (isGuard(call)) {
        RexNode visible = call.getOperands().get(0).accept(this);
        RexNode value = call.getOperands().get(1).accept(this);
        return rex.makeCall(call.getType(), SqlStdOperatorTable.CASE, List.of(visible, value,
            rex.makeNullLiteral(call.getType())));
      }
      return super.visitCall(call);
    }

    @Override public RexNode visitSubQuery(RexSubQuery subQuery) {
      RexSubQuery s = (RexSubQuery) super.visitSubQuery(subQuery);
      return s.clone(settle(s.rel));
    }
  }
}
