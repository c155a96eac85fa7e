package io.asklayer.engine;

import io.asklayer.engine.testing.TestEngine;
import java.sql.*;
import org.apache.calcite.runtime.Hook;
import org.junit.jupiter.api.Test;

class Explore {
  @Test void explore() throws Exception {
    try (Connection c = TestEngine.connect("analyst")) {
      for (String q : System.getProperty("q").split("@@")) {
        System.out.println("=== " + q);
        try (Statement s = c.createStatement()) {
          if (q.startsWith("SELECT") || q.startsWith("EXPLAIN")) try (ResultSet rs = s.executeQuery(q.startsWith("EXPLAIN") ? q : "EXPLAIN PLAN FOR " + q)) { while (rs.next()) System.out.println(rs.getString(1)); }
          try (AutoCloseable h = Hook.QUERY_PLAN.addThread((Object sql) -> System.out.println("SQL> " + sql));
               ResultSet rs = s.executeQuery(q)) {
            int n = rs.getMetaData().getColumnCount(); int rows = 0;
            StringBuilder hd = new StringBuilder(); for (int i=1;i<=n;i++) hd.append(i>1?" | ":"").append(rs.getMetaData().getColumnLabel(i)).append(":").append(rs.getMetaData().getColumnTypeName(i)); System.out.println(hd);
            while (rs.next() && rows++ < 8) { StringBuilder b = new StringBuilder(); for (int i=1;i<=n;i++) b.append(i>1?" | ":"").append(rs.getString(i)); System.out.println(b); }
          }
        } catch (Exception e) { System.out.println("ERR " + e); for (Throwable t = e.getCause(); t != null; t = t.getCause()) System.out.println("  caused by " + t); }
      }
    }
  }
}
