package io.asklayer.engine.session;

import io.asklayer.engine.warehouse.DuckDbDialect;
import io.asklayer.engine.warehouse.SharedSubtrees;
import io.asklayer.engine.warehouse.WarehouseConvention;
import io.asklayer.engine.warehouse.WarehouseConvention.WarehouseToEnumerableConverter;
import java.lang.reflect.Type;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import javax.sql.DataSource;
import org.apache.calcite.DataContext;
import org.apache.calcite.adapter.enumerable.EnumerableRel;
import org.apache.calcite.adapter.enumerable.JavaRowFormat;
import org.apache.calcite.adapter.enumerable.PhysType;
import org.apache.calcite.adapter.enumerable.PhysTypeImpl;
import org.apache.calcite.adapter.java.JavaTypeFactory;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.function.Function0;
import org.apache.calcite.linq4j.function.Function1;
import org.apache.calcite.linq4j.tree.Primitive;
import org.apache.calcite.prepare.Prepare;
import org.apache.calcite.rel.RelCollation;
import org.apache.calcite.rel.RelRoot;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeField;
import org.apache.calcite.runtime.Bindable;
import org.apache.calcite.runtime.Hook;
import org.apache.calcite.runtime.ResultSetEnumerable;
import org.apache.calcite.runtime.SqlFunctions;
import org.apache.calcite.schema.SchemaPlus;
import org.apache.calcite.sql.SqlDialect;
import org.apache.calcite.sql.util.SqlString;

/**
 * The result of a plan the warehouse runs whole — one converter over warehouse operators, the
 * shape pushdown aims for — without generating and compiling Java for it: the warehouse statement
 * is written once, and its rows are read into Calcite's row format by a fixed reader per column.
 * Compiling the few lines Calcite would generate for such a plan costs about a third of the time
 * a new statement takes (Janino), and the code does nothing these readers do not.
 *
 * <p>The readers do what {@code JdbcToEnumerableConverter}'s generated code does: the JDBC getter
 * of the column's Java class ({@code getInt}, {@code getLong}, ...) with a {@code wasNull} check,
 * {@code getObject} for strings and decimals, and dates, times and timestamps turned into
 * Calcite's day and millisecond numbers. A root that keeps only some of the statement's columns
 * (ordered by an expression it does not select) reads just those, as Calcite's projection above
 * the converter would. Any other column type, or a dialect with another calendar policy, goes the
 * usual way. The statement's data source is found
 * at run time through the executing session's root schema, as the generated code finds it, so a
 * kept plan runs on its user's connection.
 */
final class WarehouseStatement {
  private WarehouseStatement() {
  }

  /** Reads one column of the current row into Calcite's representation. */
  @FunctionalInterface
  private interface Reader {
    Object read(ResultSet rs) throws SQLException;
  }

  /**
   * The result of {@code root} run directly, or null when the plan is not one warehouse statement
   * this class can read.
   */
  static Prepare.PreparedResult of(RelRoot root, EnumerableRel.Prefer prefer,
      RelDataType parameterRowType, List<? extends List<String>> fieldOrigins,
      JavaTypeFactory typeFactory) {
    if (!(root.rel instanceof WarehouseToEnumerableConverter converter)
        || prefer != EnumerableRel.Prefer.ARRAY
        || root.kind.belongsTo(org.apache.calcite.sql.SqlKind.DML)
        || !(converter.getInput().getConvention() instanceof WarehouseConvention convention)
        || convention.dialect.getCalendarPolicy() != SqlDialect.CalendarPolicy.NULL) {
      return null;
    }
    RelDataType rowType = converter.getRowType();
    PhysType physType = PhysTypeImpl.of(typeFactory, rowType, JavaRowFormat.ARRAY);
    List<RelDataTypeField> fields = rowType.getFieldList();
    // The root's fields: all of the statement's columns, or (ordered by an expression the select
    // list does not show) some of them, which Calcite would project in generated code.
    List<Integer> columns = org.apache.calcite.util.Pair.left(root.fields);
    Reader[] readers = new Reader[columns.size()];
    for (int i = 0; i < readers.length; i++) {
      int c = columns.get(i);
      readers[i] = reader(fields.get(c).getType(), physType.fieldClass(c), c + 1);
      if (readers[i] == null) {
        return null;
      }
    }
    SqlString sqlString = SharedSubtrees.sql(converter.getInput(), convention.dialect,
        typeFactory);
    String sql = sqlString.getSql();
    List<Integer> dynamic = sqlString.getDynamicParameters();
    Integer[] parameters = dynamic == null ? new Integer[0] : dynamic.toArray(new Integer[0]);
    if (parameters.length > 0 && convention.dialect instanceof DuckDbDialect) {
      Numbered n = numbered(sql, dynamic);
      if (n != null) {
        sql = n.sql();
        parameters = n.indexes();
      }
    }
    Hook.QUERY_PLAN.run(sql);
    String schema = convention.schemaName();
    Function1<ResultSet, Function0<Object>> rows = readers.length == 1
        ? rs -> () -> read(readers[0], rs)
        : rs -> () -> {
          Object[] row = new Object[readers.length];
          for (int i = 0; i < readers.length; i++) {
            row[i] = read(readers[i], rs);
          }
          return row;
        };
    org.apache.calcite.sql.type.SqlTypeName[] parameterTypes =
        new org.apache.calcite.sql.type.SqlTypeName[parameters.length];
    for (int i = 0; i < parameters.length; i++) {
      parameterTypes[i] = parameterRowType.getFieldList().get(parameters[i]).getType()
          .getSqlTypeName();
    }
    String statement = sql;
    Integer[] bound = parameters;
    Bindable<Object> bindable = context -> {
      DataSource dataSource = dataSource(context, schema);
      ResultSetEnumerable<Object> e = bound.length == 0
          ? ResultSetEnumerable.of(dataSource, statement, rows)
          : ResultSetEnumerable.of(dataSource, statement, rows, ResultSetEnumerable.createEnricher(
              bound, new WarehouseParameters(context, bound, parameterTypes)));
      e.setTimeout(new WarehouseParameters.WholeSeconds(context));
      return e;
    };
    Type elementType = readers.length == 1 ? physType.fieldClass(columns.get(0))
        : Object[].class;
    List<RelCollation> collations = root.collation.getFieldCollations().isEmpty()
        ? List.of() : List.of(root.collation);
    return new Prepare.PreparedResultImpl(rowType, parameterRowType, fieldOrigins, collations,
        root.rel, null, false) {
      @Override public String getCode() {
        return "-- run by the warehouse as:\n" + statement;
      }

      @Override public Bindable getBindable(org.apache.calcite.avatica.Meta.CursorFactory f) {
        return bindable;
      }

      @Override public Type getElementType() {
        return elementType;
      }
    };
  }

  /** A warehouse statement with numbered parameters, and the parameter each number binds. */
  private record Numbered(String sql, Integer[] indexes) {
  }

  /**
   * {@code sql} with each {@code ?} written as DuckDB's {@code $n}, one number per parameter of
   * the plan, however often it is written: Calcite writes a grouped expression in the select list
   * and again in {@code GROUP BY}, and DuckDB takes two {@code ?} for two values, so
   * {@code CASE WHEN quantity >= ? ...} grouped by itself failed ("must appear in the GROUP BY
   * clause"), where two {@code $1} are one. Null if the text's {@code ?} are not the parameters'.
   */
  static Numbered numbered(String sql, List<Integer> occurrences) {
    List<io.asklayer.engine.guard.Lexeme> marks = new java.util.ArrayList<>();
    List<io.asklayer.engine.guard.Lexeme> lexemes;
    try {
      lexemes = io.asklayer.engine.guard.SqlLexer.lex(sql);
    } catch (RuntimeException e) {
      return null; // text Calcite's lexer does not read: left with its ? as written
    }
    for (io.asklayer.engine.guard.Lexeme l : lexemes) {
      if (l.image().equals("?")) {
        marks.add(l);
      }
    }
    if (marks.size() != occurrences.size()) {
      return null;
    }
    List<Integer> distinct = new java.util.ArrayList<>();
    StringBuilder b = new StringBuilder();
    int at = 0;
    for (int i = 0; i < marks.size(); i++) {
      Integer index = occurrences.get(i);
      int number = distinct.indexOf(index);
      if (number < 0) {
        distinct.add(index);
        number = distinct.size() - 1;
      }
      b.append(sql, at, marks.get(i).start()).append('$').append(number + 1);
      at = marks.get(i).end();
    }
    b.append(sql.substring(at));
    return new Numbered(b.toString(), distinct.toArray(new Integer[0]));
  }

  private static DataSource dataSource(DataContext context, String schema) {
    SchemaPlus root = context.getRootSchema();
    SchemaPlus warehouse = root == null ? null : root.getSubSchema(schema);
    DataSource ds = warehouse == null ? null : warehouse.unwrap(DataSource.class);
    if (ds == null) {
      throw new IllegalStateException("The warehouse schema " + schema + " is not in this "
          + "session");
    }
    return ds;
  }

  private static Object read(Reader reader, ResultSet rs) {
    try {
      return reader.read(rs);
    } catch (SQLException e) {
      throw new RuntimeException(e);
    }
  }

  /** The reader of column {@code c}, or null for a type read only by generated code. */
  private static Reader reader(RelDataType type, Class<?> javaClass, int c) {
    switch (type.getSqlTypeName()) {
    case DATE:
      return rs -> nullIfWasNull(rs, SqlFunctions.toIntOptional(rs.getDate(c)));
    case TIME:
      return rs -> nullIfWasNull(rs, SqlFunctions.toIntOptional(rs.getTime(c)));
    case TIMESTAMP:
      return rs -> nullIfWasNull(rs, SqlFunctions.toLongOptional(rs.getTimestamp(c)));
    case BINARY:
    case VARBINARY:
      // Calcite's form of bytes; DuckDB's getObject gives its own blob class, which nothing reads.
      return rs -> {
        byte[] b = rs.getBytes(c);
        return b == null ? null : new org.apache.calcite.avatica.util.ByteString(b);
      };
    case CHAR:
    case VARCHAR:
    case DECIMAL:
    case BOOLEAN:
    case TINYINT:
    case SMALLINT:
    case INTEGER:
    case BIGINT:
    case REAL:
    case FLOAT:
    case DOUBLE:
      break;
    default:
      return null;
    }
    Primitive p = Primitive.ofBoxOr(javaClass);
    if (p == null) {
      return rs -> rs.getObject(c);
    }
    return switch (p) {
      case BOOLEAN -> rs -> nullIfWasNull(rs, rs.getBoolean(c));
      case BYTE -> rs -> nullIfWasNull(rs, rs.getByte(c));
      case SHORT -> rs -> nullIfWasNull(rs, rs.getShort(c));
      case INT -> rs -> nullIfWasNull(rs, rs.getInt(c));
      case LONG -> rs -> nullIfWasNull(rs, rs.getLong(c));
      case FLOAT -> rs -> nullIfWasNull(rs, rs.getFloat(c));
      case DOUBLE -> rs -> nullIfWasNull(rs, rs.getDouble(c));
      default -> null;
    };
  }

  private static Object nullIfWasNull(ResultSet rs, Object value) throws SQLException {
    return rs.wasNull() ? null : value;
  }
}
