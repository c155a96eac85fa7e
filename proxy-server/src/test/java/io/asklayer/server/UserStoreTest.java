package io.asklayer.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.asklayer.server.Authenticator.Outcome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link UserStore}'s failure budget, on a clock that only moves when told and with the failure
 * delay spent by advancing that clock, so nothing here sleeps: five failures lock a name from one
 * address, not from others; the lock ends after its time; parallel guesses are checked one at a
 * time, each failure holding the line for the whole delay.
 */
class UserStoreTest {
  private final MutableClock clock = new MutableClock();
  private final AtomicInteger pauses = new AtomicInteger();
  private UserStore users;

  @BeforeEach
  void load(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("users.properties");
    Files.writeString(file, "carol = " + PasswordHash.hash("carols-secret".toCharArray()) + "\n");
    users = UserStore.load(file, clock).withPause(d -> {
      pauses.incrementAndGet();
      clock.advance(d);
    });
  }

  @Test
  void fiveFailuresLockANameFromThatAddressOnly() {
    for (int i = 1; i < UserStore.MAX_FAILURES; i++) {
      assertThat(users.login("carol", "guess", "10.0.0.66")).isEqualTo(Outcome.WRONG);
    }
    assertThat(users.login("carol", "guess", "10.0.0.66")).isEqualTo(Outcome.LOCKED);
    assertThat(users.login("carol", "carols-secret", "10.0.0.66")).isEqualTo(Outcome.LOCKED);
    // Carol at her own desk is not locked out by the stranger.
    assertThat(users.login("carol", "carols-secret", "10.0.0.7")).isEqualTo(Outcome.OK);
    assertThat(pauses).hasValue(UserStore.MAX_FAILURES);
    clock.advance(UserStore.LOCKOUT.plusSeconds(1));
    assertThat(users.login("carol", "carols-secret", "10.0.0.66")).isEqualTo(Outcome.OK);
  }

  @Test
  void aRightPasswordClearsTheFailuresBefore() {
    for (int i = 1; i < UserStore.MAX_FAILURES; i++) {
      users.login("carol", "typo", "10.0.0.7");
    }
    assertThat(users.login("carol", "carols-secret", "10.0.0.7")).isEqualTo(Outcome.OK);
    assertThat(users.login("carol", "typo", "10.0.0.7")).isEqualTo(Outcome.WRONG);
  }

  @Test
  @Timeout(60)
  void parallelGuessesAreCheckedOneAtATime() throws Exception {
    int n = 20;
    AtomicInteger inside = new AtomicInteger();
    AtomicInteger most = new AtomicInteger();
    CountDownLatch firstPause = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    UserStore slow = users.withPause(d -> {
      most.accumulateAndGet(inside.incrementAndGet(), Math::max);
      firstPause.countDown();
      release.await();
      clock.advance(d);
      inside.decrementAndGet();
    });
    ExecutorService pool = Executors.newFixedThreadPool(n);
    try {
      List<Future<Outcome>> guesses = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        String guess = "guess-" + i;
        guesses.add(pool.submit(() -> slow.login("carol", guess, "10.0.0.66")));
      }
      firstPause.await();
      // One guess is in its delay; every other one waits for its turn, none is being checked.
      while (slow.waiting("carol", "10.0.0.66") < n - 1) {
        Thread.onSpinWait();
      }
      assertThat(inside).hasValue(1);
      // Another address is not held up by them, and its right password works.
      assertThat(CompletableFuture.supplyAsync(() -> slow.login("carol", "carols-secret",
          "10.0.0.7")).get()).isEqualTo(Outcome.OK);
      long start = clock.millis();
      release.countDown();
      List<Outcome> outcomes = new ArrayList<>();
      for (Future<Outcome> g : guesses) {
        outcomes.add(g.get());
      }
      assertThat(most).as("guesses in their delay at once").hasValue(1);
      // Five were checked, each holding the line for a full delay; the rest met the lock.
      assertThat(clock.millis() - start).isEqualTo(
          UserStore.FAILURE_DELAY.toMillis() * UserStore.MAX_FAILURES);
      assertThat(outcomes).filteredOn(o -> o == Outcome.WRONG).hasSize(UserStore.MAX_FAILURES - 1);
      assertThat(outcomes).filteredOn(o -> o == Outcome.LOCKED)
          .hasSize(n - UserStore.MAX_FAILURES + 1);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void theTwoArgumentLoginIsOneAddressOfItsOwn() {
    assertThat(users.login("carol", "carols-secret")).isEqualTo(Outcome.OK);
    assertThat(users.login("nobody", "x")).isEqualTo(Outcome.WRONG);
  }
}
