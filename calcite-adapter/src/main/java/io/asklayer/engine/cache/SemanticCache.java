package io.asklayer.engine.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.asklayer.engine.ask.Interpretation;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Pattern;

/**
 * The semantic cache: question to {@link Interpretation}, so a question asked before (in any
 * spelling that normalizes the same: case, spacing, a trailing question mark) is not read again,
 * and a question a language model had to read costs the model call once, not every time.
 *
 * <p>It stores what a question means (the metric query and the document request), before any
 * security is applied; row filters and masks are applied when the answer is planned. The key still
 * carries the policy's fingerprint, because questions are grounded in the values the principal may
 * see: a region name another principal cannot see must not be recognised for them. The key also
 * carries the model's fingerprint, the metadata snapshot's fingerprint (a refresh that changes
 * values changes keys), the reference date ("last quarter") and the language-model settings, so a
 * stale reading is never found; old entries age out.
 *
 * <p>Two tiers: in process (Caffeine, always) and, when configured, shared through Redis
 * ({@link RedisTier}), which may be down without anything but speed being lost.
 */
public final class SemanticCache {
  /** How long an entry lives, in process and in Redis. */
  public static final Duration DEFAULT_TTL = Duration.ofHours(24);
  private static final int MAX_LOCAL_ENTRIES = 10_000;
  /** Entries are written under keys starting with this. */
  public static final String KEY_PREFIX = "asklayer:ask:v1:";
  private static final Pattern SPACES = Pattern.compile("\\s+");
  private static final Map<String, SemanticCache> SHARED = new ConcurrentHashMap<>();

  private final Cache<String, Interpretation> local;
  private final RedisTier redis;
  private final LongAdder localHits = new LongAdder();
  private final LongAdder redisHits = new LongAdder();
  private final LongAdder misses = new LongAdder();

  /**
   * A cache with its own in-process tier.
   *
   * @param redis the Redis server to share entries through, or null for in process only
   */
  public SemanticCache(URI redis, Duration ttl) {
    this.local = Caffeine.newBuilder().maximumSize(MAX_LOCAL_ENTRIES).expireAfterWrite(ttl)
        .build();
    this.redis = redis == null ? null : new RedisTier(redis, ttl);
  }

  /**
   * The cache sessions of this process use for {@code redisUrl} (null: in process only): one per
   * URL, so sessions of one proxy share their in-process tier.
   */
  public static SemanticCache shared(String redisUrl) {
    return SHARED.computeIfAbsent(redisUrl == null ? "" : redisUrl,
        u -> new SemanticCache(u.isEmpty() ? null : URI.create(u), DEFAULT_TTL));
  }

  /** Checks a Redis URL: {@code redis://host:port[/db]} or {@code rediss://...}; null if fine. */
  public static String problem(String url) {
    try {
      URI u = new URI(url);
      if (!"redis".equals(u.getScheme()) && !"rediss".equals(u.getScheme())) {
        return "a URL starting with redis:// or rediss://";
      }
      if (u.getHost() == null || u.getPort() < 1) {
        return "a URL with a host and a port, such as redis://127.0.0.1:6379";
      }
      return null;
    } catch (java.net.URISyntaxException e) {
      return "a URL such as redis://127.0.0.1:6379 (" + e.getMessage() + ")";
    }
  }

  /** A question as the cache compares it: lower case, single spaces, no closing punctuation. */
  public static String normalize(String question) {
    String q = SPACES.matcher(question.toLowerCase(Locale.ROOT)).replaceAll(" ").strip();
    int end = q.length();
    while (end > 0 && "?!. ".indexOf(q.charAt(end - 1)) >= 0) {
      end--;
    }
    return q.substring(0, end);
  }

  /** The key of a question under everything its reading depends on. */
  public static String key(String model, String policy, String snapshot, LocalDate today,
      String llm, String question) {
    String all = String.join("\n", model, policy, snapshot, today.toString(), llm,
        normalize(question));
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(all.getBytes(StandardCharsets.UTF_8));
      return KEY_PREFIX + HexFormat.of().formatHex(d);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this Java", e);
    }
  }

  /** The reading stored under {@code key}, for {@code question}; or null. */
  public Interpretation get(String key, String question) {
    Interpretation i = local.getIfPresent(key);
    if (i != null) {
      localHits.increment();
      return asked(i, question);
    }
    if (redis != null) {
      String json = redis.get(key);
      if (json != null) {
        try {
          i = InterpretationJson.read(json);
          local.put(key, i);
          redisHits.increment();
          return asked(i, question);
        } catch (IllegalArgumentException unreadable) {
          // written by another build: read the question again and overwrite it
        }
      }
    }
    misses.increment();
    return null;
  }

  public void put(String key, Interpretation i) {
    local.put(key, i);
    if (redis != null) {
      redis.put(key, InterpretationJson.write(i));
    }
  }

  private static Interpretation asked(Interpretation i, String question) {
    return i.question().equals(question) ? i : new Interpretation(question, i.query(),
        i.documents(), i.readings(), i.ignored(), i.warnings());
  }

  /** Forgets the in-process tier (Redis entries age out by their TTL). */
  public void clearLocal() {
    local.invalidateAll();
  }

  /** What the cache has done since start. */
  public Stats stats() {
    return new Stats(localHits.sum(), redisHits.sum(), misses.sum(),
        redis == null ? 0 : redis.errors(), redis != null && redis.down());
  }

  /** The counters of every cache sessions of this process use, added up. */
  public static Stats sharedStats() {
    Stats sum = new Stats(0, 0, 0, 0, false);
    for (SemanticCache c : SHARED.values()) {
      Stats s = c.stats();
      sum = new Stats(sum.localHits() + s.localHits(), sum.redisHits() + s.redisHits(),
          sum.misses() + s.misses(), sum.redisErrors() + s.redisErrors(),
          sum.redisDown() || s.redisDown());
    }
    return sum;
  }

  /**
   * Counters.
   *
   * @param redisErrors Redis calls that failed or timed out (each counted as a miss)
   * @param redisDown whether the last Redis call failed
   */
  public record Stats(long localHits, long redisHits, long misses, long redisErrors,
      boolean redisDown) {
  }
}
