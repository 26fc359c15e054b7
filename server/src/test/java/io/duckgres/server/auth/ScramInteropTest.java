package io.duckgres.server.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.postgresql.shaded.com.ongres.scram.client.ScramClient;
import org.postgresql.shaded.com.ongres.scram.common.StringPreparation;

/**
 * Drives our server side with the SCRAM client pgJDBC itself uses: com.ongres.scram scram-client
 * 3.2, which pgJDBC 42.7.14 shades into {@code org.postgresql.shaded}. The client is configured
 * as pgJDBC's {@code ScramAuthenticator} configures it: user "*", POSTGRESQL_PREPARATION, and
 * with TLS channel-binding data while the server advertises only SCRAM-SHA-256 (flag 'y').
 */
class ScramInteropTest {
  private static final SecureRandom RANDOM = new SecureRandom();

  private static ScramClient pgjdbcClient(String password, boolean withTlsChannelBindingData) {
    ScramClient.FinalBuildStage builder = ScramClient.builder()
        .advertisedMechanisms(List.of(ScramExchange.MECHANISM))
        .username("*")
        .password(password.toCharArray());
    if (withTlsChannelBindingData) {
      byte[] certificateHash = new byte[32];
      RANDOM.nextBytes(certificateHash);
      builder = builder.channelBinding("tls-server-end-point", certificateHash);
    }
    return builder.stringPreparation(StringPreparation.POSTGRESQL_PREPARATION).build();
  }

  /** Runs the whole exchange; returns normally only if both sides accept each other. */
  private static void authenticate(ScramExchange server, ScramClient client) throws Exception {
    String serverFirst = server.serverFirst(client.clientFirstMessage().toString());
    client.serverFirstMessage(serverFirst);
    String serverFinal = server.serverFinal(client.clientFinalMessage().toString());
    client.serverFinalMessage(serverFinal); // throws if our ServerSignature were wrong
  }

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void pgjdbcClientAuthenticates(boolean overTls) throws Exception {
    UserDirectory users = new UserDirectory(Map.of("alice", "correct horse"), RANDOM);
    ScramClient client = pgjdbcClient("correct horse", overTls);
    ScramExchange server = users.newScramExchange("alice");
    String clientFirst = client.clientFirstMessage().toString(); // may be called once only
    assertThat(clientFirst).startsWith(overTls ? "y,,n=*," : "n,,n=*,");
    client.serverFirstMessage(server.serverFirst(clientFirst));
    String serverFinal = server.serverFinal(client.clientFinalMessage().toString());
    assertThat(client.serverFinalMessage(serverFinal).isError()).isFalse();
  }

  @ParameterizedTest
  @ValueSource(strings = {"pässwörd", "пароль", "密码", "I\u00ADX", "a\u00A0b", "\u2168"})
  void nonAsciiPasswordsAgreeAfterSaslPrep(String password) throws Exception {
    UserDirectory users = new UserDirectory(Map.of("bob", password), RANDOM);
    authenticate(users.newScramExchange("bob"), pgjdbcClient(password, true));
  }

  @Test
  void saslPrepEquivalentSpellingsAuthenticate() throws Exception {
    // Configured as "IX"; the client types ROMAN NUMERAL NINE, which SASLprep maps to "IX".
    UserDirectory users = new UserDirectory(Map.of("bob", "IX"), RANDOM);
    authenticate(users.newScramExchange("bob"), pgjdbcClient("\u2168", false));
  }

  @Test
  void wrongPasswordAndUnknownUserFailAlike() {
    UserDirectory users = new UserDirectory(Map.of("alice", "correct horse"), RANDOM);
    assertThatThrownBy(() -> authenticate(users.newScramExchange("alice"), pgjdbcClient("x", true)))
        .isInstanceOf(AuthenticationFailedException.class)
        .hasMessage("password authentication failed for user \"alice\"");
    ScramExchange unknown = users.newScramExchange("mallory");
    assertThatThrownBy(() -> authenticate(unknown, pgjdbcClient("x", true)))
        .isInstanceOf(AuthenticationFailedException.class)
        .hasMessage("password authentication failed for user \"mallory\"");
  }
}
