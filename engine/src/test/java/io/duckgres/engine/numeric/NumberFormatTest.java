package io.duckgres.engine.numeric;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Expected texts are PostgreSQL 18's to_char results. */
class NumberFormatTest {
  @Test
  void digitPositionsSignAndPoint() {
    assertThat(NumberFormat.format("1234.5", "9999.99")).isEqualTo(" 1234.50");
    assertThat(NumberFormat.format("-12", "999")).isEqualTo(" -12");
    assertThat(NumberFormat.format("5", "000")).isEqualTo(" 005");
    assertThat(NumberFormat.format("0.5", "0.99")).isEqualTo(" 0.50");
    assertThat(NumberFormat.format("42", "S999")).isEqualTo(" +42");
  }

  @Test
  void groupSeparatorsAndFillMode() {
    assertThat(NumberFormat.format("1234567.891", "9,999,999.99")).isEqualTo(" 1,234,567.89");
    assertThat(NumberFormat.format("12345", "99,999")).isEqualTo(" 12,345");
    assertThat(NumberFormat.format("1234.5", "FM9999.99")).isEqualTo("1234.5");
    assertThat(NumberFormat.format("3.14159", "FM990.00")).isEqualTo("3.14");
  }

  @Test
  void tooManyDigitsAreHashes() {
    assertThat(NumberFormat.format("12345", "999")).isEqualTo(" ###");
  }

  @Test
  void dateTemplatesAreNotNumberTemplates() {
    assertThat(NumberFormat.understands("YYYY-MM")).isFalse();
    assertThat(NumberFormat.understands("HH24:MI")).isFalse();
    assertThat(NumberFormat.understands("9.9.9")).isFalse();
    assertThat(NumberFormat.understands("FM9,999D99")).isTrue();
  }
}
