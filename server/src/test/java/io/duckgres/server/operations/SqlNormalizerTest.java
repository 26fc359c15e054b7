package io.duckgres.server.operations;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SqlNormalizerTest {
  private static final String CONSTANTS =
      "SELECT t1.a, \"x'y\" FROM t1 WHERE b = E'it\\'s' AND c IN (1, 2.5e3, .5) AND d = $1"
          + " -- note 7\n AND e = $$dollar$$ || X'ff' || U&'d\\0061t'";

  @Test
  void replacesConstantsKeepsIdentifiersAndParameters() {
    String expected = "SELECT t1.a, \"x'y\" FROM t1 WHERE b = $2 AND c IN ($3, $4, $5) AND d = $1"
        + " -- note 7\n AND e = $6 || $7 || $8";
    assertThat(SqlNormalizer.normalize(CONSTANTS)).isEqualTo(expected);
    assertThat(SqlNormalizer.redact(CONSTANTS)).isEqualTo(expected);
  }

  @Test
  void normalizesAsPgStatStatementsDoes() {
    // A negative number is one constant; type modifiers are not values.
    assertThat(SqlNormalizer.normalize("select -1, 'a'::varchar(10) from t limit 5"))
        .isEqualTo("select $1, $2::varchar(10) from t limit $3");
    assertThat(SqlNormalizer.normalize("alter role bob with password 'x'"))
        .isEqualTo("alter role bob with password $1");
    assertThat(SqlNormalizer.normalize("select 'äö', 2 ; select 3"))
        .isEqualTo("select $1, $2 ; select $3");
  }

  @Test
  void duckDbsOwnStatementsAreNormalizedByTheirTokens() {
    assertThat(SqlNormalizer.normalize("from t where x = 1 and y = 'a'"))
        .isEqualTo("from t where x = $1 and y = $2");
    assertThat(SqlNormalizer.normalize("CREATE SECRET s (TYPE s3, KEY_ID 'k', SECRET 'x')"))
        .isEqualTo("CREATE SECRET s (TYPE s3, KEY_ID $1, SECRET $2)");
  }

  @Test
  void redactionLeavesNoConstantOfAnyStatement() {
    assertThat(SqlNormalizer.redact("create table t as select 'ssn 123' as a, 42 as b"))
        .isEqualTo("create table t as select $1 as a, $2 as b");
    assertThat(SqlNormalizer.redact("copy t from '/x/y.csv'")).isEqualTo("copy t from $1");
    assertThat(SqlNormalizer.redact("select 1, 'unterminated")).isEqualTo("select $1, $2");
  }

  @Test
  void findsCredentials() {
    assertThat(SqlNormalizer.hasSecrets("alter role bob with password 'x'")).isTrue();
    assertThat(SqlNormalizer.hasSecrets("create user mapping for bob server s"
        + " options (user 'bob', password 'pw')")).isTrue();
    assertThat(SqlNormalizer.hasSecrets("CREATE PERSISTENT SECRET s (TYPE s3)")).isTrue();
    assertThat(SqlNormalizer.hasSecrets("select 'password'")).isFalse();
    assertThat(SqlNormalizer.hasSecrets("create table t (\"password\" text)")).isFalse();
    assertThat(SqlNormalizer.hasSecrets("create view v as select secret from t")).isFalse();
  }
}
