package io.asklayer.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.asklayer.engine.warehouse.WarehouseProgram;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.calcite.runtime.Hook;

/**
 * Compares the warehouse's short program ({@link WarehouseProgram}) with the full Volcano program
 * on a suite of statements: each is planned and run twice through Asklayer, once with
 * {@code asklayer.planner=full} and once without, and the SQL sent to the warehouse and the rows
 * are compared. Where the SQL is the same, so must the rows be; where it differs (a plan the search
 * priced differently), the short program's rows must be DuckDB's own. A statement the full program
 * answers must be answered by the short one too. The counts of each kind are printed, and a floor
 * on the statements the short program planned keeps it from quietly falling back on everything.
 */
public final class ShortProgramComparison {
  /** Longest one statement may run on any side, in seconds. */
  public static final int TIMEOUT_SECONDS = 20;
  private static final Pattern ALIAS = Pattern.compile("\"t\\d*\"");

  private ShortProgramComparison() {
  }

  /** One statement of a suite. */
  public record Case(String name, String sql) {
  }

  /** One run through Asklayer: the SQL sent to the warehouse, the rows, or the error. */
  record Run(List<String> sql, Object rows, String error, boolean usedShort) {
  }

  /** Reads a result into rows a {@link Differ} compares. */
  public interface Reader {
    Object read(ResultSet rs) throws SQLException;
  }

  /** How two results differ, or null when they do not. */
  public interface Differ {
    String diff(Object expected, Object actual);
  }

  /** What a suite showed, by kind, and the failures. */
  public static final class Tally {
    final String suite;
    final Map<String, List<String>> kinds = new LinkedHashMap<>();
    final List<String> failures = new ArrayList<>();
    int total;

    Tally(String suite) {
      this.suite = suite;
      for (String k : List.of("same SQL", "same SQL but for aliases", "other SQL, DuckDB's rows",
          "planned in full (fallback)", "both failed")) {
        kinds.put(k, new ArrayList<>());
      }
    }

    void add(String kind, String name) {
      kinds.get(kind).add(name);
    }

    int shortPlanned() {
      return total - kinds.get("planned in full (fallback)").size()
          - kinds.get("both failed").size();
    }

    /** Prints the counts; fails on any failure or below {@code floor} short plans. */
    public void check(int floor) {
      StringBuilder b = new StringBuilder(suite + ": " + total + " statements, short program "
          + shortPlanned());
      kinds.forEach((k, v) -> b.append("; ").append(k).append(' ').append(v.size())
          .append(v.isEmpty() || k.startsWith("same SQL") ? "" : " " + v));
      System.out.println(b);
      assertThat(failures).as("statements the short program planned wrongly").isEmpty();
      assertThat(shortPlanned()).as("statements the short program planned (at least %d)", floor)
          .isGreaterThanOrEqualTo(floor);
    }
  }

  /** Runs every case with both programs, and DuckDB direct where the SQL differs. */
  public static Tally compare(String suite, List<Case> statements, Connection asklayer,
      Connection duckdb, Reader reader, Differ differ) {
    Tally t = new Tally(suite);
    for (Case s : statements) {
      t.total++;
      System.setProperty(WarehouseProgram.PROPERTY, "full");
      // Each program plans the statement itself: no plan is kept from before (a kept plan of
      // the statement's shape would answer it without planning).
      io.asklayer.engine.session.PlanCache.invalidate();
      Run full = run(asklayer, s.sql() + "\n-- full program", reader);
      System.clearProperty(WarehouseProgram.PROPERTY);
      io.asklayer.engine.session.PlanCache.invalidate();
      Run quick = run(asklayer, s.sql() + "\n-- short program", reader);
      if (full.error() != null && quick.error() != null) {
        t.add("both failed", s.name());
        continue;
      }
      if (quick.error() != null) {
        t.failures.add(s.name() + ": the full program answers, the short one fails: "
            + quick.error());
        continue;
      }
      if (!quick.usedShort()) {
        t.add("planned in full (fallback)", s.name());
      }
      if (full.error() == null && quick.sql().equals(full.sql())) {
        String diff = differ.diff(full.rows(), quick.rows());
        if (diff != null) {
          t.failures.add(s.name() + ": same SQL, other rows: " + diff);
        } else if (quick.usedShort()) {
          t.add("same SQL", s.name());
        }
        continue;
      }
      Object direct;
      try (Statement st = duckdb.createStatement()) {
        st.setQueryTimeout(TIMEOUT_SECONDS);
        try (ResultSet rs = st.executeQuery(s.sql())) {
          direct = reader.read(rs);
        }
      } catch (SQLException e) {
        t.failures.add(s.name() + ": SQL differs, and DuckDB direct fails: " + e.getMessage());
        continue;
      }
      String diff = differ.diff(direct, quick.rows());
      if (diff != null) {
        t.failures.add(s.name() + ": other SQL, rows not DuckDB's: " + diff + "\n  full: "
            + full.sql() + "\n  short: " + quick.sql());
      } else if (full.error() == null && aliasesRenumbered(full.sql()).equals(
          aliasesRenumbered(quick.sql()))) {
        t.add("same SQL but for aliases", s.name());
      } else {
        t.add("other SQL, DuckDB's rows", s.name());
        System.out.println(suite + " " + s.name() + " differs:\n  full:  " + full.sql()
            + (full.error() != null ? " (" + full.error() + ")" : "") + "\n  short: "
            + quick.sql());
      }
    }
    return t;
  }

  /** The SQL with Calcite's generated aliases numbered by first appearance. */
  static List<String> aliasesRenumbered(List<String> sql) {
    List<String> out = new ArrayList<>();
    for (String s : sql) {
      Map<String, String> names = new LinkedHashMap<>();
      Matcher m = ALIAS.matcher(s);
      StringBuilder b = new StringBuilder();
      while (m.find()) {
        String name = names.computeIfAbsent(m.group(), k -> "\"t" + names.size() + "\"");
        m.appendReplacement(b, Matcher.quoteReplacement(name));
      }
      m.appendTail(b);
      out.add(b.toString());
    }
    return out;
  }

  private static Run run(Connection c, String sql, Reader reader) {
    List<String> sent = new ArrayList<>();
    long before = WarehouseProgram.INSTANCE.shortPlans();
    try (Hook.Closeable h = Hook.QUERY_PLAN.addThread(
        (java.util.function.Consumer<Object>) o -> sent.add(String.valueOf(o)));
        Statement st = c.createStatement()) {
      st.setQueryTimeout(TIMEOUT_SECONDS);
      try (ResultSet rs = st.executeQuery(sql)) {
        Object rows = reader.read(rs);
        return new Run(sent, rows, null, WarehouseProgram.INSTANCE.shortPlans() > before);
      }
    } catch (SQLException | RuntimeException e) {
      String m = String.valueOf(e.getMessage());
      return new Run(sent, null, m.lines().findFirst().orElse(m),
          WarehouseProgram.INSTANCE.shortPlans() > before);
    }
  }

  /** A read-only DuckDB connection to the file of {@code url}. */
  public static Connection duckdb(String url) throws SQLException {
    Properties p = new Properties();
    p.setProperty("duckdb.read_only", "true");
    Connection c = DriverManager.getConnection(url, p);
    try (Statement s = c.createStatement()) {
      s.execute("SET memory_limit = '2GB'");
    }
    return c;
  }

  /** The repository root: the working directory of the test is the benchmarks module. */
  public static Path repositoryRoot() {
    Path here = Path.of("").toAbsolutePath();
    for (Path p = here; p != null; p = p.getParent()) {
      if (Files.exists(p.resolve("mvnw")) && Files.isDirectory(p.resolve("benchmarks"))) {
        return p;
      }
    }
    throw new IllegalStateException("no repository root (with mvnw and benchmarks/) above " + here);
  }
}
