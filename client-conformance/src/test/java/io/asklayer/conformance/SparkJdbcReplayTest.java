package io.asklayer.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.util.ArrayList;
import java.util.List;

/**
 * The JDBC calls Spark's JDBC data source makes to read a table, replayed call for call (Spark
 * 4's {@code JDBCRDD} and {@code JdbcUtils}; spark-sql in local mode would add some 300 MB of jars
 * and a minute of start-up to the test command): the schema probe {@code SELECT * FROM (t)
 * SPARK_GEN_SUBQ_0 WHERE 1=0} with query timeout 0, read through its metadata; then, per
 * partition, the column list with the partition's {@code WHERE}, prepared forward-only and
 * read-only with fetch size 0 (the option's default) and query timeout 0. Every partition's rows
 * together must be the table's rows on DuckDB direct (before the fetch-size fix, none arrived).
 */
class SparkJdbcReplayTest {
  static final String TABLE = "(SELECT order_id, line_number, order_date, quantity "
      + "FROM sales_transactions WHERE channel = 'Shopify')";

  @AllTransports
  void aPartitionedReadReturnsEveryRow(Transport t) throws Exception {
    List<String> columns = new ArrayList<>();
    try (Connection c = t.connect("analyst")) {
      try (PreparedStatement probe = c.prepareStatement("SELECT * FROM " + TABLE
          + " SPARK_GEN_SUBQ_0 WHERE 1=0")) {
        probe.setQueryTimeout(0);
        try (ResultSet rs = probe.executeQuery()) {
          ResultSetMetaData md = rs.getMetaData();
          for (int i = 1; i <= md.getColumnCount(); i++) {
            columns.add(md.getColumnLabel(i));
            assertThat(md.getColumnType(i)).isNotZero();
          }
          assertThat(rs.next()).isFalse();
        }
      }
    }
    assertThat(columns).containsExactly("order_id", "line_number", "order_date", "quantity");
    String select = "SELECT \"" + String.join("\",\"", columns) + "\" FROM " + TABLE
        + " SPARK_GEN_SUBQ_0";
    // numPartitions 3 over line_number 1..4, as JDBCRelation.columnPartition words them.
    List<String> partitions = List.of(" WHERE \"line_number\" < 2 or \"line_number\" is null",
        " WHERE \"line_number\" >= 2 AND \"line_number\" < 3", " WHERE \"line_number\" >= 3");
    List<List<String>> read = new ArrayList<>();
    for (String where : partitions) {
      // Each partition on a connection of its own, as each Spark task opens one.
      try (Connection c = t.connect("analyst"); PreparedStatement s = c.prepareStatement(
          select + where, ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY)) {
        s.setFetchSize(0);
        s.setQueryTimeout(0);
        try (ResultSet rs = s.executeQuery()) {
          read.addAll(Direct.rows(rs));
        }
      }
    }
    List<List<String>> direct = Direct.rows("SELECT order_id, line_number, order_date, "
        + "quantity FROM sales_transactions WHERE channel = 'Shopify'");
    assertThat(direct).hasSizeGreaterThan(1000);
    assertThat(read).containsExactlyInAnyOrderElementsOf(direct);
  }
}
