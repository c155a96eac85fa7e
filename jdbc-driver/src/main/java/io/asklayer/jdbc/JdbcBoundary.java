package io.asklayer.jdbc;

import io.asklayer.engine.error.AsklayerException;
import io.asklayer.engine.error.Errors;
import io.asklayer.engine.error.Messages;
import io.asklayer.engine.guard.RefusalLog;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLInvalidAuthorizationSpecException;
import java.sql.SQLSyntaxErrorException;
import java.sql.SQLTimeoutException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.util.List;

/**
 * The edge between the engine and JDBC clients. Every connection, statement, result set and metadata
 * object the driver hands out is wrapped here, so that a failure reaches the client as a
 * {@link SQLException} whose message is the engine's own words (not "Error while executing SQL ...")
 * and whose SQLState is the failure's kind: 42000 user, 28000 identity, 42501 privilege, 0A000
 * unsupported, XX000 internal. Navigation methods ({@code getConnection}, {@code getStatement}) return the wrappers, so
 * a client can never step around them to Calcite's objects. It also holds every statement to the
 * session's guardrails: a query timeout no client can lift (the warehouse query is cancelled when it
 * expires), and a row limit a result set cannot read past; and keeps every connection read-only:
 * {@code setReadOnly(false)} is refused (SQLState 0A000), {@code isReadOnly()} is always true. The
 * network server's sessions are connections of this driver, so that holds for them too.
 */
final class JdbcBoundary {
  /** The interfaces whose instances are wrapped when a method returns one. */
  private static final List<Class<?>> WRAPPED = List.of(CallableStatement.class,
      PreparedStatement.class, Statement.class, Connection.class, DatabaseMetaData.class,
      ResultSet.class);

  private JdbcBoundary() {
  }

  /**
   * The session's guardrails as the boundary enforces them.
   *
   * @param maxRows a result set refuses to go past this many rows
   * @param timeoutSeconds every statement's query timeout; a client may ask for less, not more
   * @param warnings the session's warnings since last asked, such as a question's time range
   *     lying outside the data; a statement hands them out as {@link SQLWarning}s
   */
  record Limits(String principal, long maxRows, int timeoutSeconds,
      java.util.function.Supplier<List<String>> warnings) {
  }

  /** Limits for a connection to a server, which enforces its own: none on this side. */
  static Limits remote(String principal) {
    return new Limits(principal, Long.MAX_VALUE, 0, List::of);
  }

  /** Wraps a connection from the engine. */
  static Connection wrap(Connection connection, Limits limits) {
    return (Connection) wrap(connection, Connection.class, null, limits);
  }

  /** The SQLException a client sees for any failure. */
  static SQLException toSqlException(Throwable t) {
    SQLException remote = fromServer(t);
    if (remote != null) {
      return remote;
    }
    AsklayerException e = Errors.classify(t);
    String state = e.kind().sqlState();
    return switch (e.kind()) {
      // Class 42, as PostgreSQL's insufficient_privilege (42501) is; JDBC maps 42 to this type.
      case USER, PRIVILEGE -> new SQLSyntaxErrorException(e.getMessage(), state, e);
      case IDENTITY -> new SQLInvalidAuthorizationSpecException(e.getMessage(), state, e);
      case UNSUPPORTED -> new SQLFeatureNotSupportedException(e.getMessage(), state, e);
      case INTERNAL -> new SQLException(e.getMessage(), state, e);
    };
  }

  /**
   * A failure reported by an Asklayer server, with the server's message and SQLState and without
   * the layers Avatica's client puts around them ("Error 0 (42000) : Error while executing SQL
   * ...: Remote driver error: "), so a remote client reads what an embedded one would.
   */
  private static SQLException fromServer(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
      String state = c instanceof org.apache.calcite.avatica.AvaticaSqlException a ? a.getSQLState()
          : c instanceof org.apache.calcite.avatica.AvaticaClientRuntimeException r
          ? r.getSqlState() : null;
      if (state == null || c.getMessage() == null) {
        continue;
      }
      String m = c.getMessage();
      int at = m.lastIndexOf("Remote driver error: ");
      m = at >= 0 ? m.substring(at + "Remote driver error: ".length())
          : m.replaceFirst("^Error -?\\d+ \\([0-9A-Z]{5}\\) : ", "");
      if (state.startsWith("42")) {
        return new SQLSyntaxErrorException(m, state, c);
      }
      if (state.startsWith("28")) {
        return new SQLInvalidAuthorizationSpecException(m, state, c);
      }
      if (state.startsWith("0A")) {
        return new SQLFeatureNotSupportedException(m, state, c);
      }
      return new SQLException(m, state, c);
    }
    return null;
  }

  /** A JDBC method Avatica does not implement, named so the client knows what to avoid. */
  private static SQLException unsupported(String method, Throwable cause) {
    String why = method.startsWith("update") || method.startsWith("insert")
        || method.startsWith("delete") ? ": Asklayer is read-only, and result sets cannot change"
        : "";
    return new SQLFeatureNotSupportedException("Asklayer does not support the JDBC method "
        + method + "()" + why + ".", "0A000", cause);
  }

  private static Object wrap(Object target, Class<?> iface, Object parent, Limits limits) {
    Class<?> type = iface;
    for (Class<?> c : WRAPPED) {
      if (c.isInstance(target) && iface.isAssignableFrom(c)) {
        type = c;
        break;
      }
    }
    if (Statement.class.isAssignableFrom(type) && limits.timeoutSeconds() > 0) {
      try {
        ((Statement) target).setQueryTimeout(limits.timeoutSeconds());
      } catch (SQLException e) {
        throw new IllegalStateException("cannot set the statement timeout", e);
      }
    }
    return Proxy.newProxyInstance(JdbcBoundary.class.getClassLoader(), new Class<?>[] {type},
        new Handler(target, type, parent, limits));
  }

  private static SQLWarning chain(List<String> messages) {
    SQLWarning first = null;
    for (String m : messages) {
      SQLWarning w = new SQLWarning(m, "01000");
      if (first == null) {
        first = w;
      } else {
        first.setNextWarning(w);
      }
    }
    return first;
  }

  /** The engine's message when the planner, not the warehouse, ran out of time; else null. */
  private static String planningTimeout(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
      if (c instanceof java.sql.SQLTimeoutException && c.getMessage() != null
          && c.getMessage().startsWith(Messages.PLANNING_TIMED_OUT)) {
        return c.getMessage();
      }
    }
    return null;
  }

  /**
   * Whether a failure is a statement stopped at its timeout: by the warehouse, by Calcite while it
   * reads rows into the proxy, or by the planner.
   */
  private static boolean timedOut(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
      String m = c.getMessage();
      if (c instanceof java.sql.SQLTimeoutException || (m != null
          && (m.contains("INTERRUPT") || m.contains("Interrupted")
          || m.contains("Query timeout") || m.contains("for query execution is reached")))) {
        return true;
      }
    }
    return false;
  }

  /** Forwards calls to one engine object, wrapping what it returns and translating failures. */
  private static final class Handler implements InvocationHandler {
    private final Object target;
    private final Class<?> type;
    /** The wrapper this object was obtained from: its connection or statement. */
    private final Object parent;
    private final Limits limits;
    /** For a result set: the rows read so far. */
    private long rows;
    /** For a statement: the warnings of its last execution (or of its preparation). */
    private SQLWarning warnings;
    /** For a statement: its time limit in seconds, the guardrail unless the client asked less. */
    private int timeoutSeconds;
    /** For a statement: the thread executing it, which a cancel stops while it plans. */
    private volatile Thread running;

    Handler(Object target, Class<?> type, Object parent, Limits limits) {
      this.target = target;
      this.type = type;
      this.parent = parent;
      this.limits = limits;
      this.timeoutSeconds = limits.timeoutSeconds();
    }

    /** The connection's catalog; a closed connection fails as JDBC asks. */
    private String catalog() throws SQLException {
      try {
        return MetadataCalls.catalog((Connection) target);
      } catch (SQLException | RuntimeException e) {
        throw toSqlException(e);
      }
    }

    private String schema(String name) throws SQLException {
      try {
        return name == null ? null : MetadataCalls.schema((Connection) target, name);
      } catch (SQLException | RuntimeException e) {
        throw toSqlException(e);
      }
    }

    /** The time limit a statement ran into, as its timeout message says it. */
    private String timeLimit() {
      return timeoutSeconds > 0 && timeoutSeconds < limits.timeoutSeconds()
          ? Messages.seconds(timeoutSeconds) + ", the query timeout it was given"
          : "at most " + Messages.seconds(limits.timeoutSeconds()) + " for " + limits.principal();
    }

    @Override public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
      String name = method.getName();
      int arity = args == null ? 0 : args.length;
      switch (name) {
        case "equals":
          if (arity == 1) {
            return proxy == args[0];
          }
          break;
        case "hashCode":
          if (arity == 0) {
            return System.identityHashCode(proxy);
          }
          break;
        case "toString":
          if (arity == 0) {
            return "Asklayer " + type.getSimpleName();
          }
          break;
        case "unwrap":
          if (arity == 1 && ((Class<?>) args[0]).isInstance(proxy)) {
            return proxy;
          }
          if (arity == 1) {
            throw new SQLException("Asklayer's " + type.getSimpleName() + " is not a "
                + ((Class<?>) args[0]).getName(), "42000");
          }
          break;
        case "isWrapperFor":
          if (arity == 1) {
            return ((Class<?>) args[0]).isInstance(proxy);
          }
          break;
        case "getConnection":
        case "getStatement":
          if (arity == 0 && parent != null && method.getReturnType().isInstance(parent)) {
            return parent;
          }
          break;
        case "getDatabaseProductName":
          // Over the network Avatica's client would name itself; the product is Asklayer.
          if (arity == 0 && type == DatabaseMetaData.class) {
            return io.asklayer.engine.session.EmbeddedDriver.PRODUCT_NAME;
          }
          break;
        case "getDatabaseProductVersion":
          if (arity == 0 && type == DatabaseMetaData.class) {
            return io.asklayer.engine.session.EmbeddedDriver.version();
          }
          break;
        case "getCatalog":
          if (arity == 0 && type == Connection.class) {
            return catalog();
          }
          break;
        case "setCatalog":
          // One catalog: naming it (in any case) or none keeps it; naming another is a mistake.
          if (arity == 1 && type == Connection.class) {
            String cat = catalog();
            if (args[0] != null && !cat.equalsIgnoreCase((String) args[0])) {
              throw new SQLSyntaxErrorException("There is no catalog '" + args[0] + "': the "
                  + "only catalog is '" + cat + "'.", "42000");
            }
            return null;
          }
          break;
        case "setSchema":
          if (arity == 1 && type == Connection.class) {
            String schema = schema((String) args[0]);
            if (schema == null) {
              throw new SQLSyntaxErrorException("There is no schema '" + args[0] + "'; see "
                  + "DatabaseMetaData.getSchemas() for the schemas " + limits.principal()
                  + " may use.", "42000");
            }
            args = new Object[] {schema};
          }
          break;
        case "getWarnings":
          if (arity == 0 && Statement.class.isAssignableFrom(type)) {
            return warnings;
          }
          break;
        case "clearWarnings":
          if (arity == 0 && Statement.class.isAssignableFrom(type)) {
            warnings = null;
            return null;
          }
          break;
        case "setQueryTimeout":
          // The guardrail is a ceiling: a client may ask for a shorter timeout, never none.
          if (arity == 1 && limits.timeoutSeconds() > 0) {
            int asked = (Integer) args[0];
            args = new Object[] {asked <= 0 || asked > limits.timeoutSeconds()
                ? limits.timeoutSeconds() : asked};
            timeoutSeconds = (Integer) args[0];
          }
          break;
        case "setReadOnly":
          // Read-only is not a mode here but what Asklayer is; asking for read-write is refused
          // rather than recorded (DuckDB's driver refuses the same way, with SQLFeatureNotSupported).
          if (arity == 1 && type == Connection.class && !Boolean.TRUE.equals(args[0])) {
            throw toSqlException(Messages.readWriteRefused());
          }
          break;
        case "cancel":
          if (arity == 0 && Statement.class.isAssignableFrom(type)) {
            Thread t = running;
            if (t != null) {
              io.asklayer.engine.session.PlanningLimit.cancel(t);
            }
          }
          break;
        default:
          break;
      }
      if (type == DatabaseMetaData.class && MetadataCalls.answers(name, arity)) {
        try {
          return wrap(MetadataCalls.run(((DatabaseMetaData) target).getConnection(), name, args),
              ResultSet.class, null, limits);
        } catch (SQLException | RuntimeException e) {
          throw toSqlException(e);
        }
      }
      Object fixed = type == DatabaseMetaData.class ? ProductFacts.answer(name, args) : null;
      if (fixed != null) {
        return fixed;
      }
      boolean executes = Statement.class.isAssignableFrom(type) && name.startsWith("execute");
      boolean prepared = PreparedStatement.class.isAssignableFrom(type);
      if (executes) {
        limits.warnings().get();
        if (!prepared) {
          warnings = null;
        }
      }
      Object result;
      if (executes) {
        running = Thread.currentThread();
        io.asklayer.engine.session.PlanningLimit.timeout(timeoutSeconds);
      }
      try {
        result = method.invoke(target, args);
      } catch (InvocationTargetException e) {
        if (e.getCause() instanceof SQLFeatureNotSupportedException) {
          throw unsupported(name, e.getCause());
        }
        if (timedOut(e.getCause())) {
          String planning = planningTimeout(e.getCause());
          String msg = planning != null ? planning
              : "The statement ran longer than its time limit (" + timeLimit()
              + ") and was cancelled, in the warehouse too. Narrow it with filters or a LIMIT.";
          RefusalLog.record(limits.principal(), "(statement)", msg);
          throw new SQLTimeoutException(msg, "42000", e.getCause());
        }
        throw toSqlException(e.getCause());
      } finally {
        if (executes) {
          running = null;
          io.asklayer.engine.session.PlanningLimit.clearTimeout();
        }
      }
      if (type == Connection.class && name.equals("isReadOnly") && arity == 0) {
        // Asked after the connection answered (so a closed one still fails): always read-only.
        return true;
      }
      if (type == ResultSet.class && name.equals("next") && Boolean.TRUE.equals(result)
          && ++rows > limits.maxRows()) {
        String msg = "The result has more than " + limits.maxRows() + " rows, the most "
            + limits.principal() + " may fetch in one statement. Add a LIMIT, filters or an "
            + "aggregation.";
        RefusalLog.record(limits.principal(), "(statement)", msg);
        throw new SQLSyntaxErrorException(msg, "42000");
      }
      if (executes) {
        // A statement is planned when it runs; a prepared one was planned when prepared, and
        // keeps those warnings unless running it planned something new.
        SQLWarning fresh = chain(limits.warnings().get());
        if (fresh != null || !prepared) {
          warnings = fresh;
        }
      }
      Class<?> returns = method.getReturnType();
      if (result == null) {
        return null;
      }
      if (result == target) {
        // Avatica's prepared statement is its own ParameterMetaData; hand that view out as is.
        return returns.isInstance(proxy) ? proxy : result;
      }
      for (Class<?> c : WRAPPED) {
        if (returns.isAssignableFrom(c) && c.isInstance(result) && returns != Object.class) {
          // A statement's parent is its connection; a result set's, its statement (or, for
          // metadata result sets, nothing that a client could misuse).
          Object childParent = (type == Connection.class || Statement.class.isAssignableFrom(type))
              ? proxy : null;
          if (type == DatabaseMetaData.class && c == Connection.class) {
            return parent;
          }
          Object wrapped = wrap(result, returns, childParent, limits);
          if (type == Connection.class && Statement.class.isAssignableFrom(c)
              && name.startsWith("prepare")) {
            // A prepared statement was planned now: its warnings belong to it.
            ((Handler) Proxy.getInvocationHandler(wrapped)).warnings =
                chain(limits.warnings().get());
          }
          return wrapped;
        }
      }
      return result;
    }
  }
}
