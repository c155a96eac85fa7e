package io.asklayer.engine.session;

import io.asklayer.engine.error.Errors;
import io.asklayer.engine.model.ModelTable;
import io.asklayer.engine.model.SemanticModel;
import io.asklayer.engine.model.VerifiedQuery;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Plans statements nobody asked for, so the first ones somebody does ask are planned by compiled
 * code. A fresh JVM plans a new three-table aggregate in tens of milliseconds while Calcite's parser,
 * validator and planner are still interpreted; warmed up, in about five. The statements come from
 * the model: a lookup by key of each table, each join the model declares, and each verified
 * question as {@code ASK}. They are planned, never run (the warehouse does no work), and their
 * plans are not kept, so they take no room from users' statements in the plan cache.
 *
 * <p>Once per JVM, on a daemon thread, for at most the given time.
 */
public final class Warmup {
  private static final Logger LOG = LoggerFactory.getLogger(Warmup.class);
  private static final AtomicBoolean STARTED = new AtomicBoolean();
  private static volatile Thread thread;
  private static volatile Result done;

  private Warmup() {
  }

  /**
   * Starts warming up on a connection from {@code connect}, unless a warm-up started before in
   * this JVM. The connection is closed when the time is up.
   */
  static void startOnce(Supplier<Connection> connect, Duration budget) {
    if (budget.isZero() || !STARTED.compareAndSet(false, true)) {
      return;
    }
    Thread t = new Thread(() -> {
      try (Connection c = connect.get()) {
        done = run(c, budget);
      } catch (SQLException | RuntimeException e) {
        LOG.warn("Warm-up stopped: {}", e.getMessage());
      }
    }, "asklayer-warmup");
    t.setDaemon(true);
    t.setPriority(Thread.MIN_PRIORITY);
    thread = t;
    t.start();
  }

  /**
   * Waits for this JVM's background warm-up to end, at most {@code max}; returns what it did, or
   * null if none ran, it failed, or it has not ended yet.
   */
  public static Result await(Duration max) throws InterruptedException {
    Thread t = thread;
    if (t != null) {
      t.join(Math.max(1, max.toMillis()));
    }
    return done;
  }

  /**
   * What a warm-up did.
   *
   * @param planned statements planned
   * @param failed statements whose planning failed (the model's own statements should not)
   * @param firstFailure the first failure's statement and message, or null
   */
  public record Result(int planned, int failed, String firstFailure) {
  }

  /**
   * Plans the model's statements on {@code connection}, round after round, until {@code budget}
   * has passed, and at least once each.
   */
  public static Result run(Connection connection, Duration budget) throws SQLException {
    Session session = EmbeddedDriver.sessionOf(connection);
    if (session == null) {
      throw new SQLException("not an Asklayer connection");
    }
    List<String> statements = statements(session.model());
    long end = System.nanoTime() + budget.toNanos();
    int planned = 0;
    int failed = 0;
    String firstFailure = null;
    session.planOnly(true);
    try {
      boolean first = true;
      while ((first || System.nanoTime() < end) && !statements.isEmpty()) {
        for (String sql : statements) {
          try (PreparedStatement ignored = connection.prepareStatement(sql)) {
            planned++;
          } catch (SQLException e) {
            failed++;
            if (firstFailure == null) {
              firstFailure = sql + ": " + Errors.classify(e).getMessage();
            }
          }
          if (!first && System.nanoTime() >= end) {
            break;
          }
        }
        first = false;
      }
    } finally {
      session.planOnly(false);
      session.drainWarnings();
    }
    LOG.info("Warm-up planned {} statements in {} s ({} failed{})", planned, budget.toSeconds(),
        failed, firstFailure == null ? "" : "; first: " + firstFailure);
    return new Result(planned, failed, firstFailure);
  }

  /** A lookup by key of each model table, each declared join, each verified question. */
  static List<String> statements(SemanticModel model) {
    List<String> out = new ArrayList<>();
    for (ModelTable t : model.tables().values()) {
      if (!t.primaryKey().isEmpty()) {
        out.add("SELECT * FROM " + quote(t.table()) + " WHERE " + quote(t.primaryKey().get(0))
            + " = ?");
      }
      for (ModelTable.Join j : t.joins().values()) {
        StringBuilder on = new StringBuilder();
        for (Map.Entry<String, String> k : j.keys().entrySet()) {
          on.append(on.length() == 0 ? "" : " AND ").append("a.").append(quote(k.getKey()))
              .append(" = b.").append(quote(k.getValue()));
        }
        ModelTable to = model.tables().get(j.to());
        if (to != null) {
          out.add("SELECT COUNT(*) FROM " + quote(t.table()) + " a JOIN " + quote(to.table())
              + " b ON " + on);
        }
      }
    }
    for (VerifiedQuery q : model.verifiedQueries()) {
      out.add("ASK '" + q.question().replace("'", "''") + "'");
    }
    return out;
  }

  private static String quote(String identifier) {
    return '"' + identifier.replace("\"", "\"\"") + '"';
  }
}
