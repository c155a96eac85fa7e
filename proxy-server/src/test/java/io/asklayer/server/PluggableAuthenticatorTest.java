package io.asklayer.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.asklayer.demo.TestWarehouse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/** Logins checked by another {@link Authenticator} than the users file. */
class PluggableAuthenticatorTest {
  /** Accepts a principal with a one-time token, as a single sign-on service might. */
  static final class TokenAuthenticator implements Authenticator {
    @Override public Outcome login(String name, String password) {
      return name.equals("north_manager") && password.equals("token-123") ? Outcome.OK
          : Outcome.WRONG;
    }

    @Override public String source() {
      return "tokens";
    }
  }

  @Test
  void theAuthenticatorDecidesAndItsNameIsThePrincipal() throws Exception {
    try (AsklayerServer server = AsklayerServer.start(ServerOptions.defaults().withPort(0)
        .withWarehouse(TestWarehouse.url(), null, null), new TokenAuthenticator())) {
      try (Connection c = DriverManager.getConnection(server.jdbcUrl()
          + ";user=north_manager;password=token-123");
          Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("SELECT COUNT(DISTINCT region_id) FROM stores")) {
        rs.next();
        assertThat(rs.getInt(1)).isEqualTo(1);
      }
      SQLException e = catchThrowableOfType(SQLException.class, () -> DriverManager
          .getConnection(server.jdbcUrl() + ";user=north_manager;password=demo"));
      assertThat(e.getSQLState()).isEqualTo("28000");
    }
  }
}
