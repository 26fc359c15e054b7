package io.duckgres.server.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * A minimal SCRAM-SHA-256 client written straight from RFC 5802 with JDK crypto only, kept apart
 * from the server's helpers so a shared bug cannot hide. ASCII passwords only (no SASLprep); the
 * interoperability test covers real-client behaviour with pgJDBC's own SCRAM library.
 */
final class ScramTestClient {
  final String gs2Header;
  final String clientFirstBare;
  private final String password;
  private String authMessageWithoutFinal;
  private byte[] serverKey;

  ScramTestClient(char cbindFlag, String clientNonce, String password) {
    this.gs2Header = cbindFlag + ",,";
    this.clientFirstBare = "n=*,r=" + clientNonce;
    this.password = password;
  }

  String clientFirst() {
    return gs2Header + clientFirstBare;
  }

  /** The client-final-message answering {@code serverFirst}. */
  String clientFinal(String serverFirst) throws Exception {
    String[] parts = serverFirst.split(",");
    String nonce = parts[0].substring(2);
    byte[] salt = Base64.getDecoder().decode(parts[1].substring(2));
    int iterations = Integer.parseInt(parts[2].substring(2));
    byte[] salted = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
        .generateSecret(new PBEKeySpec(password.toCharArray(), salt, iterations, 256))
        .getEncoded();
    byte[] clientKey = hmac(salted, "Client Key".getBytes(StandardCharsets.UTF_8));
    serverKey = hmac(salted, "Server Key".getBytes(StandardCharsets.UTF_8));
    String cbind = Base64.getEncoder().encodeToString(gs2Header.getBytes(StandardCharsets.UTF_8));
    String withoutProof = "c=" + cbind + ",r=" + nonce;
    authMessageWithoutFinal = clientFirstBare + "," + serverFirst + "," + withoutProof;
    byte[] authMessage = authMessageWithoutFinal.getBytes(StandardCharsets.UTF_8);
    byte[] storedKey = MessageDigest.getInstance("SHA-256").digest(clientKey);
    byte[] signature = hmac(storedKey, authMessage);
    byte[] proof = new byte[clientKey.length];
    for (int i = 0; i < proof.length; i++) {
      proof[i] = (byte) (clientKey[i] ^ signature[i]);
    }
    return withoutProof + ",p=" + Base64.getEncoder().encodeToString(proof);
  }

  /** The server-final-message a genuine server must send after {@link #clientFinal}. */
  String expectedServerFinal() throws Exception {
    byte[] authMessage = authMessageWithoutFinal.getBytes(StandardCharsets.UTF_8);
    return "v=" + Base64.getEncoder().encodeToString(hmac(serverKey, authMessage));
  }

  private static byte[] hmac(byte[] key, byte[] data) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(key, "HmacSHA256"));
    return mac.doFinal(data);
  }
}
