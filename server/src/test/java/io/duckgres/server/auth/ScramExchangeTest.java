package io.duckgres.server.auth;

import io.duckgres.pgwire.auth.ScramCredential;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.duckgres.pgwire.PgException;
import io.duckgres.pgwire.SqlState;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ScramExchangeTest {
  // RFC 7677 section 3, the SCRAM-SHA-256 test vector.
  private static final String RFC_CLIENT_NONCE = "rOprNGfwEbeRWgbNEkqO";
  private static final String RFC_SERVER_NONCE = "%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0";
  private static final String RFC_SALT = "W22ZaJ0SNY7soEsUEjb6gQ==";
  private static final String RFC_CLIENT_FIRST = "n,,n=user,r=" + RFC_CLIENT_NONCE;
  private static final String RFC_SERVER_FIRST =
      "r=" + RFC_CLIENT_NONCE + RFC_SERVER_NONCE + ",s=" + RFC_SALT + ",i=4096";
  private static final String RFC_CLIENT_FINAL = "c=biws,r=" + RFC_CLIENT_NONCE + RFC_SERVER_NONCE
      + ",p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=";
  private static final String RFC_SERVER_FINAL = "v=6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4=";

  private static ScramExchange rfcExchange() {
    ScramCredential credential =
        ScramCredential.fromPassword("pencil", Base64.getDecoder().decode(RFC_SALT), 4096);
    return new ScramExchange("user", credential, null, () -> RFC_SERVER_NONCE);
  }

  @Test
  void rfc7677TestVector() {
    ScramExchange exchange = rfcExchange();
    assertThat(exchange.serverFirst(RFC_CLIENT_FIRST)).isEqualTo(RFC_SERVER_FIRST);
    assertThat(exchange.serverFinal(RFC_CLIENT_FINAL)).isEqualTo(RFC_SERVER_FINAL);
  }

  @Test
  void userNameInClientFirstIsIgnoredAsInPostgres() throws Exception {
    ScramExchange exchange = rfcExchange();
    // pgJDBC sends "n=*": the server must neither reject it nor hash the startup user in its place,
    // because the proof covers client-first-message-bare exactly as sent.
    ScramTestClient client = new ScramTestClient('n', RFC_CLIENT_NONCE, "pencil");
    String serverFirst = exchange.serverFirst(client.clientFirst());
    assertThat(exchange.serverFinal(client.clientFinal(serverFirst)))
        .isEqualTo(client.expectedServerFinal());
    assertThat(exchange.user()).isEqualTo("user");
  }

  @Test
  void wrongProofFailsWithPostgresMessage() {
    ScramExchange exchange = rfcExchange();
    exchange.serverFirst(RFC_CLIENT_FIRST);
    String forged = RFC_CLIENT_FINAL.replace("p=dHzb", "p=dHzc");
    assertThatThrownBy(() -> exchange.serverFinal(forged))
        .isInstanceOfSatisfying(AuthenticationFailedException.class, e -> {
          assertThat(e.getMessage()).isEqualTo("password authentication failed for user \"user\"");
          assertThat(e.sqlState()).isEqualTo(SqlState.INVALID_PASSWORD);
          assertThat(e.severity()).isEqualTo(PgException.Severity.FATAL);
          assertThat(e.logDetail()).contains("Password does not match");
        });
  }

  @Test
  void fullExchangeWithRandomNoncesAndBothAcceptedChannelBindingFlags() throws Exception {
    UserDirectory users = new UserDirectory(Map.of("alice", "s3cret"), new SecureRandom());
    for (char flag : new char[] {'n', 'y'}) {
      ScramExchange exchange = users.newScramExchange("alice");
      ScramTestClient client = new ScramTestClient(flag, "clientNonce123", "s3cret");
      String serverFirst = exchange.serverFirst(client.clientFirst());
      String serverNonce = serverFirst.substring(2, serverFirst.indexOf(',')).substring(14);
      assertThat(Base64.getDecoder().decode(serverNonce)).hasSize(18);
      assertThat(exchange.serverFinal(client.clientFinal(serverFirst)))
          .isEqualTo(client.expectedServerFinal());
    }
  }

  @Test
  void unknownUserRunsTheSameExchangeAndFailsTheSameWay() throws Exception {
    UserDirectory users = new UserDirectory(Map.of("alice", "s3cret"), new SecureRandom());
    ScramExchange ghost = users.newScramExchange("ghost");
    ScramTestClient client = new ScramTestClient('n', "abc", "s3cret");
    String serverFirst = ghost.serverFirst(client.clientFirst());
    assertThat(serverFirst).matches("r=abc[A-Za-z0-9+/]{24},s=[A-Za-z0-9+/]{22}==,i=4096");
    String clientFinal = client.clientFinal(serverFirst);
    assertThatThrownBy(() -> ghost.serverFinal(clientFinal))
        .isInstanceOfSatisfying(AuthenticationFailedException.class, e -> {
          assertThat(e.getMessage()).isEqualTo(AuthenticationFailedException.message("ghost"));
          assertThat(e.sqlState()).isEqualTo(SqlState.INVALID_PASSWORD);
          assertThat(e.logDetail()).contains("does not exist");
        });
    // The mock salt is stable per name, so repeating the attempt reveals nothing...
    String again = users.newScramExchange("ghost").serverFirst(client.clientFirst());
    assertThat(salt(again)).isEqualTo(salt(serverFirst));
    // ...and differs between names, like real salts do.
    String other = users.newScramExchange("ghost2").serverFirst(client.clientFirst());
    assertThat(salt(other)).isNotEqualTo(salt(serverFirst));
  }

  private static String salt(String serverFirst) {
    return serverFirst.split(",")[1];
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @CsvSource(delimiter = '|', value = {
    "''                            | 08P01 | The message is empty.",
    "p=tls-server-end-point,,n=,r=abc | 08P01 | includes channel binding data",
    "x,,n=,r=abc                   | 08P01 | Unexpected channel-binding flag \"x\".",
    "n                             | 08P01 | Comma expected, but found character \"0x00\".",
    "n;,n=,r=abc                   | 08P01 | Comma expected, but found character \";\".",
    "n,a=admin,n=,r=abc            | 0A000 | authorization identity",
    "n,x,n=,r=abc                  | 08P01 | Unexpected attribute \"x\" in client-first-message.",
    "n,,m=ext,n=,r=abc             | 0A000 | unsupported SCRAM extension",
    "n,,r=abc                      | 08P01 | Expected attribute \"n\" but found \"r\".",
    "n,,n=*                        | 08P01 | Expected attribute \"r\" but found \"0x00\".",
    "n,,n=*,r                      | 08P01 | Expected character \"=\" for attribute \"r\".",
    "n,,n=*,r=                     | 08P01 | non-printable characters in SCRAM nonce",
    "n,,n=*,r=abc,1=x              | 08P01 | Attribute expected, but found invalid character",
  })
  void malformedClientFirstIsRefused(String message, String sqlState, String expected) {
    assertThatThrownBy(() -> rfcExchange().serverFirst(message))
        .isInstanceOfSatisfying(AuthenticationProtocolException.class, e -> {
          assertThat(e.sqlState().code()).isEqualTo(sqlState);
          assertThat(e.isFatal()).isTrue();
          assertThat(e.getMessage() + " " + e.detail()).contains(expected);
        });
  }

  @Test
  void controlCharactersAreRefused() {
    assertThatThrownBy(() -> rfcExchange().serverFirst("n,,n=*,r=ab\u0001c"))
        .isInstanceOf(AuthenticationProtocolException.class)
        .hasMessage("non-printable characters in SCRAM nonce");
    assertThatThrownBy(() -> rfcExchange().serverFirst("n,,n=\0,r=abc"))
        .isInstanceOfSatisfying(AuthenticationProtocolException.class,
            e -> assertThat(e.detail()).isEqualTo("Message length does not match input length."));
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @CsvSource(delimiter = '|', value = {
    "c=eSws,r=NONCE,p=PROOF        | unexpected SCRAM channel-binding attribute",
    "c=biws,r=NONCEx,p=PROOF       | Nonce does not match.",
    "c=biws,r=NONCE,p=!!!!         | Malformed proof in client-final-message.",
    "c=biws,r=NONCE,p=AAAA         | Malformed proof in client-final-message.",
    "c=biws,r=NONCE                | Attribute expected, but found invalid character \"0x00\".",
    "c=biws,r=NONCE,p=PROOF,x=1    | Garbage found at the end of client-final-message.",
    "r=NONCE,c=biws,p=PROOF        | Expected attribute \"c\" but found \"r\".",
    "''                            | The message is empty.",
  })
  void malformedClientFinalIsRefused(String template, String expected) {
    ScramExchange exchange = rfcExchange();
    exchange.serverFirst(RFC_CLIENT_FIRST);
    String message = template
        .replace("NONCE", RFC_CLIENT_NONCE + RFC_SERVER_NONCE)
        .replace("PROOF", "dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=");
    assertThatThrownBy(() -> exchange.serverFinal(message))
        .isInstanceOfSatisfying(AuthenticationProtocolException.class, e -> {
          assertThat(e.sqlState()).isEqualTo(SqlState.PROTOCOL_VIOLATION);
          assertThat(e.getMessage() + " " + e.detail()).contains(expected);
        });
  }

  @Test
  void extensionsBeforeTheProofAreIgnored() {
    ScramExchange exchange = rfcExchange();
    exchange.serverFirst(RFC_CLIENT_FIRST + ",x=ignored");
    // The extension is part of client-first-message-bare and so changes the AuthMessage: the RFC
    // proof no longer matches, but the message must parse and reach the proof check.
    String withExtension = RFC_CLIENT_FINAL.replace(",p=", ",e=x,p=");
    assertThatThrownBy(() -> exchange.serverFinal(withExtension))
        .isInstanceOf(AuthenticationFailedException.class);
  }

  @Test
  void yFlagRequiresTheMatchingChannelBindingAttribute() {
    ScramExchange exchange = rfcExchange();
    exchange.serverFirst("y,,n=*,r=" + RFC_CLIENT_NONCE);
    assertThatThrownBy(() -> exchange.serverFinal(RFC_CLIENT_FINAL)) // carries c=biws ("n,,")
        .isInstanceOf(AuthenticationProtocolException.class)
        .hasMessageContaining("channel-binding attribute");
  }

  @Test
  void mechanismOtherThanScramSha256IsRefused() {
    ScramExchange.requireMechanism("SCRAM-SHA-256");
    assertThatThrownBy(() -> ScramExchange.requireMechanism("SCRAM-SHA-256-PLUS"))
        .isInstanceOfSatisfying(AuthenticationProtocolException.class, e -> {
          assertThat(e.sqlState()).isEqualTo(SqlState.PROTOCOL_VIOLATION);
          assertThat(e.getMessage())
              .isEqualTo("client selected an invalid SASL authentication mechanism");
        });
  }

  @Test
  void stepsOutOfOrderAreProgrammingErrors() {
    assertThatThrownBy(() -> rfcExchange().serverFinal(RFC_CLIENT_FINAL))
        .isInstanceOf(IllegalStateException.class);
    ScramExchange finished = rfcExchange();
    finished.serverFirst(RFC_CLIENT_FIRST);
    finished.serverFinal(RFC_CLIENT_FINAL);
    assertThatThrownBy(() -> finished.serverFinal(RFC_CLIENT_FINAL))
        .isInstanceOf(IllegalStateException.class);
    ScramExchange failed = rfcExchange();
    assertThatThrownBy(() -> failed.serverFirst("garbage"))
        .isInstanceOf(AuthenticationProtocolException.class);
    assertThatThrownBy(() -> failed.serverFirst(RFC_CLIENT_FIRST))
        .isInstanceOf(IllegalStateException.class);
  }
}
