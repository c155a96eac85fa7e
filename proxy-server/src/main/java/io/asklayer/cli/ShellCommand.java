package io.asklayer.cli;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import sqlline.SqlLine;

/** An interactive SQL shell (sqlline) connected through the driver. */
@Command(name = "shell", mixinStandardHelpOptions = true,
    versionProvider = AsklayerCli.Version.class,
    description = "Open an interactive SQL shell. End statements with ';', "
    + "quit with !quit.")
final class ShellCommand implements Callable<Integer> {
  @Mixin ConnectionOptions connection;

  @Override public Integer call() throws IOException {
    connection.prepareDemo();
    String url = connection.url();
    System.err.println("Asklayer shell, connected as " + connection.user + ". End statements "
        + "with ';'. !tables lists tables, !help shows commands, !quit exits.");
    List<String> args = List.of(
        "-d", "io.asklayer.jdbc.Driver",
        "-u", url,
        "-n", connection.user,
        "-p", "",
        "--connectInteractionMode=notAskCredentials",
        "--isolation=TRANSACTION_READ_COMMITTED",
        "--readOnly=true",
        "--outputFormat=table",
        "--maxWidth=200",
        "--showWarnings=true",
        "--silent=false");
    SqlLine.Status status = SqlLine.start(args.toArray(String[]::new), null, true);
    return status == SqlLine.Status.OK ? 0 : 1;
  }
}
