package io.asklayer.engine.guard;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every refusal, with who was refused, what they sent and why: written to the log
 * ({@code io.asklayer.audit.refusals}, at WARN) and kept, the most recent first, for inspection.
 */
public final class RefusalLog {
  private static final Logger LOG = LoggerFactory.getLogger("io.asklayer.audit.refusals");
  /** How many recent refusals are kept in memory. */
  public static final int KEPT = 1000;
  private static final Deque<Refusal> RECENT = new ArrayDeque<>();

  /** One refusal. */
  public record Refusal(Instant at, String principal, String statement, String reason) {
  }

  private RefusalLog() {
  }

  public static void record(String principal, String statement, String reason) {
    Refusal r = new Refusal(Instant.now(), principal, statement, reason);
    LOG.warn("refused principal={} statement={} reason={}", principal, oneLine(statement),
        oneLine(reason));
    synchronized (RECENT) {
      RECENT.addFirst(r);
      while (RECENT.size() > KEPT) {
        RECENT.removeLast();
      }
    }
  }

  /** The kept refusals, most recent first. */
  public static List<Refusal> recent() {
    synchronized (RECENT) {
      return List.copyOf(RECENT);
    }
  }

  private static String oneLine(String s) {
    return s == null ? "" : s.replaceAll("\\s+", " ").strip();
  }
}
