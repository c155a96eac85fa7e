package io.asklayer.server;

import java.lang.reflect.Field;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.calcite.avatica.Meta;
import org.apache.calcite.avatica.NoSuchConnectionException;
import org.apache.calcite.avatica.NoSuchStatementException;
import org.apache.calcite.avatica.remote.AvaticaRuntimeException;
import org.apache.calcite.avatica.remote.Service;

/**
 * Avatica's service with guards in front. A request is served only if the connection it names is
 * open and was opened by the request's principal, and, if it names a statement, only if that
 * statement was made on that connection: Avatica's own {@code JdbcMeta} finds a statement by its
 * id alone (ids count up across the whole server) and ignores the connection id beside it, so
 * without this check a client could run, fetch or close another client's statement by naming its
 * own connection and the other's statement id. Statement ids the server hands out are recorded
 * against the connection here, as the responses leave. Everything unknown is refused. A failure
 * reaches the client as the engine's message and SQLState, or, for an internal one, as a
 * reference to the server log ({@link Errors#internal}).
 */
final class GuardedService implements InvocationHandler {
  /** The fields naming a connection, a statement or both, by request class. */
  private record Names(Field connectionId, Field statementId, Field statementHandle) {
  }

  private static final Map<Class<?>, Names> FIELDS = new ConcurrentHashMap<>();

  private final Service target;
  private final ConnectionRegistry registry;
  private final ServerMetrics metrics;

  private GuardedService(Service target, ConnectionRegistry registry, ServerMetrics metrics) {
    this.target = target;
    this.registry = registry;
    this.metrics = metrics;
  }

  static Service wrap(Service target, ConnectionRegistry registry, ServerMetrics metrics) {
    return (Service) Proxy.newProxyInstance(GuardedService.class.getClassLoader(),
        new Class<?>[] {Service.class}, new GuardedService(target, registry, metrics));
  }

  @Override public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
    if (!(method.getName().equals("apply") && args != null && args.length == 1
        && args[0] instanceof Service.Request request)) {
      return call(method, args);
    }
    if (request instanceof Service.OpenConnectionRequest) {
      // AsklayerMeta.openConnection reserves the id (refusing one already open).
      return call(method, args);
    }
    Target t = target(request);
    check(t);
    registry.touch(t.connectionId());
    if (request instanceof Service.CreateStatementRequest
        || request instanceof Service.PrepareRequest) {
      registry.checkRoomForStatement(t.connectionId());
    }
    Object response;
    try {
      response = call(method, args);
    } finally {
      if (request instanceof Service.CloseStatementRequest) {
        // Avatica drops the statement even when closing it fails; so does the record.
        registry.forgetStatement(t.connectionId(), t.statementId());
      }
    }
    if (t.statementId() == null) {
      // A request naming no statement that is answered with one (createStatement, prepare, the
      // metadata requests) has just made it, on the connection checked above.
      for (int id : statementIds(response)) {
        registry.addStatement(t.connectionId(), id);
      }
    }
    return response;
  }

  private void check(Target t) {
    if (t.connectionId() == null) {
      metrics.refusals.incrementAndGet();
      throw Errors.refusal("The request names no connection. Open a connection and name its id "
          + "in each request.", "08003");
    }
    String owner = registry.owner(t.connectionId());
    if (owner == null) {
      metrics.refusals.incrementAndGet();
      throw Errors.noSuchConnection(t.connectionId());
    }
    if (!owner.equals(CallContext.principal())) {
      metrics.refusals.incrementAndGet();
      throw Errors.refusal("Connection " + t.connectionId() + " was opened by another user; a "
          + "client may use only the connections it opened.", "28000");
    }
    if (t.statementId() != null && !registry.holds(t.connectionId(), t.statementId())) {
      metrics.refusals.incrementAndGet();
      throw Errors.noSuchStatement(t.connectionId(), t.statementId());
    }
  }

  private Object call(Method method, Object[] args) {
    try {
      return method.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw translate(e.getCause());
    } catch (IllegalAccessException e) {
      throw Errors.internal(e);
    }
  }

  private RuntimeException translate(Throwable t) {
    if (t instanceof AvaticaRuntimeException a) {
      if (a.getSqlState() != null && Errors.userState(a.getSqlState())) {
        metrics.refusals.incrementAndGet();
        return a;
      }
      metrics.errors.incrementAndGet();
      return Errors.internal(a);
    }
    for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
      if (c instanceof NoSuchConnectionException) {
        // The registry knew the connection but Avatica had let it go (it expired first).
        metrics.refusals.incrementAndGet();
        return Errors.refusal("The connection is no longer open on this server (it was idle "
            + "too long). Open a new connection.", "08003");
      }
      if (c instanceof NoSuchStatementException) {
        metrics.refusals.incrementAndGet();
        return Errors.refusal("The statement is no longer open on this server (it was idle too "
            + "long). Create or prepare it again.", "26000");
      }
    }
    SQLException s = Errors.sqlException(t);
    if (s != null && Errors.userState(s.getSQLState())) {
      metrics.refusals.incrementAndGet();
      return Errors.refusal(s.getMessage(), s.getSQLState());
    }
    metrics.errors.incrementAndGet();
    return Errors.internal(t);
  }

  /** The connection a request is about, and its statement if it names one. */
  record Target(String connectionId, Integer statementId) {
  }

  static Target target(Service.Request request) {
    Names n = FIELDS.computeIfAbsent(request.getClass(), GuardedService::fields);
    try {
      if (n.statementHandle() != null) {
        Meta.StatementHandle h = (Meta.StatementHandle) n.statementHandle().get(request);
        // The handle's connection id is the client's word like any other, so it is checked.
        return h == null ? new Target(null, null) : new Target(h.connectionId, h.id);
      }
      String connection = n.connectionId() == null ? null
          : (String) n.connectionId().get(request);
      Integer statement = n.statementId() == null ? null : n.statementId().getInt(request);
      return new Target(connection, statement);
    } catch (IllegalAccessException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Names fields(Class<?> type) {
    return new Names(field(type, "connectionId"), field(type, "statementId"),
        field(type, "statementHandle"));
  }

  private static Field field(Class<?> type, String name) {
    try {
      return type.getField(name);
    } catch (NoSuchFieldException absent) {
      return null; // this kind of request has no such field
    }
  }

  /** The statement ids a response hands the client. */
  private static List<Integer> statementIds(Object response) {
    List<Integer> out = new ArrayList<>();
    if (response instanceof Service.CreateStatementResponse r) {
      out.add(r.statementId);
    } else if (response instanceof Service.PrepareResponse r && r.statement != null) {
      out.add(r.statement.id);
    } else if (response instanceof Service.ResultSetResponse r) {
      out.add(r.statementId);
    } else if (response instanceof Service.ExecuteResponse r && r.results != null) {
      r.results.forEach(rs -> out.add(rs.statementId));
    }
    return out;
  }
}
