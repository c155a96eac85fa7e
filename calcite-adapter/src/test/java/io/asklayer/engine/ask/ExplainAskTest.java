package io.asklayer.engine.ask;

import static org.assertj.core.api.Assertions.assertThat;

import io.asklayer.engine.testing.GoldenFile;
import io.asklayer.engine.testing.Rows;
import io.asklayer.engine.testing.TestEngine;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code EXPLAIN ASK} of the questions in {@code golden/explain-ask.txt}: the parts understood with
 * the words they came from, the words ignored, the metric query, the SQL sent to the warehouse
 * (with the principal's row filter in it) and any warning; for a refused question, what was and
 * was not understood and the refusal. A case's first line may be {@code as: <user>}.
 */
class ExplainAskTest {
  private static final GoldenFile GOLDEN = GoldenFile.read("explain-ask.txt");
  private static final Map<String, Connection> CONNECTIONS = new HashMap<>();

  @AfterAll
  static void close() throws SQLException {
    for (Connection c : CONNECTIONS.values()) {
      c.close();
    }
    if (GoldenFile.UPDATE) {
      GOLDEN.write();
    }
  }

  static Stream<GoldenFile.Case> cases() {
    return GOLDEN.cases().stream();
  }

  private static Connection as(String user) throws SQLException {
    Connection c = CONNECTIONS.get(user);
    if (c == null) {
      c = TestEngine.connect(user);
      CONNECTIONS.put(user, c);
    }
    return c;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void explainsTheQuestion(GoldenFile.Case c) throws SQLException {
    String input = c.input();
    String user = "analyst";
    if (input.startsWith("as: ")) {
      user = input.substring(4, input.indexOf('\n')).trim();
      input = input.substring(input.indexOf('\n') + 1).trim();
    }
    List<List<Object>> rows = Rows.query(as(user), "EXPLAIN ASK '" + input.replace("'", "''")
        + "'");
    String explained = rows.stream().map(r -> r.get(1) + ": " + r.get(2)
        + (r.get(3).toString().isEmpty() ? "" : "   <- " + r.get(3)))
        .collect(Collectors.joining("\n"));
    assertThat(rows).extracting(r -> r.get(0)).as("rows numbered in order")
        .isSorted();
    if (GoldenFile.UPDATE) {
      GOLDEN.set(c.name(), "explain", explained);
    } else {
      assertThat(explained).as("EXPLAIN ASK of %s", c).isEqualTo(c.get("explain"));
    }
  }
}
