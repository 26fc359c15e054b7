package io.duckgres.pgwire.auth;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.postgresql.shaded.com.ongres.scram.common.StringPreparation;

class SaslPrepTest {
  @Test
  void rfc4013Examples() {
    // RFC 4013 section 3.
    assertThat(SaslPrep.prepare("I\u00ADX")).isEqualTo("IX"); // SOFT HYPHEN mapped to nothing
    assertThat(SaslPrep.prepare("user")).isEqualTo("user");
    assertThat(SaslPrep.prepare("USER")).isEqualTo("USER");
    assertThat(SaslPrep.prepare("\u00AA")).isEqualTo("a"); // NFKC
    assertThat(SaslPrep.prepare("\u2168")).isEqualTo("IX"); // NFKC
    assertThat(SaslPrep.prepare("\u0627\u0031")).isNull(); // bidi rule: must end with RandALCat
  }

  @Test
  void asciiIsUnchangedControlCharactersIncludedLikePostgres() {
    assertThat(SaslPrep.prepare("\u0007bell")).isEqualTo("\u0007bell");
  }

  @Test
  void prohibitedCharactersFallBackToTheRawPassword() {
    assertThat(SaslPrep.prepare("é\u0007")).isNull();
    assertThat(SaslPrep.prepareOrRaw("é\u0007")).isEqualTo("é\u0007");
    assertThat(SaslPrep.prepare("x\uE000")).isNull(); // private use
    assertThat(SaslPrep.prepare("\u00AD")).isNull(); // empty after mapping
  }

  @Test
  void zeroWidthSpaceBecomesASpaceAsInPostgres() {
    // U+200B is in both C.1.2 and B.1; pg_saslprep tests C.1.2 first (pgJDBC's library B.1).
    assertThat(SaslPrep.prepare("ä\u200Bb")).isEqualTo("ä b");
  }

  /** Agreement with the client library pgJDBC uses, outside the U+200B corner case above. */
  @ParameterizedTest
  @ValueSource(strings = {
    "pässwörd", "I\u00ADX", "\u00AA", "\u2168", "a\u00A0b", "\uFB01x", "e\u0301", "\u05D0\u05D1",
    "\u0627\u0031", "é\u0007", "Ⅻ月", "ｆｕｌｌ"
  })
  void agreesWithPgjdbcPostgresqlPreparation(String password) {
    String theirs = new String(StringPreparation.POSTGRESQL_PREPARATION.normalize(
        password.toCharArray()));
    assertThat(SaslPrep.prepareOrRaw(password)).isEqualTo(theirs);
  }
}
