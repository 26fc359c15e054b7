package io.duckgres.warehouse.api;

import io.duckgres.pgwire.auth.ScramCredential;
import java.security.SecureRandom;
import java.util.Base64;

/** Generated passwords and the SCRAM verifiers that are stored instead of any password. */
final class Passwords {
  private static final SecureRandom RANDOM = new SecureRandom();

  private Passwords() {}

  /** 24 random bytes as 32 URL-safe characters: easy to paste into a connection string. */
  static String generate() {
    byte[] bytes = new byte[24];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /** PostgreSQL's {@code SCRAM-SHA-256$...} text for {@code password}. */
  static String verifier(String password) {
    return ScramCredential.fromPassword(password, RANDOM).toPostgresSecret();
  }
}
