package io.asklayer.engine.warehouse;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The warehouse statements open on each thread, so that a client's {@code Statement.cancel()}
 * stops the warehouse query its statement is waiting for, not only Asklayer's planning: the code
 * Calcite generates makes its warehouse statements itself and keeps no handle a cancel could use.
 * Every connection a warehouse data source lends is wrapped here; a statement it makes is
 * recorded against the thread that made it until it is closed.
 */
public final class RunningQueries {
  private static final ConcurrentMap<Thread, Set<Statement>> OPEN = new ConcurrentHashMap<>();

  private RunningQueries() {
  }

  /** Cancels the warehouse statements {@code thread} has open; returns how many. */
  public static int cancel(Thread thread) {
    Set<Statement> open = OPEN.get(thread);
    int n = 0;
    if (open != null) {
      for (Statement s : open.toArray(new Statement[0])) {
        try {
          s.cancel();
          n++;
        } catch (SQLException | RuntimeException e) {
          // Closed meanwhile: nothing left to stop.
        }
      }
    }
    return n;
  }

  /** The warehouse statements open on {@code thread}, for tests. */
  static int open(Thread thread) {
    Set<Statement> open = OPEN.get(thread);
    return open == null ? 0 : open.size();
  }

  /** A connection whose statements are recorded while open. */
  static Connection track(Connection connection) {
    return (Connection) Proxy.newProxyInstance(RunningQueries.class.getClassLoader(),
        new Class<?>[] {Connection.class}, new Tracked(connection));
  }

  private static void forget(Thread thread, Statement s) {
    OPEN.computeIfPresent(thread, (t, set) -> {
      set.remove(s);
      return set.isEmpty() ? null : set;
    });
  }

  private record Tracked(Connection target) implements InvocationHandler {
    @Override public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
      Object result;
      try {
        result = method.invoke(target, args);
      } catch (InvocationTargetException e) {
        throw e.getCause();
      }
      if (result instanceof Statement s && (method.getName().equals("createStatement")
          || method.getName().startsWith("prepare"))) {
        Thread t = Thread.currentThread();
        OPEN.computeIfAbsent(t, k -> ConcurrentHashMap.newKeySet()).add(s);
        return Proxy.newProxyInstance(RunningQueries.class.getClassLoader(),
            new Class<?>[] {method.getReturnType()}, (p, m, a) -> {
              if (m.getName().equals("close")) {
                forget(t, s);
              } else if (m.getName().equals("getConnection")) {
                return proxy;
              }
              try {
                return m.invoke(s, a);
              } catch (InvocationTargetException e) {
                throw e.getCause();
              }
            });
      }
      return result;
    }
  }
}
