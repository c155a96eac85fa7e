package io.asklayer.engine.session;

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
 * @param today the reference date for relative time words
 */
public record SessionConfig(Path model, String warehouse, String user, LocalDate today) {
  public static final String MODEL = "model";
  public static final String WAREHOUSE = "warehouse";
  public static final String USER = "user";
  public static final String TODAY = "today";
  /** Accepted for JDBC tools that always send one; the embedded driver trusts {@code user}. */
  public static final String PASSWORD = "password";

  /** Every accepted property, in documentation order. */
  public static final List<String> PROPERTIES = List.of(MODEL, WAREHOUSE, USER, TODAY, PASSWORD);

  /**
   * Parses connection properties.
   *
   * @param defaultToday the date {@code today} defaults to (the system date, injected for tests)
   * @throws io.asklayer.engine.error.AsklayerException naming the first bad property
   */
  public static SessionConfig parse(Properties properties, LocalDate defaultToday) {
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
        today(trimmed(properties, TODAY), defaultToday));
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

  private static LocalDate today(String value, LocalDate defaultToday) {
    if (value == null) {
      return defaultToday;
    }
    try {
      return LocalDate.parse(value);
    } catch (DateTimeParseException e) {
      throw Messages.badProperty(TODAY, value, "an ISO date such as 2025-12-31");
    }
  }
}
