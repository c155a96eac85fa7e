package io.asklayer.jdbc;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * The JDBC 4.2 conversions Avatica's cursors leave out: {@code ResultSet.getObject(column, Class)}
 * for the standard Java classes, read through the typed getters (so a value converts exactly as
 * {@code getString}, {@code getLong}, ... convert it), and the {@code java.time} parameter values a
 * client may bind with {@code setObject}, turned into the {@code java.sql} values Avatica carries
 * embedded and over both wire formats.
 */
final class JdbcConversions {
  private JdbcConversions() {
  }

  /** {@code rs.getObject(column, type)}, where column is an index or a label. */
  static Object getObject(ResultSet rs, Object column, Class<?> type) throws SQLException {
    Object v = read(rs, column, type);
    return rs.wasNull() ? null : v;
  }

  private static Object read(ResultSet rs, Object column, Class<?> type) throws SQLException {
    int i = column instanceof Integer n ? n : rs.findColumn((String) column);
    if (type == String.class) {
      return rs.getString(i);
    } else if (type == Long.class || type == long.class) {
      return rs.getLong(i);
    } else if (type == Integer.class || type == int.class) {
      return rs.getInt(i);
    } else if (type == Short.class || type == short.class) {
      return rs.getShort(i);
    } else if (type == Byte.class || type == byte.class) {
      return rs.getByte(i);
    } else if (type == Double.class || type == double.class) {
      return rs.getDouble(i);
    } else if (type == Float.class || type == float.class) {
      return rs.getFloat(i);
    } else if (type == Boolean.class || type == boolean.class) {
      return rs.getBoolean(i);
    } else if (type == BigDecimal.class) {
      return rs.getBigDecimal(i);
    } else if (type == BigInteger.class) {
      BigDecimal d = rs.getBigDecimal(i);
      return d == null ? null : d.toBigInteger();
    } else if (type == byte[].class) {
      return rs.getBytes(i);
    } else if (type == java.sql.Date.class) {
      return rs.getDate(i);
    } else if (type == java.sql.Time.class) {
      return rs.getTime(i);
    } else if (type == java.sql.Timestamp.class || type == java.util.Date.class) {
      return rs.getTimestamp(i);
    } else if (type == LocalDate.class) {
      java.sql.Date d = rs.getDate(i);
      return d == null ? null : d.toLocalDate();
    } else if (type == LocalTime.class) {
      java.sql.Time t = rs.getTime(i);
      return t == null ? null : t.toLocalTime();
    } else if (type == LocalDateTime.class) {
      java.sql.Timestamp t = rs.getTimestamp(i);
      return t == null ? null : t.toLocalDateTime();
    } else if (type == Object.class) {
      return rs.getObject(i);
    }
    Object o = rs.getObject(i);
    if (o == null || type.isInstance(o)) {
      return o;
    }
    throw new SQLFeatureNotSupportedException("Asklayer cannot read column " + column + " (a "
        + o.getClass().getSimpleName() + ") as " + type.getName() + ". Ask for String, Integer, "
        + "Long, Short, Byte, Double, Float, BigDecimal, BigInteger, Boolean, byte[], LocalDate, "
        + "LocalTime, LocalDateTime, java.sql.Date, Time or Timestamp.", ErrorStates.UNSUPPORTED);
  }

  /**
   * A parameter value as Avatica can carry it: {@code java.time} values become the
   * {@code java.sql} value of the same wall-clock reading (an {@link OffsetDateTime} or
   * {@link Instant}, which name an instant, are read in UTC, as the warehouse's timestamps
   * without time zone are); anything else is returned as it is.
   */
  static Object parameter(Object value) {
    if (value instanceof LocalDate d) {
      return java.sql.Date.valueOf(d);
    } else if (value instanceof LocalDateTime t) {
      return java.sql.Timestamp.valueOf(t);
    } else if (value instanceof LocalTime t) {
      return java.sql.Time.valueOf(t);
    } else if (value instanceof OffsetDateTime t) {
      return java.sql.Timestamp.valueOf(t.withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime());
    } else if (value instanceof Instant t) {
      return java.sql.Timestamp.valueOf(LocalDateTime.ofInstant(t, ZoneOffset.UTC));
    }
    return value;
  }
}
