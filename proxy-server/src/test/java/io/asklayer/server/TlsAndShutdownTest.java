package io.asklayer.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.asklayer.demo.TestWarehouse;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * HTTPS from a keystore (a client that trusts the certificate connects; one that does not is
 * refused), and stopping: sessions close, and clients are told the server is gone.
 */
class TlsAndShutdownTest {
  private static void keytool(String... args) throws Exception {
    List<String> cmd = new java.util.ArrayList<>();
    cmd.add(Paths.get(System.getProperty("java.home"), "bin", "keytool").toString());
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(out).isZero();
  }

  @Test
  void servesHttpsToClientsThatTrustItsCertificate(@TempDir Path dir) throws Exception {
    Path keystore = dir.resolve("server.p12");
    Path cert = dir.resolve("server.crt");
    Path truststore = dir.resolve("trust.p12");
    keytool("-genkeypair", "-alias", "asklayer", "-keyalg", "RSA", "-keysize", "2048",
        "-validity", "2", "-dname", "CN=127.0.0.1", "-ext", "SAN=ip:127.0.0.1",
        "-keystore", keystore.toString(), "-storetype", "PKCS12", "-storepass", "changeit-1",
        "-keypass", "changeit-1");
    keytool("-exportcert", "-alias", "asklayer", "-keystore", keystore.toString(),
        "-storepass", "changeit-1", "-file", cert.toString());
    keytool("-importcert", "-noprompt", "-alias", "asklayer", "-file", cert.toString(),
        "-keystore", truststore.toString(), "-storetype", "PKCS12", "-storepass", "trust-it-1");
    try (AsklayerServer server = AsklayerServer.start(ServerOptions.defaults().withPort(0)
        .withWarehouse(TestWarehouse.url(), null, null).withTls(keystore, "changeit-1"),
        UserStore.demo(Clock.systemUTC()))) {
      assertThat(server.jdbcUrl()).startsWith("jdbc:asklayer:remote:url=https://");
      try (Connection c = DriverManager.getConnection(server.jdbcUrl() + ";user=analyst;"
          + "password=demo;truststore=" + truststore + ";truststore_password=trust-it-1");
          Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM regions")) {
        rs.next();
        assertThat(rs.getInt(1)).isEqualTo(5);
      }
      Throwable untrusted = catchThrowable(() -> DriverManager.getConnection(server.jdbcUrl()
          + ";user=analyst;password=demo").close());
      assertThat(untrusted).as("a client that does not trust the certificate").isNotNull();
    }
  }

  @Test
  void stoppingClosesEverySessionAndClientsAreTold() throws Exception {
    AsklayerServer server = AsklayerServer.start(ServerOptions.defaults().withPort(0)
        .withWarehouse(TestWarehouse.url(), null, null), UserStore.demo(Clock.systemUTC()));
    Connection c = DriverManager.getConnection(server.jdbcUrl() + ";user=analyst;password=demo");
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT 1")) {
      rs.next();
    }
    assertThat(server.connections()).isEqualTo(1);
    server.close();
    assertThat(server.connections()).isZero();
    Throwable gone = catchThrowable(() -> {
      try (Statement s = c.createStatement()) {
        s.executeQuery("SELECT 1").close();
      }
    });
    assertThat(gone).isInstanceOf(java.sql.SQLException.class);
  }
}
