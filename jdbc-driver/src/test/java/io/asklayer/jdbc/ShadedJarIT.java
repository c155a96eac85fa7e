package io.asklayer.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.asklayer.demo.TestWarehouse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shaded jar works alone: a plain JDBC program, run by a fresh JVM with nothing but
 * {@code target/asklayer-jdbc.jar} on its class path, connects and queries; and the libraries that
 * would clash in a host application are relocated.
 */
class ShadedJarIT {
  private static final Path JAR = Paths.get("target", "asklayer-jdbc.jar").toAbsolutePath();

  private static final String PROGRAM = """
      import java.sql.*;
      public class Program {
        public static void main(String[] args) throws Exception {
          try (Connection c = DriverManager.getConnection(args[0]);
               Statement s = c.createStatement();
               ResultSet rs = s.executeQuery(args[1])) {
            System.out.println(c.getMetaData().getDatabaseProductName());
            while (rs.next()) {
              System.out.println(rs.getString(1) + "=" + rs.getString(2));
            }
          } catch (SQLException e) {
            System.out.println("SQLState " + e.getSQLState() + ": " + e.getMessage());
          }
        }
      }
      """;

  private static List<String> run(Path dir, String url, String sql) throws Exception {
    Path source = dir.resolve("Program.java");
    Files.writeString(source, PROGRAM);
    Path java = Paths.get(System.getProperty("java.home"), "bin", "java");
    Process p = new ProcessBuilder(java.toString(), "-cp", JAR.toString(), source.toString(), url,
        sql).redirectErrorStream(false).start();
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("program finished").isTrue();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.exitValue()).as("exit status; stderr:%n%s", err).isZero();
    return out.lines().toList();
  }

  @Test
  void aPlainJdbcProgramConnectsAndQueries(@TempDir Path dir) throws Exception {
    String url = "jdbc:asklayer:user=analyst;warehouse=" + TestWarehouse.url();
    List<String> out = run(dir, url, "SELECT r.region_name, COUNT(*) FROM sales_transactions s "
        + "JOIN regions r ON r.region_id = s.region_id GROUP BY 1 ORDER BY 1");
    assertThat(out.get(0)).isEqualTo("Asklayer");
    assertThat(out.subList(1, out.size())).hasSize(5)
        .extracting(l -> l.substring(0, l.indexOf('=')))
        .containsExactly("Central", "East", "North", "South", "West");
    assertThat(run(dir, url, "DELETE FROM regions")).singleElement().asString()
        .startsWith("SQLState 0AS01: Asklayer is read-only");
    assertThat(run(dir, url, "ASK 'revenue by region in 2025'")).hasSize(6);
    // The language model helper is not in the single jar, and a connection asking for it is told.
    assertThat(run(dir, url + ";llm=openai;llm_url=http://127.0.0.1:9/v1;llm_model=m",
        "SELECT 1, 2")).singleElement().asString()
        .startsWith("SQLState 0AS01: The language model helper (llm=openai) needs langchain4j");
  }

  @Test
  void clashingLibrariesAreRelocated() throws IOException {
    List<String> unrelocated = new ArrayList<>();
    try (JarFile jar = new JarFile(JAR.toFile())) {
      jar.stream().map(e -> e.getName()).filter(n -> n.endsWith(".class"))
          .filter(n -> n.startsWith("com/google/") || n.startsWith("com/fasterxml/")
              || n.startsWith("org/apache/commons/") || n.startsWith("org/yaml/")
              || n.startsWith("org/snakeyaml/"))
          .limit(5).forEach(unrelocated::add);
      assertThat(jar.getEntry("org/duckdb/DuckDBDriver.class")).as("DuckDB kept in place")
          .isNotNull();
      assertThat(jar.getEntry("io/asklayer/shaded/com/google/common/collect/ImmutableList.class"))
          .isNotNull();
      assertThat(new String(jar.getInputStream(jar.getEntry("META-INF/services/java.sql.Driver"))
          .readAllBytes(), StandardCharsets.UTF_8)).contains("io.asklayer.jdbc.Driver");
    }
    assertThat(unrelocated).isEmpty();
  }
}
