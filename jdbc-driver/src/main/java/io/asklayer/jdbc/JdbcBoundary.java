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
 * and whose SQLState is the failure's kind: 42000 user, 28000 identity, 42501 privilege, 0AS01
 * unsupported, XX000 internal. Navigation methods ({@code getConnection}, {@code getStatement}) return the wrappers, so
 * a client can never step around them to Calcite's objects. It also holds every statement to the
 * session's guardrails: a query timeout no client can lift (the warehouse query is cancelled when it
 * expires), and a row limit a result set cannot read past; and keeps every connection read-only:
 * {@code setReadOnly(false)} is refused (SQLState 0AS01), {@code isReadOnly()} is always true;
 * transactions, client info, type maps, row limits and {@code getObject(i, Class)} are answered
 * here as JDBC and a read-only PostgreSQL connection answer them ({@link TransactionStatements},
 * {@link JdbcConversions}), batches are refused ({@link Batch}), date and time columns are sized
 * as {@code getColumns} sizes them ({@link DateTimeSizes}), and a cancel stops the warehouse query
 * too. The
 * network server's sessions are connections of this driver, so that holds for them too.
 */
final class JdbcBoundary {
  /** The interfaces whose instances are wrapped when a method returns one. */
  private static final List<Class<?>> WRAPPED = List.of(CallableStatement.class,
      PreparedStatement.class, Statement.class, Connection.class, DatabaseMetaData.class,
      ResultSet.class, java.sql.ResultSetMetaData.class);

  /** What a handler step returns when the call is not its to answer. */
  private static final Object NOT_ANSWERED = new Object();

  private JdbcBoundary() {
  }

  /** A savepoint of a read-only connection: a name or number, and nothing to roll back. */
  private record ReadOnlySavepoint(String name, int id) implements java.sql.Savepoint {
    private static final java.util.concurrent.atomic.AtomicInteger IDS =
        new java.util.concurrent.atomic.AtomicInteger();

    ReadOnlySavepoint(String name) {
      this(name, IDS.incrementAndGet());
    }

    @Override public int getSavepointId() throws SQLException {
      if (name != null) {
        throw new SQLException("A named savepoint has no id; use getSavepointName().", "3B001");
      }
      return id;
    }

    @Override public String getSavepointName() throws SQLException {
      if (name == null) {
        throw new SQLException("An unnamed savepoint has no name; use getSavepointId().",
            "3B001");
      }
      return name;
    }
  }

  /**
   * The session's guardrails as the boundary enforces them.
   *
   * @param maxRows a result set refuses to go past this many rows
   * @param timeoutSeconds every statement's query timeout; a client may ask for less, not more
   * @param warnings the session's warnings since last asked, such as a question's time range
   *     lying outside the data; a statement hands them out as {@link SQLWarning}s
   * @param url what {@code DatabaseMetaData.getURL()} answers, or null to let the connection say
   * @param served a connection an Avatica server serves clients from: its result metadata keeps
   *     the sizes of time columns as Avatica's protocol carries them ({@link DateTimeSizes})
   * @param server for a connection to a server, what cancels its statements there (and so times
   *     them out); null for an embedded connection, whose statements are cancelled in this JVM
   */
  record Limits(String principal, long maxRows, int timeoutSeconds,
      java.util.function.Supplier<List<String>> warnings, String url, boolean served,
      RemoteCancel server) {
  }

  /**
   * Limits for a connection to a server, which enforces its own: none on this side. {@code url}
   * is the {@code jdbc:asklayer:remote:} URL that {@code getURL()} reports, where Avatica's
   * connection said {@code jdbc:avatica:remote:}, which names another driver.
   */
  static Limits remote(String principal, String url, RemoteCancel server) {
    return new Limits(principal, Long.MAX_VALUE, 0, List::of, url, false, server);
  }

  /** Wraps a connection from the engine. */
  static Connection wrap(Connection connection, Limits limits) {
    return (Connection) wrap(connection, Connection.class, null, limits);
  }

  /** Getters that read a {@code DECIMAL} column through {@link #decimal}. */
  private static final java.util.Set<String> DECIMAL_GETTERS = java.util.Set.of("getBigDecimal",
      "getObject", "getString", "getDouble", "getFloat");

  /**
   * A {@code DECIMAL} column's value at its declared scale, rounded half away from zero as SQL
   * rounds. The warehouse may compute more digits than the type declares (a division), and
   * Avatica's accessor cut them for {@code getBigDecimal} and {@code getObject} while {@code
   * getString} and {@code getDouble} gave them all: 2.140629 beside 2.14062952351479 for one
   * value. Every getter, and the server's answers read through here, now give 2.140630.
   */
  private static Object decimal(ResultSet rs, Object column, String getter) {
    try {
      java.sql.ResultSetMetaData md = rs.getMetaData();
      int i = column instanceof Integer n ? n : rs.findColumn((String) column);
      if (md.getColumnType(i) != java.sql.Types.DECIMAL
          && md.getColumnType(i) != java.sql.Types.NUMERIC) {
        return NOT_ANSWERED;
      }
      String text = rs.getString(i);
      if (text == null) {
        return getter.equals("getDouble") ? (Object) 0.0d
            : getter.equals("getFloat") ? (Object) 0.0f : null;
      }
      java.math.BigDecimal v = new java.math.BigDecimal(text);
      int scale = md.getScale(i);
      if (scale >= 0 && v.scale() > scale) {
        v = v.setScale(scale, java.math.RoundingMode.HALF_UP);
      }
      return switch (getter) {
        case "getString" -> v.toPlainString();
        case "getDouble" -> v.doubleValue();
        case "getFloat" -> v.floatValue();
        default -> v;
      };
    } catch (SQLException | RuntimeException e) {
      return NOT_ANSWERED;
    }
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
    // Avatica's client puts its own words around the server's error ("while preparing SQL: ...",
    // with the server's SQLState): the innermost error that carries a state is the server's.
    Throwable found = null;
    String state = null;
    for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
      String s = c instanceof org.apache.calcite.avatica.AvaticaSqlException a ? a.getSQLState()
          : c instanceof org.apache.calcite.avatica.AvaticaClientRuntimeException r
          ? r.getSqlState() : null;
      if (s != null && c.getMessage() != null) {
        found = c;
        state = s;
      }
    }
    if (found != null) {
      Throwable c = found;
      String m = c.getMessage();
      if (c instanceof org.apache.calcite.avatica.AvaticaSqlException a
          && a.getStackTraces() != null && a.getStackTraces().size() == 1
          && !a.getStackTraces().get(0).contains("\tat ")) {
        // An Asklayer server sends a refusal's own message there (see its Errors.forClient).
        m = a.getStackTraces().get(0);
      }
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
      if (state.equals(ErrorStates.CANCELLED)) {
        return new SQLTimeoutException(m, state, c);
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
        + method + "()" + why + ".", ErrorStates.UNSUPPORTED, cause);
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
    /** For a statement: whether {@code cancel()} was called while it ran. */
    private volatile boolean cancelled;
    /** For a statement on a server: its query timeout's pending cancel, while it executes. */
    private java.util.concurrent.ScheduledFuture<?> timer;
    /** For a statement on a server: whether its query timeout passed while it executed. */
    private volatile boolean timedOutRemotely;
    /**
     * For a statement, its {@code maxRows} (0: none); for a result set, its statement's when it
     * was made. Enforced here, since Avatica applies a limit set after a statement was prepared
     * neither embedded nor over the network, and over the network not at all past the first frame.
     */
    private long maxRows;
    /** For a statement: what addBatch collected, which is never run ({@link Batch}). */
    private final Batch batch = new Batch();
    /** For a statement whose last execution was transaction control: its update count, 0. */
    private Integer controlCount;
    /** For a connection: its auto-commit mode; on, as JDBC says a new connection's is. */
    private boolean autoCommit = true;
    /** For a connection: the isolation level asked for (nothing changes data, so any holds). */
    private int isolation = Connection.TRANSACTION_READ_COMMITTED;
    /** For a connection: the client info a pool or application set. */
    private final java.util.Properties clientInfo = new java.util.Properties();

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
      return timeoutSeconds > 0 && (limits.server() != null
          || timeoutSeconds < limits.timeoutSeconds())
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
        case "getURL":
          if (arity == 0 && type == DatabaseMetaData.class && limits.url() != null) {
            return limits.url();
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
          if (arity == 1 && (Integer) args[0] < 0) {
            throw new SQLException("setQueryTimeout takes 0 (no limit) or a number of seconds, "
                + "not " + args[0] + ".", "22023");
          }
          if (arity == 1 && limits.server() != null && (Integer) args[0] >= 0) {
            // Timed here, by a cancel sent to the server when the time has passed.
            timeoutSeconds = (Integer) args[0];
          }
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
            if (t == null) {
              // Nothing runs: JDBC's cancel is for the execution under way, and Avatica's flag,
              // once raised, would fail this statement's next execution instead.
              return null;
            }
            cancelled = true;
            if (limits.server() != null) {
              // Avatica's own cancel only raises a flag here, which fails the statement's next
              // use; the server stops the execution, which then fails with 57014.
              cancelOnServer();
              return null;
            }
            io.asklayer.engine.session.PlanningLimit.cancel(t);
            io.asklayer.engine.warehouse.RunningQueries.cancel(t);
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
      if (type == Connection.class) {
        Object answer = connectionState(name, args);
        if (answer != NOT_ANSWERED) {
          return answer;
        }
        if (name.equals("prepareStatement") && arity >= 1 && args[0] instanceof String sql) {
          open();
          // A ? among a table function's arguments: planned when run, with its values.
          PreparedStatement late = LateBoundStatement.of((Connection) proxy, limits.principal(),
              sql);
          if (late != null) {
            return late;
          }
        }
      }
      if (Statement.class.isAssignableFrom(type)) {
        Object answer = statementState(proxy, name, args);
        if (answer != NOT_ANSWERED) {
          return answer;
        }
        if (name.startsWith("execute") && arity == 1 && args[0] instanceof String sql) {
          TransactionStatements.Statement control = TransactionStatements.parse(sql);
          if (control != null) {
            Object done = control(proxy, name, control);
            if (done != NOT_ANSWERED) {
              return done;
            }
            args = new Object[] {"SELECT * FROM (VALUES ('" + TransactionStatements.name(
                connectionHandler().isolation) + "')) AS t(transaction_isolation)"};
          } else {
            controlCount = null;
          }
        }
      }
      if (PreparedStatement.class.isAssignableFrom(type) && name.equals("setObject")
          && arity >= 2) {
        Object value = JdbcConversions.parameter(args[1]);
        if (value != args[1] && arity == 2) {
          return PreparedStatement.class.getMethod(value instanceof java.sql.Timestamp
              ? "setTimestamp" : value instanceof java.sql.Time ? "setTime" : "setDate",
              int.class, value.getClass()).invoke(proxy, args[0], value);
        }
        args = args.clone();
        args[1] = value;
      }
      if (type == ResultSet.class && name.equals("getObject") && arity == 2
          && args[1] instanceof Class<?> wanted) {
        return JdbcConversions.getObject((ResultSet) proxy, args[0], wanted);
      }
      if (type == java.sql.ResultSetMetaData.class && !limits.served()) {
        Integer size = DateTimeSizes.answer((java.sql.ResultSetMetaData) target, name, args);
        if (size != null) {
          return size;
        }
      }
      if (type == ResultSet.class && arity == 1 && DECIMAL_GETTERS.contains(name)) {
        Object exact = decimal((ResultSet) target, args[0], name);
        if (exact != NOT_ANSWERED) {
          return exact;
        }
      }
      if (type == ResultSet.class && name.equals("next") && arity == 0 && maxRows > 0
          && rows >= maxRows) {
        return false; // JDBC: rows past maxRows are dropped silently
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
        cancelled = false;
        lowerCancelFlag();
        running = Thread.currentThread();
        io.asklayer.engine.session.PlanningLimit.timeout(timeoutSeconds);
        timedOutRemotely = false;
        if (limits.server() != null && timeoutSeconds > 0) {
          timer = limits.server().after(timeoutSeconds, () -> {
            timedOutRemotely = true;
            try {
              cancelOnServer();
            } catch (SQLException e) {
              // The execution's own failure, if the server cannot be reached, says more.
            }
          });
        }
      }
      try {
        result = method.invoke(target, args);
      } catch (InvocationTargetException e) {
        if (e.getCause() instanceof SQLFeatureNotSupportedException f
            && !ErrorStates.UNSUPPORTED.equals(f.getSQLState())) {
          throw unsupported(name, e.getCause());
        }
        SQLException closed = closedMessage(e.getCause()) ? closedFailure(name) : null;
        if (closed != null) {
          throw closed;
        }
        if (executes && timedOutRemotely) {
          String msg = "The statement ran longer than its time limit (" + timeLimit()
              + ") and was cancelled on the server, in the warehouse too. Narrow it with "
              + "filters or a LIMIT, or give it a longer query timeout.";
          throw new SQLTimeoutException(msg, ErrorStates.CANCELLED, e.getCause());
        }
        if (executes && cancelled) {
          AsklayerException planning = AsklayerException.find(e.getCause());
          String msg = planning != null && planning.getMessage().startsWith(
              "The statement was cancelled") ? planning.getMessage()
              : "The statement was cancelled (Statement.cancel()) before it finished; its "
              + "warehouse query was stopped too. Run it again to get its rows.";
          RefusalLog.record(limits.principal(), "(statement)", msg);
          throw new SQLTimeoutException(msg, ErrorStates.CANCELLED, e.getCause());
        }
        if (timedOut(e.getCause())) {
          String planning = planningTimeout(e.getCause());
          String msg = planning != null ? planning
              : "The statement ran longer than its time limit (" + timeLimit()
              + ") and was cancelled, in the warehouse too. Narrow it with filters or a LIMIT.";
          RefusalLog.record(limits.principal(), "(statement)", msg);
          throw new SQLTimeoutException(msg, ErrorStates.CANCELLED, e.getCause());
        }
        throw toSqlException(e.getCause());
      } finally {
        if (executes) {
          running = null;
          io.asklayer.engine.session.PlanningLimit.clearTimeout();
          if (timer != null && !timer.cancel(false)) {
            // The timeout's cancel is under way: let it reach the server before this statement
            // can run again, so that it cannot stop the next execution instead.
            try {
              timer.get();
            } catch (java.util.concurrent.ExecutionException
                | java.util.concurrent.CancellationException ignored) {
              // It failed to reach the server; this execution has its answer already.
            }
          }
          timer = null;
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
          if (c == ResultSet.class && Statement.class.isAssignableFrom(type)) {
            ((Handler) Proxy.getInvocationHandler(wrapped)).maxRows = maxRows;
          }
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
  
    /**
     * The failure of a call on a result set, statement or connection that is closed, in words
     * that say so; null when the object is open (or the call is about closing). Avatica's "ResultSet
     * closed" reached clients as a fault of the warehouse query (XX000).
     */
    private SQLException closedFailure(String method) {
      if (method.equals("close") || method.equals("isClosed")) {
        return null;
      }
      try {
        if (type == ResultSet.class && ((ResultSet) target).isClosed()) {
          return new SQLException("The result set is closed: read its rows before closing it, "
              + "its statement or its connection.", "55000");
        }
        if (Statement.class.isAssignableFrom(type) && ((Statement) target).isClosed()) {
          return new SQLException("The statement is closed; create or prepare another.",
              "55000");
        }
        if (type == Connection.class && ((Connection) target).isClosed()) {
          return new SQLException("The connection is closed.", "08003");
        }
      } catch (SQLException | RuntimeException e) {
        return null;
      }
      return null;
    }

    /** Whether a failure says that something is closed, so that its reason is not replaced. */
    private static boolean closedMessage(Throwable t) {
      for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
        if (c.getMessage() != null
            && c.getMessage().toLowerCase(java.util.Locale.ROOT).contains("closed")) {
          return true;
        }
      }
      return false;
    }

    /** Asks the server to cancel this statement's execution (a statement on a server only). */
    private void cancelOnServer() throws SQLException {
      org.apache.calcite.avatica.AvaticaStatement a =
          ((Statement) target).unwrap(org.apache.calcite.avatica.AvaticaStatement.class);
      limits.server().cancel(a.handle.connectionId, a.handle.id);
    }

    /** Lowers the cancel flag an earlier {@code cancel()} left raised on Avatica's statement. */
    private void lowerCancelFlag() {
      try {
        org.apache.calcite.avatica.AvaticaStatement a =
            ((Statement) target).unwrap(org.apache.calcite.avatica.AvaticaStatement.class);
        a.getConnection().unwrap(org.apache.calcite.avatica.AvaticaConnection.class)
            .getCancelFlag(a.handle).set(false);
      } catch (SQLException | org.apache.calcite.avatica.NoSuchStatementException
          | RuntimeException notAvatica) {
        // Not an Avatica statement, or closed: its own execution reports that.
      }
    }

    /** The handler of this statement's connection. */
    private Handler connectionHandler() {
      return (Handler) Proxy.getInvocationHandler(parent);
    }

    /**
     * The answer to a connection method about transactions, client info or type maps, or
     * {@link #NOT_ANSWERED}. A read-only connection has nothing to commit or undo: commit and
     * rollback are accepted in either auto-commit mode, as are isolation levels, which are
     * recorded and reported back; savepoints need auto-commit off, as in PostgreSQL.
     */
    private Object connectionState(String name, Object[] args) throws Throwable {
      int arity = args == null ? 0 : args.length;
      switch (name) {
        case "nativeSQL":
          open();
          // The text as the engine parses it, embedded or remote (Avatica's remote connection
          // answers it unchanged).
          try {
            return args[0] == null ? null
                : io.asklayer.engine.session.JdbcEscapes.process((String) args[0]);
          } catch (RuntimeException e) {
            throw toSqlException(e);
          }
        case "getAutoCommit":
          open();
          return autoCommit;
        case "setAutoCommit":
          open();
          autoCommit = (Boolean) args[0];
          return null;
        case "commit":
        case "rollback":
          open();
          if (arity == 1 && !(args[0] instanceof ReadOnlySavepoint)) {
            throw new SQLException("The savepoint was not made by this connection. Roll back "
                + "to a savepoint that setSavepoint() of this connection returned.", "3B001");
          }
          return null;
        case "setSavepoint":
          open();
          if (autoCommit) {
            throw new SQLException("A savepoint needs a transaction: call setAutoCommit(false) "
                + "first. (Asklayer is read-only, so rolling back to it undoes nothing.)",
                ErrorStates.NO_TRANSACTION);
          }
          return new ReadOnlySavepoint(arity == 1 ? (String) args[0] : null);
        case "releaseSavepoint":
          open();
          return null;
        case "getTransactionIsolation":
          open();
          return isolation;
        case "setTransactionIsolation":
          open();
          int level = (Integer) args[0];
          if (level != Connection.TRANSACTION_READ_UNCOMMITTED
              && level != Connection.TRANSACTION_READ_COMMITTED
              && level != Connection.TRANSACTION_REPEATABLE_READ
              && level != Connection.TRANSACTION_SERIALIZABLE) {
            throw new SQLException("Transaction isolation level " + level + " is not one of "
                + "JDBC's: use Connection.TRANSACTION_READ_COMMITTED (the default), "
                + "READ_UNCOMMITTED, REPEATABLE_READ or SERIALIZABLE.", "HY024");
          }
          isolation = level;
          return null;
        case "getTypeMap":
          open();
          return new java.util.HashMap<String, Class<?>>();
        case "setTypeMap":
          open();
          if (args[0] != null && !((java.util.Map<?, ?>) args[0]).isEmpty()) {
            throw new SQLFeatureNotSupportedException("Asklayer has no user-defined SQL types, "
                + "so a type map cannot map any; pass an empty map or none.",
                ErrorStates.UNSUPPORTED);
          }
          return null;
        case "setClientInfo":
          if (((Connection) target).isClosed()) {
            throw new java.sql.SQLClientInfoException("The connection is closed.", "08003",
                java.util.Map.of());
          }
          if (arity == 1) {
            clientInfo.clear();
            if (args[0] != null) {
              clientInfo.putAll((java.util.Properties) args[0]);
            }
          } else if (args[1] == null) {
            clientInfo.remove(args[0]);
          } else {
            clientInfo.setProperty((String) args[0], (String) args[1]);
          }
          return null;
        case "getClientInfo":
          open();
          if (arity == 1) {
            return clientInfo.getProperty((String) args[0]);
          }
          java.util.Properties copy = new java.util.Properties();
          copy.putAll(clientInfo);
          return copy;
        default:
          return NOT_ANSWERED;
      }
    }

    /** Fails as every method of a closed connection does. */
    private void open() throws SQLException {
      if (((Connection) target).isClosed()) {
        throw new SQLException("The connection is closed.", "08003");
      }
    }

    /** The answer to a statement method about its row limit or a control statement's count. */
    private Object statementState(Object proxy, String name, Object[] args) throws Throwable {
      switch (name) {
        case "setMaxRows":
        case "setLargeMaxRows":
          long asked = ((Number) args[0]).longValue();
          if (asked >= 0) {
            maxRows = asked;
          }
          return NOT_ANSWERED; // the target checks and records it too
        case "getUpdateCount":
        case "getLargeUpdateCount":
          if (controlCount != null) {
            return name.equals("getUpdateCount") ? (Object) controlCount
                : (Object) controlCount.longValue();
          }
          return NOT_ANSWERED;
        case "getResultSet":
          return controlCount != null ? null : NOT_ANSWERED;
        case "addBatch":
        case "clearBatch":
        case "executeBatch":
        case "executeLargeBatch":
          if (((Statement) target).isClosed()) {
            throw new SQLException("The statement is closed.", "HY010");
          }
          if (name.equals("addBatch")) {
            batch.add();
          } else if (name.equals("clearBatch")) {
            batch.clear();
          } else {
            return batch.execute(name.equals("executeLargeBatch"), limits.principal());
          }
          return null;
        case "getMoreResults":
          if (controlCount != null) {
            controlCount = -1;
            return false;
          }
          return NOT_ANSWERED;
        default:
          return NOT_ANSWERED;
      }
    }

    /**
     * Runs a transaction-control statement: the answer {@code method} returns, or
     * {@link #NOT_ANSWERED} when it is a query to run instead (SHOW ... ISOLATION LEVEL).
     */
    private Object control(Object proxy, String method, TransactionStatements.Statement control)
        throws SQLException {
      if (((Statement) target).isClosed()) {
        throw new SQLException("The statement is closed.", "HY010");
      }
      switch (control.kind()) {
        case SHOW_ISOLATION:
          controlCount = null;
          return NOT_ANSWERED;
        case READ_WRITE:
          throw toSqlException(Messages.readWriteRefused());
        case SET_ISOLATION:
          connectionHandler().isolation = control.isolation();
          break;
        default:
          break;
      }
      if (method.equals("executeQuery")) {
        throw new SQLException("This statement changes nothing and returns no rows; run it "
            + "with execute() or executeUpdate().", "02000");
      }
      controlCount = 0;
      return method.equals("execute") ? (Object) false
          : method.equals("executeLargeUpdate") ? (Object) 0L : (Object) 0;
    }
}
}
