package io.duckgres.server.auth;

import io.duckgres.pgwire.auth.ScramCredential;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The configured users and their secrets, built once at startup. Each plaintext password from the
 * configuration is turned into a {@link ScramCredential} right away (one PBKDF2 run per user), and
 * the plaintext is not kept: both SCRAM and cleartext password checks work from the credential, as
 * PostgreSQL does with a SCRAM secret in {@code pg_authid}.
 *
 * <p>Unknown users are answered with a mock credential derived from the name and a random
 * per-process secret, so an exchange or password check for a missing user does the same work and
 * fails in the same way as a wrong password. A user configured with an empty password is treated
 * the same way (PostgreSQL, too, never accepts an empty password). Immutable and thread-safe.
 */
public final class UserDirectory {
  private static final Logger LOG = LoggerFactory.getLogger(UserDirectory.class);
  private static final int SECRET_BYTES = 32;

  private final Map<String, ScramCredential> credentials;
  private final byte[] mockSecret;
  private final Supplier<String> nonces;
  private final java.util.Set<String> superusers;

  /** Uses a fresh {@link SecureRandom} for salts, nonces and the mock secret. */
  public UserDirectory(Map<String, String> usersToPasswords) {
    this(usersToPasswords, new SecureRandom());
  }

  public UserDirectory(Map<String, String> usersToPasswords, SecureRandom random) {
    Map<String, ScramCredential> built = new HashMap<>();
    usersToPasswords.forEach(
        (user, password) -> {
          if (password == null || password.isEmpty()) {
            LOG.warn("user \"{}\" has an empty password and cannot log in", user);
          } else {
            built.put(user, ScramCredential.fromPassword(password, random));
          }
        });
    this.credentials = Map.copyOf(built);
    this.mockSecret = new byte[SECRET_BYTES];
    random.nextBytes(mockSecret);
    this.nonces = ScramExchange.randomNonces(random);
    this.superusers = java.util.Set.of();
  }

  private UserDirectory(Map<String, ScramCredential> credentials, byte[] mockSecret,
      Supplier<String> nonces, java.util.Set<String> superusers) {
    this.credentials = Map.copyOf(credentials);
    this.mockSecret = mockSecret;
    this.nonces = nonces;
    this.superusers = java.util.Set.copyOf(superusers);
  }

  /**
   * The same users, of whom {@code names} are superusers (configured {@code superuser: true}, or
   * a tenant's admins); everyone else is an ordinary user.
   */
  public UserDirectory withSuperusers(java.util.Set<String> names) {
    return new UserDirectory(credentials, mockSecret, nonces, names);
  }

  /** Whether {@code user} is a superuser here. */
  public boolean isSuperuser(String user) {
    return superusers.contains(user);
  }

  /**
   * Users whose secrets are already SCRAM verifiers in PostgreSQL's text form (a tenant's users,
   * from the config store): no plaintext is ever seen.
   *
   * @throws IllegalArgumentException when a verifier is malformed (the message names the user,
   *     never the verifier)
   */
  public static UserDirectory fromVerifiers(Map<String, String> usersToVerifiers) {
    SecureRandom random = new SecureRandom();
    byte[] mockSecret = new byte[SECRET_BYTES];
    random.nextBytes(mockSecret);
    return new UserDirectory(parse(usersToVerifiers), mockSecret,
        ScramExchange.randomNonces(random), java.util.Set.of());
  }

  /**
   * The same directory with other users (none of them a superuser until {@link #withSuperusers}),
   * keeping the secret that derives unknown users' mock
   * credentials, so a name's answers do not change when somebody else's account does.
   */
  public UserDirectory withVerifiers(Map<String, String> usersToVerifiers) {
    return new UserDirectory(parse(usersToVerifiers), mockSecret, nonces, java.util.Set.of());
  }

  private static Map<String, ScramCredential> parse(Map<String, String> usersToVerifiers) {
    Map<String, ScramCredential> parsed = new HashMap<>();
    usersToVerifiers.forEach((user, verifier) -> {
      try {
        parsed.put(user, ScramCredential.parsePostgresSecret(verifier));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("user \"" + user + "\": " + e.getMessage(), e);
      }
    });
    return parsed;
  }

  /** The SCRAM credential of a configured user with a usable password. */
  public Optional<ScramCredential> scram(String user) {
    return Optional.ofNullable(credentials.get(user));
  }

  /**
   * Starts a SCRAM-SHA-256 exchange for the startup message's user. Always succeeds: an unknown
   * user gets an exchange that runs normally and fails only at {@link ScramExchange#serverFinal}.
   */
  public ScramExchange newScramExchange(String user) {
    return newScramExchange(user, nonces);
  }

  /** As {@link #newScramExchange(String)} with a chosen server nonce, for test vectors. */
  ScramExchange newScramExchange(String user, Supplier<String> serverNonce) {
    // The mock is derived even for known users so both paths cost the same.
    ScramCredential mock = ScramCredential.mock(user, mockSecret);
    ScramCredential real = credentials.get(user);
    return real != null
        ? new ScramExchange(user, real, null, serverNonce)
        : new ScramExchange(user, mock, missingReason(user), serverNonce);
  }

  /**
   * Checks a cleartext password (AuthenticationCleartextPassword flow) in constant time: one
   * PBKDF2 run against the user's credential, or against a mock one for an unknown user, so the
   * answer takes as long whether or not the user exists.
   */
  public boolean checkPassword(String user, String password) {
    ScramCredential mock = ScramCredential.mock(user, mockSecret);
    ScramCredential real = credentials.get(user);
    boolean matches = (real != null ? real : mock).matchesPassword(password);
    return matches && real != null;
  }

  /**
   * {@link #checkPassword} that throws the standard failure instead of returning false.
   *
   * @throws AuthenticationFailedException if the password is wrong or the user unknown (28P01)
   */
  public void requirePassword(String user, String password) {
    if (!checkPassword(user, password)) {
      String reason = credentials.containsKey(user)
          ? "Password does not match for user \"" + user + "\"."
          : missingReason(user);
      throw new AuthenticationFailedException(user, reason);
    }
  }

  private static String missingReason(String user) {
    return "User \"" + user + "\" does not exist or has no password assigned.";
  }
}
