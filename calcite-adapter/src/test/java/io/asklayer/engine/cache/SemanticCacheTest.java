package io.asklayer.engine.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.asklayer.engine.ask.AskRefusal;
import io.asklayer.engine.ask.Interpretation;
import io.asklayer.engine.session.EmbeddedDriver;
import io.asklayer.engine.session.Session;
import io.asklayer.engine.testing.Rows;
import io.asklayer.engine.testing.TestEngine;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The semantic cache against real Redis servers: what one proxy instance read, another finds;
 * keys keep apart what must not meet; Redis going away or restarting costs speed, never an answer.
 */
class SemanticCacheTest {
  private static final Duration TTL = Duration.ofMinutes(5);

  @BeforeAll
  static void redis() {
    LocalRedis.requireShared();
  }

  private static Interpretation read(String question) throws SQLException {
    try (Connection c = TestEngine.connect("analyst")) {
      return EmbeddedDriver.sessionOf(c).interpret(question);
    }
  }

  private static String uniqueKey() {
    return SemanticCache.key("m", "p", "s", LocalDate.of(2025, 12, 31), "",
        "question " + UUID.randomUUID());
  }

  @Test
  void everyDevelopmentQuestionSurvivesTheTripThroughJson() throws Exception {
    List<String> questions = new ArrayList<>(Files.readAllLines(Path.of("../eval/ask-dev.txt"))
        .stream().filter(l -> l.startsWith("ask: ")).map(l -> l.substring(5)).toList());
    questions.addAll(List.of("why are customers complaining about SKU-165?",
        "return rate and main complaints for SKU-165", "what is the return policy in the North?",
        "what do customers say about Lumea in 2025"));
    int read = 0;
    try (Connection c = TestEngine.connect("analyst")) {
      Session session = EmbeddedDriver.sessionOf(c);
      for (String q : questions) {
        Interpretation i;
        try {
          i = session.interpret(q);
        } catch (AskRefusal refused) {
          continue;
        }
        assertThat(InterpretationJson.read(InterpretationJson.write(i))).as(q).isEqualTo(i);
        read++;
      }
    }
    assertThat(read).as("questions read, of %d", questions.size()).isGreaterThan(25);
  }

  @Test
  void whatOneInstanceStoresAnotherFinds() throws SQLException {
    SemanticCache a = new SemanticCache(URI.create(LocalRedis.SHARED), TTL);
    SemanticCache b = new SemanticCache(URI.create(LocalRedis.SHARED), TTL);
    Interpretation i = read("revenue by region in 2025");
    String key = uniqueKey();
    a.put(key, i);
    assertThat(b.get(key, i.question())).isEqualTo(i);
    assertThat(b.stats().redisHits()).isEqualTo(1);
    assertThat(b.get(key, i.question())).isEqualTo(i);
    assertThat(b.stats().localHits()).isEqualTo(1);
    assertThat(b.get(uniqueKey(), "never asked")).isNull();
    assertThat(b.stats().misses()).isEqualTo(1);
  }

  @Test
  void aSessionAnswersFromWhatAnotherInstanceStored() throws SQLException {
    String made = "blorp frobnicate " + UUID.randomUUID();
    try (Connection c = TestEngine.connect("analyst", "cache=" + LocalRedis.SHARED)) {
      assertThatThrownBy(() -> Rows.query(c, "ASK '" + made + "'"))
          .hasMessageContaining("blorp");
      Session s = EmbeddedDriver.sessionOf(c);
      String seeded = "zorp quux " + UUID.randomUUID();
      SemanticCache other = new SemanticCache(URI.create(LocalRedis.SHARED), TTL);
      other.put(SemanticCache.key(s.model().fingerprint(), s.policy().fingerprint(),
          s.metadata().fingerprint(), s.today(), "", seeded), read("revenue by region in 2025"));
      assertThat(Rows.query(c, "ASK '" + seeded + "'"))
          .isEqualTo(Rows.query(c, "ASK 'revenue by region in 2025'")).hasSize(5);
    }
  }

  @Test
  void keysKeepApartWhatMustNotMeet() {
    LocalDate today = LocalDate.of(2025, 12, 31);
    String base = SemanticCache.key("m", "p", "s", today, "", "Top sales in North?");
    assertThat(SemanticCache.key("m", "p", "s", today, "", "  top SALES in north "))
        .isEqualTo(base);
    assertThat(List.of(
        SemanticCache.key("m", "p", "s", today, "", "top sales"),
        SemanticCache.key("m2", "p", "s", today, "", "top sales in north"),
        SemanticCache.key("m", "p2", "s", today, "", "top sales in north"),
        SemanticCache.key("m", "p", "s2", today, "", "top sales in north"),
        SemanticCache.key("m", "p", "s", today.minusDays(1), "", "top sales in north"),
        SemanticCache.key("m", "p", "s", today, "openai", "top sales in north")))
        .doesNotContain(base).doesNotHaveDuplicates();
  }

  @Test
  @Timeout(60)
  void withRedisDownQuestionsAreStillAnswered() throws Exception {
    String nowhere;
    try (LocalRedis r = LocalRedis.start()) {
      nowhere = r.url();
    }
    SemanticCache c = new SemanticCache(URI.create(nowhere), TTL);
    String key = uniqueKey();
    Interpretation i = read("revenue by region in 2025");
    c.put(key, i);
    assertThat(c.get(key, i.question())).isEqualTo(i);
    assertThat(c.get(uniqueKey(), "x")).isNull();
    assertThat(c.stats().redisErrors()).isPositive();
    assertThat(c.stats().redisDown()).isTrue();
    try (Connection a = TestEngine.connect("analyst", "cache=" + nowhere);
        Connection plain = TestEngine.connect("analyst")) {
      assertThat(Rows.query(a, "ASK 'units sold by channel in 2024'"))
          .isEqualTo(Rows.query(plain, "ASK 'units sold by channel in 2024'"));
    }
  }

  @Test
  @Timeout(120)
  void sharingResumesAfterRedisRestarts() throws Exception {
    try (LocalRedis r = LocalRedis.start()) {
      SemanticCache a = new SemanticCache(URI.create(r.url()), TTL);
      SemanticCache b = new SemanticCache(URI.create(r.url()), TTL);
      Interpretation i = read("revenue by region in 2025");
      String before = uniqueKey();
      a.put(before, i);
      assertThat(b.get(before, i.question())).isEqualTo(i);

      r.stop();
      String during = uniqueKey();
      a.put(during, i);
      assertThat(a.get(during, i.question())).as("kept in process").isEqualTo(i);
      assertThat(b.get(during, i.question())).isNull();
      assertThat(b.stats().redisDown()).isTrue();

      r.restart();
      String after = uniqueKey();
      boolean shared = false;
      for (int n = 0; n < 200 && !shared; n++) {
        Thread.sleep(200);
        a.put(after, i);
        shared = i.equals(b.get(after, i.question()));
      }
      assertThat(shared).as("shared again after the restart").isTrue();
      assertThat(a.stats().redisDown()).isFalse();
      assertThat(b.stats().redisDown()).isFalse();
    }
  }
}
