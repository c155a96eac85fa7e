package io.asklayer.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The statements Tableau and DBeaver send while connecting and building a view
 * ({@code probes/bi-tools.txt}: each statement as the tool writes it, with the answer it must
 * get), run through every transport as {@code analyst}; rows compared with DuckDB direct.
 */
@ExtendWith(ConformanceFixture.class)
class ProbeSuiteConformanceTest {
  /** One probe of the file. */
  record Probe(String name, boolean prepared, String sql, String expect) {
  }

  static List<Probe> probes() throws IOException {
    String text;
    try (InputStream in = ProbeSuiteConformanceTest.class.getResourceAsStream(
        "/probes/bi-tools.txt")) {
      text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    List<Probe> out = new ArrayList<>();
    String name = null;
    StringBuilder sql = new StringBuilder();
    for (String line : text.split("\n")) {
      if (line.startsWith("## ")) {
        name = line.substring(3).strip();
        sql.setLength(0);
      } else if (line.startsWith("=> ") && name != null) {
        boolean prepared = name.endsWith("[prepared]");
        out.add(new Probe(name, prepared, sql.toString().strip(), line.substring(3).strip()));
        name = null;
      } else if (name != null && !line.isBlank()) {
        sql.append(line).append('\n');
      }
    }
    return out;
  }

  @TestFactory
  Stream<DynamicContainer> everyProbeThroughEveryTransport() throws IOException {
    List<Probe> probes = probes();
    assertThat(probes).hasSizeGreaterThan(30);
    return Stream.of(Transport.values()).map(t -> DynamicContainer.dynamicContainer(t.name(),
        probes.stream().map(p -> DynamicTest.dynamicTest(p.name(), () -> check(t, p)))));
  }

  private static void check(Transport t, Probe p) throws SQLException {
    try (Connection c = t.connect("analyst")) {
      if (p.expect().startsWith("refused ")) {
        String[] e = p.expect().split(" ", 3);
        SQLException refused = catchThrowableOfType(SQLException.class, () -> run(c, p));
        assertThat((Throwable) refused).as(p.sql()).isNotNull();
        assertThat(refused.getSQLState()).as(refused.getMessage()).isEqualTo(e[1]);
        assertThat(refused.getMessage()).startsWith(e[2]);
        assertThat(JdbcConformanceTest.POOL_FATAL).doesNotContain(refused.getSQLState());
        return;
      }
      Result r = run(c, p);
      if (p.expect().startsWith("columns ")) {
        assertThat(r.rows()).isEmpty();
        String n = p.expect().substring("columns ".length());
        if (n.equals("any")) {
          assertThat(r.columns()).isPositive();
        } else {
          assertThat(r.columns()).isEqualTo(Integer.parseInt(n));
        }
        return;
      }
      boolean anyOrder = p.expect().startsWith("rows any order");
      int colon = p.expect().indexOf(':');
      String duckSql = colon < 0 ? p.sql() : p.expect().substring(colon + 1).strip();
      List<List<String>> expected = Direct.rows(duckSql);
      List<List<String>> actual = r.rows();
      assertThat(expected).as("DuckDB answers " + duckSql).isNotEmpty();
      if (anyOrder) {
        assertThat(sorted(actual)).as(p.sql()).isEqualTo(sorted(expected));
      } else {
        assertThat(actual).as(p.sql()).isEqualTo(expected);
      }
    }
  }

  record Result(int columns, List<List<String>> rows) {
  }

  private static Result run(Connection c, Probe p) throws SQLException {
    if (p.prepared()) {
      try (PreparedStatement s = c.prepareStatement(p.sql()); ResultSet rs = s.executeQuery()) {
        return new Result(rs.getMetaData().getColumnCount(), Direct.rows(rs));
      }
    }
    try (Statement s = c.createStatement()) {
      if (!s.execute(p.sql())) {
        return new Result(0, List.of());
      }
      try (ResultSet rs = s.getResultSet()) {
        return new Result(rs.getMetaData().getColumnCount(), Direct.rows(rs));
      }
    }
  }

  private static List<List<String>> sorted(List<List<String>> rows) {
    List<List<String>> out = new ArrayList<>(rows);
    out.sort(Comparator.comparing(Object::toString));
    return out;
  }
}
