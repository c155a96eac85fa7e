package io.asklayer.bench.foodmart;

import io.asklayer.bench.ShortProgramComparison;
import io.asklayer.engine.warehouse.WarehouseProgram;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The FoodMart smoke sample (every 75th statement, 91) planned by the warehouse's short program
 * gives the SQL and rows of the full Volcano program, or DuckDB's rows where the SQL differs
 * ({@link ShortProgramComparison}).
 */
class FoodmartShortProgramTest {
  /** Sampled statements the short program plans itself: 90 of 91 when measured (6151 falls back). */
  static final int SHORT_FLOOR = 90;

  @AfterEach void planAsConfigured() {
    System.clearProperty(WarehouseProgram.PROPERTY);
  }

  @Test void shortProgramPlansAsTheFullOne() throws Exception {
    List<ShortProgramComparison.Case> cases = FoodmartQueries
        .load(id -> id % FoodmartSmokeTest.EVERY == 1).stream()
        .map(q -> new ShortProgramComparison.Case("query " + q.id(), q.sql())).toList();
    Path dir = Path.of("target", "foodmart");
    ShortProgramComparison.Tally t;
    try (FoodmartBench bench = FoodmartBench.open(dir, ShortProgramComparison.TIMEOUT_SECONDS);
        Connection duckdb = ShortProgramComparison.duckdb("jdbc:duckdb:"
            + FoodmartData.ensure(dir).toAbsolutePath());
        Connection asklayer = DriverManager.getConnection(bench.asklayerUrl())) {
      t = ShortProgramComparison.compare("foodmart", cases, asklayer, duckdb,
          rs -> Rows.canonical(Rows.read(rs)),
          (a, b) -> Rows.diff(rows(a), rows(b), false, "expected", "short", 3));
    }
    t.check(SHORT_FLOOR);
  }

  @SuppressWarnings("unchecked")
  private static List<List<Object>> rows(Object o) {
    return (List<List<Object>>) o;
  }
}
