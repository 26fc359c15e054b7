package io.duckgres.server.tls;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;

/**
 * Reads and writes PEM certificates and private keys, with errors that name the file.
 *
 * <p>Keys are read with BouncyCastle rather than Netty so that the three spellings OpenSSL
 * produces all work: PKCS#8 ({@code BEGIN PRIVATE KEY}), PKCS#1 RSA ({@code BEGIN RSA PRIVATE
 * KEY}) and SEC1 EC ({@code BEGIN EC PRIVATE KEY}). Keys are written as unencrypted PKCS#8.
 */
final class PemFiles {
  private static final String CERTIFICATE_TYPE = "CERTIFICATE";
  private static final String PRIVATE_KEY_TYPE = "PRIVATE KEY";
  private static final byte[] LINE_SEPARATOR = {'\n'};
  private static final int PEM_LINE_LENGTH = 64;

  private PemFiles() {}

  /** The certificate chain in file order: the server's own certificate first. */
  static List<X509Certificate> readCertificates(Path file) throws TlsMaterialException {
    List<X509Certificate> chain = new ArrayList<>();
    JcaX509CertificateConverter converter = new JcaX509CertificateConverter();
    try (PEMParser parser = open(file, "certificate")) {
      for (Object item = parser.readObject(); item != null; item = parser.readObject()) {
        if (item instanceof X509CertificateHolder) {
          chain.add(converter.getCertificate((X509CertificateHolder) item));
        }
      }
    } catch (IOException | CertificateException | RuntimeException malformed) {
      throw new TlsMaterialException(
          "invalid certificate file " + file + ": " + reason(malformed), malformed);
    }
    if (chain.isEmpty()) {
      throw new TlsMaterialException(
          "invalid certificate file " + file
              + ": no PEM certificate in it (expected -----BEGIN CERTIFICATE-----)");
    }
    return chain;
  }

  static PrivateKey readPrivateKey(Path file) throws TlsMaterialException {
    JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
    try (PEMParser parser = open(file, "key")) {
      for (Object item = parser.readObject(); item != null; item = parser.readObject()) {
        if (item instanceof PrivateKeyInfo) {
          return converter.getPrivateKey((PrivateKeyInfo) item);
        }
        if (item instanceof PEMKeyPair) {
          return converter.getKeyPair((PEMKeyPair) item).getPrivate();
        }
        if (item instanceof PKCS8EncryptedPrivateKeyInfo || item instanceof PEMEncryptedKeyPair) {
          throw new TlsMaterialException(
              "invalid key file " + file
                  + ": the private key is encrypted; give an unencrypted PEM key");
        }
        // Anything else (EC PARAMETERS written by `openssl ecparam`, a certificate in a combined
        // file) is not the key; keep looking.
      }
    } catch (IOException | RuntimeException malformed) {
      throw new TlsMaterialException("invalid key file " + file + ": " + reason(malformed),
          malformed);
    }
    throw new TlsMaterialException(
        "invalid key file " + file
            + ": no PEM private key in it (expected -----BEGIN PRIVATE KEY-----)");
  }

  private static PEMParser open(Path file, String what) throws TlsMaterialException {
    try {
      Reader reader = Files.newBufferedReader(file, StandardCharsets.US_ASCII);
      return new PEMParser(reader);
    } catch (NoSuchFileException missing) {
      throw new TlsMaterialException("cannot read " + what + " file " + file + ": file not found");
    } catch (AccessDeniedException denied) {
      throw new TlsMaterialException(
          "cannot read " + what + " file " + file + ": permission denied");
    } catch (IOException unreadable) {
      throw new TlsMaterialException(
          "cannot read " + what + " file " + file + ": " + reason(unreadable), unreadable);
    }
  }

  static void writeCertificate(Path file, X509Certificate certificate)
      throws IOException, CertificateException {
    write(file, pem(CERTIFICATE_TYPE, certificate.getEncoded()), "rw-r--r--");
  }

  /** The key file is 0600 from the moment it exists: it is created as a private temp file. */
  static void writePrivateKey(Path file, PrivateKey key) throws IOException {
    // getEncoded() of a JDK private key is its PKCS#8 PrivateKeyInfo.
    write(file, pem(PRIVATE_KEY_TYPE, key.getEncoded()), "rw-------");
  }

  private static String pem(String type, byte[] der) {
    String body = Base64.getMimeEncoder(PEM_LINE_LENGTH, LINE_SEPARATOR).encodeToString(der);
    return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
  }

  /** Written beside the target and renamed, so a crash never leaves half a file behind. */
  private static void write(Path file, String content, String permissions) throws IOException {
    Path directory = file.toAbsolutePath().getParent();
    Path temporary = Files.createTempFile(directory, "." + file.getFileName(), ".tmp");
    try {
      Files.writeString(temporary, content, StandardCharsets.US_ASCII);
      if (Files.getFileAttributeView(temporary, PosixFileAttributeView.class) != null) {
        Files.setPosixFilePermissions(temporary, PosixFilePermissions.fromString(permissions));
      }
      try {
        Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE,
            StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException notAtomic) {
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(temporary);
    }
  }

  private static String reason(Exception failure) {
    String message = failure.getMessage();
    if (message == null || message.isBlank()) {
      return failure.getClass().getSimpleName();
    }
    return message.strip().lines().findFirst().orElse(message);
  }
}
