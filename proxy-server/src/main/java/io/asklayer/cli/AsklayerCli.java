package io.asklayer.cli;

import io.asklayer.engine.session.EmbeddedDriver;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The {@code asklayer} command. */
@Command(name = "asklayer", mixinStandardHelpOptions = true,
    versionProvider = AsklayerCli.Version.class,
    subcommands = {ShellCommand.class, QueryCommand.class, EvalCommand.class, ServeCommand.class,
        HashPasswordCommand.class, LoadCommand.class,
        GenerateCommand.class},
    description = "Ask in SQL: query the retail warehouse through Asklayer.",
    footer = {"", "Examples:",
        "  asklayer shell",
        "  asklayer -e \"SELECT region_name, COUNT(*) FROM stores JOIN regions USING (region_id) "
            + "GROUP BY 1\"",
        "  asklayer generate --scale 1 --seed 42 --out retail.duckdb"})
public final class AsklayerCli implements Callable<Integer> {
  @Option(names = "-e", paramLabel = "SQL", description = "Run one statement (as 'query').")
  String sql;

  @Option(names = {"-f", "--format"}, defaultValue = "table",
      description = "With -e: table or csv (default: ${DEFAULT-VALUE}).")
  String format;

  @Mixin ConnectionOptions connection;

  @Override public Integer call() {
    if (sql == null) {
      new CommandLine(this).usage(System.err);
      return 2;
    }
    return QueryCommand.run(connection, sql, format);
  }

  /** The version the build stamped into the engine. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override public String[] getVersion() {
      return new String[] {"Asklayer " + EmbeddedDriver.version()};
    }
  }

  /** Runs the command line and exits with its status. */
  public static void main(String[] args) {
    System.setProperty("org.slf4j.simpleLogger.defaultLogLevel",
        System.getProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn"));
    System.exit(execute(args));
  }

  /** Runs the command line and returns its exit status. */
  static int execute(String... args) {
    return new CommandLine(new AsklayerCli()).execute(args);
  }
}
