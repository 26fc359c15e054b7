package io.duckgres.pgwire.auth;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import javax.crypto.Mac;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The SCRAM-SHA-256 primitives of RFC 5802 section 2.2 (Hi, HMAC, H, XOR), all from the JDK.
 * Every algorithm used here is mandatory in every Java SE implementation, so a
 * GeneralSecurityException means a broken runtime and is rethrown unchecked.
 */
public final class ScramCrypto {
  /** Length of SHA-256 output, which is also the length of every SCRAM key and proof. */
  public static final int KEY_LENGTH = 32;

  private ScramCrypto() {}

  /**
   * Hi(password, salt, i) is PBKDF2 with HMAC-SHA-256 and a one-block output. The JDK encodes the
   * password chars as UTF-8, which is what RFC 5802 requires after SASLprep.
   */
  public static byte[] saltedPassword(String preparedPassword, byte[] salt, int iterations) {
    PBEKeySpec spec = new PBEKeySpec(preparedPassword.toCharArray(), salt, iterations, 256);
    try {
      return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("PBKDF2WithHmacSHA256 unavailable", e);
    } finally {
      spec.clearPassword();
    }
  }

  public static byte[] hmac(byte[] key, String message) {
    return hmac(key, message.getBytes(StandardCharsets.UTF_8));
  }

  public static byte[] hmac(byte[] key, byte[] message) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(message);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    }
  }

  public static byte[] sha256(byte[] data) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(data);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("SHA-256 unavailable", e);
    }
  }

  public static byte[] xor(byte[] a, byte[] b) {
    byte[] out = new byte[a.length];
    for (int i = 0; i < a.length; i++) {
      out[i] = (byte) (a[i] ^ b[i]);
    }
    return out;
  }

  /** Constant-time comparison; MessageDigest.isEqual does not exit at the first difference. */
  public static boolean constantTimeEquals(byte[] a, byte[] b) {
    return MessageDigest.isEqual(a, b);
  }
}
