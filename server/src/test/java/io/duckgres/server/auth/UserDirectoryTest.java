package io.duckgres.server.auth;

import io.duckgres.pgwire.auth.ScramCredential;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.duckgres.pgwire.SqlState;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class UserDirectoryTest {
  private static Map<String, String> users() {
    Map<String, String> users = new HashMap<>();
    users.put("alice", "s3cret");
    users.put("nopass", "");
    return users;
  }

  private final UserDirectory directory = new UserDirectory(users(), new SecureRandom());

  @Test
  void credentialsArePrecomputedWithPostgresDefaults() {
    ScramCredential alice = directory.scram("alice").orElseThrow();
    assertThat(alice.iterations()).isEqualTo(4096);
    assertThat(alice.salt()).hasSize(16);
    assertThat(alice.storedKey()).hasSize(32);
    assertThat(alice.serverKey()).hasSize(32);
    assertThat(alice.toPostgresSecret()).matches("SCRAM-SHA-256\\$4096:[^$]{24}\\$[^:]{44}:.{44}");
    assertThat(alice.toString()).doesNotContain(alice.toPostgresSecret().substring(20));
    assertThat(directory.scram("bob")).isEmpty();
  }

  @Test
  void emptyConfiguredPasswordMeansNoLogin() {
    assertThat(directory.scram("nopass")).isEmpty();
    assertThat(directory.checkPassword("nopass", "")).isFalse();
  }

  @Test
  void checkPassword() {
    assertThat(directory.checkPassword("alice", "s3cret")).isTrue();
    assertThat(directory.checkPassword("alice", "s3cret ")).isFalse();
    assertThat(directory.checkPassword("alice", "")).isFalse();
    assertThat(directory.checkPassword("bob", "s3cret")).isFalse();
    assertThat(directory.checkPassword("bob", "")).isFalse();
  }

  @Test
  void requirePasswordFailsIdenticallyForWrongPasswordAndUnknownUser() {
    directory.requirePassword("alice", "s3cret");
    for (String[] attempt : new String[][] {{"alice", "nope"}, {"bob", "s3cret"}}) {
      assertThatThrownBy(() -> directory.requirePassword(attempt[0], attempt[1]))
          .isInstanceOfSatisfying(AuthenticationFailedException.class, e -> {
            assertThat(e.getMessage())
                .isEqualTo("password authentication failed for user \"" + attempt[0] + "\"");
            assertThat(e.sqlState()).isEqualTo(SqlState.INVALID_PASSWORD);
            assertThat(e.detail()).isNull(); // nothing extra reaches the client
            assertThat(e.user()).isEqualTo(attempt[0]);
          });
    }
  }

  @Test
  void unknownUserCheckCostsAsMuchAsAKnownOne() {
    // Coarse on purpose: without the mock PBKDF2 an unknown user would answer about a thousand
    // times faster; a factor of four between medians survives a busy test machine.
    long known = medianNanos(() -> directory.checkPassword("alice", "wrong"));
    long unknown = medianNanos(() -> directory.checkPassword("nobody", "wrong"));
    assertThat(unknown).isGreaterThan(known / 4);
    assertThat(known).isGreaterThan(unknown / 4);
  }

  private static long medianNanos(Runnable check) {
    long[] samples = new long[9];
    for (int i = 0; i < samples.length; i++) {
      long start = System.nanoTime();
      check.run();
      samples[i] = System.nanoTime() - start;
    }
    Arrays.sort(samples);
    return samples[samples.length / 2];
  }
}
