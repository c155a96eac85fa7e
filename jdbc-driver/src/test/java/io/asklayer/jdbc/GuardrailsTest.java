package io.asklayer.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.asklayer.demo.TestWarehouse;
import io.asklayer.engine.guard.RefusalLog;
import io.asklayer.engine.model.ModelLoader;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.sql.Statement;
import java.util.function.Consumer;
import org.apache.calcite.plan.AbstractRelOptPlanner;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.plan.RelOptRule;
import org.apache.calcite.plan.RelOptRuleCall;
import org.apache.calcite.rel.logical.LogicalAggregate;
import org.apache.calcite.runtime.Hook;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every statement is held to the model's guardrails: a row limit and a time limit. */
class GuardrailsTest {
  @TempDir static Path dir;
  private static Connection c;

  @BeforeAll
  static void open() throws Exception {
    String demo;
    try (InputStream in = ModelLoader.class.getResourceAsStream(ModelLoader.DEMO_MODEL)) {
      demo = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    Path model = dir.resolve("limited.yaml");
    Files.writeString(model, demo.replace("max_rows: 1000000", "max_rows: 100")
        .replace("statement_timeout_seconds: 300", "statement_timeout_seconds: 2"));
    c = DriverManager.getConnection("jdbc:asklayer:user=north_manager;warehouse="
        + TestWarehouse.url() + ";model=" + model);
  }

  @AfterAll
  static void close() throws SQLException {
    c.close();
  }

  private static long count(ResultSet rs) throws SQLException {
    long n = 0;
    while (rs.next()) {
      n++;
    }
    return n;
  }

  @Test
  void aResultLargerThanTheRowLimitIsRefusedWithTheLimit() throws SQLException {
    try (Statement s = c.createStatement()) {
      try (ResultSet rs = s.executeQuery("SELECT * FROM sales_transactions LIMIT 100")) {
        assertThat(count(rs)).isEqualTo(100);
      }
      SQLException e = catchThrowableOfType(SQLException.class, () -> {
        try (ResultSet rs = s.executeQuery("SELECT * FROM sales_transactions")) {
          count(rs);
        }
      });
      assertThat(e.getSQLState()).isEqualTo("42000");
      assertThat(e.getMessage()).isEqualTo("The result has more than 100 rows, the most "
          + "north_manager may fetch in one statement. Add a LIMIT, filters or an aggregation.");
      assertThat(RefusalLog.recent()).anySatisfy(r -> {
        assertThat(r.principal()).isEqualTo("north_manager");
        assertThat(r.reason()).startsWith("The result has more than 100 rows");
      });
      try (ResultSet rs = s.executeQuery("SELECT channel, COUNT(*) FROM sales_transactions "
          + "GROUP BY channel")) {
        assertThat(count(rs)).isEqualTo(4);
      }
    }
  }

  @Test
  void aStatementPastTheTimeLimitIsCancelledInTheWarehouse() throws SQLException {
    try (Statement s = c.createStatement()) {
      s.setQueryTimeout(3600);
      assertThat(s.getQueryTimeout()).as("a client cannot lift the limit").isEqualTo(2);
      long t0 = System.nanoTime();
      SQLException e = catchThrowableOfType(SQLException.class, () -> {
        try (ResultSet rs = s.executeQuery("SELECT SUM(a.quantity * b.quantity * p.unit_cost) "
            + "FROM sales_transactions a, sales_transactions b, product_master p")) {
          count(rs);
        }
      });
      double seconds = (System.nanoTime() - t0) / 1e9;
      assertThat((Throwable) e).isInstanceOf(SQLTimeoutException.class);
      assertThat(e.getMessage()).startsWith("The statement ran longer than its time limit (at "
          + "most 2 seconds for north_manager) and was cancelled");
      assertThat(seconds).as("cancelled near the limit, not run to the end").isLessThan(30);
    }
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM regions")) {
      assertThat(count(rs)).as("the connection still works").isEqualTo(1);
    }
  }

  @Test
  void aShorterQueryTimeoutIsTheLimitTheMessageNames() throws SQLException {
    try (Statement s = c.createStatement()) {
      s.setQueryTimeout(1);
      SQLException e = catchThrowableOfType(SQLException.class, () -> {
        try (ResultSet rs = s.executeQuery("SELECT SUM(a.quantity * b.quantity * p.unit_cost) "
            + "FROM sales_transactions a, sales_transactions b, product_master p "
            + "WHERE p.list_price > 0")) {
          count(rs);
        }
      });
      assertThat((Throwable) e).isInstanceOf(SQLTimeoutException.class);
      assertThat(e.getMessage()).startsWith("The statement ran longer than its time limit (1 "
          + "second, the query timeout it was given) and was cancelled");
    }
  }

  /**
   * A rule that never finishes, as a plan search that does not end would: only the planner's
   * cancel flag, which it checks as Calcite's planner does between rules, stops it.
   */
  private static final RelOptRule NEVER_ENDS = new RelOptRule(
      RelOptRule.operand(LogicalAggregate.class, RelOptRule.any()), "NeverEnds") {
    @Override public void onMatch(RelOptRuleCall call) {
      while (true) {
        ((AbstractRelOptPlanner) call.getPlanner()).checkCancel();
        try {
          Thread.sleep(10);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
  };

  @Test
  void planningThatDoesNotEndStopsAtTheTimeLimit() throws SQLException {
    // The full search, where a rule that never ends can be hooked in (a statement the warehouse
    // runs whole is planned by a short fixed program otherwise).
    System.setProperty(io.asklayer.engine.warehouse.WarehouseProgram.PROPERTY, "full");
    try (Statement s = c.createStatement();
        Hook.Closeable h = Hook.PLANNER.addThread(
            (Consumer<RelOptPlanner>) p -> p.addRule(NEVER_ENDS))) {
      s.setQueryTimeout(1);
      long t0 = System.nanoTime();
      SQLException e = catchThrowableOfType(SQLException.class, () -> s.executeQuery(
          "SELECT channel, COUNT(*) FROM sales_transactions GROUP BY channel /* plan 1 */"));
      double seconds = (System.nanoTime() - t0) / 1e9;
      assertThat((Throwable) e).isInstanceOf(SQLTimeoutException.class);
      assertThat(e.getMessage()).startsWith("Planning the statement took longer than its time "
          + "limit (1 second) and was stopped, before anything ran in the warehouse.");
      assertThat(seconds).as("stopped at the limit").isLessThan(20);
    } finally {
      System.clearProperty(io.asklayer.engine.warehouse.WarehouseProgram.PROPERTY);
    }
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM regions")) {
      assertThat(count(rs)).as("the connection still works").isEqualTo(1);
    }
  }

  @Test
  void planningStopsWhenTheStatementIsCancelled() throws Exception {
    System.setProperty(io.asklayer.engine.warehouse.WarehouseProgram.PROPERTY, "full");
    try (Statement s = c.createStatement();
        Hook.Closeable h = Hook.PLANNER.addThread(
            (Consumer<RelOptPlanner>) p -> p.addRule(NEVER_ENDS))) {
      Thread canceller = new Thread(() -> {
        try {
          Thread.sleep(300);
          s.cancel();
        } catch (InterruptedException | SQLException e) {
          throw new IllegalStateException(e);
        }
      });
      canceller.start();
      SQLException e = catchThrowableOfType(SQLException.class, () -> s.executeQuery(
          "SELECT channel, COUNT(*) FROM sales_transactions GROUP BY channel /* plan 2 */"));
      canceller.join();
      assertThat((Throwable) e).isNotNull();
      assertThat(e.getMessage()).isEqualTo(
          "The statement was cancelled while it was being planned.");
    } finally {
      System.clearProperty(io.asklayer.engine.warehouse.WarehouseProgram.PROPERTY);
    }
  }

  @Test
  void refusalsAreLoggedWithPrincipalStatementAndReason() throws SQLException {
    try (Statement s = c.createStatement()) {
      catchThrowableOfType(SQLException.class, () -> s.execute("DROP TABLE regions"));
    }
    assertThat(RefusalLog.recent()).anySatisfy(r -> {
      assertThat(r.principal()).isEqualTo("north_manager");
      assertThat(r.statement()).isEqualTo("DROP TABLE regions");
      assertThat(r.reason()).startsWith("Asklayer is read-only");
    });
    catchThrowableOfType(SQLException.class, () -> DriverManager.getConnection(
        "jdbc:asklayer:user=mallory;warehouse=" + TestWarehouse.url()));
    assertThat(RefusalLog.recent()).anySatisfy(r -> {
      assertThat(r.principal()).isEqualTo("mallory");
      assertThat(r.reason()).startsWith("Unknown user 'mallory'");
    });
  }
}
