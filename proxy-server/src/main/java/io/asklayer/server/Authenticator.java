package io.asklayer.server;

import java.util.List;

/**
 * Decides whether a user name and password may log in. {@link UserStore} (a file of PBKDF2 hashes)
 * is the built-in one; another (a directory, a single sign-on service) plugs in with
 * {@code bin/asklayer serve --authenticator CLASS}, a class with a public no-argument constructor
 * on the class path. The name it accepts becomes the session's principal, so it must be a
 * principal of the model's security section.
 */
public interface Authenticator {
  /** The outcome of one login. */
  enum Outcome {
    OK, WRONG, LOCKED
  }

  Outcome login(String name, String password);

  /**
   * Checks a login coming from a client address (the peer of the HTTP connection). The server
   * calls this one; an authenticator that budgets failures per address overrides it, the others
   * ignore the address.
   */
  default Outcome login(String name, String password, String clientAddress) {
    return login(name, password);
  }

  /** Where the users come from, for the start-up line. */
  String source();

  /** Users whose password is the demo's, which keeps the server on loopback; none by default. */
  default List<String> withDemoPassword() {
    return List.of();
  }
}
