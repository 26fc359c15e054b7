package io.duckgres.server.tls;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Creates the self-signed certificate used when no {@code --cert} is configured, so TLS works out
 * of the box. It names localhost (CN and subjectAltName DNS:localhost, IP:127.0.0.1, IP:::1) so a
 * client on the same machine can use {@code sslmode=verify-full} with {@code sslrootcert} pointing
 * at the written {@code server.crt}.
 *
 * <p>An ECDSA P-256 key: every client library in use (libpq, pgJDBC, psycopg, asyncpg,
 * node-postgres, pgx, tokio-postgres) accepts it, and its handshake costs the server a fraction of
 * an RSA-2048 signature. A certificate the operator gives (--cert/--key) may be of any type.
 */
final class LocalhostCertificate {
  private static final String SUBJECT = "CN=localhost";
  private static final String CURVE = "secp256r1";
  private static final int VALIDITY_YEARS = 10;
  /** Back-dated so a client whose clock runs slightly behind still accepts a new certificate. */
  private static final Duration CLOCK_SKEW_ALLOWANCE = Duration.ofDays(1);
  private static final int SERIAL_NUMBER_BITS = 127;

  private LocalhostCertificate() {}

  /** A new key pair and its certificate; nothing is written. */
  static GeneratedCertificate generate() throws GeneralSecurityException {
    SecureRandom random = new SecureRandom();
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new java.security.spec.ECGenParameterSpec(CURVE), random);
    KeyPair keyPair = generator.generateKeyPair();

    Instant now = Instant.now();
    Date notBefore = Date.from(now.minus(CLOCK_SKEW_ALLOWANCE));
    Date notAfter = Date.from(now.atOffset(ZoneOffset.UTC).plusYears(VALIDITY_YEARS).toInstant());
    // Positive and unpredictable, as RFC 5280 and the CA/Browser rules ask of serial numbers.
    BigInteger serialNumber = new BigInteger(SERIAL_NUMBER_BITS, random).add(BigInteger.ONE);
    X500Name subject = new X500Name(SUBJECT);

    try {
      X509v3CertificateBuilder builder =
          new JcaX509v3CertificateBuilder(
              subject, serialNumber, notBefore, notAfter, subject, keyPair.getPublic());
      addExtensions(builder, keyPair);
      X509Certificate certificate =
          new JcaX509CertificateConverter()
              .getCertificate(
                  builder.build(
                      new JcaContentSignerBuilder("SHA256withECDSA").build(keyPair.getPrivate())));
      return new GeneratedCertificate(certificate, keyPair.getPrivate());
    } catch (CertIOException | OperatorCreationException failure) {
      throw new GeneralSecurityException("cannot build the self-signed certificate", failure);
    }
  }

  private static void addExtensions(X509v3CertificateBuilder builder, KeyPair keyPair)
      throws CertIOException, GeneralSecurityException {
    GeneralNames alternativeNames =
        new GeneralNames(
            new GeneralName[] {
              new GeneralName(GeneralName.dNSName, "localhost"),
              new GeneralName(GeneralName.iPAddress, "127.0.0.1"),
              new GeneralName(GeneralName.iPAddress, "::1"),
            });
    builder.addExtension(Extension.subjectAlternativeName, false, alternativeNames);
    builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
    builder.addExtension(
        Extension.keyUsage,
        true,
        new KeyUsage(KeyUsage.digitalSignature));
    builder.addExtension(
        Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
    builder.addExtension(
        Extension.subjectKeyIdentifier,
        false,
        new JcaX509ExtensionUtils().createSubjectKeyIdentifier(keyPair.getPublic()));
  }

  /** A freshly generated certificate and the key it certifies. */
  record GeneratedCertificate(X509Certificate certificate, PrivateKey privateKey) {}

  /** Writes the key first: a certificate on disk without its key is never left behind. */
  static void write(GeneratedCertificate generated, Path certificateFile, Path keyFile)
      throws IOException, GeneralSecurityException {
    PemFiles.writePrivateKey(keyFile, generated.privateKey());
    PemFiles.writeCertificate(certificateFile, generated.certificate());
  }
}
