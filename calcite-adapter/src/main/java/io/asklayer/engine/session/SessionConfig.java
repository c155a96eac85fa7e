package io.asklayer.engine.session;

import io.asklayer.engine.ask.llm.LlmSettings;
import io.asklayer.engine.error.Messages;
import io.asklayer.engine.warehouse.WarehouseKind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Properties;

/**
 * The connection properties of DESIGN section 3, parsed and validated once. A bad value fails here,
 * naming the property, the value and what is accepted; unknown properties are refused, not ignored.
 *
 * @param model path of the semantic model YAML, or null for the bundled retail demo model
 * @param warehouse JDBC URL of the warehouse, or null for the demo warehouse
 * @param user the principal
 * @param today the reference date for relative time words the connection gave, or null when it
 *     gave none (then the model's {@code reference_date}, else {@code systemToday})
 * @param llm the optional language model ASK may ask about questions it cannot read itself, or
 *     null (the default: none, and nothing is sent anywhere)
 * @param cache the Redis server whose semantic cache sessions share
 *     ({@code redis://host:port[/db]}), or null for a cache in this process only
 * @param warmup how long the first connection of the JVM that asks for it plans the model's
 *     statements in the background ({@link Warmup}); zero (the default) for no warm-up
 * @param systemToday the system date when the connection was made
 */
public record SessionConfig(Path model, String warehouse, String user, LocalDate today,
    LlmSettings llm, String cache, java.time.Duration warmup, LocalDate systemToday) {
  public static final String MODEL = "model";
  public static final String WAREHOUSE = "warehouse";
  public static final String USER = "user";
  public static final String TODAY = "today";
  /** Accepted for JDBC tools that always send one; the embedded driver trusts {@code user}. */
  public static final String PASSWORD = "password";
  /** The language model's protocol: openai, ollama or anthropic. */
  public static final String LLM = "llm";
  public static final String LLM_URL = "llm_url";
  public static final String LLM_MODEL = "llm_model";
  public static final String LLM_KEY = "llm_key";
  public static final String LLM_TIMEOUT = "llm_timeout_seconds";
  /** The Redis server of the shared semantic cache. */
  public static final String CACHE = "cache";
  /** Seconds of planning the model's statements in the background, once per JVM. */
  public static final String WARMUP = "warmup_seconds";

  /** Every accepted property, in documentation order. */
  public static final List<String> PROPERTIES = List.of(MODEL, WAREHOUSE, USER, TODAY, PASSWORD,
      LLM, LLM_URL, LLM_MODEL, LLM_KEY, LLM_TIMEOUT, CACHE, WARMUP);

  /**
   * Parses connection properties.
   *
   * @param systemToday the system date (injected for tests), which {@code today} defaults to
   *     when the model declares no {@code reference_date}
   * @throws io.asklayer.engine.error.AsklayerException naming the first bad property
   */
  public static SessionConfig parse(Properties properties, LocalDate systemToday) {
    for (String key : properties.stringPropertyNames()) {
      if (!PROPERTIES.contains(key)) {
        throw Messages.unknownProperty(key, PROPERTIES);
      }
    }
    String user = trimmed(properties, USER);
    if (user == null) {
      throw Messages.missingUser();
    }
    return new SessionConfig(model(trimmed(properties, MODEL)),
        warehouse(trimmed(properties, WAREHOUSE)), user,
        today(trimmed(properties, TODAY)), llm(properties),
        cache(trimmed(properties, CACHE)), warmup(trimmed(properties, WARMUP)), systemToday);
  }

  private static java.time.Duration warmup(String value) {
    if (value == null) {
      return java.time.Duration.ZERO;
    }
    try {
      int seconds = Integer.parseInt(value);
      if (seconds >= 0 && seconds <= 600) {
        return java.time.Duration.ofSeconds(seconds);
      }
    } catch (NumberFormatException e) {
      // said below
    }
    throw Messages.badProperty(WARMUP, value, "a whole number of seconds from 0 to 600 (0: no "
        + "warm-up)");
  }

  private static String cache(String value) {
    if (value == null) {
      return null;
    }
    String problem = io.asklayer.engine.cache.SemanticCache.problem(value);
    if (problem != null) {
      throw Messages.badProperty(CACHE, value, problem + " (leave it out to cache questions in "
          + "this process only)");
    }
    return value;
  }

  private static LlmSettings llm(Properties p) {
    String provider = trimmed(p, LLM);
    if (provider == null) {
      for (String k : List.of(LLM_URL, LLM_MODEL, LLM_KEY, LLM_TIMEOUT)) {
        if (trimmed(p, k) != null) {
          throw Messages.badProperty(k, p.getProperty(k), "a value only together with " + LLM
              + " (one of " + LlmSettings.Provider.names() + "), which turns the language model "
              + "on");
        }
      }
      return null;
    }
    LlmSettings.Provider kind;
    try {
      kind = LlmSettings.Provider.valueOf(provider.toUpperCase(java.util.Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw Messages.badProperty(LLM, provider, "one of " + LlmSettings.Provider.names()
          + " (leave it out for no language model)");
    }
    String url = trimmed(p, LLM_URL);
    if (url == null && kind != LlmSettings.Provider.ANTHROPIC) {
      throw Messages.badProperty(LLM_URL, "", "the endpoint's base URL, for example "
          + (kind == LlmSettings.Provider.OLLAMA ? "http://127.0.0.1:11434"
          : "http://127.0.0.1:8000/v1"));
    }
    if (url != null && !url.startsWith("http://") && !url.startsWith("https://")) {
      throw Messages.badProperty(LLM_URL, url, "an http:// or https:// URL");
    }
    String model = trimmed(p, LLM_MODEL);
    if (model == null) {
      throw Messages.badProperty(LLM_MODEL, "", "the name of the model the endpoint serves");
    }
    java.time.Duration timeout = LlmSettings.DEFAULT_TIMEOUT;
    String t = trimmed(p, LLM_TIMEOUT);
    if (t != null) {
      try {
        int seconds = Integer.parseInt(t);
        if (seconds < 1 || seconds > 600) {
          throw new NumberFormatException();
        }
        timeout = java.time.Duration.ofSeconds(seconds);
      } catch (NumberFormatException e) {
        throw Messages.badProperty(LLM_TIMEOUT, t, "a whole number of seconds from 1 to 600");
      }
    }
    return new LlmSettings(kind, url, model, trimmed(p, LLM_KEY), timeout);
  }

  private static String trimmed(Properties p, String key) {
    String v = p.getProperty(key);
    return v == null || v.isBlank() ? null : v.trim();
  }

  private static Path model(String value) {
    if (value == null) {
      return null;
    }
    Path p = Paths.get(value);
    if (!Files.isRegularFile(p)) {
      throw Messages.badProperty(MODEL, value, "a path to a semantic model YAML file that exists "
          + "(leave it out to use the bundled retail demo model)");
    }
    return p;
  }

  private static String warehouse(String value) {
    if (value == null) {
      return null;
    }
    WarehouseKind kind = WarehouseKind.of(value);
    if (kind == null) {
      throw Messages.badProperty(WAREHOUSE, value, "a JDBC URL starting with "
          + WarehouseKind.acceptedPrefixes() + " (leave it out to use the demo warehouse)");
    }
    if (kind == WarehouseKind.DUCKDB) {
      String file = value.substring(kind.urlPrefix().length());
      int q = file.indexOf('?');
      if (q >= 0) {
        file = file.substring(0, q);
      }
      if (file.isEmpty() || file.equals(":memory:") || file.startsWith(":memory:")) {
        throw Messages.badProperty(WAREHOUSE, value, "a DuckDB database file; an in-memory "
            + "database has no tables to query");
      }
      if (!file.startsWith("md:") && !Files.isRegularFile(Paths.get(file))) {
        throw Messages.badProperty(WAREHOUSE, value, "a DuckDB file that exists; create the demo "
            + "warehouse with: bin/asklayer generate --out " + file);
      }
    }
    return value;
  }

  private static LocalDate today(String value) {
    if (value == null) {
      return null;
    }
    try {
      return LocalDate.parse(value);
    } catch (DateTimeParseException e) {
      throw Messages.badProperty(TODAY, value, "an ISO date such as 2025-12-31");
    }
  }
}
