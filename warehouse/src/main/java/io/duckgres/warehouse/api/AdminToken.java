package io.duckgres.warehouse.api;

import io.duckgres.warehouse.store.OwnerOnlyFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bearer token of the provisioning API, read from a file. When the file does not exist, a
 * random token is written there (mode 0600) and the file's path is logged, never the token, so
 * an operator reads it with {@code cat}. Compared in constant time.
 */
public final class AdminToken {
  private static final Logger LOG = LoggerFactory.getLogger(AdminToken.class);

  private final byte[] token;

  private AdminToken(String token) {
    this.token = token.getBytes(StandardCharsets.UTF_8);
  }

  /** Reads the token in {@code file}, creating the file with a fresh token when missing. */
  public static AdminToken loadOrCreate(Path file) {
    try {
      OwnerOnlyFile.Content content = OwnerOnlyFile.readOrCreate(file, () -> {
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
      });
      if (content.text().isEmpty()) {
        throw new IllegalStateException("the admin token file " + file + " is empty");
      }
      LOG.info(content.created() ? "wrote a new admin API token to {} (mode 0600)"
          : "admin API token read from {}", file.toAbsolutePath());
      return new AdminToken(content.text());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read or create the admin token file " + file, e);
    }
  }

  /** Whether an {@code Authorization} header value carries this token. */
  boolean accepts(String authorization) {
    if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return false;
    }
    byte[] offered = authorization.substring(7).strip().getBytes(StandardCharsets.UTF_8);
    return MessageDigest.isEqual(offered, token);
  }

  @Override
  public String toString() {
    return "AdminToken[redacted]";
  }
}
