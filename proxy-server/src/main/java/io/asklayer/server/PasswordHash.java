package io.asklayer.server;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * Password hashes in the users file: PBKDF2 with HMAC-SHA256 (the JDK's own), a random 16-byte salt
 * and {@value #ITERATIONS} iterations, written {@code pbkdf2-sha256:ITERATIONS:SALT:HASH} with
 * base64 salt and hash. Passwords are never stored or logged as text.
 */
public final class PasswordHash {
  static final int ITERATIONS = 310_000;
  private static final String PREFIX = "pbkdf2-sha256";
  private static final SecureRandom RANDOM = new SecureRandom();

  private PasswordHash() {
  }

  public static String hash(char[] password) {
    byte[] salt = new byte[16];
    RANDOM.nextBytes(salt);
    return PREFIX + ":" + ITERATIONS + ":" + Base64.getEncoder().encodeToString(salt) + ":"
        + Base64.getEncoder().encodeToString(derive(password, salt, ITERATIONS));
  }

  /** Whether {@code password} matches a stored hash; false for a hash in another form. */
  static boolean verify(String stored, char[] password) {
    String[] p = stored.split(":");
    if (p.length != 4 || !p[0].equals(PREFIX)) {
      return false;
    }
    try {
      int iterations = Integer.parseInt(p[1]);
      byte[] salt = Base64.getDecoder().decode(p[2]);
      byte[] expected = Base64.getDecoder().decode(p[3]);
      return MessageDigest.isEqual(expected, derive(password, salt, iterations));
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /** Whether a stored value has this class's form, for checking a users file when it loads. */
  static boolean wellFormed(String stored) {
    String[] p = stored.split(":");
    if (p.length != 4 || !p[0].equals(PREFIX)) {
      return false;
    }
    try {
      return Integer.parseInt(p[1]) >= 10_000 && Base64.getDecoder().decode(p[2]).length >= 8
          && Base64.getDecoder().decode(p[3]).length == 32;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private static byte[] derive(char[] password, byte[] salt, int iterations) {
    try {
      PBEKeySpec spec = new PBEKeySpec(password, salt, iterations, 256);
      return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec)
          .getEncoded();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("PBKDF2WithHmacSHA256 is not available in this JVM", e);
    }
  }
}
