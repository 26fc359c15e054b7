package io.duckgres.engine.ducklake;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConnectionStringsTest {
  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "postgres:dbname=lake password=secret host=db | postgres:dbname=lake password=*** host=db",
      "postgres:password = 'se cret' host=db | postgres:password = *** host=db",
      "postgres:password='it\\'s' host=db | postgres:password=*** host=db",
      "PASSWORD=Secret | PASSWORD=***",
      "postgresql://user:secret@db:5432/lake | postgresql://user:***@db:5432/lake",
      "postgresql://db/lake?user=u&password=secret&sslmode=disable"
          + " | postgresql://db/lake?user=u&password=***&sslmode=disable",
      "ATTACH 'ducklake:postgres:dbname=x password=pw' AS ducklake"
          + " | ATTACH 'ducklake:postgres:dbname=x password=***' AS ducklake",
      "no secrets here | no secrets here",
  })
  void masksEveryPassword(String text, String redacted) {
    assertThat(ConnectionStrings.redact(text)).isEqualTo(redacted);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "secret key ABC in the text | ABC | secret key *** in the text",
  })
  void masksGivenSecretsToo(String text, String secret, String redacted) {
    assertThat(ConnectionStrings.redact(text, secret)).isEqualTo(redacted);
  }
}
