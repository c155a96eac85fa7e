package io.asklayer.engine.cache;

import java.net.URI;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.util.JedisURIHelper;

/**
 * The shared tier of the semantic cache: a Redis server several proxy instances use, so a question
 * one of them read is read once for all. Redis is a helper, never a dependency: a call that fails
 * or takes longer than {@link #TIMEOUT} counts as a miss, logs one warning per outage, and the tier
 * stays out of the way (no call at all) for a back-off that doubles from one second to thirty;
 * the first call after it that succeeds logs that Redis is back. Entries expire after the TTL.
 */
final class RedisTier implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(RedisTier.class);
  static final Duration TIMEOUT = Duration.ofMillis(250);
  private static final long MIN_BACKOFF_NANOS = Duration.ofSeconds(1).toNanos();
  private static final long MAX_BACKOFF_NANOS = Duration.ofSeconds(30).toNanos();

  private final String where;
  private final RedisClient client;
  private final Duration ttl;
  private final AtomicLong errors = new AtomicLong();
  private volatile long downUntil;
  private volatile long backoff = MIN_BACKOFF_NANOS;
  private volatile boolean down;

  RedisTier(URI uri, Duration ttl) {
    this.where = uri.getHost() + ":" + uri.getPort();
    this.ttl = ttl;
    DefaultJedisClientConfig.Builder config = DefaultJedisClientConfig.builder()
        .connectionTimeoutMillis((int) TIMEOUT.toMillis())
        .socketTimeoutMillis((int) TIMEOUT.toMillis())
        .ssl("rediss".equals(uri.getScheme()))
        .clientName("asklayer");
    String password = JedisURIHelper.getPassword(uri);
    if (password != null) {
      config.user(JedisURIHelper.getUser(uri)).password(password);
    }
    if (JedisURIHelper.hasDbIndex(uri)) {
      config.database(JedisURIHelper.getDBIndex(uri));
    }
    this.client = RedisClient.builder().hostAndPort(JedisURIHelper.getHostAndPort(uri))
        .clientConfig(config.build()).build();
  }

  /** The value under {@code key}, or null when absent, expired, or Redis is unavailable. */
  String get(String key) {
    if (resting()) {
      return null;
    }
    try {
      String v = client.get(key);
      recovered();
      return v;
    } catch (JedisException e) {
      failed(e);
      return null;
    }
  }

  /** Stores {@code value} under {@code key} for the TTL; does nothing while Redis is unavailable. */
  void put(String key, String value) {
    if (resting()) {
      return;
    }
    try {
      client.setex(key, ttl.toSeconds(), value);
      recovered();
    } catch (JedisException e) {
      failed(e);
    }
  }

  /** Calls that failed since start. */
  long errors() {
    return errors.get();
  }

  /** Whether the last call failed and the tier is resting. */
  boolean down() {
    return down;
  }

  private boolean resting() {
    return down && System.nanoTime() - downUntil < 0;
  }

  private void failed(JedisException e) {
    errors.incrementAndGet();
    if (!down) {
      LOG.warn("Redis at {} is unavailable ({}); questions are cached in this process only until "
          + "it returns.", where, e.getMessage());
    }
    down = true;
    downUntil = System.nanoTime() + backoff;
    backoff = Math.min(backoff * 2, MAX_BACKOFF_NANOS);
  }

  private void recovered() {
    if (down) {
      down = false;
      backoff = MIN_BACKOFF_NANOS;
      LOG.info("Redis at {} is back; questions are shared through it again.", where);
    }
  }

  @Override public void close() {
    client.close();
  }
}
