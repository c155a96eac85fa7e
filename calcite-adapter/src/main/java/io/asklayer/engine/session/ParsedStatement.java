package io.asklayer.engine.session;

import java.io.Reader;
import java.util.Map;
import org.apache.calcite.avatica.util.Casing;
import org.apache.calcite.avatica.util.TimeUnit;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.parser.SqlAbstractParserImpl;
import org.apache.calcite.sql.parser.SqlParseException;
import org.apache.calcite.sql.parser.SqlParser;
import org.apache.calcite.sql.parser.SqlParserImplFactory;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.validate.SqlConformance;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * A parser that answers its one statement with a tree parsed before: the statement guard parses
 * every statement to check it, and Calcite's prepare step would parse the same text again (a
 * millisecond or more of a new statement's planning). Everything else is the real parser's.
 */
final class ParsedStatement extends SqlAbstractParserImpl {
  private final SqlAbstractParserImpl parser;
  private @Nullable SqlNode statement;

  private ParsedStatement(SqlAbstractParserImpl parser, SqlNode statement) {
    this.parser = parser;
    this.statement = statement;
  }

  /** A parser for {@code sql} under {@code config} whose statement is {@code parsed}. */
  static SqlParser create(String sql, SqlParser.Config config, SqlNode parsed) {
    SqlParserImplFactory real = config.parserFactory();
    return SqlParser.create(sql, config.withParserFactory(
        (Reader reader) -> new ParsedStatement(real.getParser(reader), parsed)));
  }

  @Override public SqlNode parseSqlStmtEof() throws Exception {
    SqlNode s = statement;
    if (s == null) {
      return parser.parseSqlStmtEof();
    }
    statement = null;
    return s;
  }

  @Override public Metadata getMetadata() {
    return parser.getMetadata();
  }

  @Override public SqlParseException normalizeException(@Nullable Throwable ex) {
    return parser.normalizeException(ex);
  }

  @Override protected SqlParserPos getPos() {
    return SqlParserPos.ZERO;
  }

  @Override public void ReInit(Reader reader) {
    statement = null;
    parser.ReInit(reader);
  }

  @Override public SqlNode parseSqlExpressionEof() throws Exception {
    return parser.parseSqlExpressionEof();
  }

  @Override public SqlNodeList parseSqlStmtList() throws Exception {
    return parser.parseSqlStmtList();
  }

  @Override public void setTabSize(int tabSize) {
    parser.setTabSize(tabSize);
  }

  @Override public void setQuotedCasing(Casing quotedCasing) {
    parser.setQuotedCasing(quotedCasing);
  }

  @Override public void setUnquotedCasing(Casing unquotedCasing) {
    parser.setUnquotedCasing(unquotedCasing);
  }

  @Override public void setIdentifierMaxLength(int identifierMaxLength) {
    parser.setIdentifierMaxLength(identifierMaxLength);
  }

  @Override public void setConformance(SqlConformance conformance) {
    parser.setConformance(conformance);
  }

  @Override public void setTimeUnitCodes(Map<String, TimeUnit> codes) {
    super.setTimeUnitCodes(codes);
    parser.setTimeUnitCodes(codes);
  }

  @Override public void setOriginalSql(String originalSql) {
    super.setOriginalSql(originalSql);
    parser.setOriginalSql(originalSql);
  }

  @Override public SqlNode parseArray() throws SqlParseException {
    return parser.parseArray();
  }

  @Override public void switchTo(LexicalState state) {
    parser.switchTo(state);
  }
}
