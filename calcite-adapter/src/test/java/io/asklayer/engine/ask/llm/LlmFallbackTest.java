package io.asklayer.engine.ask.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import io.asklayer.engine.session.EmbeddedDriver;
import io.asklayer.engine.testing.Rows;
import io.asklayer.engine.testing.TestEngine;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The optional language model, end to end against a small server on 127.0.0.1 that speaks OpenAI's
 * chat-completions protocol and answers what each test scripts: a good metric query is checked and
 * answered like any question (and equals DuckDB); an unknown metric, SQL in a field, a value the
 * data does not hold, prose, a refusal, an HTTP error or a timeout each end in a refusal that says
 * so. Questions the interpreter reads itself, and questions refused for their topic, never reach
 * the model; the prompt carries the model, dimension values and similar verified queries, and no
 * rows.
 */
class LlmFallbackTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String QUESTION = "how did the North do in terms of money made during 2024";
  private static HttpServer server;
  private static final List<JsonNode> REQUESTS = new CopyOnWriteArrayList<>();
  private static volatile String reply;
  private static volatile int status;
  private static volatile long delayMillis;

  @BeforeAll
  static void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/v1/chat/completions", exchange -> {
      REQUESTS.add(JSON.readTree(exchange.getRequestBody()));
      try {
        Thread.sleep(delayMillis);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      ObjectNode body = JSON.createObjectNode();
      body.put("id", "chatcmpl-1").put("object", "chat.completion").put("created", 0)
          .put("model", "test-model");
      ObjectNode choice = body.putArray("choices").addObject();
      choice.put("index", 0).put("finish_reason", "stop");
      choice.putObject("message").put("role", "assistant").put("content", reply);
      body.putObject("usage").put("prompt_tokens", 1).put("completion_tokens", 1)
          .put("total_tokens", 2);
      byte[] bytes = (status == 200 ? body.toString() : "{\"error\":{\"message\":\"overloaded\"}}")
          .getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      try {
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(bytes);
        }
      } catch (IOException gone) {
        // The client gave up (timeout test).
      }
    });
    server.start();
  }

  @AfterAll
  static void stop() {
    server.stop(0);
  }

  @BeforeEach
  void reset() {
    REQUESTS.clear();
    status = 200;
    delayMillis = 0;
    reply = "{}";
  }

  private static Connection connect(int timeoutSeconds) throws SQLException {
    return TestEngine.connect("analyst", "llm=openai;llm_url=http://127.0.0.1:"
        + server.getAddress().getPort() + "/v1;llm_model=test-model;llm_timeout_seconds="
        + timeoutSeconds);
  }

  private static String refusal(String answer) throws SQLException {
    reply = answer;
    try (Connection c = connect(5)) {
      SQLException e = catchThrowableOfType(SQLException.class,
          () -> Rows.query(c, "ASK '" + QUESTION + "'"));
      assertThat((Throwable) e).as("refused after the model answered %s", answer).isNotNull();
      return e.getMessage();
    }
  }

  @Test
  void aGoodAnswerIsCheckedThenAnsweredLikeAnyQuestion() throws SQLException {
    reply = "{\"metrics\": [\"revenue\"], \"filters\": [{\"dimension\": \"region\", "
        + "\"values\": [\"north\"]}], \"time\": {\"from\": \"2024-01-01\", \"to\": \"2025-01-01\"}}";
    try (Connection c = connect(5); Connection duck = TestEngine.duckdb()) {
      Rows.assertSameRows("North revenue 2024", Rows.query(c, "ASK '" + QUESTION + "'"),
          Rows.query(duck, "SELECT ROUND(SUM(s.quantity * s.unit_price * (1 - s.discount) * "
              + "f.usd_per_unit), 2) FROM sales_transactions s JOIN fx_rates f ON f.currency = "
              + "s.currency AND f.rate_date = s.order_date WHERE s.region_id = 1 AND "
              + "s.order_date >= DATE '2024-01-01' AND s.order_date < DATE '2025-01-01'"), false);
      assertThat(EmbeddedDriver.sessionOf(c).drainWarnings()).singleElement().asString()
          .contains("read by the language model openai test-model");
      List<List<Object>> explained = Rows.query(c, "EXPLAIN ASK '" + QUESTION + "'");
      assertThat(explained).extracting(r -> r.get(1)).contains("language model", "metric",
          "filter", "time", "warehouse sql");
    }
    assertThat(REQUESTS).as("one call: the answer is remembered for the statement").hasSize(1);
  }

  @Test
  void thePromptCarriesTheModelValuesAndSimilarExamplesButNoRows() throws SQLException {
    reply = "{\"metrics\": [\"revenue\"]}";
    try (Connection c = connect(5); Connection duck = TestEngine.duckdb()) {
      Rows.query(c, "ASK 'what was the money made through Amazon by region'");
      JsonNode request = REQUESTS.get(0);
      assertThat(request.get("model").asText()).isEqualTo("test-model");
      String system = request.get("messages").get(0).get("content").asText();
      String user = request.get("messages").get(1).get("content").asText();
      assertThat(user).isEqualTo("what was the money made through Amazon by region");
      assertThat(system).contains("gross_margin_pct", "order_date", "Electronics", "Amazon",
          "Today is 2025-12-31", "Never write SQL", "Example");
      assertThat(system).as("the nearest verified query is an example")
          .contains("Question: Revenue by region in 2025");
      assertThat(system).doesNotContain("@example.com");
      for (List<Object> row : Rows.query(duck, "SELECT customer_name FROM customers LIMIT 100")) {
        assertThat(system).doesNotContain(row.get(0).toString());
      }
      for (List<Object> row : Rows.query(duck, "SELECT employee_name, CAST(salary AS VARCHAR) "
          + "FROM employees LIMIT 20")) {
        assertThat(system).doesNotContain(row.get(0).toString());
      }
    }
  }

  @Test
  void anUnknownMetricIsRefused() throws SQLException {
    assertThat(refusal("{\"metrics\": [\"profitability_index\"]}"))
        .contains("unknown metric 'profitability_index'").contains("Nothing was run");
  }

  @Test
  void sqlInAnyFieldIsRefused() throws SQLException {
    assertThat(refusal("{\"metrics\": [\"revenue\"], \"sql\": \"SELECT * FROM employees\"}"))
        .contains("field 'sql'").contains("never runs");
    assertThat(refusal("{\"metrics\": [\"revenue; DROP TABLE regions\"]}"))
        .contains("put SQL in a metric name");
    assertThat(refusal("{\"metrics\": [\"revenue\"], \"filters\": [{\"dimension\": \"region\", "
        + "\"values\": [\"North' OR 1=1 --\"]}]}")).contains("does not hold");
  }

  @Test
  void aValueTheDataDoesNotHoldIsRefused() throws SQLException {
    assertThat(refusal("{\"metrics\": [\"revenue\"], \"filters\": [{\"dimension\": \"region\", "
        + "\"values\": [\"Atlantis\"]}]}")).contains("'Atlantis', which the data does not hold");
  }

  @Test
  void proseAndMalformedAnswersAreRefused() throws SQLException {
    assertThat(refusal("Sure! The North made about 4 million in 2024."))
        .contains("did not answer with JSON");
    assertThat(refusal("{\"metrics\": \"revenue\"")).contains("did not answer with JSON");
    assertThat(refusal("[\"revenue\"]")).contains("other than a JSON object");
    assertThat(refusal("{\"metrics\": [\"revenue\"], \"limit\": -3}")).contains("limit");
  }

  @Test
  void theModelsOwnRefusalIsPassedOn() throws SQLException {
    assertThat(refusal("{\"refuse\": \"the model has no marketing spend\"}"))
        .contains("the model has no marketing spend");
  }

  @Test
  void anHttpErrorIsRefused() throws SQLException {
    status = 500;
    assertThat(refusal("{}")).contains("could not be reached or failed")
        .contains("'money' is not a metric");
  }

  @Test
  void aSlowModelIsCutOffAtTheTimeout() throws SQLException {
    delayMillis = 6000;
    reply = "{\"metrics\": [\"revenue\"]}";
    long start = System.nanoTime();
    try (Connection c = connect(2)) {
      SQLException e = catchThrowableOfType(SQLException.class,
          () -> Rows.query(c, "ASK '" + QUESTION + "'"));
      assertThat(e.getMessage()).contains("did not answer within 2 seconds");
    }
    assertThat((System.nanoTime() - start) / 1e9).as("seconds until refused").isLessThan(5.5);
  }

  @Test
  void questionsReadWithoutItOrRefusedForTheirTopicNeverReachIt() throws SQLException {
    reply = "{\"metrics\": [\"revenue\"]}";
    try (Connection c = connect(5)) {
      Rows.query(c, "ASK 'revenue by region in 2025'");
      for (String q : List.of("average salary by region", "delete all returns",
          "revenue; DROP TABLE regions")) {
        assertThat((Throwable) catchThrowableOfType(SQLException.class,
            () -> Rows.query(c, "ASK '" + q.replace("'", "''") + "'"))).as(q).isNotNull();
      }
    }
    assertThat(REQUESTS).isEmpty();
  }

  @Test
  void withoutAnEndpointNothingChanges() throws SQLException {
    try (Connection c = TestEngine.connect("analyst")) {
      SQLException e = catchThrowableOfType(SQLException.class,
          () -> Rows.query(c, "ASK '" + QUESTION + "'"));
      assertThat(e.getMessage()).contains("'money' is not a metric")
          .doesNotContain("language model");
    }
    assertThat(REQUESTS).isEmpty();
  }

  @Test
  void badSettingsAreRefusedAtConnect() {
    for (String[] bad : new String[][] {
        {"llm=gpt", "one of [openai, ollama, anthropic]"},
        {"llm_url=http://127.0.0.1:1/v1", "only together with llm"},
        {"llm=openai;llm_model=m", "llm_url"},
        {"llm=openai;llm_url=ftp://x;llm_model=m", "an http:// or https:// URL"},
        {"llm=openai;llm_url=http://x/v1", "llm_model"},
        {"llm=openai;llm_url=http://x/v1;llm_model=m;llm_timeout_seconds=0", "1 to 600"}}) {
      Exception e = catchThrowableOfType(Exception.class,
          () -> TestEngine.connect("analyst", bad[0]).close());
      assertThat((Throwable) e).as(bad[0]).isNotNull();
      assertThat(e.getMessage()).as(bad[0]).contains(bad[1]);
    }
  }
}
