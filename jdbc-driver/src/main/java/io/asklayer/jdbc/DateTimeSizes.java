package io.asklayer.jdbc;

import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;

/**
 * The precision and scale of a {@code DATE}, {@code TIME} or {@code TIMESTAMP} result column as
 * {@code DatabaseMetaData.getColumns} gives them (COLUMN_SIZE, DECIMAL_DIGITS): the length of the
 * value written out ({@code 2025-12-31} is 10, {@code 23:59:59} 8, {@code 2025-12-31 23:59:59} 19,
 * one more and the digits for fractional seconds) and the fractional digits. Calcite's result
 * metadata, and Avatica's protocol after it, carry the fractional digits as the precision (0 for
 * every date), which Avatica's accessors format values with; a tool sizing a column from a query
 * saw 0 where the catalog said 10. So this answer is made where a client reads the metadata, and
 * not for the connections an Avatica server serves from (their metadata goes onto the wire).
 */
final class DateTimeSizes {
  private DateTimeSizes() {
  }

  /** The answer to {@code getPrecision(i)} or {@code getScale(i)}, or null if not one of these. */
  static Integer answer(ResultSetMetaData md, String method, Object[] args) {
    if (args == null || args.length != 1 || !(args[0] instanceof Integer column)
        || !(method.equals("getPrecision") || method.equals("getScale"))) {
      return null;
    }
    try {
      int length = switch (md.getColumnType(column)) {
        case Types.DATE -> 10;
        case Types.TIME -> 8;
        case Types.TIMESTAMP -> 19;
        default -> -1;
      };
      if (length < 0) {
        return null;
      }
      int fraction = length == 10 ? 0 : Math.max(0, md.getPrecision(column));
      return method.equals("getScale") ? fraction : length + (fraction > 0 ? fraction + 1 : 0);
    } catch (SQLException e) {
      return null; // a bad column index: the metadata itself says so
    }
  }
}
