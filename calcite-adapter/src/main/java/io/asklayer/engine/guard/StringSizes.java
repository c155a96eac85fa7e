package io.asklayer.engine.guard;

import io.asklayer.engine.error.AsklayerException;
import io.asklayer.engine.error.ErrorKind;
import io.asklayer.engine.error.Messages;
import java.math.BigDecimal;
import java.util.Locale;
import org.apache.calcite.adapter.jdbc.JdbcRel;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexShuttle;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlCharStringLiteral;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNumericLiteral;
import org.apache.calcite.sql.util.SqlShuttle;

/**
 * Refuses strings a statement would build from constants past a size: {@code LPAD('x', 2000000000)}
 * is folded while planning, in the server's memory (four such statements at once took a server to
 * 6 GB and three of them failed with "Java heap space"). The bound of an expression is what its
 * literals allow: the length a pad or {@code SPACE} asks for, a {@code REPEAT}'s count times its
 * argument's bound, the sum over a concatenation. A count that comes from data is checked by the
 * warehouse as it runs (the DuckDB dialect writes the check into the generated SQL).
 */
public final class StringSizes {
  /**
   * Characters one built string may have. A warehouse builds a column's strings a vector (2,048
   * rows in DuckDB) at a time, per thread, outside its memory limit: 100,000 keeps that near
   * 200 MB a thread.
   */
  public static final long MOST = 100_000;

  private StringSizes() {
  }

  static void check(SqlNode node) {
    node.accept(new SqlShuttle() {
      @Override public SqlNode visit(SqlCall call) {
        long size = bound(call);
        if (size > MOST) {
          throw Messages.stringTooLong(call.getOperator().getName().toUpperCase(Locale.ROOT),
              size, MOST);
        }
        return super.visit(call);
      }
    });
  }

  /**
   * Refuses a plan that would build a string with a count from the data in Asklayer rather than in
   * the warehouse (where {@code DuckDbDialect} checks the count as it runs): in the server's heap
   * such a string is unbounded. Parts of the plan that run in the warehouse are not looked into.
   */
  public static void checkPlan(RelNode rel) {
    if (rel instanceof JdbcRel) {
      return;
    }
    // A Calc's expressions name each other through local references; a count is read through them.
    java.util.List<RexNode> locals = rel instanceof org.apache.calcite.rel.core.Calc calc
        ? calc.getProgram().getExprList() : java.util.List.of();
    rel.accept(new RexShuttle() {
      @Override public RexNode visitCall(RexCall call) {
        String name = call.getOperator().getName().toUpperCase(Locale.ROOT);
        RexNode count = call.getOperands().size() >= 2 ? call.getOperands().get(1) : null;
        while (count instanceof org.apache.calcite.rex.RexLocalRef ref) {
          count = locals.get(ref.getIndex());
        }
        if ((name.equals("REPEAT") || name.equals("LPAD") || name.equals("RPAD"))
            && count != null && !(count instanceof RexLiteral)) {
          throw new AsklayerException(ErrorKind.USER, name + " with a count from the data runs "
              + "only in the warehouse, and this statement would compute it in Asklayer (over "
              + "rows that do not come from one warehouse query). Give the count as a number.");
        }
        return super.visitCall(call);
      }
    });
    rel.getInputs().forEach(StringSizes::checkPlan);
  }

  /** The most characters {@code node} can have, as far as its literals tell; 0 if they do not. */
  static long bound(SqlNode node) {
    if (node instanceof SqlCharStringLiteral s) {
      return s.getValueAs(String.class).length();
    }
    if (!(node instanceof SqlCall call)) {
      return 0;
    }
    if (call.getKind() == SqlKind.OTHER && call.getOperator().getName().equals("||")) {
      long sum = 0;
      for (SqlNode o : call.getOperandList()) {
        sum = saturatedAdd(sum, bound(o));
      }
      return sum;
    }
    String name = call.getOperator().getName().toUpperCase(Locale.ROOT);
    int n = call.operandCount();
    return switch (name) {
      case "LPAD", "RPAD" -> n >= 2 ? count(call.operand(1)) : 0;
      case "SPACE" -> n >= 1 ? count(call.operand(0)) : 0;
      case "REPEAT" -> n >= 2 ? saturatedMultiply(Math.max(1, bound(call.operand(0))),
          count(call.operand(1)))
          : 0;
      default -> 0;
    };
  }

  private static long count(SqlNode node) {
    if (node instanceof SqlNumericLiteral n && n.isExact()) {
      BigDecimal v = n.getValueAs(BigDecimal.class);
      return v.signum() <= 0 ? 0 : v.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) >= 0
          ? Long.MAX_VALUE : v.longValue();
    }
    return 0;
  }

  private static long saturatedAdd(long a, long b) {
    long r = a + b;
    return r < 0 ? Long.MAX_VALUE : r;
  }

  private static long saturatedMultiply(long a, long b) {
    return b != 0 && a > Long.MAX_VALUE / b ? Long.MAX_VALUE : a * b;
  }
}
