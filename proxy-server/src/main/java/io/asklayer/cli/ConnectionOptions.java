package io.asklayer.cli;

import io.asklayer.demo.DemoWarehouse;
import io.asklayer.jdbc.Driver;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The connection options every command that queries shares; they become a JDBC URL. */
final class ConnectionOptions {
  @Option(names = {"-u", "--user"}, defaultValue = "analyst",
      description = "Principal to act as (default: ${DEFAULT-VALUE}).")
  String user;

  @Option(names = {"-w", "--warehouse"}, paramLabel = "FILE|URL",
      description = "DuckDB file or warehouse JDBC URL (default: the demo warehouse, generated on "
          + "first use).")
  String warehouse;

  @Option(names = {"-m", "--model"}, paramLabel = "FILE",
      description = "Semantic model YAML (default: the bundled retail demo model).")
  Path model;

  @Option(names = "--today", paramLabel = "DATE",
      description = "Reference date for relative time words, ISO (default: the model's "
          + "reference_date, else today).")
  String today;

  @Option(names = "--server", paramLabel = "URL",
      description = "Connect to an Asklayer server (bin/asklayer serve) at this address, e.g. "
          + "http://127.0.0.1:8765, instead of running the engine here.")
  String server;

  @Option(names = "--serialization", paramLabel = "FORMAT", defaultValue = "json",
      description = "With --server: json or protobuf, as the server serves (default: json).")
  String serialization;

  @Option(names = "--password", paramLabel = "PASSWORD",
      defaultValue = "${env:ASKLAYER_PASSWORD}",
      description = "With --server: the user's password (default: $ASKLAYER_PASSWORD, else asked).")
  String password;

  @Mixin SessionOptions session = new SessionOptions();

  /** The warehouse URL: a bare file path means a DuckDB file. */
  String warehouseUrl() {
    if (warehouse == null || warehouse.startsWith("jdbc:")) {
      return warehouse;
    }
    return "jdbc:duckdb:" + Path.of(warehouse).toAbsolutePath();
  }

  /** The {@code jdbc:asklayer:} URL these options describe. */
  String url() {
    if (server != null) {
      String pw = password;
      if (pw == null && System.console() != null) {
        char[] typed = System.console().readPassword("Password for %s: ", user);
        pw = typed == null ? "" : new String(typed);
      }
      return Driver.REMOTE_PREFIX + "url=" + quoted(server) + ";user=" + quoted(user)
          + ";password=" + quoted(pw == null ? "" : pw) + (today == null ? "" : ";today=" + today)
          + (serialization == null || serialization.equalsIgnoreCase("json") ? ""
              : ";serialization=" + quoted(serialization));
    }
    List<String> parts = new ArrayList<>();
    parts.add("user=" + user);
    if (warehouseUrl() != null) {
      parts.add("warehouse=" + quoted(warehouseUrl()));
    }
    if (model != null) {
      parts.add("model=" + quoted(model.toAbsolutePath().toString()));
    }
    if (today != null) {
      parts.add("today=" + today);
    }
    session.properties().forEach((k, v) -> parts.add(k + "=" + quoted(v)));
    return Driver.PREFIX + String.join(";", parts);
  }

  private static String quoted(String v) {
    return v.contains(";") || v.contains("'") ? "'" + v.replace("'", "''") + "'" : v;
  }

  /** With no warehouse given, makes sure the demo exists, showing progress if it is generated. */
  void prepareDemo() {
    if (server == null && warehouse == null && !Files.exists(DemoWarehouse.defaultFile())) {
      System.err.println("Generating the demo warehouse (scale 0.1) into "
          + DemoWarehouse.defaultFile() + " ...");
      DemoWarehouse.ensureDefault(Progress.toStderr());
    }
  }
}
