package io.duckgres.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SettingValuesTest {
  @ParameterizedTest
  @CsvSource({"0, 0", "250ms, 250", "30s, 30000", "5m, 300000", "1h, 3600000", "1h30m, 5400000",
      "2d, 172800000", "1m30s500ms, 90500"})
  void durationsUseGoSpelling(String text, long milliseconds) {
    assertThat(SettingValues.duration(text)).isEqualTo(Duration.ofMillis(milliseconds));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "30", "5x", "s", "1.5h", "-1s", "1h 30m", "99999999999999999999s"})
  void malformedDurationsAreRefused(String text) {
    assertThatThrownBy(() -> SettingValues.duration(text))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void durationsFormatBackToTheShortestSpelling() {
    assertThat(SettingValues.formatDuration(Duration.ZERO)).isEqualTo("0");
    assertThat(SettingValues.formatDuration(Duration.ofSeconds(30))).isEqualTo("30s");
    assertThat(SettingValues.formatDuration(Duration.ofSeconds(5430))).isEqualTo("1h30m30s");
  }

  @ParameterizedTest
  @CsvSource({"1024, 1024", "1kB, 1024", "64MB, 67108864", "64mib, 67108864", "1GB, 1073741824"})
  void messageSizesArePowersOf1024(String text, int bytes) {
    assertThat(SettingValues.messageSize(text)).isEqualTo(bytes);
    assertThat(SettingValues.messageSize(SettingValues.formatByteSize(bytes))).isEqualTo(bytes);
  }

  @ParameterizedTest
  @ValueSource(strings = {"4GB", "512MB", "1.5GiB", "100 MB", "2tb"})
  void memoryLimitsDuckDbUnderstandsAreKeptAsWritten(String text) {
    assertThat(SettingValues.memoryLimit(text)).isEqualTo(text);
  }

  @ParameterizedTest
  @CsvSource({"true, true", "YES, true", "on, true", "1, true", "false, false", "no, false",
      "off, false", "0, false"})
  void booleansAcceptTheUsualSpellings(String text, boolean value) {
    assertThat(SettingValues.bool(text)).isEqualTo(value);
  }
}
