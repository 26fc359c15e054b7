package io.duckgres.server.operations;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SqlNormalizerTest {
  @Test
  void replacesConstantsKeepsIdentifiersAndParameters() {
    assertThat(SqlNormalizer.normalize(
        "SELECT t1.a, \"x'y\" FROM t1 WHERE b = E'it\\'s' AND c IN (1, 2.5e3, .5) AND d = $1"
            + " -- note 7\n AND e = $$dollar$$ || X'ff'"))
        .isEqualTo("SELECT t1.a, \"x'y\" FROM t1 WHERE b = $2 AND c IN ($3, $4, $5) AND d = $1"
            + " -- note 7\n AND e = $6 || $7");
  }

  @Test
  void findsCredentials() {
    assertThat(SqlNormalizer.hasSecrets("alter role bob with password 'x'")).isTrue();
    assertThat(SqlNormalizer.hasSecrets("CREATE PERSISTENT SECRET s (TYPE s3)")).isTrue();
    assertThat(SqlNormalizer.hasSecrets("select 'password'")).isFalse();
    assertThat(SqlNormalizer.hasSecrets("create table t (\"password\" text)")).isFalse();
  }
}
