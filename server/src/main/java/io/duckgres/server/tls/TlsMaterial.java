package io.duckgres.server.tls;

import io.duckgres.server.ServerConfig;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.List;
import javax.net.ssl.SSLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's certificate and private key, and the Netty {@link SslContext} built from them.
 *
 * <p>With {@code cert}/{@code key} configured those files are used. Without them a self-signed
 * certificate for localhost is generated into the data directory as {@code server.crt} and
 * {@code server.key} on the first start and reused afterwards, so clients that pinned it (with
 * libpq's {@code sslrootcert}) keep working across restarts.
 *
 * <p>Both files are parsed and checked against each other here, before Netty sees them, so a bad
 * file gives a message naming it instead of a handshake failure on the first connection.
 */
public final class TlsMaterial {
  public static final String GENERATED_CERTIFICATE_FILE = "server.crt";
  public static final String GENERATED_KEY_FILE = "server.key";

  private static final Logger LOG = LoggerFactory.getLogger(TlsMaterial.class);
  private static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};

  private final Path certificateFile;
  private final Path keyFile;
  private final boolean selfSigned;
  private final List<X509Certificate> certificateChain;
  private final PrivateKey privateKey;

  private TlsMaterial(
      Path certificateFile,
      Path keyFile,
      boolean selfSigned,
      List<X509Certificate> certificateChain,
      PrivateKey privateKey) {
    this.certificateFile = certificateFile;
    this.keyFile = keyFile;
    this.selfSigned = selfSigned;
    this.certificateChain = List.copyOf(certificateChain);
    this.privateKey = privateKey;
  }

  /** Shorthand for {@code load(config).newServerContext()}. */
  public static SslContext serverContext(ServerConfig config) throws TlsMaterialException {
    return load(config).newServerContext();
  }

  /**
   * Reads the configured certificate and key, or the generated pair in the data directory
   * (generating it first when absent).
   */
  public static TlsMaterial load(ServerConfig config) throws TlsMaterialException {
    boolean selfSigned = config.certFile() == null;
    Path certificateFile = config.certFile();
    Path keyFile = config.keyFile();
    if (selfSigned) {
      certificateFile = config.dataDir().resolve(GENERATED_CERTIFICATE_FILE);
      keyFile = config.dataDir().resolve(GENERATED_KEY_FILE);
      generateUnlessPresent(config.dataDir(), certificateFile, keyFile);
    }
    List<X509Certificate> chain = PemFiles.readCertificates(certificateFile);
    PrivateKey key = PemFiles.readPrivateKey(keyFile);
    if (!belongTogether(key, chain.get(0).getPublicKey())) {
      throw new TlsMaterialException(
          "key file " + keyFile + " does not match certificate file " + certificateFile);
    }
    return new TlsMaterial(certificateFile, keyFile, selfSigned, chain, key);
  }

  public Path certificateFile() {
    return certificateFile;
  }

  public Path keyFile() {
    return keyFile;
  }

  /** True when the certificate was generated (now or on an earlier start) rather than given. */
  public boolean selfSigned() {
    return selfSigned;
  }

  /** The server's own certificate, the first of the chain. */
  public X509Certificate certificate() {
    return certificateChain.get(0);
  }

  /** SHA-256 of the certificate, colon-separated hex, for operators comparing what clients see. */
  public String fingerprint() {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(certificate().getEncoded());
      return HexFormat.ofDelimiter(":").withUpperCase().formatHex(digest);
    } catch (GeneralSecurityException unavailable) {
      return "unavailable";
    }
  }

  /**
   * A server-side context, TLS 1.2 and 1.3 only: BoringSSL when its native library loads (several
   * times faster handshakes and record encryption), else the JDK's TLS. Client certificates are
   * not requested: clients authenticate with passwords.
   */
  public SslContext newServerContext() throws TlsMaterialException {
    try {
      return SslContextBuilder.forServer(privateKey, certificateChain.toArray(X509Certificate[]::new))
          .sslProvider(OpenSsl.isAvailable() ? SslProvider.OPENSSL : SslProvider.JDK)
          .protocols(PROTOCOLS)
          .build();
    } catch (SSLException | RuntimeException refused) {
      throw new TlsMaterialException(
          "cannot use certificate file " + certificateFile + " with key file " + keyFile + ": "
              + refused.getMessage(),
          refused);
    }
  }

  /**
   * Only a missing pair is generated. A pair that exists but is broken is reported instead, since
   * silently replacing it would break every client that pinned the old certificate.
   */
  private static void generateUnlessPresent(Path dataDir, Path certificateFile, Path keyFile)
      throws TlsMaterialException {
    boolean certificateExists = Files.exists(certificateFile);
    boolean keyExists = Files.exists(keyFile);
    if (certificateExists && keyExists) {
      return;
    }
    if (certificateExists || keyExists) {
      LOG.warn(
          "{} exists without {}; generating a new self-signed pair",
          certificateExists ? certificateFile : keyFile,
          certificateExists ? keyFile : certificateFile);
    }
    try {
      Files.createDirectories(dataDir);
    } catch (IOException failure) {
      throw new TlsMaterialException(
          "cannot create data directory " + dataDir + ": " + failure.getMessage(), failure);
    }
    try {
      LocalhostCertificate.write(LocalhostCertificate.generate(), certificateFile, keyFile);
    } catch (IOException | GeneralSecurityException failure) {
      throw new TlsMaterialException(
          "cannot write self-signed certificate " + certificateFile + " and key " + keyFile + ": "
              + failure.getMessage(),
          failure);
    }
    LOG.info(
        "generated a self-signed TLS certificate for localhost: {} (clients can pin it with"
            + " sslrootcert)",
        certificateFile);
  }

  /**
   * Signs a probe with the private key and verifies it with the certificate's public key; for a
   * key type this does not know, the TLS handshake is left to find out.
   */
  private static boolean belongTogether(PrivateKey key, PublicKey publicKey) {
    String algorithm;
    switch (key.getAlgorithm()) {
      case "RSA":
        algorithm = "SHA256withRSA";
        break;
      case "EC":
        algorithm = "SHA256withECDSA";
        break;
      case "Ed25519":
      case "EdDSA":
        algorithm = "Ed25519";
        break;
      default:
        return true;
    }
    byte[] probe = "duckgres key check".getBytes(StandardCharsets.US_ASCII);
    try {
      Signature signer = Signature.getInstance(algorithm);
      signer.initSign(key);
      signer.update(probe);
      byte[] signature = signer.sign();
      Signature verifier = Signature.getInstance(algorithm);
      verifier.initVerify(publicKey);
      verifier.update(probe);
      return verifier.verify(signature);
    } catch (GeneralSecurityException mismatched) {
      return false;
    }
  }
}
