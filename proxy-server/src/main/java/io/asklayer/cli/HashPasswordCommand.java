package io.asklayer.cli;

import io.asklayer.server.PasswordHash;
import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** Prints a users-file line for a name and a password read from the terminal or stdin. */
@Command(name = "hash-password", mixinStandardHelpOptions = true,
    versionProvider = AsklayerCli.Version.class,
    description = "Print a 'name = hash' line for the server's users "
    + "file; the password is read from the terminal (or the first line of standard input).")
final class HashPasswordCommand implements Callable<Integer> {
  @Parameters(paramLabel = "NAME", description = "The user name (a principal of the model).")
  String name;

  @Override public Integer call() throws IOException {
    char[] password;
    Console console = System.console();
    if (console != null) {
      password = console.readPassword("Password for %s: ", name);
    } else {
      String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))
          .readLine();
      password = line == null ? new char[0] : line.toCharArray();
    }
    if (password == null || password.length < 8) {
      System.err.println("A password needs at least 8 characters.");
      return 2;
    }
    System.out.println(name + " = " + PasswordHash.hash(password));
    Arrays.fill(password, '\0');
    return 0;
  }
}
