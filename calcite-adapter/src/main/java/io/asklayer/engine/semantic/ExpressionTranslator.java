package io.asklayer.engine.semantic;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.SqlBasicCall;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlDataTypeSpec;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.fun.SqlCase;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.tools.RelBuilder;
import org.apache.calcite.util.NlsString;

/**
 * Turns a model expression (SQL, parsed) into a row expression with {@link RelBuilder}, resolving
 * names through a function the caller supplies. Supports what a metric or dimension needs:
 * arithmetic, comparisons and logic, {@code CASE}, {@code CAST}, {@code COALESCE}, {@code NULLIF}
 * and a few scalar functions. Anything else is rejected with the list of what is supported.
 */
final class ExpressionTranslator {
  /** Scalar functions a model expression may call, by upper-case name. */
  private static final Map<String, SqlOperator> FUNCTIONS = Map.ofEntries(
      Map.entry("ABS", SqlStdOperatorTable.ABS),
      Map.entry("ROUND", SqlStdOperatorTable.ROUND),
      Map.entry("FLOOR", SqlStdOperatorTable.FLOOR),
      Map.entry("CEIL", SqlStdOperatorTable.CEIL),
      Map.entry("UPPER", SqlStdOperatorTable.UPPER),
      Map.entry("LOWER", SqlStdOperatorTable.LOWER),
      Map.entry("TRIM", SqlStdOperatorTable.TRIM),
      Map.entry("CHAR_LENGTH", SqlStdOperatorTable.CHAR_LENGTH),
      Map.entry("COALESCE", SqlStdOperatorTable.COALESCE));

  private final RelBuilder b;
  private final Function<SqlIdentifier, RexNode> names;

  ExpressionTranslator(RelBuilder b, Function<SqlIdentifier, RexNode> names) {
    this.b = b;
    this.names = names;
  }

  RexNode translate(SqlNode node) {
    if (node instanceof SqlIdentifier id) {
      return names.apply(id);
    }
    if (node instanceof SqlLiteral lit) {
      return literal(lit);
    }
    if (node instanceof SqlCase c) {
      return caseWhen(c);
    }
    if (node instanceof SqlCall call) {
      return call(call);
    }
    throw unsupported(node.toString());
  }

  private RexNode literal(SqlLiteral lit) {
    switch (lit.getTypeName()) {
      case DECIMAL:
      case DOUBLE:
      case INTEGER:
        return b.literal(lit.getValueAs(BigDecimal.class));
      case CHAR:
        return b.literal(lit.getValueAs(NlsString.class).getValue());
      case BOOLEAN:
        return b.literal(lit.booleanValue());
      case NULL:
        return b.literal(null);
      default:
        throw unsupported(lit.toString());
    }
  }

  private RexNode caseWhen(SqlCase c) {
    List<RexNode> args = new ArrayList<>();
    SqlNode value = c.getValueOperand();
    SqlNodeList whens = c.getWhenOperands();
    SqlNodeList thens = c.getThenOperands();
    for (int i = 0; i < whens.size(); i++) {
      RexNode when = translate(whens.get(i));
      args.add(value == null ? when : b.equals(translate(value), when));
      args.add(translate(thens.get(i)));
    }
    SqlNode otherwise = c.getElseOperand();
    args.add(otherwise == null ? b.literal(null) : translate(otherwise));
    return b.call(SqlStdOperatorTable.CASE, args);
  }

  private RexNode call(SqlCall call) {
    List<RexNode> operands = new ArrayList<>();
    SqlKind kind = call.getKind();
    if (kind == SqlKind.CAST) {
      SqlDataTypeSpec spec = call.operand(1);
      RexNode operand = translate(call.operand(0));
      return b.cast(operand, SqlTypeName.valueOf(spec.getTypeName().getSimple()
          .toUpperCase(Locale.ROOT)));
    }
    for (SqlNode o : call.getOperandList()) {
      operands.add(translate(o));
    }
    switch (kind) {
      case PLUS:
      case MINUS:
      case TIMES:
      case DIVIDE:
      case MINUS_PREFIX:
      case EQUALS:
      case NOT_EQUALS:
      case LESS_THAN:
      case LESS_THAN_OR_EQUAL:
      case GREATER_THAN:
      case GREATER_THAN_OR_EQUAL:
      case AND:
      case OR:
      case NOT:
      case IS_NULL:
      case IS_NOT_NULL:
        return b.call(call.getOperator(), operands);
      case PLUS_PREFIX:
        return operands.get(0);
      case NULLIF:
        return b.call(SqlStdOperatorTable.CASE, b.equals(operands.get(0), operands.get(1)),
            b.literal(null), operands.get(0));
      default:
        break;
    }
    if (call instanceof SqlBasicCall) {
      SqlOperator f = FUNCTIONS.get(call.getOperator().getName().toUpperCase(Locale.ROOT));
      if (f != null) {
        return b.call(f, operands);
      }
    }
    throw unsupported(call.getOperator().getName());
  }

  private static IllegalArgumentException unsupported(String what) {
    return new IllegalArgumentException("'" + what + "' is not supported in model expressions; "
        + "use columns, numbers, strings, + - * /, comparisons, AND/OR/NOT, IS [NOT] NULL, CASE, "
        + "CAST, NULLIF or one of " + new java.util.TreeSet<>(FUNCTIONS.keySet()));
  }
}
