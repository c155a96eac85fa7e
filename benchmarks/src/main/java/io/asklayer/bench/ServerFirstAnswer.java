package io.asklayer.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The server half of {@code benchmarks/coldstart}: how long a new {@code bin/asklayer serve} takes
 * from its process start to the answer of its first statement through the remote driver, the wait a
 * BI tool sees after a restart. The server is started as its own process (so its JVM is as cold as
 * a real one); this program stays up across runs, so from the second run on its own client classes
 * are loaded and the figure is the server's.
 *
 * <p>Usage: {@code ServerFirstAnswer ASKLAYER-COMMAND WAREHOUSE RUNS SQL [SERVE-OPTION...]}; prints
 * one line per run: milliseconds to listening, to the first answer, and the row count.
 */
public final class ServerFirstAnswer {
  private static final Pattern ADDRESS = Pattern.compile("--server (http://[^ ]+)");

  private ServerFirstAnswer() {}

  /** Starts the server {@code args[2]} times, timing each to its first answer. */
  public static void main(String[] args) throws Exception {
    if (args.length < 4) {
      System.err.println("Usage: ServerFirstAnswer ASKLAYER-COMMAND WAREHOUSE RUNS SQL "
          + "[SERVE-OPTION...]");
      System.exit(2);
    }
    int runs = Integer.parseInt(args[2]);
    List<String> command = new ArrayList<>(List.of(args[0], "serve", "--port", "0",
        "--warehouse", args[1]));
    command.addAll(List.of(args).subList(4, args.length));
    for (int i = 0; i < runs; i++) {
      System.out.println(once(command, args[3]));
    }
  }

  private static String once(List<String> command, String sql) throws Exception {
    long start = System.nanoTime();
    Process server = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .start();
    try {
      BufferedReader err = new BufferedReader(new InputStreamReader(server.getErrorStream(),
          StandardCharsets.UTF_8));
      String address = address(err);
      long listening = System.nanoTime();
      Thread drain = new Thread(() -> drain(err), "server-stderr");
      drain.setDaemon(true);
      drain.start();
      long rows = 0;
      try (Connection c = DriverManager.getConnection("jdbc:asklayer:remote:url=" + address,
          "analyst", "demo");
          Statement s = c.createStatement();
          ResultSet rs = s.executeQuery(sql)) {
        int n = rs.getMetaData().getColumnCount();
        while (rs.next()) {
          for (int j = 1; j <= n; j++) {
            rs.getObject(j);
          }
          rows++;
        }
      }
      long answered = System.nanoTime();
      return String.format(java.util.Locale.ROOT, "listening %d ms, first answer %d ms, %d rows",
          TimeUnit.NANOSECONDS.toMillis(listening - start),
          TimeUnit.NANOSECONDS.toMillis(answered - start), rows);
    } finally {
      server.destroy();
      if (!server.waitFor(30, TimeUnit.SECONDS)) {
        server.destroyForcibly().waitFor();
      }
    }
  }

  /** Reads the server's stderr up to the line that gives its address. */
  private static String address(BufferedReader err) throws IOException, SQLException {
    StringBuilder seen = new StringBuilder();
    for (String line; (line = err.readLine()) != null; ) {
      seen.append(line).append('\n');
      Matcher m = ADDRESS.matcher(line);
      if (m.find()) {
        return m.group(1);
      }
    }
    throw new SQLException("The server stopped before listening; it printed:\n" + seen);
  }

  private static void drain(BufferedReader err) {
    try {
      while (err.readLine() != null) {
        // The server's later messages (a stop notice) are not part of the measurement.
      }
    } catch (IOException e) {
      // The process ended.
    }
  }
}
