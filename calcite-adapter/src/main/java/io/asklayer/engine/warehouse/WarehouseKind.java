package io.asklayer.engine.warehouse;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import org.apache.calcite.sql.SqlDialect;
import org.apache.calcite.sql.dialect.PostgresqlSqlDialect;
import org.apache.calcite.sql.dialect.SnowflakeSqlDialect;

/**
 * The warehouses Asklayer pushes work down to, recognised by their JDBC URL prefix, each with the
 * SQL dialect its generated SQL is written in. Calcite does not detect DuckDB from its driver, so the
 * dialect is always chosen here, never sniffed.
 */
public enum WarehouseKind {
  DUCKDB("jdbc:duckdb:", "main") {
    @Override public SqlDialect dialect() {
      return DuckDbDialect.INSTANCE;
    }
  },
  POSTGRESQL("jdbc:postgresql:", "public") {
    @Override public SqlDialect dialect() {
      return PostgresqlSqlDialect.DEFAULT;
    }
  },
  SNOWFLAKE("jdbc:snowflake:", "PUBLIC") {
    @Override public SqlDialect dialect() {
      return SnowflakeSqlDialect.DEFAULT;
    }
  };

  private final String urlPrefix;
  private final String defaultSchema;

  WarehouseKind(String urlPrefix, String defaultSchema) {
    this.urlPrefix = urlPrefix;
    this.defaultSchema = defaultSchema;
  }

  /** The dialect generated SQL is written in. */
  public abstract SqlDialect dialect();

  public String urlPrefix() {
    return urlPrefix;
  }

  /** The warehouse schema whose tables are exposed when the model names none. */
  public String defaultSchema() {
    return defaultSchema;
  }

  /** The kind whose prefix {@code url} starts with, or null. */
  public static WarehouseKind of(String url) {
    String lower = url.toLowerCase(Locale.ROOT);
    for (WarehouseKind k : values()) {
      if (lower.startsWith(k.urlPrefix)) {
        return k;
      }
    }
    return null;
  }

  /** The accepted URL prefixes, for error messages. */
  public static String acceptedPrefixes() {
    return Arrays.stream(values()).map(k -> k.urlPrefix + "...").collect(Collectors.joining(", "));
  }
}
