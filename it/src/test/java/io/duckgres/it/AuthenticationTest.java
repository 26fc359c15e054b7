package io.duckgres.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.util.PSQLException;

/** TLS is required, SCRAM by default, failures look alike, and repeated failures get banned. */
class AuthenticationTest {
  @TempDir static Path dataDir;
  static ServerProcess server;

  @BeforeAll
  static void start() throws Exception {
    Files.writeString(dataDir.resolve("duckgres.yaml"), String.join("\n",
        "users:",
        "  postgres: postgres",
        "  alice: wonderland",
        "rate_limit:",
        "  max_failures: 3",
        "  window: 1m",
        "  ban_duration: 1m",
        ""));
    server = ServerProcess.start(dataDir, "--config", dataDir.resolve("duckgres.yaml").toString());
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
  }

  @Test
  void scramOverTlsWorksAndUsersHaveTheirOwnDatabase() throws Exception {
    try (Connection alice = server.connect("alice", "wonderland", new Properties());
        Connection postgres = server.connect()) {
      alice.createStatement().execute("create table secrets(x integer)");
      assertThatThrownBy(() -> postgres.createStatement().executeQuery("select * from secrets"))
          .isInstanceOfSatisfying(SQLException.class,
              e -> assertThat(e.getSQLState()).isEqualTo("42P01"));
      try (ResultSet rs = alice.createStatement().executeQuery("select current_user")) {
        assertThat(rs.next()).isTrue();
      }
    }
    assertThat(Files.exists(dataDir.resolve("alice.duckdb"))).isTrue();
    assertThat(Files.exists(dataDir.resolve("server.crt"))).isTrue();
  }

  @Test
  void wrongPasswordAndUnknownUserFailTheSameWay() {
    Properties fromOtherAddress = new Properties();
    // Failures from 127.0.0.2 so this test's failures don't ban 127.0.0.1 for the other tests.
    fromOtherAddress.setProperty("localSocketAddress", "127.0.0.2");
    assertThatThrownBy(() -> server.connect("alice", "nope", fromOtherAddress))
        .isInstanceOfSatisfying(PSQLException.class, e -> {
          assertThat(e.getSQLState()).isEqualTo("28P01");
          assertThat(e.getMessage())
              .contains("password authentication failed for user \"alice\"");
        });
    assertThatThrownBy(() -> server.connect("mallory", "nope", fromOtherAddress))
        .isInstanceOfSatisfying(PSQLException.class, e -> {
          assertThat(e.getSQLState()).isEqualTo("28P01");
          assertThat(e.getMessage())
              .contains("password authentication failed for user \"mallory\"");
        });
  }

  @Test
  void plaintextIsRefusedByDefault() {
    Properties plaintext = new Properties();
    plaintext.setProperty("sslmode", "disable");
    assertThatThrownBy(() -> server.connect("postgres", ServerProcess.PASSWORD, plaintext))
        .isInstanceOfSatisfying(PSQLException.class, e -> {
          assertThat(e.getSQLState()).isEqualTo("28000");
          assertThat(e.getMessage()).contains("TLS is required");
        });
  }

  @Test
  void repeatedFailuresBanTheAddress() throws Exception {
    Properties from = new Properties();
    from.setProperty("localSocketAddress", "127.0.0.3");
    for (int i = 0; i < 3; i++) {
      assertThatThrownBy(() -> server.connect("alice", "guess", from))
          .isInstanceOfSatisfying(PSQLException.class,
              e -> assertThat(e.getSQLState()).isEqualTo("28P01"));
    }
    // Even the right password is refused while banned.
    assertThatThrownBy(() -> server.connect("alice", "wonderland", from))
        .isInstanceOfSatisfying(PSQLException.class, e -> {
          assertThat(e.getSQLState()).isEqualTo("28000");
          assertThat(e.getMessage()).contains("too many failed authentication attempts");
        });
    assertThat(server.log()).contains("127.0.0.3").containsIgnoringCase("ban");
    assertThat(server.log()).doesNotContain("wonderland").doesNotContain("guess");
    // Other addresses are unaffected.
    try (Connection ok = server.connect("alice", "wonderland", new Properties())) {
      assertThat(ok.isValid(5)).isTrue();
    }
  }
}
