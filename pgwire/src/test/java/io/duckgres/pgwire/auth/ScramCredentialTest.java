package io.duckgres.pgwire.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import org.junit.jupiter.api.Test;

class ScramCredentialTest {
  @Test
  void theVerifierTextReadsBackToTheSameCredential() {
    ScramCredential credential = ScramCredential.fromPassword("pencil", new SecureRandom());
    String text = credential.toPostgresSecret();
    ScramCredential parsed = ScramCredential.parsePostgresSecret(text);
    assertThat(parsed.iterations()).isEqualTo(4096);
    assertThat(parsed.salt()).isEqualTo(credential.salt());
    assertThat(parsed.storedKey()).isEqualTo(credential.storedKey());
    assertThat(parsed.serverKey()).isEqualTo(credential.serverKey());
    assertThat(parsed.matchesPassword("pencil")).isTrue();
    assertThat(parsed.matchesPassword("pen")).isFalse();
  }

  @Test
  void malformedVerifiersAreRefusedWithoutQuotingThem() {
    for (String bad : new String[] {null, "md5abc", "SCRAM-SHA-256$4096:c2FsdA==",
        "SCRAM-SHA-256$x:c2FsdA==$a:b", "SCRAM-SHA-256$4096:c2FsdA==$AAAA:AAAA"}) {
      assertThatThrownBy(() -> ScramCredential.parsePostgresSecret(bad))
          .as(String.valueOf(bad)).isInstanceOf(IllegalArgumentException.class)
          .satisfies(e -> {
            if (bad != null && bad.length() > 12) {
              assertThat(e.getMessage()).doesNotContain(bad);
            }
          });
    }
  }
}
