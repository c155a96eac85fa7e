package io.asklayer.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Builds the class-data archive {@code bin/asklayer} starts with, when the jars are packaged: a JVM
 * runs {@link ClassDataTraining} and writes the classes it loaded (parsed and verified) into
 * {@code asklayer.jsa} at exit ({@code -XX:ArchiveClassesAtExit}), so a new command maps them from
 * one file instead of reading and verifying them from the jars. The archive is written under a
 * temporary name and kept only if a JVM started with {@code -Xshare:on} accepts it: a partly
 * written archive can crash the JVM that maps it, and {@code bin/asklayer} must never fail because
 * of one. Any failure leaves no archive, says why in one line, and does not fail the build.
 *
 * <p>Usage: {@code ClassDataArchive TARGET-DIR CLASS-PATH}, where the class path is the one
 * {@code bin/asklayer} uses (the JVM ignores an archive made with another).
 */
final class ClassDataArchive {
  static final String ARCHIVE = "asklayer.jsa";
  private static final long TIMEOUT_SECONDS = 180;

  private ClassDataArchive() {}

  /** Trains and installs {@code TARGET-DIR/asklayer.jsa}; always exits 0. */
  public static void main(String[] args) throws Exception {
    if (args.length != 2) {
      System.err.println("Usage: ClassDataArchive TARGET-DIR CLASS-PATH");
      System.exit(2);
    }
    Path target = Path.of(args[0]).toAbsolutePath();
    Path archive = target.resolve(ARCHIVE);
    Path candidate = target.resolve(ARCHIVE + ".tmp");
    Path log = target.resolve(ARCHIVE + ".log");
    try {
      build(target, args[1], archive, candidate, log);
    } catch (IOException e) {
      // The JVM writes archives read-only, which some file systems will not replace or delete.
      System.out.println("No class-data archive: " + e + "; bin/asklayer starts without one "
          + "(slower).");
    }
  }

  private static void build(Path target, String classPath, Path archive, Path candidate, Path log)
      throws IOException, InterruptedException {
    long start = System.nanoTime();
    // The jars have just been rebuilt, so an archive from before no longer matches them.
    Files.deleteIfExists(archive);
    Files.deleteIfExists(candidate);
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String problem = run(log, false, java, "-XX:ArchiveClassesAtExit=" + candidate,
        "-cp", classPath, ClassDataTraining.class.getName(),
        target.resolve("class-data-training").toString());
    if (problem == null && !Files.isRegularFile(candidate)) {
      problem = "the training JVM wrote no archive";
    }
    if (problem == null) {
      problem = run(log, true, java, "-Xshare:on", "-XX:SharedArchiveFile=" + candidate,
          "-cp", classPath, AsklayerCli.class.getName(), "--version");
      if (problem != null) {
        problem = "a JVM refused the new archive (" + problem + ")";
      }
    }
    if (problem != null) {
      Files.deleteIfExists(candidate);
      System.out.println("No class-data archive: " + problem + "; bin/asklayer starts without "
          + "one (slower). Details: " + log);
      return;
    }
    Files.move(candidate, archive, StandardCopyOption.REPLACE_EXISTING,
        StandardCopyOption.ATOMIC_MOVE);
    System.out.println(String.format(Locale.ROOT, "Class-data archive %s: %.0f MB, built in "
        + "%.1f s", archive, Files.size(archive) / 1e6, (System.nanoTime() - start) / 1e9));
  }

  /** Runs a JVM with its output appended to {@code log}; null if it exited 0, else why not. */
  private static String run(Path log, boolean append, String... command)
      throws IOException, InterruptedException {
    List<String> c = new ArrayList<>(List.of(command));
    ProcessBuilder pb = new ProcessBuilder(c).redirectErrorStream(true);
    pb.redirectOutput(append ? ProcessBuilder.Redirect.appendTo(log.toFile())
        : ProcessBuilder.Redirect.to(log.toFile()));
    Process p = pb.start();
    if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
      p.destroyForcibly().waitFor();
      return "it ran past " + TIMEOUT_SECONDS + " s";
    }
    return p.exitValue() == 0 ? null : "exit status " + p.exitValue();
  }
}
