package io.duckgres.pgwire.auth;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;

/**
 * What the server keeps instead of a password for SCRAM-SHA-256 (RFC 5802 section 3): salt,
 * iteration count, StoredKey = H(ClientKey) and ServerKey. It is the same data PostgreSQL stores
 * in {@code pg_authid.rolpassword} as
 * {@code SCRAM-SHA-256$<iterations>:<salt>$<StoredKey>:<ServerKey>}.
 * Knowing it lets the server verify a proof but not forge one, so once derived the plaintext can be
 * dropped. Immutable; arrays are copied in and out.
 */
public final class ScramCredential {
  /** PostgreSQL's default {@code scram_iterations}. */
  public static final int DEFAULT_ITERATIONS = 4096;
  /** PostgreSQL's {@code SCRAM_DEFAULT_SALT_LEN}. */
  public static final int SALT_LENGTH = 16;
  /** How PostgreSQL's text form of the secret begins. */
  public static final String PREFIX = "SCRAM-SHA-256$";

  private final byte[] salt;
  private final int iterations;
  private final byte[] storedKey;
  private final byte[] serverKey;

  public ScramCredential(byte[] salt, int iterations, byte[] storedKey, byte[] serverKey) {
    if (iterations < 1) {
      throw new IllegalArgumentException("iterations must be positive: " + iterations);
    }
    if (salt.length == 0) {
      throw new IllegalArgumentException("salt must not be empty");
    }
    if (storedKey.length != ScramCrypto.KEY_LENGTH || serverKey.length != ScramCrypto.KEY_LENGTH) {
      throw new IllegalArgumentException("SCRAM-SHA-256 keys are 32 bytes");
    }
    this.salt = salt.clone();
    this.iterations = iterations;
    this.storedKey = storedKey.clone();
    this.serverKey = serverKey.clone();
  }

  /** A fresh credential: random 16-byte salt, 4096 iterations, as PostgreSQL's defaults. */
  public static ScramCredential fromPassword(String password, SecureRandom random) {
    byte[] salt = new byte[SALT_LENGTH];
    random.nextBytes(salt);
    return fromPassword(password, salt, DEFAULT_ITERATIONS);
  }

  /**
   * Derives the credential for a given salt and iteration count. The password goes through
   * SASLprep first (falling back to the raw password), exactly as PostgreSQL builds its secret.
   */
  public static ScramCredential fromPassword(String password, byte[] salt, int iterations) {
    Objects.requireNonNull(password, "password");
    if (password.isEmpty()) {
      // The JDK's PBKDF2 rejects an empty key; callers treat empty passwords as "no password".
      throw new IllegalArgumentException("password must not be empty");
    }
    byte[] salted = ScramCrypto.saltedPassword(SaslPrep.prepareOrRaw(password), salt, iterations);
    return fromSaltedPassword(salted, salt, iterations);
  }

  public static ScramCredential fromSaltedPassword(byte[] saltedPassword, byte[] salt, int iterations) {
    byte[] clientKey = ScramCrypto.hmac(saltedPassword, "Client Key");
    byte[] serverKey = ScramCrypto.hmac(saltedPassword, "Server Key");
    return new ScramCredential(salt, iterations, ScramCrypto.sha256(clientKey), serverKey);
  }

  /**
   * A stand-in for a user that does not exist, derived from the name and a per-server secret like
   * PostgreSQL's {@code scram_mock_salt}: the same name always gets the same salt, so repeating
   * the exchange reveals nothing, and without the secret the salt cannot be told from a real one.
   */
  public static ScramCredential mock(String user, byte[] serverSecret) {
    byte[] name = user.getBytes(StandardCharsets.UTF_8);
    byte[] saltSource = ScramCrypto.hmac(serverSecret, labelled("salt", name));
    byte[] salt = Arrays.copyOf(saltSource, SALT_LENGTH);
    return new ScramCredential(
        salt,
        DEFAULT_ITERATIONS,
        ScramCrypto.hmac(serverSecret, labelled("stored", name)),
        ScramCrypto.hmac(serverSecret, labelled("server", name)));
  }

  private static byte[] labelled(String label, byte[] name) {
    byte[] prefix = (label + '\0').getBytes(StandardCharsets.US_ASCII);
    byte[] out = Arrays.copyOf(prefix, prefix.length + name.length);
    System.arraycopy(name, 0, out, prefix.length, name.length);
    return out;
  }

  /**
   * Checks a cleartext password against this credential, as PostgreSQL's
   * {@code scram_verify_plain_password}: recompute ServerKey and compare in constant time. Costs
   * one full Hi(), the same for every password and every credential.
   */
  public boolean matchesPassword(String password) {
    // An empty password cannot be hashed by the JDK's PBKDF2; spend the same time, then refuse.
    String candidate = password.isEmpty() ? "\0" : SaslPrep.prepareOrRaw(password);
    byte[] salted = ScramCrypto.saltedPassword(candidate, salt, iterations);
    byte[] computed = ScramCrypto.hmac(salted, "Server Key");
    return ScramCrypto.constantTimeEquals(computed, serverKey) && !password.isEmpty();
  }

  public byte[] salt() {
    return salt.clone();
  }

  public int iterations() {
    return iterations;
  }

  public byte[] storedKey() {
    return storedKey.clone();
  }

  public byte[] serverKey() {
    return serverKey.clone();
  }

  // Views without copying, for the exchange's hot path; callers must not modify them.
  public byte[] saltView() {
    return salt;
  }

  public byte[] storedKeyView() {
    return storedKey;
  }

  public byte[] serverKeyView() {
    return serverKey;
  }

  /**
   * PostgreSQL's text form of the secret, as in {@code pg_authid.rolpassword}. It allows an offline
   * dictionary attack, so treat it like a password hash; {@link #toString()} does not show it.
   */
  public String toPostgresSecret() {
    Base64.Encoder b64 = Base64.getEncoder();
    return PREFIX + iterations + ":" + b64.encodeToString(salt) + "$"
        + b64.encodeToString(storedKey) + ":" + b64.encodeToString(serverKey);
  }

  /**
   * Reads PostgreSQL's text form back, as {@link #toPostgresSecret()} writes it and as
   * {@code pg_authid.rolpassword} holds it.
   *
   * @throws IllegalArgumentException when the text is not a SCRAM-SHA-256 verifier; the message
   *     never quotes the text, which is as sensitive as a password hash
   */
  public static ScramCredential parsePostgresSecret(String secret) {
    if (secret == null || !secret.startsWith(PREFIX)) {
      throw new IllegalArgumentException("not a SCRAM-SHA-256 verifier (expected "
          + PREFIX + "<iterations>:<salt>$<StoredKey>:<ServerKey>)");
    }
    String[] parts = secret.substring(PREFIX.length()).split("\\$", -1);
    if (parts.length != 2) {
      throw new IllegalArgumentException("malformed SCRAM-SHA-256 verifier: expected two '$' parts");
    }
    String[] head = parts[0].split(":", -1);
    String[] keys = parts[1].split(":", -1);
    if (head.length != 2 || keys.length != 2) {
      throw new IllegalArgumentException("malformed SCRAM-SHA-256 verifier: expected a ':' in each"
          + " part");
    }
    try {
      Base64.Decoder b64 = Base64.getDecoder();
      return new ScramCredential(b64.decode(head[1]), Integer.parseInt(head[0]),
          b64.decode(keys[0]), b64.decode(keys[1]));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("malformed SCRAM-SHA-256 verifier: " + e.getMessage());
    }
  }

  @Override
  public String toString() {
    return "ScramCredential[iterations=" + iterations + ", keys redacted]";
  }
}
