package io.asklayer.engine.session;

import io.asklayer.engine.error.AsklayerException;
import io.asklayer.engine.error.ErrorKind;
import io.asklayer.engine.guard.Lexeme;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.jdbc.CalciteSchema;
import org.apache.calcite.sql.SqlBasicCall;
import org.apache.calcite.sql.SqlFunctionCategory;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.SqlUnresolvedFunction;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.parser.impl.SqlParserImplConstants;

/**
 * The catalog statements SQL clients type: {@code SHOW SCHEMAS}, {@code SHOW TABLES [FROM s]},
 * {@code DESCRIBE [TABLE] t}, {@code SHOW COLUMNS FROM t [FROM s]}, answered by queries of the
 * {@link JdbcMetadata} functions, so they list what {@code DatabaseMetaData} lists: only what the
 * principal may read. A table the principal may not read is answered as one that does not exist.
 */
final class CatalogStatements {
  private static final SqlParserPos POS = SqlParserPos.ZERO;

  private CatalogStatements() {
  }

  /** The query answering statement {@code t}, or null if it is none of these. */
  static SqlNode query(List<Lexeme> t, Session session) {
    Lexeme first = t.get(0);
    Lexeme second = t.get(1);
    if (first.is("SHOW") && second.is("SCHEMAS") && t.size() == 2) {
      return query("jdbc_schemas", args(null, null), List.of("TABLE_SCHEM", "schema_name"),
          List.of("TABLE_SCHEM"));
    }
    if (first.is("SHOW") && second.is("TABLES")) {
      String schema = null;
      if (t.size() == 4 && (t.get(2).is("FROM") || t.get(2).is("IN")) && isName(t.get(3))) {
        schema = schema(session, name(t.get(3)));
      } else if (t.size() != 2) {
        throw usage("SHOW TABLES, or SHOW TABLES FROM schema");
      }
      return query("jdbc_tables", args(null, exact(schema), null, null),
          List.of("TABLE_SCHEM", "schema_name", "TABLE_NAME", "table_name", "TABLE_TYPE",
              "table_type", "REMARKS", "description"), List.of("TABLE_SCHEM", "TABLE_NAME"));
    }
    List<Lexeme> table = null;
    if (first.is("DESCRIBE") || first.is("DESC")) {
      int at = second.is("TABLE") ? 2 : 1;
      if (second.is("METRIC") || second.is("DIMENSION")) {
        return null;
      }
      table = t.subList(at, t.size());
      if (!isQualifiedName(table)) {
        throw usage("DESCRIBE table, DESCRIBE TABLE table, DESCRIBE METRIC name or DESCRIBE "
            + "DIMENSION name");
      }
    } else if (first.is("SHOW") && second.is("COLUMNS")) {
      boolean from = t.size() >= 4 && (t.get(2).is("FROM") || t.get(2).is("IN"));
      List<Lexeme> rest = from ? t.subList(3, t.size()) : List.of();
      if (rest.size() == 3 && (rest.get(1).is("FROM") || rest.get(1).is("IN"))) {
        rest = List.of(rest.get(2), new Lexeme(SqlParserImplConstants.DOT, ".", 0, 0, 0, 0),
            rest.get(0));
      }
      if (!isQualifiedName(rest)) {
        throw usage("SHOW COLUMNS FROM table, or SHOW COLUMNS FROM table FROM schema");
      }
      table = rest;
    }
    if (table == null) {
      return null;
    }
    String schema = table.size() == 3 ? schema(session, name(table.get(0))) : null;
    String name = name(table.get(table.size() - 1));
    String[] found = find(session, schema, name);
    return query("jdbc_columns", args(null, exact(found[0]), exact(found[1]), null),
        List.of("COLUMN_NAME", "column_name", "TYPE_NAME", "column_type", "IS_NULLABLE",
            "is_nullable", "REMARKS", "description"), List.of("ORDINAL_POSITION"));
  }

  /** The schema named, as the session spells it; an unknown one is refused. */
  private static String schema(Session session, String name) {
    CalciteSchema s = session.rootSchema().getSubSchema(name, false);
    if (s == null || s.getTableNames().isEmpty()) {
      throw new AsklayerException(ErrorKind.USER, "There is no schema '" + name + "' with "
          + "tables; SHOW SCHEMAS lists the schemas.");
    }
    return s.getName();
  }

  /**
   * The schema and table a name means: in the given schema, else the session's default schema,
   * else the semantic schema; refused as unknown if the principal may not read it.
   */
  private static String[] find(Session session, String schema, String name) {
    List<String> schemas = schema != null ? List.of(schema)
        : List.of(session.defaultSchema(), Session.SEMANTIC_SCHEMA);
    for (String s : schemas) {
      CalciteSchema sub = session.rootSchema().getSubSchema(s, false);
      CalciteSchema.TableEntry e = sub == null ? null : sub.getTable(name, false);
      if (e != null) {
        return new String[] {sub.getName(), e.name};
      }
    }
    throw new AsklayerException(ErrorKind.USER, "There is no table '" + name + "'"
        + (schema != null ? " in schema '" + schema + "'" : "") + " that "
        + session.principal() + " may read; SHOW TABLES lists them.");
  }

  private static boolean isName(Lexeme l) {
    return l.isWord() || l.kind() == SqlParserImplConstants.QUOTED_IDENTIFIER;
  }

  private static boolean isQualifiedName(List<Lexeme> l) {
    return (l.size() == 1 && isName(l.get(0)))
        || (l.size() == 3 && isName(l.get(0)) && l.get(1).image().equals(".") && isName(l.get(2)));
  }

  private static String name(Lexeme l) {
    String image = l.image();
    return l.kind() == SqlParserImplConstants.QUOTED_IDENTIFIER
        ? image.substring(1, image.length() - 1).replace("\"\"", "\"") : image;
  }

  /** A JDBC pattern matching exactly {@code name}: its wildcards and the escape escaped. */
  private static String exact(String name) {
    return name == null ? null : name.replace("\\", "\\\\").replace("%", "\\%")
        .replace("_", "\\_");
  }

  private static List<String> args(String... values) {
    return java.util.Arrays.asList(values);
  }

  private static AsklayerException usage(String forms) {
    return new AsklayerException(ErrorKind.USER, "Write " + forms + ".");
  }

  /**
   * {@code SELECT c1 AS a1, ... FROM TABLE(asklayer.fn(args)) ORDER BY ...}, built as a tree, so a
   * name in it is a literal, never SQL.
   */
  private static SqlNode query(String function, List<String> arguments, List<String> columns,
      List<String> order) {
    List<SqlNode> args = new ArrayList<>();
    for (String a : arguments) {
      args.add(a == null ? SqlLiteral.createNull(POS) : SqlLiteral.createCharString(a, POS));
    }
    SqlNode call = new SqlBasicCall(new SqlUnresolvedFunction(new SqlIdentifier(List.of(
        MetadataFunctions.SCHEMA, function), POS), null, null, null, null,
        SqlFunctionCategory.USER_DEFINED_TABLE_FUNCTION), args, POS);
    List<SqlNode> select = new ArrayList<>();
    for (int i = 0; i < columns.size(); i += 2) {
      select.add(SqlStdOperatorTable.AS.createCall(POS, new SqlIdentifier(columns.get(i), POS),
          new SqlIdentifier(columns.get(i + 1), POS)));
    }
    List<SqlNode> orderBy = new ArrayList<>();
    order.forEach(o -> orderBy.add(new SqlIdentifier(o, POS)));
    SqlSelect q = new SqlSelect(POS, null, new SqlNodeList(select, POS),
        SqlStdOperatorTable.COLLECTION_TABLE.createCall(POS, call), null, null, null, null,
        new SqlNodeList(orderBy, POS), null, null, null);
    return q;
  }
}
