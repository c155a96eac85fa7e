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
import java.util.concurrent.ConcurrentHashMap;

/**
 * Who may connect to the server and with which password: {@code name = hash} lines
 * ({@link PasswordHash}), from a file or the bundled demo file. HTTP Basic credentials come with
 * every request, so a verified name and password are remembered (as a digest, for ten minutes)
 * instead of paying PBKDF2 each time. Failed logins are answered slowly and, after
 * {@value #MAX_FAILURES} in a row for a name, that name is locked for a while.
 */
public final class UserStore implements Authenticator {
  static final int MAX_FAILURES = 5;
  static final Duration LOCKOUT = Duration.ofMinutes(1);
  static final Duration FAILURE_DELAY = Duration.ofMillis(750);
  private static final String DEMO = "/io/asklayer/server/demo-users.properties";

  private final Map<String, String> hashes;
  private final String source;
  private final Clock clock;
  private final Cache<String, Boolean> verified = Caffeine.newBuilder()
      .expireAfterWrite(Duration.ofMinutes(10)).maximumSize(10_000).build();
  private final Map<String, Failures> failures = new ConcurrentHashMap<>();

  private record Failures(int count, Instant lockedUntil) {
  }

  private UserStore(Map<String, String> hashes, String source, Clock clock) {
    this.hashes = hashes;
    this.source = source;
    this.clock = clock;
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
    return new UserStore(Map.copyOf(out), source, clock);
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

  /** Checks a name and password; slow on failure, and refusing a locked name. */
  @Override public Outcome login(String name, String password) {
    Failures f = failures.get(name);
    Instant now = clock.instant();
    if (f != null && f.lockedUntil() != null && now.isBefore(f.lockedUntil())) {
      return Outcome.LOCKED;
    }
    String key = name + '\0' + digest(password);
    if (verified.getIfPresent(key) != null) {
      failures.remove(name);
      return Outcome.OK;
    }
    String hash = hashes.get(name);
    // An unknown name costs the same as a wrong password, so names cannot be probed by timing.
    boolean ok = PasswordHash.verify(hash != null ? hash : hashes.values().iterator().next(),
        password.toCharArray()) && hash != null;
    if (ok) {
      verified.put(key, Boolean.TRUE);
      failures.remove(name);
      return Outcome.OK;
    }
    failures.compute(name, (n, old) -> {
      int count = (old == null || old.lockedUntil() != null ? 0 : old.count()) + 1;
      return new Failures(count, count >= MAX_FAILURES ? now.plus(LOCKOUT) : null);
    });
    try {
      Thread.sleep(FAILURE_DELAY.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return failures.get(name).lockedUntil() != null ? Outcome.LOCKED : Outcome.WRONG;
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
