package io.duckgres.warehouse.store;

/**
 * A secret as the config store holds it: AES-GCM ciphertext and the context it is bound to. Only
 * {@link ConfigStore#reveal} turns it back into text; printing it shows nothing of it.
 */
public final class EncryptedSecret {
  private final byte[] ciphertext;
  private final String context;

  EncryptedSecret(byte[] ciphertext, String context) {
    this.ciphertext = ciphertext.clone();
    this.context = context;
  }

  byte[] ciphertext() {
    return ciphertext.clone();
  }

  String context() {
    return context;
  }

  /** Null in, null out: a column without a secret. */
  static EncryptedSecret ofNullable(byte[] ciphertext, String context) {
    return ciphertext == null ? null : new EncryptedSecret(ciphertext, context);
  }

  @Override
  public String toString() {
    return "***";
  }
}
