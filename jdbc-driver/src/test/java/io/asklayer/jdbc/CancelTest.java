package io.asklayer.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.asklayer.demo.TestWarehouse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

/**
 * {@code Statement.cancel()} stops the warehouse query its statement waits for and reports it as
 * cancelled (SQLState 57014, which no pool takes for a broken connection); the connection goes on.
 */
class CancelTest {
  @Test
  void cancelStopsTheWarehouseQueryAndSaysSo() throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:asklayer:user=admin;warehouse="
        + TestWarehouse.url()); PreparedStatement s = c.prepareStatement(
            "SELECT SUM(a.quantity * b.quantity) FROM sales_transactions a, "
            + "sales_transactions b")) {
      // Prepared, so planning is over: the cancel can only meet the warehouse query (before
      // the fix, that ran on to the end and failed as "Statement canceled (this is a fault").
      CompletableFuture<SQLException> run = CompletableFuture.supplyAsync(() -> {
        try (ResultSet rs = s.executeQuery()) {
          rs.next();
          return null;
        } catch (SQLException e) {
          return e;
        }
      });
      // Cancel until the statement ends: the first cancels may come before it has started.
      SQLException e = null;
      while (e == null && !run.isDone()) {
        s.cancel();
        try {
          e = run.get(100, TimeUnit.MILLISECONDS);
        } catch (TimeoutException stillRunning) {
          // cancel again
        }
      }
      e = e != null ? e : run.get();
      assertThat((Throwable) e).isNotNull();
      assertThat(e.getSQLState()).isEqualTo("57014");
      assertThat(e.getMessage()).startsWith("The statement was cancelled (Statement.cancel())");
      try (Statement again = c.createStatement();
          ResultSet rs = again.executeQuery("SELECT COUNT(*) FROM regions")) {
        rs.next();
        assertThat(rs.getInt(1)).isEqualTo(5);
      }
    }
  }
}
