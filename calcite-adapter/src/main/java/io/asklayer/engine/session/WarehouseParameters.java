package io.asklayer.engine.session;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import org.apache.calcite.DataContext;
import org.apache.calcite.adapter.java.JavaTypeFactory;
import org.apache.calcite.linq4j.QueryProvider;
import org.apache.calcite.schema.SchemaPlus;
import org.apache.calcite.sql.type.SqlTypeName;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * A statement's data context as its warehouse statement reads it. Calcite keeps a date parameter
 * as a day number, a time as milliseconds of the day and a timestamp as milliseconds since the
 * epoch (its internal forms, which its own code computes with), and its JDBC adapter binds those
 * numbers as they are: DuckDB then compares a DATE column with an INTEGER and fails. Read through
 * this context, each such parameter is the {@code java.time} value it stands for, by the type the
 * validator gave it, and the warehouse driver binds a date, time or timestamp.
 */
final class WarehouseParameters implements DataContext {
  private final DataContext context;
  private final Integer[] indexes;
  private final SqlTypeName[] types;

  WarehouseParameters(DataContext context, Integer[] indexes, SqlTypeName[] types) {
    this.context = context;
    this.indexes = indexes;
    this.types = types;
  }

  @Override public @Nullable Object get(String name) {
    Object value = context.get(name);
    if (value == null || !name.startsWith("?")) {
      return value;
    }
    int index = Integer.parseInt(name.substring(1));
    for (int i = 0; i < indexes.length; i++) {
      if (indexes[i] == index) {
        return warehouseValue(types[i], value);
      }
    }
    return value;
  }

  /**
   * The value the warehouse is given for a parameter of {@code type} held as {@code value}. The
   * number's class says which form it is in (Avatica turns a bound timestamp into a long and a
   * date or time into an int, whatever the parameter's type): a long is a timestamp's
   * milliseconds, an int a time's milliseconds of the day or else a day number.
   */
  static Object warehouseValue(SqlTypeName type, Object value) {
    if (value instanceof String text && type != null
        && type.getFamily() != org.apache.calcite.sql.type.SqlTypeFamily.CHARACTER) {
      value = converted(type, text);
    }
    if (value instanceof Number n && (type == SqlTypeName.TINYINT
        || type == SqlTypeName.SMALLINT || type == SqlTypeName.INTEGER)) {
      return inRange(type, n);
    }
    if (type != SqlTypeName.DATE && type != SqlTypeName.TIME && type != SqlTypeName.TIMESTAMP) {
      return value;
    }
    if (value instanceof Long ms) {
      return LocalDateTime.ofEpochSecond(Math.floorDiv(ms, 1000L),
          (int) Math.floorMod(ms, 1000L) * 1_000_000, ZoneOffset.UTC);
    }
    if (value instanceof Integer n) {
      return type == SqlTypeName.TIME
          ? LocalTime.ofNanoOfDay(Math.floorMod(n.longValue(), 86_400_000L) * 1_000_000L)
          : LocalDate.ofEpochDay(n);
    }
    return value;
  }

  /** A number bound to an integer parameter must fit it; DuckDB would fail per row otherwise. */
  private static Object inRange(SqlTypeName type, Number n) {
    long most = switch (type) {
      case TINYINT -> Byte.MAX_VALUE;
      case SMALLINT -> Short.MAX_VALUE;
      case INTEGER -> Integer.MAX_VALUE;
      default -> throw new IllegalArgumentException("not an integer type: " + type);
    };
    java.math.BigDecimal v = new java.math.BigDecimal(n.toString());
    if (v.abs().compareTo(java.math.BigDecimal.valueOf(most)) > 0) {
      throw new io.asklayer.engine.error.AsklayerException(
          io.asklayer.engine.error.ErrorKind.USER, "A parameter of type " + type + " was bound "
          + "to " + n + ", which is out of that type's range. Bind a value that fits, or compare "
          + "with a wider type (CAST(? AS BIGINT)).");
    }
    return n;
  }

  /**
   * A string bound to a parameter of another type, converted here, before the warehouse sees it:
   * left to DuckDB, {@code CAST(? AS INTEGER) = 1} with {@code 'x'} failed only where rows
   * reached it, rows the row filter had not yet passed among them (a yes/no oracle on hidden
   * rows), and only when it did.
   */
  private static Object converted(SqlTypeName type, String text) {
    String t = text.strip();
    try {
      switch (type) {
        case TINYINT, SMALLINT, INTEGER:
          return Integer.valueOf(t);
        case BIGINT:
          return Long.valueOf(t);
        case DECIMAL:
          return new java.math.BigDecimal(t);
        case FLOAT, REAL, DOUBLE:
          return Double.valueOf(t);
        case BOOLEAN:
          if (t.equalsIgnoreCase("true") || t.equalsIgnoreCase("false")) {
            return Boolean.valueOf(t);
          }
          throw new IllegalArgumentException();
        case DATE:
          return java.time.LocalDate.parse(t);
        case TIMESTAMP:
          return java.time.LocalDateTime.parse(t.replace(' ', 'T'));
        case TIME:
          return java.time.LocalTime.parse(t);
        default:
          return text;
      }
    } catch (RuntimeException e) {
      throw new io.asklayer.engine.error.AsklayerException(
          io.asklayer.engine.error.ErrorKind.USER, "A parameter of type " + type + " was bound "
          + "to '" + (text.length() > 40 ? text.substring(0, 40) + "..." : text) + "', which is "
          + "not a value of that type. Bind a " + type + " (setInt, setBigDecimal, setDate ...) "
          + "or a string that reads as one.");
    }
  }

  @Override public @Nullable SchemaPlus getRootSchema() {
    return context.getRootSchema();
  }

  @Override public JavaTypeFactory getTypeFactory() {
    return context.getTypeFactory();
  }

  @Override public QueryProvider getQueryProvider() {
    return context.getQueryProvider();
  }

  /**
   * The context whose timeout Calcite's JDBC adapter turns into the warehouse statement's query
   * timeout. It computes whole seconds left by dividing the milliseconds left, rounding down, so
   * a statement given 2 seconds whose planning took a few milliseconds reached the warehouse with
   * 1; read through this context, the seconds left round up instead (a timeout already passed
   * still fails at once).
   */
  static final class WholeSeconds implements DataContext {
    private final DataContext context;

    WholeSeconds(DataContext context) {
      this.context = context;
    }

    @Override public @Nullable Object get(String name) {
      Object value = context.get(name);
      if (name.equals(Variable.TIMEOUT.camelName) && value instanceof Long ms && ms > 0) {
        return ms + 999;
      }
      return value;
    }

    @Override public @Nullable SchemaPlus getRootSchema() {
      return context.getRootSchema();
    }

    @Override public JavaTypeFactory getTypeFactory() {
      return context.getTypeFactory();
    }

    @Override public QueryProvider getQueryProvider() {
      return context.getQueryProvider();
    }
  }
}
