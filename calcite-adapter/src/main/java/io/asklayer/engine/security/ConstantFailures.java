package io.asklayer.engine.security;

import io.asklayer.engine.error.AsklayerException;
import io.asklayer.engine.error.ErrorKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Calc;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexDynamicParam;
import org.apache.calcite.rex.RexExecutor;
import org.apache.calcite.rex.RexExecutorImpl;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexShuttle;
import org.apache.calcite.rex.RexSubQuery;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.rex.RexVisitorImpl;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.util.Util;

/**
 * Expressions that read no column are decided before any row is read. A row guard protects what a
 * column of a row-filtered table says; an expression of constants reads no column, so the planner
 * may evaluate it on rows the filter has not yet passed (below the join of a {@code visible_with}
 * filter), and whether it fails then says whether such rows exist: {@code WHERE review_id = 1 AND
 * CAST('x' AS INTEGER) = 1} failed exactly when review 1 existed, visible or not, and a range
 * comparison beside it read hidden text a character at a time. So every constant expression that
 * is left in a plan after Calcite's own folding (which leaves those that fail, and comparisons
 * across types such as {@code 'x' = 1} that DuckDB would fail on) is evaluated here, once, and
 * replaced by its value; a failure fails the statement whatever the data, as PostgreSQL's planner
 * does. An
 * expression of parameters cannot be evaluated before its values are bound; one that can fail
 * (a cast to another type, a regular expression, a built string, a parse) is refused instead.
 */
public final class ConstantFailures {
  private ConstantFailures() {
  }

  /**
   * The plan with every constant expression replaced by its value; fails the statement if one
   * fails. Parts of the plan run in Java ({@code Calc}) evaluate above the warehouse, on rows the
   * filters have passed, and are left as they are.
   */
  public static RelNode fold(RelNode root) {
    return root.accept(new org.apache.calcite.rel.RelHomogeneousShuttle() {
      @Override public RelNode visit(RelNode other) {
        RelNode out = super.visit(other);
        return out instanceof Calc || out instanceof org.apache.calcite.rel.core.TableFunctionScan
            ? out : foldExpressions(out);
      }
    });
  }

  /** One node with its constant expressions, and those of its sub-queries, folded. */
  private static RelNode foldExpressions(RelNode out) {
    RexBuilder rex = out.getCluster().getRexBuilder();
    RexExecutor executor = out.getCluster().getPlanner().getExecutor();
    RexExecutor run = executor != null ? executor : new RexExecutorImpl(null);
    return out.accept(new RexShuttle() {
      @Override public RexNode visitCall(RexCall call) {
        if (constant(call)) {
          return decide(rex, run, call);
        }
        return super.visitCall(call);
      }

      @Override public RexNode visitSubQuery(RexSubQuery subQuery) {
        RexSubQuery s = (RexSubQuery) super.visitSubQuery(subQuery);
        RelNode folded = fold(s.rel);
        return folded == s.rel ? s : s.clone(folded);
      }
    });
  }

  /**
   * Refuses an expression that reads no column, is not a constant (it holds a parameter or the
   * current time) and could fail: the warehouse may evaluate it on rows a row filter has not yet
   * passed, and its failing would tell whether they exist ({@code CAST('x' ||
   * CAST(CURRENT_TIMESTAMP AS VARCHAR) AS INTEGER) = 1} beside {@code return_id = 2}, or {@code
   * CAST(? AS INTEGER)} with a value past INTEGER's range). What cannot fail is allowed: the
   * values themselves, comparisons and casts within one type family, casts to text, {@code
   * EXTRACT}, date arithmetic, {@code CASE}, {@code COALESCE} and the logical operators. Only for
   * plans that read a table the principal's rows are filtered on; others hide no row.
   */
  public static void refuseFallible(RelNode rel, AccessPolicy policy) {
    if (readsRowFiltered(rel, policy)) {
      refuseFallible(rel);
    }
  }

  /** Whether the plan, sub-queries included, reads a table the policy filters rows of. */
  private static boolean readsRowFiltered(RelNode rel, AccessPolicy policy) {
    if (rel instanceof org.apache.calcite.adapter.jdbc.JdbcTableScan scan
        && !policy.rowFilters(scan.jdbcTable.jdbcTableName).isEmpty()) {
      return true;
    }
    boolean[] found = {false};
    rel.accept(new RexShuttle() {
      @Override public RexNode visitSubQuery(RexSubQuery subQuery) {
        found[0] |= readsRowFiltered(subQuery.rel, policy);
        return subQuery;
      }
    });
    return found[0] || rel.getInputs().stream().anyMatch(i -> readsRowFiltered(i, policy));
  }

  private static void refuseFallible(RelNode rel) {
    if (rel instanceof Calc || rel instanceof org.apache.calcite.rel.core.TableFunctionScan) {
      rel.getInputs().forEach(i -> refuseFallible(i));
      return;
    }
    rel.accept(new RexShuttle() {
      @Override public RexNode visitCall(RexCall call) {
        if (RexUtil.isConstant(call) || columnFreeButVolatile(call)) {
          // Constants alone were decided by fold (before the warehouse's forms of Calcite's
          // operators, which Java cannot compute, replaced them).
          if ((hasParameter(call) || dynamic(call) || !RexUtil.isConstant(call))
              && !cannotFail(call)) {
            throw new AsklayerException(ErrorKind.USER, "The statement computes " + call
                + " from parameters or the current time alone, which can fail; for a principal "
                + "with row filters Asklayer lets only expressions that cannot fail decide rows "
                + "(comparisons, casts within a type, date arithmetic). Compute the value in the "
                + "application and bind it as a parameter of the type it is compared with.");
          }
          return call;
        }
        return super.visitCall(call);
      }

      @Override public RexNode visitSubQuery(RexSubQuery subQuery) {
        refuseFallible(subQuery.rel);
        return subQuery;
      }
    });
    rel.getInputs().forEach(i -> refuseFallible(i));
  }

  /** Reads no column, but is not constant (a non-deterministic call). */
  private static boolean columnFreeButVolatile(RexNode node) {
    try {
      node.accept(new RexVisitorImpl<Void>(true) {
        @Override public Void visitInputRef(org.apache.calcite.rex.RexInputRef r) {
          throw Util.FoundOne.NULL;
        }

        @Override public Void visitLocalRef(org.apache.calcite.rex.RexLocalRef r) {
          throw Util.FoundOne.NULL;
        }

        @Override public Void visitCorrelVariable(org.apache.calcite.rex.RexCorrelVariable v) {
          throw Util.FoundOne.NULL;
        }

        @Override public Void visitFieldAccess(org.apache.calcite.rex.RexFieldAccess f) {
          throw Util.FoundOne.NULL;
        }

        @Override public Void visitSubQuery(RexSubQuery q) {
          throw Util.FoundOne.NULL;
        }

        @Override public Void visitOver(org.apache.calcite.rex.RexOver o) {
          throw Util.FoundOne.NULL;
        }
      });
      return true;
    } catch (Util.FoundOne e) {
      return false;
    }
  }

  private static final java.util.Set<SqlKind> CANNOT_FAIL = java.util.EnumSet.of(SqlKind.AND,
      SqlKind.OR, SqlKind.NOT, SqlKind.IS_NULL, SqlKind.IS_NOT_NULL, SqlKind.IS_TRUE,
      SqlKind.IS_NOT_TRUE, SqlKind.IS_FALSE, SqlKind.IS_NOT_FALSE, SqlKind.EQUALS,
      SqlKind.NOT_EQUALS, SqlKind.LESS_THAN, SqlKind.GREATER_THAN, SqlKind.LESS_THAN_OR_EQUAL,
      SqlKind.GREATER_THAN_OR_EQUAL, SqlKind.IS_DISTINCT_FROM, SqlKind.IS_NOT_DISTINCT_FROM,
      SqlKind.CASE, SqlKind.COALESCE, SqlKind.EXTRACT, SqlKind.SEARCH);

  private static boolean cannotFail(RexNode node) {
    if (node instanceof org.apache.calcite.rex.RexLiteral || node instanceof RexDynamicParam) {
      return true;
    }
    if (!(node instanceof RexCall call)) {
      return false;
    }
    if (call.getOperator().isDynamicFunction() && call.getOperands().isEmpty()) {
      return true; // CURRENT_DATE, CURRENT_TIMESTAMP, ...
    }
    for (RexNode o : call.getOperands()) {
      if (!cannotFail(o)) {
        return false;
      }
    }
    org.apache.calcite.sql.type.SqlTypeFamily to = family(call);
    switch (call.getKind()) {
      case CAST:
        org.apache.calcite.sql.type.SqlTypeFamily from = family(call.getOperands().get(0));
        return to == org.apache.calcite.sql.type.SqlTypeFamily.CHARACTER || from == to;
      case PLUS:
      case MINUS:
        // Date and time arithmetic; a sum of numbers can overflow.
        return to == org.apache.calcite.sql.type.SqlTypeFamily.DATE
            || to == org.apache.calcite.sql.type.SqlTypeFamily.TIMESTAMP
            || to == org.apache.calcite.sql.type.SqlTypeFamily.TIME;
      default:
        if (!CANNOT_FAIL.contains(call.getKind())) {
          return call.getKind() == SqlKind.OTHER_FUNCTION
              && call.getOperator().getName().equals("DATETIME_PLUS");
        }
        if (call.getKind().belongsTo(SqlKind.COMPARISON)) {
          org.apache.calcite.sql.type.SqlTypeFamily f = null;
          for (RexNode o : call.getOperands()) {
            if (o instanceof org.apache.calcite.rex.RexLiteral l && l.isNull()) {
              continue;
            }
            org.apache.calcite.sql.type.SqlTypeFamily g = family(o);
            if (f != null && g != f) {
              return false;
            }
            f = g;
          }
        }
        return true;
    }
  }

  private static org.apache.calcite.sql.type.SqlTypeFamily family(RexNode node) {
    return node.getType().getSqlTypeName().getFamily();
  }

  private static boolean constant(RexCall call) {
    return RexUtil.isConstant(call) && !dynamic(call);
  }

  private static boolean dynamic(RexNode node) {
    try {
      node.accept(new RexVisitorImpl<Void>(true) {
        @Override public Void visitCall(RexCall call) {
          if (call.getOperator().isDynamicFunction()) {
            throw Util.FoundOne.NULL;
          }
          return super.visitCall(call);
        }
      });
      return false;
    } catch (Util.FoundOne e) {
      return true;
    }
  }

  /** The value of a constant call, or the call where it cannot be known before execution. */
  private static RexNode decide(RexBuilder rex, RexExecutor run, RexCall call) {
    if (hasParameter(call)) {
      RexCall failing = failingOverParameters(call);
      if (failing != null) {
        throw new AsklayerException(ErrorKind.USER, "The statement computes " + failing
            + " from parameters alone, which can fail; Asklayer does not let such an expression "
            + "decide rows. Bind the value it should have, already converted (a parameter of the "
            + "type it is compared with).");
      }
      return call;
    }
    List<RexNode> reduced = new ArrayList<>();
    try {
      run.reduce(rex, List.of(call), reduced);
    } catch (RuntimeException e) {
      // Compiling failed (the executor catches failures of evaluation); see below.
      reduced.clear();
    }
    RexNode value = reduced.isEmpty() ? call : reduced.get(0);
    if (!RexUtil.isLiteral(value, true)) {
      // Calcite's executor hides a failure by leaving the expression as it was; run it again
      // to see whether it fails.
      org.apache.calcite.rex.RexExecutable executable;
      try {
        executable = RexExecutorImpl.getExecutable(rex, List.of(call),
            rex.getTypeFactory().builder().build());
      } catch (RuntimeException e) {
        // Not computable in Java (a function only the warehouse has, such as the dialect's
        // integer division): the warehouse computes it; it is not a failure of the expression.
        return call;
      }
      try {
        executable.getFunction().apply(org.apache.calcite.DataContexts.EMPTY);
      } catch (RuntimeException e) {
        throw failed(call, e);
      }
      return call;
    }
    return value.getType().equals(call.getType()) ? value
        : rex.makeCast(call.getType(), value, true, false);
  }

  private static AsklayerException failed(RexCall call, Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String why = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    return new AsklayerException(ErrorKind.USER, "The expression " + call + " fails whatever "
        + "the data: " + why.strip() + ". Asklayer evaluates expressions of constants before "
        + "reading any row; correct the expression.", e);
  }

  private static boolean hasParameter(RexNode node) {
    try {
      node.accept(new RexVisitorImpl<Void>(true) {
        @Override public Void visitDynamicParam(RexDynamicParam p) {
          throw Util.FoundOne.NULL;
        }
      });
      return false;
    } catch (Util.FoundOne e) {
      return true;
    }
  }

  /** The first call over parameters that can fail, or null. */
  private static RexCall failingOverParameters(RexCall call) {
    for (RexNode o : call.getOperands()) {
      if (o instanceof RexCall c && hasParameter(c)) {
        RexCall inner = failingOverParameters(c);
        if (inner != null) {
          return inner;
        }
      }
    }
    String name = call.getOperator().getName().toUpperCase(Locale.ROOT);
    if (call.getKind() == SqlKind.CAST || call.getKind() == SqlKind.SAFE_CAST) {
      RexNode from = call.getOperands().get(0);
      boolean same = from.getType().getSqlTypeName() == call.getType().getSqlTypeName();
      return same || call.getKind() == SqlKind.SAFE_CAST ? null : call;
    }
    if (name.startsWith("REGEXP") || name.contains("RLIKE") || name.equals("REPEAT")
        || name.equals("LPAD") || name.equals("RPAD") || name.startsWith("TO_")
        || name.startsWith("PARSE_") || name.startsWith("JSON_")) {
      return call;
    }
    return null;
  }
}
