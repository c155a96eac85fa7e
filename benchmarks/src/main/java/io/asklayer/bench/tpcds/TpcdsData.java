package io.asklayer.bench.tpcds;

import io.trino.tpcds.Results;
import io.trino.tpcds.Session;
import io.trino.tpcds.Table;
import io.trino.tpcds.column.Column;
import io.trino.tpcds.column.ColumnType;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * A TPC-DS warehouse in a DuckDB file, generated with {@code io.trino.tpcds} (a Java port of the
 * TPC's dsdgen) and cached by scale as {@code sf<scale>.duckdb} in a directory. The file is written
 * under a temporary name and renamed when complete, so an interrupted run never leaves a file that
 * a later run would take for a finished one.
 *
 * <p>Tables get the TPC-DS names, the column types of the specification (identifiers and integers
 * as INTEGER, money as DECIMAL(7,2), CHAR(n), VARCHAR(n), DATE) as the generator library declares
 * them, and the specification's primary keys: Asklayer's planner uses declared keys to see that a
 * join to a dimension does not multiply rows, which is what keeps a whole query in the warehouse.
 *
 * <p>A returns table is the child of its sales table: the generator decides per sales line whether
 * it comes back. Generating the sales table with no single table pinned in the session yields both
 * in one pass (the parent's row first, then the child's if any), which is how dsdgen writes them
 * too; pinning the parent with {@code Session.withTable} would suppress the returns. Tables of a
 * million rows or more are cut into one chunk per thread with the library's own split, so the
 * data are the same whatever the number of threads. {@code dbgen_version} (when and how the data
 * were generated) is left out: no query reads it and it would differ on every run.
 */
public final class TpcdsData {
  /** The specification's primary keys of the fact tables; each dimension's is its first column. */
  private static final Map<String, List<String>> FACT_KEYS = Map.of(
      "store_sales", List.of("ss_item_sk", "ss_ticket_number"),
      "store_returns", List.of("sr_item_sk", "sr_ticket_number"),
      "catalog_sales", List.of("cs_item_sk", "cs_order_number"),
      "catalog_returns", List.of("cr_item_sk", "cr_order_number"),
      "web_sales", List.of("ws_item_sk", "ws_order_number"),
      "web_returns", List.of("wr_item_sk", "wr_order_number"),
      "inventory", List.of("inv_date_sk", "inv_item_sk", "inv_warehouse_sk"));

  private TpcdsData() {
  }

  /** The tables a warehouse holds: every base table but {@code dbgen_version}. */
  public static List<Table> tables() {
    List<Table> out = new ArrayList<>();
    for (Table t : Table.getBaseTables()) {
      if (t != Table.DBGEN_VERSION) {
        out.add(t);
      }
    }
    return out;
  }

  /** The primary key columns of a TPC-DS table. */
  public static List<String> primaryKey(Table table) {
    List<String> key = FACT_KEYS.get(table.getName());
    return key != null ? key : List.of(table.getColumns()[0].getName());
  }

  /** {@code sf1}, {@code sf0.01}: the name of a scale in file names. */
  public static String scaleName(double scale) {
    return "sf" + BigDecimal.valueOf(scale).stripTrailingZeros().toPlainString();
  }

  /**
   * The warehouse file of a scale in {@code dir}, generated first if it is not there yet.
   *
   * @param log where progress goes
   */
  public static Path ensure(Path dir, double scale, PrintStream log) throws Exception {
    Path file = dir.resolve(scaleName(scale) + ".duckdb").toAbsolutePath();
    if (Files.exists(file)) {
      return file;
    }
    Files.createDirectories(dir);
    Path tmp = Files.createTempFile(dir, scaleName(scale) + "-", ".duckdb.partial");
    Files.delete(tmp); // DuckDB creates the file itself
    try {
      long t0 = System.nanoTime();
      log.printf("Generating TPC-DS scale %s into %s ...%n", scale, file);
      generate(tmp, scale, Math.max(1, Runtime.getRuntime().availableProcessors()), log);
      Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
      log.printf("Generated TPC-DS scale %s in %.1f s%n", scale, (System.nanoTime() - t0) / 1e9);
    } finally {
      Files.deleteIfExists(tmp);
      Files.deleteIfExists(Path.of(tmp + ".wal"));
    }
    return file;
  }

  /** Creates the tables in a new DuckDB file and fills them, on {@code threads} threads. */
  static void generate(Path file, double scale, int threads, PrintStream log) throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + file)) {
      DuckDBConnection duck = c.unwrap(DuckDBConnection.class);
      try (Statement s = c.createStatement()) {
        for (Table t : tables()) {
          s.execute(createTable(t));
        }
      }
      ExecutorService pool = Executors.newFixedThreadPool(threads);
      try {
        List<Future<?>> work = new ArrayList<>();
        for (Table t : tables()) {
          if (t.isChild()) {
            continue; // written with its parent
          }
          long rows = Session.getDefaultSession().withScale(scale).getScaling().getRowCount(t);
          // The library splits only tables of a million rows or more; smaller ones are one chunk.
          int chunks = rows >= 1_000_000 ? threads : 1;
          for (int chunk = 1; chunk <= chunks; chunk++) {
            Session session = Session.getDefaultSession().withScale(scale)
                .withParallelism(chunks).withChunkNumber(chunk);
            work.add(pool.submit(() -> {
              fill(duck, t, session);
              return null;
            }));
          }
        }
        for (Future<?> f : work) {
          try {
            f.get();
          } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception ex ? ex : e;
          }
        }
      } finally {
        pool.shutdownNow();
      }
      try (Statement s = c.createStatement()) {
        s.execute("CHECKPOINT");
      }
    }
  }

  /** Appends one chunk of a table (and of its child table, if it has one). */
  private static void fill(DuckDBConnection duck, Table table, Session session)
      throws SQLException {
    Table child = table.hasChild() ? table.getChild() : null;
    try (DuckDBConnection own = duck.duplicate();
        DuckDBAppender parent = own.createAppender("main", table.getName());
        DuckDBAppender returns = child == null ? null
            : own.createAppender("main", child.getName())) {
      Column[] parentColumns = table.getColumns();
      Column[] childColumns = child == null ? null : child.getColumns();
      for (List<List<String>> rows : Results.constructResults(table, session)) {
        if (!rows.isEmpty()) {
          append(parent, parentColumns, rows.get(0));
        }
        if (rows.size() > 1) {
          append(returns, childColumns, rows.get(1));
        }
      }
    }
  }

  private static void append(DuckDBAppender a, Column[] columns, List<String> values)
      throws SQLException {
    a.beginRow();
    for (int i = 0; i < columns.length; i++) {
      String v = values.get(i);
      if (v == null) {
        a.appendNull();
        continue;
      }
      switch (columns[i].getType().getBase()) {
        case IDENTIFIER, INTEGER -> a.append(Integer.parseInt(v));
        // The appender wants a decimal's own scale: the generator writes "-5" for -5.00.
        case DECIMAL -> a.append(new BigDecimal(v)
            .setScale(columns[i].getType().getScale().orElseThrow(), RoundingMode.UNNECESSARY));
        case DATE -> a.append(LocalDate.parse(v));
        case TIME -> a.append(LocalTime.parse(v));
        case CHAR, VARCHAR -> a.append(v);
        default -> throw new IllegalStateException("no DuckDB type for " + columns[i].getType());
      }
    }
    a.endRow();
  }

  /** {@code CREATE TABLE} of a TPC-DS table with the specification's types and key. */
  static String createTable(Table table) {
    StringBuilder b = new StringBuilder("CREATE TABLE ").append(table.getName()).append(" (");
    List<String> key = primaryKey(table);
    for (Column c : table.getColumns()) {
      b.append("\n  ").append(c.getName()).append(' ').append(sqlType(c.getType()));
      if (key.contains(c.getName())) {
        b.append(" NOT NULL");
      }
      b.append(',');
    }
    return b.append("\n  PRIMARY KEY (").append(String.join(", ", key)).append("))").toString();
  }

  private static String sqlType(ColumnType type) {
    return switch (type.getBase()) {
      case IDENTIFIER, INTEGER -> "INTEGER";
      case DECIMAL -> "DECIMAL(" + type.getPrecision().orElseThrow() + ","
          + type.getScale().orElseThrow() + ")";
      case CHAR -> "CHAR(" + type.getPrecision().orElseThrow() + ")";
      case VARCHAR -> "VARCHAR(" + type.getPrecision().orElseThrow() + ")";
      case DATE -> "DATE";
      case TIME -> "TIME";
    };
  }
}
