package io.asklayer.engine.session;

import io.asklayer.engine.semantic.MetricStatements;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.calcite.avatica.AvaticaParameter;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlCharStringLiteral;
import org.apache.calcite.sql.SqlDateLiteral;
import org.apache.calcite.sql.SqlDynamicParam;
import org.apache.calcite.sql.SqlExplain;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlNumericLiteral;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.SqlTimestampLiteral;
import org.apache.calcite.sql.SqlUnknownLiteral;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.util.SqlShuttle;
import org.apache.calcite.util.DateString;
import org.apache.calcite.util.TimestampString;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * A statement's shape: the statement with the literals it compares against turned into parameters,
 * so statements that differ only in those values (what BI tools send: the same query for another
 * month, region or product) share one plan. The step before planning in the statement pipeline.
 *
 * <p>Only literals whose value cannot change the plan become parameters: a number, a string, a
 * date or a timestamp that is one operand of a comparison ({@code =}, {@code <>}, {@code <},
 * {@code <=}, {@code >}, {@code >=}), a bound of {@code BETWEEN}, an item of a short {@code IN} list or
 * the pattern of {@code LIKE}, beside something that is not itself a constant. Everything else
 * keeps its literal: {@code LIMIT} and {@code OFFSET} counts, arguments of functions (a table
 * function reads its argument while planning, a date truncation its unit), arithmetic, anything in
 * {@code GROUP BY} or {@code ORDER BY}, and the select list of a query that groups (a grouped
 * expression must be written the same in each place, and two parameters are not the same). Statements with parameters of their own are already
 * shapes and are left alone, as are {@code EXPLAIN}s, which show their literals.
 *
 * <p>The shape is planned once, with each parameter typed by what it is compared with (a date
 * column makes a string a date). A literal is then bound to its parameter only when its value
 * converts to that type exactly, as the literal would have been converted while planning:
 * a whole number to an integer type or a decimal of enough scale, a number to a floating type, a
 * string to text, a string in ISO form to a date or timestamp. Any other combination (a fraction
 * compared with an integer column, a number compared with text, a string that is not a plain ISO
 * date) is not bound, and the statement is planned with its literals as before, so its meaning
 * and its errors are those of the literal statement. A shape whose planning fails is planned with
 * its literals too, and remembered as not to be shaped again.
 */
final class Shapes {
  /** Strings a date parameter takes: what Calcite's own coercion reads the same way. */
  private static final Pattern ISO_DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
  private static final Pattern ISO_TIMESTAMP =
      Pattern.compile("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}(\\.\\d{1,3})?");

  /**
   * The longest {@code IN} list whose items become parameters. An {@code IN} of parameters is
   * planned as one comparison per item (Calcite keeps only a list of literals as a list), which a
   * long list should not become; longer lists keep their literals.
   */
  static final int MAX_IN_ITEMS = 20;

  private Shapes() {
  }

  /**
   * A statement with some of its literals as parameters {@code ?0 ... ?n-1}.
   *
   * @param node the statement with parameters in place of {@code literals}
   * @param key the shape's text, with the kind of each parameter's literal, for the plan cache
   * @param literals the literals, in the order of their parameters
   */
  record Shape(SqlNode node, String key, List<SqlLiteral> literals) {
  }

  /** The shape of {@code statement}, or null when it has none to share (no literal to take). */
  static @Nullable Shape of(SqlNode statement) {
    if (statement instanceof SqlExplain || hasParameters(statement)) {
      return null;
    }
    List<SqlLiteral> literals = new ArrayList<>();
    // The parameterizer sets operands in place, so it works on a copy: the statement itself is
    // planned with its literals when its shape cannot be.
    SqlNode node = statement.accept(new Copy()).accept(new Parameterizer(literals));
    if (literals.isEmpty() || node == null) {
      return null;
    }
    StringBuilder key = new StringBuilder(MetricStatements.write(node)).append("\n-- ");
    for (SqlLiteral l : literals) {
      key.append(kind(l)).append(' ');
    }
    return new Shape(node, key.toString(), List.copyOf(literals));
  }

  /**
   * The values of {@code shape}'s literals for the parameters of its plan, as
   * {@code "?i" -> value} in Calcite's internal forms (a date as its day number, a timestamp as
   * milliseconds); or null when a literal does not convert exactly to its parameter's type.
   */
  static @Nullable Map<String, Object> values(Shape shape, List<AvaticaParameter> parameters) {
    if (parameters.size() != shape.literals().size()) {
      return null;
    }
    Map<String, Object> values = new HashMap<>();
    for (int i = 0; i < parameters.size(); i++) {
      Object v = value(shape.literals().get(i), parameters.get(i));
      if (v == null) {
        return null;
      }
      values.put("?" + i, v);
    }
    return values;
  }

  /** The literal's value as a value of the parameter's type, or null if not exactly one. */
  static @Nullable Object value(SqlLiteral literal, AvaticaParameter p) {
    int type = p.parameterType;
    if (literal instanceof SqlUnknownLiteral u) {
      // DATE '...' and TIMESTAMP '...' as parsed: typed when validated
      try {
        literal = u.resolve(SqlTypeName.valueOf(u.tag.toUpperCase(java.util.Locale.ROOT)));
      } catch (RuntimeException e) {
        return null; // not a date; the statement's own planning says so
      }
    }
    if (literal instanceof SqlNumericLiteral n) {
      BigDecimal v = n.getValueAs(BigDecimal.class);
      if (!n.isExact()) {
        return type == java.sql.Types.DOUBLE || type == java.sql.Types.FLOAT
            ? v.doubleValue() : null;
      }
      return number(v, p);
    }
    if (literal instanceof SqlCharStringLiteral) {
      String s = literal.getValueAs(String.class);
      return switch (type) {
        case java.sql.Types.VARCHAR -> s;
        case java.sql.Types.DATE -> ISO_DATE.matcher(s).matches() ? day(s) : null;
        case java.sql.Types.TIMESTAMP -> ISO_TIMESTAMP.matcher(s).matches() ? millis(s) : null;
        default -> null;
      };
    }
    if (literal instanceof SqlDateLiteral d) {
      int days = d.getValueAs(DateString.class).getDaysSinceEpoch();
      return type == java.sql.Types.DATE ? (Object) days
          : type == java.sql.Types.TIMESTAMP ? (Object) (days * 86_400_000L) : null;
    }
    if (literal instanceof SqlTimestampLiteral t && type == java.sql.Types.TIMESTAMP
        && t.getPrec() <= 3) {
      return t.getValueAs(TimestampString.class).getMillisSinceEpoch();
    }
    return null;
  }

  /** An exact number as a value of an integer, decimal or floating parameter, if it fits. */
  private static @Nullable Object number(BigDecimal v, AvaticaParameter p) {
    BigDecimal whole = v.stripTrailingZeros();
    switch (p.parameterType) {
    case java.sql.Types.TINYINT, java.sql.Types.SMALLINT, java.sql.Types.INTEGER,
        java.sql.Types.BIGINT:
      if (whole.scale() > 0) {
        return null;
      }
      long l;
      try {
        l = whole.longValueExact();
      } catch (ArithmeticException e) {
        return null;
      }
      return switch (p.parameterType) {
        case java.sql.Types.TINYINT -> l == (byte) l ? (Object) (byte) l : null;
        case java.sql.Types.SMALLINT -> l == (short) l ? (Object) (short) l : null;
        case java.sql.Types.INTEGER -> l == (int) l ? (Object) (int) l : null;
        default -> l;
      };
    case java.sql.Types.DECIMAL, java.sql.Types.NUMERIC:
      int scale = Math.max(whole.scale(), 0);
      if (scale > p.scale || whole.precision() - whole.scale() > p.precision - p.scale) {
        return null;
      }
      return v.setScale(p.scale);
    case java.sql.Types.DOUBLE, java.sql.Types.FLOAT:
      return v.doubleValue();
    case java.sql.Types.REAL:
      return v.floatValue();
    default:
      return null;
    }
  }

  private static @Nullable Object day(String s) {
    try {
      return (int) LocalDate.parse(s).toEpochDay();
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  private static @Nullable Object millis(String s) {
    try {
      return LocalDateTime.parse(s.replace(' ', 'T')).toInstant(ZoneOffset.UTC).toEpochMilli();
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  /** The kind of literal a parameter came from, part of the shape's key. */
  private static String kind(SqlLiteral l) {
    if (l instanceof SqlNumericLiteral n) {
      return n.isExact() ? "exact" : "approximate";
    }
    if (l instanceof SqlUnknownLiteral u) {
      return u.tag.toLowerCase(java.util.Locale.ROOT);
    }
    return l instanceof SqlCharStringLiteral ? "text" : l instanceof SqlDateLiteral ? "date"
        : "timestamp";
  }

  private static boolean hasParameters(SqlNode node) {
    boolean[] found = {false};
    node.accept(new SqlShuttle() {
      @Override public @Nullable SqlNode visit(SqlDynamicParam param) {
        found[0] = true;
        return param;
      }
    });
    return found[0];
  }

  /** Whether a literal's value can be a parameter's: the kinds {@link #value} converts. */
  private static boolean takes(SqlNode node) {
    return node instanceof SqlNumericLiteral || node instanceof SqlCharStringLiteral
        || node instanceof SqlDateLiteral || node instanceof SqlTimestampLiteral
        || node instanceof SqlUnknownLiteral u && (u.tag.equalsIgnoreCase("DATE")
            || u.tag.equalsIgnoreCase("TIMESTAMP"));
  }

  private static boolean constant(SqlNode node) {
    return node instanceof SqlLiteral || node instanceof SqlDynamicParam;
  }

  /** A copy of a statement down to its leaves, whose calls can be changed without changing it. */
  private static final class Copy extends SqlShuttle {
    @Override public @Nullable SqlNode visit(SqlCall call) {
      CallCopyingArgHandler copy = new CallCopyingArgHandler(call, true);
      call.getOperator().acceptCall(this, call, false, copy);
      return copy.result();
    }

    @Override public @Nullable SqlNode visit(SqlNodeList list) {
      List<SqlNode> items = new ArrayList<>();
      for (SqlNode n : list) {
        items.add(n == null ? null : n.accept(this));
      }
      return new SqlNodeList(items, list.getParserPosition());
    }
  }

  /** Copies a statement, taking the literals of comparisons as parameters in visiting order. */
  private static final class Parameterizer extends SqlShuttle {
    private final List<SqlLiteral> literals;

    Parameterizer(List<SqlLiteral> literals) {
      this.literals = literals;
    }

    private SqlNode parameter(SqlNode node) {
      SqlLiteral l = (SqlLiteral) node;
      literals.add(l);
      return new SqlDynamicParam(literals.size() - 1, l.getParserPosition());
    }

    @Override public @Nullable SqlNode visit(SqlCall call) {
      if (call instanceof SqlSelect select) {
        return select(select);
      }
      SqlKind kind = call.getKind();
      List<SqlNode> operands = call.getOperandList();
      switch (kind) {
      case EQUALS, NOT_EQUALS, LESS_THAN, LESS_THAN_OR_EQUAL, GREATER_THAN,
          GREATER_THAN_OR_EQUAL:
        return operands(call, i -> takes(operands.get(i))
            && !constant(operands.get(1 - i)));
      case BETWEEN:
        return operands(call, i -> i > 0 && takes(operands.get(i))
            && !constant(operands.get(0)));
      case LIKE:
        return operands(call, i -> i == 1 && operands.size() == 2
            && operands.get(1) instanceof SqlCharStringLiteral && !constant(operands.get(0)));
      case IN, NOT_IN:
        if (operands.get(1) instanceof SqlNodeList list && list.size() <= MAX_IN_ITEMS
            && !constant(operands.get(0))) {
          SqlNode left = operands.get(0).accept(this);
          List<SqlNode> items = new ArrayList<>();
          for (SqlNode item : list) {
            items.add(takes(item) ? parameter(item) : item.accept(this));
          }
          call.setOperand(0, left);
          call.setOperand(1, new SqlNodeList(items, list.getParserPosition()));
          return call;
        }
        return super.visit(call);
      case COLLECTION_TABLE:
        return call; // a table function's arguments are read while planning
      case ORDER_BY:
        // The query; its ORDER BY items may repeat grouped expressions, and OFFSET and FETCH
        // counts change the plan.
        org.apache.calcite.sql.SqlOrderBy o = (org.apache.calcite.sql.SqlOrderBy) call;
        return new org.apache.calcite.sql.SqlOrderBy(o.getParserPosition(), o.query.accept(this),
            o.orderList, o.offset, o.fetch);
      default:
        return super.visit(call);
      }
    }

    /** The call with the operands {@code take} picks as parameters, the others visited. */
    private SqlNode operands(SqlCall call, java.util.function.IntPredicate take) {
      List<SqlNode> operands = call.getOperandList();
      for (int i = 0; i < operands.size(); i++) {
        SqlNode o = operands.get(i);
        if (o == null) {
          continue;
        }
        call.setOperand(i, take.test(i) ? parameter(o) : o.accept(this));
      }
      return call;
    }

    /**
     * A select's clauses in the order they are written. Its GROUP BY and ORDER BY are left as they
     * are, and so is its select list when it groups: a grouped expression is written the same in
     * each place (GROUP BY 1 too, in the warehouse's SQL), and two parameters are not the same.
     */
    private SqlNode select(SqlSelect s) {
      if (s.getGroup() == null) {
        s.setSelectList(visitList(s.getSelectList()));
      }
      if (s.getFrom() != null) {
        s.setFrom(s.getFrom().accept(this));
      }
      if (s.getWhere() != null) {
        s.setWhere(s.getWhere().accept(this));
      }
      if (s.getHaving() != null) {
        s.setHaving(s.getHaving().accept(this));
      }
      if (s.getQualify() != null) {
        s.setQualify(s.getQualify().accept(this));
      }
      return s;
    }

    private SqlNodeList visitList(SqlNodeList list) {
      List<SqlNode> items = new ArrayList<>();
      for (SqlNode n : list) {
        items.add(n == null ? null : n.accept(this));
      }
      return new SqlNodeList(items, list.getParserPosition());
    }
  }
}
