package io.asklayer.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.asklayer.demo.DemoWarehouse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Without a warehouse property the driver uses (and on first use, generates) the demo file. */
class DemoWarehouseTest {
  @TempDir Path home;
  private String previous;

  @BeforeEach
  void moveHome() {
    previous = System.getProperty(DemoWarehouse.HOME_PROPERTY);
    System.setProperty(DemoWarehouse.HOME_PROPERTY, home.toString());
  }

  @AfterEach
  void restoreHome() {
    if (previous == null) {
      System.clearProperty(DemoWarehouse.HOME_PROPERTY);
    } else {
      System.setProperty(DemoWarehouse.HOME_PROPERTY, previous);
    }
  }

  @Test
  void firstConnectionGeneratesTheDemoAtScaleOneTenth() throws Exception {
    Path file = home.resolve("demo").resolve("retail-s0.1-seed42.duckdb");
    assertThat(DemoWarehouse.defaultFile()).isEqualTo(file);
    assertThat(file).doesNotExist();
    try (Connection c = DriverManager.getConnection("jdbc:asklayer:user=analyst");
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM sales_transactions")) {
      rs.next();
      assertThat(rs.getLong(1)).isBetween(950_000L, 1_050_000L);
    }
    assertThat(file).exists();
    long modified = file.toFile().lastModified();
    try (Connection c = DriverManager.getConnection("jdbc:asklayer:user=analyst")) {
      assertThat(c.isValid(1)).isTrue();
    }
    assertThat(file.toFile().lastModified()).as("not generated twice").isEqualTo(modified);
    try (var files = Files.list(file.getParent())) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .as("no partial files left behind")
          .noneMatch(n -> n.endsWith(".partial") || n.endsWith(".wal"));
    }
  }
}
