package io.asklayer.server;

import java.lang.reflect.Field;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.SQLException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.calcite.avatica.Meta;
import org.apache.calcite.avatica.NoSuchConnectionException;
import org.apache.calcite.avatica.remote.AvaticaRuntimeException;
import org.apache.calcite.avatica.remote.Service;

/**
 * Avatica's service with two guards in front: a request naming a connection (directly, or through
 * a statement) is served only for the principal that opened it, which also marks the connection as
 * used; and a failure reaches the client as the engine's message and SQLState rather than a chain of
 * wrapped exceptions.
 */
final class GuardedService implements InvocationHandler {
  private static final Map<Class<?>, Field[]> FIELDS = new ConcurrentHashMap<>();

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
    if (method.getName().equals("apply") && args != null && args.length == 1
        && args[0] instanceof Service.Request request) {
      String id = connectionId(request);
      if (id != null && !(request instanceof Service.OpenConnectionRequest)) {
        String owner = registry.owner(id);
        if (owner != null && !owner.equals(CallContext.principal())) {
          metrics.refusals.incrementAndGet();
          throw Errors.refusal("Connection " + id + " was opened by another user; a client "
              + "may use only the connections it opened.", "28000");
        }
        registry.touch(id);
      }
    }
    try {
      return method.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw translate(e.getCause());
    }
  }

  private RuntimeException translate(Throwable t) {
    if (t instanceof AvaticaRuntimeException a) {
      (a.getSqlState() != null && a.getSqlState().startsWith("XX") ? metrics.errors
          : metrics.refusals).incrementAndGet();
      return a;
    }
    if (t instanceof NoSuchConnectionException n) {
      metrics.refusals.incrementAndGet();
      return n;
    }
    SQLException s = Errors.sqlException(t);
    if (s != null) {
      String state = s.getSQLState() == null ? "XX000" : s.getSQLState();
      (state.startsWith("XX") ? metrics.errors : metrics.refusals).incrementAndGet();
      return Errors.refusal(s.getMessage(), state);
    }
    metrics.errors.incrementAndGet();
    return t instanceof RuntimeException r ? r : new RuntimeException(t);
  }

  /** The connection a request is about: its connectionId, or its statement's. */
  static String connectionId(Object request) {
    for (Field f : FIELDS.computeIfAbsent(request.getClass(), GuardedService::fields)) {
      try {
        Object v = f.get(request);
        if (v instanceof String s) {
          return s;
        }
        if (v instanceof Meta.StatementHandle h) {
          return h.connectionId;
        }
      } catch (IllegalAccessException e) {
        throw new IllegalStateException(e);
      }
    }
    return null;
  }

  private static Field[] fields(Class<?> type) {
    java.util.List<Field> out = new java.util.ArrayList<>();
    for (String name : new String[] {"connectionId", "statementHandle"}) {
      try {
        out.add(type.getField(name));
      } catch (NoSuchFieldException absent) {
        // this kind of request has no such field
      }
    }
    return out.toArray(new Field[0]);
  }
}
