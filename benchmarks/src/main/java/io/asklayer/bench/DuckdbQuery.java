package io.asklayer.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

/**
 * The baseline of {@code benchmarks/coldstart}: the smallest JDBC program a user would write
 * against DuckDB, so a fresh JVM running it costs what any Java answer from the file must cost
 * (JVM start, DuckDB's native library, the query), and {@code bin/asklayer -e} is measured
 * against that, not against an absolute time.
 *
 * <p>Usage: {@code java -cp benchmarks.jar:duckdb_jdbc.jar io.asklayer.bench.DuckdbQuery FILE SQL};
 * prints the columns and rows tab-separated, the way a user would check an answer.
 */
public final class DuckdbQuery {
  private DuckdbQuery() {}

  /** Runs {@code args[1]} on the DuckDB file {@code args[0]}, read-only, and prints its rows. */
  public static void main(String[] args) throws SQLException {
    if (args.length != 2) {
      System.err.println("Usage: DuckdbQuery FILE SQL (a DuckDB file and one query).");
      System.exit(2);
    }
    Properties p = new Properties();
    p.setProperty("duckdb.read_only", "true");
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + args[0], p);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(args[1])) {
      ResultSetMetaData md = rs.getMetaData();
      StringBuilder line = new StringBuilder();
      for (int i = 1; i <= md.getColumnCount(); i++) {
        line.append(i > 1 ? "\t" : "").append(md.getColumnLabel(i));
      }
      System.out.println(line);
      long rows = 0;
      while (rs.next()) {
        line.setLength(0);
        for (int i = 1; i <= md.getColumnCount(); i++) {
          line.append(i > 1 ? "\t" : "").append(rs.getString(i));
        }
        System.out.println(line);
        rows++;
      }
      System.out.println(rows + (rows == 1 ? " row" : " rows"));
    }
  }
}
