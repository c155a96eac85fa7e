package io.asklayer.jdbc;

import io.asklayer.engine.session.TableFunctionParameters;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.ParameterMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A prepared statement planned when it runs ({@link TableFunctionParameters}): it keeps the values
 * bound and the settings made, and each execution prepares the statement with its values written
 * in, through the connection's boundary (so limits, timeouts, warnings and cancel hold as for any
 * statement), and answers from that. Before the first execution there is no result description:
 * {@code getMetaData()} is null, as JDBC allows when it is not known yet.
 */
final class LateBoundStatement implements InvocationHandler {
  /** Settings a client makes on the statement, kept and given to each execution's statement. */
  private static final Set<String> SETTINGS = Set.of("setFetchSize", "setMaxRows",
      "setLargeMaxRows", "setQueryTimeout", "setFetchDirection", "setEscapeProcessing",
      "setPoolable", "setCursorName", "closeOnCompletion");

  private final Connection connection;
  /** Whose refusals this statement's are. */
  private final String principal;
  private final Batch batch = new Batch();
  private final String sql;
  private final Object[] values;
  private final boolean[] set;
  private final Map<String, Object[]> settings = new LinkedHashMap<>();
  private PreparedStatement current;
  private boolean closed;

  private LateBoundStatement(Connection connection, String principal, String sql,
      int parameters) {
    this.connection = connection;
    this.principal = principal;
    this.sql = sql;
    this.values = new Object[parameters];
    this.set = new boolean[parameters];
  }

  /**
   * A statement planned when run if {@code sql} needs it, else null.
   *
   * @param connection the boundary's connection, which prepares each execution's statement
   * @param principal the connection's principal
   */
  static PreparedStatement of(Connection connection, String principal, String sql) {
    int n = TableFunctionParameters.plannedWhenRun(sql);
    if (n < 0) {
      return null;
    }
    return (PreparedStatement) Proxy.newProxyInstance(LateBoundStatement.class.getClassLoader(),
        new Class<?>[] {PreparedStatement.class}, new LateBoundStatement(connection, principal, sql, n));
  }

  @Override public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
    String name = method.getName();
    int arity = args == null ? 0 : args.length;
    switch (name) {
      case "equals":
        return arity == 1 && proxy == args[0];
      case "hashCode":
        return System.identityHashCode(proxy);
      case "toString":
        return "Asklayer PreparedStatement";
      case "unwrap":
        if (((Class<?>) args[0]).isInstance(proxy)) {
          return proxy;
        }
        throw new SQLException("Asklayer's PreparedStatement is not a "
            + ((Class<?>) args[0]).getName(), "42000");
      case "isWrapperFor":
        return ((Class<?>) args[0]).isInstance(proxy);
      case "getConnection":
        return connection;
      case "isClosed":
        return closed;
      case "close":
        closed = true;
        if (current != null) {
          current.close();
        }
        return null;
      case "clearParameters":
        open();
        Arrays.fill(values, null);
        Arrays.fill(set, false);
        return null;
      case "getParameterMetaData":
        open();
        return parameterMetaData();
      case "addBatch":
        open();
        batch.add();
        return null;
      case "clearBatch":
        open();
        batch.clear();
        return null;
      case "executeBatch":
      case "executeLargeBatch":
        open();
        return batch.execute(name.equals("executeLargeBatch"), principal);
      default:
        break;
    }
    if (name.startsWith("set") && arity >= 2 && args[0] instanceof Integer index
        && !SETTINGS.contains(name)) {
      open();
      if (index < 1 || index > values.length) {
        throw new SQLException("Parameter " + index + " does not exist: the statement has "
            + values.length + " (numbered from 1).", "07009");
      }
      values[index - 1] = name.equals("setNull") ? null : JdbcConversions.parameter(args[1]);
      set[index - 1] = true;
      return null;
    }
    if (SETTINGS.contains(name)) {
      open();
      settings.put(name + "/" + arity, args);
      if (current != null) {
        return call(current, method, args);
      }
      return null;
    }
    if (name.startsWith("execute") && arity == 0) {
      open();
      return call(prepare(), method, null);
    }
    if (current != null) {
      return call(current, method, args);
    }
    return beforeFirstRun(name, method, args);
  }

  /** The answer of a getter asked before the statement first ran. */
  private Object beforeFirstRun(String name, Method method, Object[] args) throws SQLException {
    open();
    return switch (name) {
      case "getMetaData", "getResultSet", "getWarnings", "getGeneratedKeys" -> null;
      case "clearWarnings", "cancel" -> null;
      case "getUpdateCount" -> -1;
      case "getLargeUpdateCount" -> -1L;
      case "getMoreResults" -> false;
      case "getResultSetType" -> ResultSet.TYPE_FORWARD_ONLY;
      case "getResultSetConcurrency" -> ResultSet.CONCUR_READ_ONLY;
      case "getResultSetHoldability" -> ResultSet.HOLD_CURSORS_OVER_COMMIT;
      case "getFetchDirection" -> setting("setFetchDirection", ResultSet.FETCH_FORWARD);
      case "getFetchSize" -> setting("setFetchSize", 0);
      case "getMaxRows" -> ((Number) setting("setMaxRows", 0)).intValue();
      case "getLargeMaxRows" -> ((Number) setting("setMaxRows", 0)).longValue();
      case "getQueryTimeout" -> setting("setQueryTimeout", 0);
      case "isPoolable" -> setting("setPoolable", true);
      case "isCloseOnCompletion" -> settings.containsKey("closeOnCompletion/0");
      default -> throw new SQLException("PreparedStatement." + name + "() is answered once the "
          + "statement has run: its ? are table function arguments, so it is planned with their "
          + "values.", io.asklayer.jdbc.ErrorStates.UNSUPPORTED);
    };
  }

  private Object setting(String setter, Object otherwise) {
    Object[] a = settings.get(setter + "/1");
    if (a == null && setter.equals("setMaxRows")) {
      a = settings.get("setLargeMaxRows/1");
    }
    return a == null ? otherwise : a[0];
  }

  /** This execution's statement: the values written in, prepared through the boundary. */
  private PreparedStatement prepare() throws SQLException {
    for (int i = 0; i < set.length; i++) {
      if (!set[i]) {
        throw new SQLException("Parameter " + (i + 1) + " is not set; set every ? before "
            + "running the statement.", "07001");
      }
    }
    String bound;
    try {
      bound = TableFunctionParameters.bind(sql, Arrays.asList(values));
    } catch (RuntimeException e) {
      throw JdbcBoundary.toSqlException(e);
    }
    if (current != null) {
      current.close();
      current = null;
    }
    PreparedStatement s = connection.prepareStatement(bound);
    try {
      for (Map.Entry<String, Object[]> e : settings.entrySet()) {
        String setter = e.getKey().substring(0, e.getKey().indexOf('/'));
        Object[] a = e.getValue();
        call(s, PreparedStatement.class.getMethod(setter, types(setter, a)), a);
      }
    } catch (Throwable t) {
      s.close();
      throw t instanceof SQLException sql ? sql : JdbcBoundary.toSqlException(t);
    }
    current = s;
    return s;
  }

  private static Class<?>[] types(String setter, Object[] args) {
    if (args == null) {
      return new Class<?>[0];
    }
    List<Class<?>> out = new ArrayList<>();
    for (Object a : args) {
      out.add(a instanceof Integer ? int.class : a instanceof Long ? long.class
          : a instanceof Boolean ? boolean.class : String.class);
    }
    return out.toArray(new Class<?>[0]);
  }

  private static Object call(Object target, Method method, Object[] args) throws Throwable {
    try {
      return method.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }

  private void open() throws SQLException {
    if (closed) {
      throw new SQLException("The statement is closed.", "HY010");
    }
  }

  /** As many parameters as the statement has, each text unless the value bound says otherwise. */
  private ParameterMetaData parameterMetaData() {
    return (ParameterMetaData) Proxy.newProxyInstance(LateBoundStatement.class.getClassLoader(),
        new Class<?>[] {ParameterMetaData.class}, (p, m, a) -> switch (m.getName()) {
          case "getParameterCount" -> values.length;
          case "isNullable" -> ParameterMetaData.parameterNullableUnknown;
          case "isSigned" -> false;
          case "getPrecision", "getScale" -> 0;
          case "getParameterType" -> Types.VARCHAR;
          case "getParameterTypeName" -> "VARCHAR";
          case "getParameterClassName" -> String.class.getName();
          case "getParameterMode" -> ParameterMetaData.parameterModeIn;
          case "unwrap" -> {
            throw new SQLException("not a wrapper", "42000");
          }
          case "isWrapperFor" -> false;
          case "hashCode" -> System.identityHashCode(p);
          case "equals" -> p == a[0];
          case "toString" -> "Asklayer ParameterMetaData";
          default -> throw new SQLException("ParameterMetaData." + m.getName() + "()",
              io.asklayer.jdbc.ErrorStates.UNSUPPORTED);
        });
  }
}
