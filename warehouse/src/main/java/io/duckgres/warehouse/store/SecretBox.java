package io.duckgres.warehouse.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Set;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts the secrets a worker needs (an external metadata store's password, S3 keys) before they
 * reach the config store, with AES-256-GCM and a key kept in a file outside the database, so a
 * dump of the database alone reveals none of them.
 *
 * <p>A sealed value is {@code 0x01 | 12-byte nonce | ciphertext | 16-byte tag}. The associated
 * data names the org and the field, so a ciphertext copied into another org's row or another
 * column does not decrypt. The key file holds 32 random bytes in Base64 and is created on first
 * use with mode 0600; an existing key file that others can read is refused.
 */
public final class SecretBox {
  private static final byte VERSION = 1;
  private static final int NONCE_LENGTH = 12;
  private static final int TAG_BITS = 128;
  private static final int KEY_LENGTH = 32;

  private final SecretKey key;
  private final SecureRandom random = new SecureRandom();

  SecretBox(byte[] key) {
    if (key.length != KEY_LENGTH) {
      throw new IllegalArgumentException("the secrets key must be 32 bytes, not " + key.length);
    }
    this.key = new SecretKeySpec(key.clone(), "AES");
  }

  /**
   * The box whose key is in {@code keyFile}, creating the file (mode 0600) with a fresh random key
   * when it does not exist.
   *
   * @throws IllegalStateException when the file is readable by others or does not hold a key
   */
  public static SecretBox fromKeyFile(Path keyFile) {
    try {
      OwnerOnlyFile.Content content = OwnerOnlyFile.readOrCreate(keyFile, () -> {
        byte[] fresh = new byte[KEY_LENGTH];
        new SecureRandom().nextBytes(fresh);
        return Base64.getEncoder().encodeToString(fresh);
      });
      if (!content.created()) {
        requireOwnerOnly(keyFile);
      }
      return new SecretBox(decodeKey(keyFile, content.text()));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read or create the secrets key file " + keyFile, e);
    }
  }

  private static void requireOwnerOnly(Path keyFile) throws IOException {
    Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(keyFile);
    for (PosixFilePermission permission : permissions) {
      if (!OwnerOnlyFile.OWNER_ONLY.contains(permission)
          && permission != PosixFilePermission.OWNER_EXECUTE) {
        throw new IllegalStateException("the secrets key file " + keyFile + " has mode "
            + PosixFilePermissions.toString(permissions) + "; make it readable by its owner only"
            + " (chmod 600)");
      }
    }
  }

  private static byte[] decodeKey(Path keyFile, String text) {
    try {
      byte[] key = Base64.getDecoder().decode(text);
      if (key.length != KEY_LENGTH) {
        throw new IllegalStateException("the secrets key file " + keyFile
            + " does not hold a 32-byte Base64 key");
      }
      return key;
    } catch (IllegalArgumentException notBase64) {
      throw new IllegalStateException("the secrets key file " + keyFile
          + " does not hold a Base64 key", notBase64);
    }
  }

  /** Encrypts {@code plaintext}, bound to {@code context} (for example {@code acme/s3_secret}). */
  public byte[] seal(String plaintext, String context) {
    byte[] nonce = new byte[NONCE_LENGTH];
    random.nextBytes(nonce);
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
      cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
      byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
      byte[] out = new byte[1 + NONCE_LENGTH + sealed.length];
      out[0] = VERSION;
      System.arraycopy(nonce, 0, out, 1, NONCE_LENGTH);
      System.arraycopy(sealed, 0, out, 1 + NONCE_LENGTH, sealed.length);
      return out;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM unavailable", e);
    }
  }

  /**
   * Decrypts what {@link #seal} wrote for the same {@code context}.
   *
   * @throws IllegalStateException when the value was sealed with another key or for another
   *     context, or was altered
   */
  public String open(byte[] sealed, String context) {
    if (sealed.length < 1 + NONCE_LENGTH + TAG_BITS / 8 || sealed[0] != VERSION) {
      throw new IllegalStateException("secret " + context + " is not a sealed value");
    }
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.DECRYPT_MODE, key,
          new GCMParameterSpec(TAG_BITS, sealed, 1, NONCE_LENGTH));
      cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
      byte[] plain = cipher.doFinal(sealed, 1 + NONCE_LENGTH, sealed.length - 1 - NONCE_LENGTH);
      return new String(plain, StandardCharsets.UTF_8);
    } catch (javax.crypto.AEADBadTagException wrongKey) {
      throw new IllegalStateException("secret " + context + " does not decrypt with this secrets"
          + " key: the key file differs from the one it was stored with", wrongKey);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM unavailable", e);
    }
  }

  @Override
  public String toString() {
    return "SecretBox[key redacted]";
  }
}
