package io.asklayer.bench.tpcds;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * One of the 99 TPC-DS queries, read from {@code queries/NN.sql} of the shared TPC-DS folder. The
 * texts are test data kept outside the repository (see that folder's README), so the benchmark
 * takes the folder as an argument instead of bundling them.
 *
 * @param number 1 to 99
 * @param sql the statement, without its closing semicolon (Calcite takes one statement, bare)
 */
public record TpcdsQuery(int number, String sql) {
  private static final Pattern FILE = Pattern.compile("(\\d+)\\.sql");

  /** The queries in {@code folder/queries}, in number order. */
  public static List<TpcdsQuery> load(Path folder) throws IOException {
    Path dir = folder.resolve("queries");
    if (!Files.isDirectory(dir)) {
      throw new IOException("No TPC-DS queries folder at " + dir.toAbsolutePath().normalize()
          + ": expected queries/NN.sql there (the shared TPC-DS folder, ../shared/tpcds from the "
          + "repository root)");
    }
    List<TpcdsQuery> out = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : files.sorted().toList()) {
        Matcher m = FILE.matcher(f.getFileName().toString());
        if (m.matches()) {
          out.add(new TpcdsQuery(Integer.parseInt(m.group(1)),
              strip(Files.readString(f, StandardCharsets.UTF_8))));
        }
      }
    }
    out.sort(java.util.Comparator.comparingInt(TpcdsQuery::number));
    if (out.isEmpty()) {
      throw new IOException("No NN.sql files in " + dir.toAbsolutePath().normalize());
    }
    return out;
  }

  /** The text without surrounding blank space and trailing semicolons. */
  static String strip(String text) {
    String s = text.strip();
    while (s.endsWith(";")) {
      s = s.substring(0, s.length() - 1).stripTrailing();
    }
    return s;
  }
}
