package io.asklayer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The archive builder when training cannot run: the build goes on, no archive is left (an old one
 * would no longer match the jars, a partial one could crash the JVM), and it says why. The
 * successful path runs in every {@code package} and is measured by {@code benchmarks/coldstart}.
 */
class ClassDataArchiveTest {
  @Test
  void aTrainingThatFailsLeavesNoArchiveAndSaysWhy(@TempDir Path target) throws Exception {
    Path old = Files.writeString(target.resolve(ClassDataArchive.ARCHIVE), "an older archive");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrintStream stdout = System.out;
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    try {
      // No jar holds the training class on this class path, so the training JVM exits 1.
      ClassDataArchive.main(new String[] {target.toString(), target.resolve("none.jar")
          .toString()});
    } finally {
      System.setOut(stdout);
    }
    assertThat(old).doesNotExist();
    assertThat(target.resolve(ClassDataArchive.ARCHIVE + ".tmp")).doesNotExist();
    assertThat(out.toString(StandardCharsets.UTF_8))
        .startsWith("No class-data archive: exit status 1; bin/asklayer starts without one")
        .contains(target.resolve(ClassDataArchive.ARCHIVE + ".log").toString());
  }
}
