package io.asklayer.bench.foodmart;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * The FoodMart database as a DuckDB file. The data comes from {@code foodmart-data-hsqldb}, an
 * HSQLDB database inside a jar: every table of its {@code foodmart} schema is copied into DuckDB's
 * {@code main} schema under the same (case-sensitive) table and column names, with the matching
 * column types, so the SQL Mondrian generated for FoodMart runs on it unchanged. The copy is made
 * once and cached: written under a temporary name and renamed when complete, so a run that dies
 * half way never leaves a file that looks finished.
 */
public final class FoodmartData {
  /** Where the jar's HSQLDB database is read from. */
  static final String HSQLDB_URL = "jdbc:hsqldb:res:foodmart";
  static final String HSQLDB_USER = "FOODMART";
  static final String HSQLDB_PASSWORD = "FOODMART";
  static final String HSQLDB_SCHEMA = "foodmart";
  /** Name of the cached file inside its directory. */
  public static final String FILE_NAME = "foodmart.duckdb";

  private FoodmartData() {
  }

  /** A copied table: its name, its DuckDB column definitions, and how many rows it got. */
  public record TableCopy(String name, List<String> columns, long rows) {
  }

  /**
   * The DuckDB file in {@code dir}, created from the HSQLDB database if it is not there yet.
   *
   * @return the absolute path of the finished file
   */
  public static Path ensure(Path dir) throws IOException, SQLException {
    Path file = dir.resolve(FILE_NAME).toAbsolutePath();
    if (Files.exists(file)) {
      return file;
    }
    Files.createDirectories(dir);
    Path tmp = dir.resolve(FILE_NAME + ".tmp-" + ProcessHandle.current().pid()).toAbsolutePath();
    Files.deleteIfExists(tmp);
    Files.deleteIfExists(Path.of(tmp + ".wal"));
    long t0 = System.nanoTime();
    List<TableCopy> copies;
    try {
      copies = copy(tmp);
    } catch (SQLException | RuntimeException e) {
      Files.deleteIfExists(tmp);
      Files.deleteIfExists(Path.of(tmp + ".wal"));
      throw e;
    }
    Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
    long rows = copies.stream().mapToLong(TableCopy::rows).sum();
    System.err.printf("FoodMart: copied %d tables, %,d rows from HSQLDB into %s in %.1f s%n",
        copies.size(), rows, file, (System.nanoTime() - t0) / 1e9);
    return file;
  }

  /** Copies every table of the HSQLDB database into a new DuckDB file. */
  static List<TableCopy> copy(Path target) throws SQLException {
    List<TableCopy> out = new ArrayList<>();
    Properties p = new Properties();
    p.setProperty("user", HSQLDB_USER);
    p.setProperty("password", HSQLDB_PASSWORD);
    try (Connection hsqldb = DriverManager.getConnection(HSQLDB_URL, p);
        DuckDBConnection duckdb = (DuckDBConnection) DriverManager.getConnection(
            "jdbc:duckdb:" + target)) {
      Map<String, List<Column>> tables = tables(hsqldb.getMetaData());
      if (tables.isEmpty()) {
        throw new SQLException("the HSQLDB database has no tables in schema " + HSQLDB_SCHEMA);
      }
      for (Map.Entry<String, List<Column>> t : tables.entrySet()) {
        out.add(copyTable(hsqldb, duckdb, t.getKey(), t.getValue()));
      }
      try (Statement s = duckdb.createStatement()) {
        s.execute("CHECKPOINT");
      }
    }
    return out;
  }

  /** One column of an HSQLDB table, with the DuckDB type it becomes. */
  record Column(String name, int jdbcType, String duckdbType) {
  }

  private static Map<String, List<Column>> tables(DatabaseMetaData md) throws SQLException {
    Map<String, List<Column>> tables = new LinkedHashMap<>();
    try (ResultSet rs = md.getTables(null, HSQLDB_SCHEMA, "%", new String[] {"TABLE"})) {
      while (rs.next()) {
        tables.put(rs.getString("TABLE_NAME"), new ArrayList<>());
      }
    }
    for (Map.Entry<String, List<Column>> t : tables.entrySet()) {
      try (ResultSet rs = md.getColumns(null, HSQLDB_SCHEMA, t.getKey(), "%")) {
        while (rs.next()) {
          int type = rs.getInt("DATA_TYPE");
          t.getValue().add(new Column(rs.getString("COLUMN_NAME"), type,
              duckdbType(type, rs.getString("TYPE_NAME"), rs.getInt("COLUMN_SIZE"),
                  rs.getInt("DECIMAL_DIGITS")) + (rs.getInt("NULLABLE")
                  == DatabaseMetaData.columnNoNulls ? " NOT NULL" : "")));
        }
      }
    }
    return tables;
  }

  /** The DuckDB type with the same values as an HSQLDB column type. */
  static String duckdbType(int jdbcType, String typeName, int size, int scale) {
    return switch (jdbcType) {
      case Types.SMALLINT -> "SMALLINT";
      case Types.INTEGER -> "INTEGER";
      case Types.BIGINT -> "BIGINT";
      case Types.DECIMAL, Types.NUMERIC -> "DECIMAL(" + size + "," + scale + ")";
      case Types.DOUBLE, Types.FLOAT -> "DOUBLE";
      case Types.REAL -> "REAL";
      case Types.BOOLEAN, Types.BIT -> "BOOLEAN";
      case Types.VARCHAR, Types.CHAR -> "VARCHAR(" + size + ")";
      case Types.DATE -> "DATE";
      case Types.TIMESTAMP -> "TIMESTAMP";
      default -> throw new IllegalArgumentException("no DuckDB type for HSQLDB type " + typeName
          + " (" + jdbcType + ")");
    };
  }

  private static TableCopy copyTable(Connection hsqldb, DuckDBConnection duckdb, String table,
      List<Column> columns) throws SQLException {
    List<String> defs = new ArrayList<>();
    StringBuilder select = new StringBuilder("SELECT ");
    for (int i = 0; i < columns.size(); i++) {
      Column c = columns.get(i);
      defs.add(quote(c.name()) + " " + c.duckdbType());
      select.append(i == 0 ? "" : ", ").append(quote(c.name()));
    }
    select.append(" FROM ").append(quote(HSQLDB_SCHEMA)).append('.').append(quote(table));
    try (Statement s = duckdb.createStatement()) {
      s.execute("CREATE TABLE " + quote(table) + " (" + String.join(", ", defs) + ")");
    }
    long rows = 0;
    try (Statement s = hsqldb.createStatement();
        ResultSet rs = s.executeQuery(select.toString());
        DuckDBAppender appender = duckdb.createAppender(DuckDBConnection.DEFAULT_SCHEMA, table)) {
      while (rs.next()) {
        appender.beginRow();
        for (int i = 0; i < columns.size(); i++) {
          append(appender, rs, i + 1, columns.get(i).jdbcType());
        }
        appender.endRow();
        rows++;
      }
    }
    return new TableCopy(table, defs, rows);
  }

  private static void append(DuckDBAppender a, ResultSet rs, int i, int type) throws SQLException {
    switch (type) {
      case Types.SMALLINT -> {
        short v = rs.getShort(i);
        if (rs.wasNull()) {
          a.appendNull();
        } else {
          a.append(v);
        }
      }
      case Types.INTEGER -> {
        int v = rs.getInt(i);
        if (rs.wasNull()) {
          a.appendNull();
        } else {
          a.append(v);
        }
      }
      case Types.BIGINT -> {
        long v = rs.getLong(i);
        if (rs.wasNull()) {
          a.appendNull();
        } else {
          a.append(v);
        }
      }
      case Types.DOUBLE, Types.FLOAT, Types.REAL -> {
        double v = rs.getDouble(i);
        if (rs.wasNull()) {
          a.appendNull();
        } else if (type == Types.REAL) {
          a.append((float) v);
        } else {
          a.append(v);
        }
      }
      case Types.BOOLEAN, Types.BIT -> {
        boolean v = rs.getBoolean(i);
        if (rs.wasNull()) {
          a.appendNull();
        } else {
          a.append(v);
        }
      }
      case Types.DECIMAL, Types.NUMERIC -> {
        BigDecimal v = rs.getBigDecimal(i);
        if (v == null) {
          a.appendNull();
        } else {
          a.append(v);
        }
      }
      case Types.DATE -> {
        LocalDate v = rs.getObject(i, LocalDate.class);
        if (v == null) {
          a.appendNull();
        } else {
          a.append(v);
        }
      }
      case Types.TIMESTAMP -> {
        LocalDateTime v = rs.getObject(i, LocalDateTime.class);
        if (v == null) {
          a.appendNull();
        } else {
          a.append(v);
        }
      }
      default -> {
        String v = rs.getString(i);
        if (v == null) {
          a.appendNull();
        } else {
          a.append(v);
        }
      }
    }
  }

  static String quote(String identifier) {
    return '"' + identifier.replace("\"", "\"\"") + '"';
  }
}
