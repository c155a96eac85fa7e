package io.asklayer.server;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Who may connect to the server and with which password: {@code name = hash} lines
 * ({@link PasswordHash}), from a file or the bundled demo file. HTTP Basic credentials come with
 * every request, so a verified name and password are remembered (as a digest, for ten minutes)
 * instead of paying PBKDF2 each time.
 *
 * <p>Failed logins are budgeted per name <em>and</em> client address: after {@value
 * #MAX_FAILURES} failures in a row from one address, that name is locked for {@link #LOCKOUT}
 * from that address only, so a stranger cannot lock a user out everywhere by guessing wrong, and
 * the user's right password from an address that has not been failing still works. Every attempt
 * for one name and address is checked in turn, and a failure holds the line for
 * {@link #FAILURE_DELAY} before the next one is looked at, so N guesses in parallel take at least
 * N delays, the same as N in a row (a right password sent alongside wrong ones waits its turn, so
 * parallel guessing learns nothing sooner). Time is read from the given clock and the delay spent
 * through a {@link Pause}, both replaceable in tests.
 */
public final class UserStore implements Authenticator {
  static final int MAX_FAILURES = 5;
  static final Duration LOCKOUT = Duration.ofMinutes(1);
  static final Duration FAILURE_DELAY = Duration.ofMillis(750);
  private static final String DEMO = "/io/asklayer/server/demo-users.properties";
  /** The address of a login that gives none (an authenticator called outside the server). */
  static final String NO_ADDRESS = "";

  /** How a failed login spends its delay; {@link #SLEEP} outside tests. */
  @FunctionalInterface
  interface Pause {
    void pause(Duration d) throws InterruptedException;
  }

  static final Pause SLEEP = d -> Thread.sleep(d.toMillis());

  private final Map<String, String> hashes;
  private final String source;
  private final Clock clock;
  private final Pause pause;
  private final Cache<String, Boolean> verified = Caffeine.newBuilder()
      .expireAfterWrite(Duration.ofMinutes(10)).maximumSize(10_000).build();
  /**
   * Per name and address. Bounded, so a flood of made-up names cannot fill the heap; an entry
   * untouched for longer than a lockout has nothing left to remember.
   */
  private final Cache<String, Attempts> attempts = Caffeine.newBuilder()
      .expireAfterAccess(LOCKOUT.multipliedBy(2)).maximumSize(100_000).build();

  /** The failures of one name from one address; its lock puts that pair's attempts in line. */
  private static final class Attempts {
    final ReentrantLock turn = new ReentrantLock(true);
    int failures;
    Instant lockedUntil;
  }

  private UserStore(Map<String, String> hashes, String source, Clock clock, Pause pause) {
    this.hashes = hashes;
    this.source = source;
    this.clock = clock;
    this.pause = pause;
  }

  /** The same users, with failures spending their delay through {@code p}. */
  UserStore withPause(Pause p) {
    return new UserStore(hashes, source, clock, p);
  }

  /** The users of a file; each line is checked, and a bad one named with its line number. */
  public static UserStore load(Path file, Clock clock) {
    try {
      return parse(Files.readAllLines(file, StandardCharsets.UTF_8), file.toString(), clock);
    } catch (IOException e) {
      throw new IllegalArgumentException("Cannot read the users file " + file + ": "
          + e.getMessage(), e);
    }
  }

  /** The four demo principals, each with the password {@code demo}. */
  public static UserStore demo(Clock clock) {
    try (InputStream in = UserStore.class.getResourceAsStream(DEMO)) {
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      return parse(text.lines().toList(), "the demo users (password 'demo')", clock);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static UserStore parse(List<String> lines, String source, Clock clock) {
    Map<String, String> out = new LinkedHashMap<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      int eq = line.indexOf('=');
      String name = eq < 0 ? "" : line.substring(0, eq).strip();
      String hash = eq < 0 ? "" : line.substring(eq + 1).strip();
      if (name.isEmpty() || !PasswordHash.wellFormed(hash)) {
        throw new IllegalArgumentException(source + ", line " + (i + 1) + ": expected "
            + "'name = pbkdf2-sha256:...' as written by 'bin/asklayer hash-password NAME'; a "
            + "password is never written in the clear");
      }
      out.put(name, hash);
    }
    if (out.isEmpty()) {
      throw new IllegalArgumentException(source + " names no user; add lines written by "
          + "'bin/asklayer hash-password NAME'");
    }
    return new UserStore(Map.copyOf(out), source, clock, SLEEP);
  }

  /** Where the users came from, for the server's start-up line. */
  @Override public String source() {
    return source;
  }

  /** The users whose password is {@code demo}: the server refuses to face a network with them. */
  @Override public List<String> withDemoPassword() {
    return hashes.entrySet().stream()
        .filter(e -> PasswordHash.verify(e.getValue(), "demo".toCharArray()))
        .map(Map.Entry::getKey).sorted().toList();
  }

  /** Checks a name and password from no particular address (one budget for all callers). */
  @Override public Outcome login(String name, String password) {
    return login(name, password, NO_ADDRESS);
  }

  /**
   * Checks a name and password from a client address: refused at once while that name is locked
   * from that address, otherwise checked in turn with the pair's other attempts, and slow on
   * failure.
   */
  @Override public Outcome login(String name, String password, String clientAddress) {
    Attempts a = attempts.get(name + '\0' + clientAddress, k -> new Attempts());
    try {
      a.turn.lockInterruptibly();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Outcome.WRONG;
    }
    try {
      Instant now = clock.instant();
      if (a.lockedUntil != null) {
        if (now.isBefore(a.lockedUntil)) {
          return Outcome.LOCKED;
        }
        a.lockedUntil = null;
        a.failures = 0;
      }
      if (check(name, password)) {
        a.failures = 0;
        return Outcome.OK;
      }
      a.failures++;
      if (a.failures >= MAX_FAILURES) {
        a.lockedUntil = now.plus(LOCKOUT);
      }
      try {
        // Still holding the turn: the pair's next attempt is not looked at before this ends.
        pause.pause(FAILURE_DELAY);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return a.lockedUntil != null ? Outcome.LOCKED : Outcome.WRONG;
    } finally {
      a.turn.unlock();
    }
  }

  private boolean check(String name, String password) {
    String key = name + '\0' + digest(password);
    if (verified.getIfPresent(key) != null) {
      return true;
    }
    String hash = hashes.get(name);
    // An unknown name costs the same as a wrong password, so names cannot be probed by timing.
    boolean ok = PasswordHash.verify(hash != null ? hash : hashes.values().iterator().next(),
        password.toCharArray()) && hash != null;
    if (ok) {
      verified.put(key, Boolean.TRUE);
    }
    return ok;
  }

  /** Attempts waiting for their turn for a name and address, for tests. */
  int waiting(String name, String clientAddress) {
    Attempts a = attempts.getIfPresent(name + '\0' + clientAddress);
    return a == null ? 0 : a.turn.getQueueLength();
  }

  private static String digest(String password) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
          .digest(password.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
