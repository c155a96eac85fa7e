package io.asklayer.engine;

import java.util.Properties;
import org.apache.calcite.avatica.util.Casing;
import org.apache.calcite.avatica.util.Quoting;
import org.apache.calcite.config.CalciteConnectionProperty;
import org.apache.calcite.sql.parser.SqlParser;
import org.apache.calcite.sql.parser.babel.SqlBabelParserImpl;
import org.apache.calcite.sql.validate.SqlConformanceEnum;

/**
 * The SQL Asklayer speaks, in one place so the guard, the model's expressions and Calcite all parse
 * the same language: Calcite's Babel parser (few reserved words, so a table named {@code returns}
 * needs no quotes), identifiers in double quotes, case-insensitive and kept as written (DuckDB and
 * PostgreSQL tables are lower case), and the lenient conformance, so what BI tools send
 * ({@code GROUP BY 1}, {@code SELECT 1} without {@code FROM}, {@code !=}) is understood. Not the
 * Babel conformance: it silently wraps non-grouped columns in {@code ANY_VALUE}, which hides
 * mistakes, and its validator fails on {@code CASE} in a grouped select.
 */
public final class SqlSettings {
  public static final SqlConformanceEnum CONFORMANCE = SqlConformanceEnum.LENIENT;

  private SqlSettings() {
  }

  /** The parser configuration of every Asklayer connection. */
  public static SqlParser.Config parserConfig() {
    return SqlParser.config()
        .withParserFactory(SqlBabelParserImpl.FACTORY)
        .withQuoting(Quoting.DOUBLE_QUOTE)
        .withUnquotedCasing(Casing.UNCHANGED)
        .withQuotedCasing(Casing.UNCHANGED)
        .withCaseSensitive(false)
        .withConformance(CONFORMANCE);
  }

  /** The Calcite connection properties that give connections the configuration above. */
  public static Properties calciteProperties() {
    Properties p = new Properties();
    p.setProperty(CalciteConnectionProperty.PARSER_FACTORY.camelName(),
        SqlBabelParserImpl.class.getName() + "#FACTORY");
    p.setProperty(CalciteConnectionProperty.QUOTING.camelName(), Quoting.DOUBLE_QUOTE.name());
    p.setProperty(CalciteConnectionProperty.UNQUOTED_CASING.camelName(), Casing.UNCHANGED.name());
    p.setProperty(CalciteConnectionProperty.QUOTED_CASING.camelName(), Casing.UNCHANGED.name());
    p.setProperty(CalciteConnectionProperty.CASE_SENSITIVE.camelName(), "false");
    p.setProperty(CalciteConnectionProperty.CONFORMANCE.camelName(), CONFORMANCE.name());
    // Standard SQL's functions and PostgreSQL's (RTRIM, LTRIM, STRING_AGG, ...), which BI tools
    // send and DuckDB, the default warehouse, speaks.
    p.setProperty(CalciteConnectionProperty.FUN.camelName(), "standard,postgresql");
    // English day and month names ({fn DAYNAME}, {fn MONTHNAME}), as the warehouses write them;
    // Calcite's default, the root locale, abbreviates them ("Sun").
    p.setProperty(CalciteConnectionProperty.LOCALE.camelName(), "en_US");
    p.setProperty(CalciteConnectionProperty.TYPE_SYSTEM.camelName(),
        AsklayerTypeSystem.class.getName() + "#INSTANCE");
    return p;
  }
}
