package io.asklayer.server;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/** A clock that stands still until a test moves it on, so time limits need no waiting. */
final class MutableClock extends Clock {
  private final AtomicReference<Instant> now = new AtomicReference<>(
      Instant.parse("2025-12-31T09:00:00Z"));

  void advance(Duration d) {
    now.updateAndGet(i -> i.plus(d));
  }

  @Override public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override public Clock withZone(ZoneId zone) {
    throw new UnsupportedOperationException("one zone is enough for the tests");
  }

  @Override public Instant instant() {
    return now.get();
  }
}
