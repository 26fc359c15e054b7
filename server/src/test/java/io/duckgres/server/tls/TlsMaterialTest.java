package io.duckgres.server.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.duckgres.server.ServerConfig;
import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLException;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TlsMaterialTest {
  @TempDir Path temporary;

  @Test
  void generatesSelfSignedPairInDataDirectoryOnFirstUse() throws Exception {
    Path dataDir = temporary.resolve("data");

    TlsMaterial material = TlsMaterial.load(configWithDataDir(dataDir));

    Path certificateFile = dataDir.resolve(TlsMaterial.GENERATED_CERTIFICATE_FILE);
    Path keyFile = dataDir.resolve(TlsMaterial.GENERATED_KEY_FILE);
    assertThat(material.selfSigned()).isTrue();
    assertThat(material.certificateFile()).isEqualTo(certificateFile);
    assertThat(Files.readString(certificateFile)).startsWith("-----BEGIN CERTIFICATE-----\n");
    assertThat(Files.readString(keyFile)).startsWith("-----BEGIN PRIVATE KEY-----\n");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile)))
        .isEqualTo("rw-------");
    assertThat(dataDir).isDirectoryNotContaining("glob:**.tmp");
  }

  @Test
  void generatedCertificateNamesLocalhostForTenYears() throws Exception {
    X509Certificate certificate =
        TlsMaterial.load(configWithDataDir(temporary)).certificate();

    assertThat(certificate.getSubjectX500Principal().getName()).isEqualTo("CN=localhost");
    assertThat(certificate.getSubjectAlternativeNames())
        .extracting(name -> (Object) name.get(1))
        .contains("localhost", "127.0.0.1");
    // ECDSA P-256: a cheaper handshake than RSA-2048, accepted by every client in use.
    assertThat(certificate.getPublicKey().getAlgorithm()).isEqualTo("EC");
    assertThat(((java.security.interfaces.ECPublicKey) certificate.getPublicKey()).getParams()
        .getCurve().getField().getFieldSize()).isEqualTo(256);
    assertThat(certificate.getSigAlgName()).isEqualTo("SHA256withECDSA");
    assertThat(certificate.getNotAfter().toInstant())
        .isAfter(Instant.now().plus(Duration.ofDays(3650)));
  }

  @Test
  void laterStartsReuseTheGeneratedPair() throws Exception {
    ServerConfig config = configWithDataDir(temporary);
    TlsMaterial first = TlsMaterial.load(config);
    byte[] certificateBytes = Files.readAllBytes(first.certificateFile());
    byte[] keyBytes = Files.readAllBytes(first.keyFile());

    TlsMaterial second = TlsMaterial.load(config);

    assertThat(Files.readAllBytes(second.certificateFile())).isEqualTo(certificateBytes);
    assertThat(Files.readAllBytes(second.keyFile())).isEqualTo(keyBytes);
    assertThat(second.fingerprint()).isEqualTo(first.fingerprint());
  }

  @Test
  void regeneratesWhenOnlyHalfOfThePairIsLeft() throws Exception {
    ServerConfig config = configWithDataDir(temporary);
    TlsMaterial first = TlsMaterial.load(config);
    Files.delete(first.keyFile());

    TlsMaterial second = TlsMaterial.load(config);

    assertThat(second.fingerprint()).isNotEqualTo(first.fingerprint());
  }

  @Test
  void clientTrustingServerCrtCompletesHandshakeWithHostnameVerification() throws Exception {
    SslContext server = TlsMaterial.serverContext(configWithDataDir(temporary));
    Path certificateFile = temporary.resolve(TlsMaterial.GENERATED_CERTIFICATE_FILE);

    for (String host : List.of("localhost", "127.0.0.1")) {
      SSLEngine client = verifyingClient(certificateFile).newEngine(ByteBufAllocator.DEFAULT, host, 5432);
      SSLEngine serverEngine = server.newEngine(ByteBufAllocator.DEFAULT);
      handshake(client, serverEngine);
      assertThat(client.getSession().getProtocol()).isIn("TLSv1.3", "TLSv1.2");
    }
  }

  @Test
  void clientVerifyingAnotherHostNameRefusesTheGeneratedCertificate() throws Exception {
    SslContext server = TlsMaterial.serverContext(configWithDataDir(temporary));
    Path certificateFile = temporary.resolve(TlsMaterial.GENERATED_CERTIFICATE_FILE);
    SSLEngine client =
        verifyingClient(certificateFile).newEngine(ByteBufAllocator.DEFAULT, "db.example.com", 5432);

    assertThatThrownBy(() -> handshake(client, server.newEngine(ByteBufAllocator.DEFAULT)))
        .isInstanceOf(SSLException.class);
  }

  @Test
  void configuredFilesAreUsedAndNothingIsGenerated() throws Exception {
    TlsMaterial generated = TlsMaterial.load(configWithDataDir(temporary.resolve("elsewhere")));
    Path dataDir = temporary.resolve("data");

    TlsMaterial configured =
        TlsMaterial.load(config(dataDir, generated.certificateFile(), generated.keyFile()));

    assertThat(configured.selfSigned()).isFalse();
    assertThat(configured.fingerprint()).isEqualTo(generated.fingerprint());
    assertThat(configured.newServerContext().isServer()).isTrue();
    assertThat(dataDir).doesNotExist();
  }

  @Test
  void traditionalRsaKeyFormatIsAccepted() throws Exception {
    // An operator's RSA certificate with its key in PKCS#1 form ("RSA PRIVATE KEY").
    java.security.KeyPairGenerator rsa = java.security.KeyPairGenerator.getInstance("RSA");
    rsa.initialize(2048);
    KeyPair rsaPair = rsa.generateKeyPair();
    org.bouncycastle.asn1.x500.X500Name name =
        new org.bouncycastle.asn1.x500.X500Name("CN=localhost");
    X509Certificate rsaCertificate = new org.bouncycastle.cert.jcajce.JcaX509CertificateConverter()
        .getCertificate(new org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder(name,
            java.math.BigInteger.TEN, java.util.Date.from(Instant.now().minusSeconds(60)),
            java.util.Date.from(Instant.now().plus(Duration.ofDays(1))), name,
            rsaPair.getPublic()).build(new org.bouncycastle.operator.jcajce
            .JcaContentSignerBuilder("SHA256withRSA").build(rsaPair.getPrivate())));
    Path rsaCertificateFile = temporary.resolve("rsa.crt");
    PemFiles.writeCertificate(rsaCertificateFile, rsaCertificate);
    Path rsaKeyFile = temporary.resolve("rsa.key");
    String rsaPem = traditionalPem(rsaPair);
    assertThat(rsaPem).startsWith("-----BEGIN RSA PRIVATE KEY-----");
    Files.writeString(rsaKeyFile, rsaPem);

    TlsMaterial configured =
        TlsMaterial.load(config(temporary, rsaCertificateFile, rsaKeyFile));

    assertThat(configured.certificate().getPublicKey().getAlgorithm()).isEqualTo("RSA");
    assertThat(configured.newServerContext()).isNotNull();
  }

  /** A KeyPair as OpenSSL's traditional (PKCS#1 / SEC1) PEM. */
  private static String traditionalPem(KeyPair pair) throws Exception {
    StringWriter pem = new StringWriter();
    try (JcaPEMWriter writer = new JcaPEMWriter(pem)) {
      writer.writeObject(pair);
    }
    return pem.toString();
  }

  @Test
  void invalidCertificateFileIsNamed() throws Exception {
    TlsMaterial generated = TlsMaterial.load(configWithDataDir(temporary.resolve("generated")));
    Path certificateFile = temporary.resolve("broken.crt");
    Files.writeString(certificateFile, "-----BEGIN CERTIFICATE-----\nnot base64!\n-----END CERTIFICATE-----\n");

    assertThatThrownBy(
            () -> TlsMaterial.load(config(temporary, certificateFile, generated.keyFile())))
        .isInstanceOf(TlsMaterialException.class)
        .hasMessageContaining(certificateFile.toString());
  }

  @Test
  void fileWithoutAnyCertificateIsNamed() throws Exception {
    TlsMaterial generated = TlsMaterial.load(configWithDataDir(temporary.resolve("generated")));
    Path certificateFile = temporary.resolve("empty.crt");
    Files.writeString(certificateFile, "hello\n");

    assertThatThrownBy(
            () -> TlsMaterial.load(config(temporary, certificateFile, generated.keyFile())))
        .isInstanceOf(TlsMaterialException.class)
        .hasMessage(
            "invalid certificate file " + certificateFile
                + ": no PEM certificate in it (expected -----BEGIN CERTIFICATE-----)");
  }

  @Test
  void invalidKeyFileIsNamed() throws Exception {
    TlsMaterial generated = TlsMaterial.load(configWithDataDir(temporary.resolve("generated")));
    Path keyFile = temporary.resolve("broken.key");
    Files.writeString(keyFile, "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n");

    assertThatThrownBy(
            () -> TlsMaterial.load(config(temporary, generated.certificateFile(), keyFile)))
        .isInstanceOf(TlsMaterialException.class)
        .hasMessageStartingWith("invalid key file " + keyFile);
  }

  @Test
  void missingFileIsNamed() throws Exception {
    TlsMaterial generated = TlsMaterial.load(configWithDataDir(temporary.resolve("generated")));
    Path keyFile = temporary.resolve("absent.key");

    assertThatThrownBy(
            () -> TlsMaterial.load(config(temporary, generated.certificateFile(), keyFile)))
        .isInstanceOf(TlsMaterialException.class)
        .hasMessage("cannot read key file " + keyFile + ": file not found");
  }

  @Test
  void keyOfAnotherCertificateIsRefusedNamingBothFiles() throws Exception {
    TlsMaterial first = TlsMaterial.load(configWithDataDir(temporary.resolve("first")));
    TlsMaterial second = TlsMaterial.load(configWithDataDir(temporary.resolve("second")));

    assertThatThrownBy(
            () -> TlsMaterial.load(config(temporary, first.certificateFile(), second.keyFile())))
        .isInstanceOf(TlsMaterialException.class)
        .hasMessage(
            "key file " + second.keyFile() + " does not match certificate file "
                + first.certificateFile());
  }

  private static SslContext verifyingClient(Path trustedCertificate) throws SSLException {
    return SslContextBuilder.forClient()
        .sslProvider(SslProvider.JDK)
        .trustManager(trustedCertificate.toFile())
        .endpointIdentificationAlgorithm("HTTPS")
        .build();
  }

  /** Drives two engines against each other in memory until both finish the handshake. */
  private static void handshake(SSLEngine client, SSLEngine server) throws SSLException {
    ByteBuffer clientToServer = ByteBuffer.allocate(1 << 17);
    ByteBuffer serverToClient = ByteBuffer.allocate(1 << 17);
    ByteBuffer clientApplication = ByteBuffer.allocate(1 << 17);
    ByteBuffer serverApplication = ByteBuffer.allocate(1 << 17);
    ByteBuffer nothing = ByteBuffer.allocate(0);
    client.beginHandshake();
    server.beginHandshake();
    for (int round = 0; round < 100; round++) {
      if (finished(client) && finished(server)) {
        return;
      }
      client.wrap(nothing, clientToServer);
      runDelegatedTasks(client);
      server.wrap(nothing, serverToClient);
      runDelegatedTasks(server);
      clientToServer.flip();
      serverToClient.flip();
      client.unwrap(serverToClient, clientApplication);
      runDelegatedTasks(client);
      server.unwrap(clientToServer, serverApplication);
      runDelegatedTasks(server);
      clientToServer.compact();
      serverToClient.compact();
    }
    throw new AssertionError("handshake did not finish");
  }

  private static boolean finished(SSLEngine engine) {
    HandshakeStatus status = engine.getHandshakeStatus();
    return status == HandshakeStatus.NOT_HANDSHAKING || status == HandshakeStatus.FINISHED;
  }

  private static void runDelegatedTasks(SSLEngine engine) {
    for (Runnable task = engine.getDelegatedTask(); task != null; task = engine.getDelegatedTask()) {
      task.run();
    }
  }

  private static ServerConfig configWithDataDir(Path dataDir) {
    return config(dataDir, null, null);
  }

  private static ServerConfig config(Path dataDir, Path certificateFile, Path keyFile) {
    ServerConfig defaults = ServerConfig.defaults();
    return new ServerConfig(
        defaults.host(), defaults.port(), dataDir, certificateFile, keyFile,
        defaults.allowPlaintext(), defaults.authMethod(), defaults.users(),
        defaults.idleTimeout(), defaults.memoryLimit(), defaults.threads(), defaults.rateLimit(),
        defaults.maxMessageSize(), defaults.shutdownTimeout());
  }
}
