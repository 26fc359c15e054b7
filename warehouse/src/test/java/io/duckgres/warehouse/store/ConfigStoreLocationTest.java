package io.duckgres.warehouse.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ConfigStoreLocationTest {
  @Test
  void readsTheLibpqStyleUrlWithPercentEncodedCredentials() {
    ConfigStoreLocation location =
        ConfigStoreLocation.parse("postgresql://dg%40admin:p%3Ass+w@db.internal:6543/config");
    assertThat(location.user()).isEqualTo("dg@admin");
    assertThat(location.password()).isEqualTo("p:ss+w");
    assertThat(location.host()).isEqualTo("db.internal");
    assertThat(location.port()).isEqualTo(6543);
    assertThat(location.database()).isEqualTo("config");
    assertThat(location.jdbcUrl()).isEqualTo("jdbc:postgresql://db.internal:6543/config");
    assertThat(location.toString()).doesNotContain("p:ss").contains("***");
  }

  @Test
  void defaultsThePortAndKeepsQueryParameters() {
    ConfigStoreLocation location =
        ConfigStoreLocation.parse("postgres://u:p@h/db?sslmode=require");
    assertThat(location.port()).isEqualTo(5432);
    assertThat(location.jdbcUrl("other")).isEqualTo("jdbc:postgresql://h:5432/other?sslmode=require");
  }

  @Test
  void refusesWhatIsNotAPostgresUrlWithoutQuotingThePassword() {
    assertThatThrownBy(() -> ConfigStoreLocation.parse("mysql://u:secretpw@h/db"))
        .hasMessageContaining("postgresql://USER:PASS@HOST:PORT/DB")
        .hasMessageNotContaining("secretpw");
    assertThatThrownBy(() -> ConfigStoreLocation.parse("postgresql://u:secretpw@h"))
        .hasMessageContaining("names no database").hasMessageNotContaining("secretpw");
    assertThatThrownBy(() -> ConfigStoreLocation.parse("postgresql://h/db"))
        .hasMessageContaining("names no user");
  }
}
