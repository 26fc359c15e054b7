package io.duckgres.engine.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.duckgres.engine.settings.SettingCommand.Verb;
import io.duckgres.pgwire.PgException;
import io.duckgres.pgwire.SqlState;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SettingCommandTest {
  private static SettingCommand set(String name, String value) {
    return new SettingCommand(Verb.SET, name, value);
  }

  @Test
  void setReadsNameAndValueAsPostgresFlattensThem() {
    assertThat(SettingCommand.parse("SET application_name = 'MyApp'"))
        .isEqualTo(set("application_name", "MyApp"));
    // The grammar lower-cases a name given as the value, as PostgreSQL stores it.
    assertThat(SettingCommand.parse("set Application_Name to MyApp;"))
        .isEqualTo(set("application_name", "myapp"));
    assertThat(SettingCommand.parse("SET application_name = \"MyApp\""))
        .isEqualTo(set("application_name", "MyApp"));
    assertThat(SettingCommand.parse("SET \"TimeZone\" = 'Europe/Berlin'"))
        .isEqualTo(set("TimeZone", "Europe/Berlin"));
    assertThat(SettingCommand.parse("SET statement_timeout = 5000 -- comment"))
        .isEqualTo(set("statement_timeout", "5000"));
    assertThat(SettingCommand.parse("SET extra_float_digits = -3"))
        .isEqualTo(set("extra_float_digits", "-3"));
    assertThat(SettingCommand.parse("SET x.y = 1.5")).isEqualTo(set("x.y", "1.5"));
    assertThat(SettingCommand.parse("SET standard_conforming_strings = on"))
        .isEqualTo(set("standard_conforming_strings", "on"));
    assertThat(SettingCommand.parse("SET application_name = 'it''s'"))
        .isEqualTo(set("application_name", "it's"));
    assertThat(SettingCommand.parse("SET DateStyle = ISO, MDY"))
        .isEqualTo(set("datestyle", "iso, mdy"));
    assertThat(SettingCommand.parse("SET client_encoding = E'UTF\\x38'"))
        .isEqualTo(set("client_encoding", "UTF8"));
  }

  @Test
  void listParametersQuoteTheItemsThatNeedIt() {
    assertThat(SettingCommand.parse("SET search_path = a, \"B\", 'c', \"$user\""))
        .isEqualTo(set("search_path", "a, \"B\", c, \"$user\""));
    assertThat(SettingCommand.parse("SET search_path TO 'My Schema'"))
        .isEqualTo(set("search_path", "\"My Schema\""));
    assertThat(SettingCommand.parse("SET SCHEMA 'sales'")).isEqualTo(set("search_path", "sales"));
  }

  @Test
  void sessionLocalAndDefault() {
    assertThat(SettingCommand.parse("SET LOCAL statement_timeout = '1s'"))
        .isEqualTo(new SettingCommand(Verb.SET, "statement_timeout", "1s", true));
    assertThat(SettingCommand.parse("SET SESSION statement_timeout = '1s'"))
        .isEqualTo(set("statement_timeout", "1s"));
    assertThat(SettingCommand.parse("SET statement_timeout TO DEFAULT"))
        .isEqualTo(set("statement_timeout", null));
    assertThat(SettingCommand.parse("SET LOCAL search_path = DEFAULT"))
        .isEqualTo(new SettingCommand(Verb.SET, "search_path", null, true));
  }

  @Test
  void timeZoneForms() {
    assertThat(SettingCommand.parse("SET TIME ZONE 'America/New_York'"))
        .isEqualTo(set("timezone", "America/New_York"));
    assertThat(SettingCommand.parse("SET TIME ZONE \"Etc/UTC\"")).isEqualTo(set("timezone", "Etc/UTC"));
    assertThat(SettingCommand.parse("SET TIME ZONE LOCAL")).isEqualTo(set("timezone", null));
    assertThat(SettingCommand.parse("SET TIME ZONE DEFAULT")).isEqualTo(set("timezone", null));
    assertThat(SettingCommand.parse("SET TIME ZONE INTERVAL '+02:00' HOUR TO MINUTE"))
        .isEqualTo(set("timezone", "+02:00"));
    assertThat(SettingCommand.parse("SET NAMES 'UTF8'")).isEqualTo(set("client_encoding", "UTF8"));
  }

  @Test
  void resetAndShow() {
    assertThat(SettingCommand.parse("RESET search_path"))
        .isEqualTo(new SettingCommand(Verb.RESET, "search_path", null));
    assertThat(SettingCommand.parse("RESET TIME ZONE"))
        .isEqualTo(new SettingCommand(Verb.RESET, "timezone", null));
    assertThat(SettingCommand.parse("reset all;"))
        .isEqualTo(new SettingCommand(Verb.RESET_ALL, null, null));
    assertThat(SettingCommand.parse("SHOW DateStyle"))
        .isEqualTo(new SettingCommand(Verb.SHOW, "datestyle", null));
    assertThat(SettingCommand.parse("SHOW \"TimeZone\""))
        .isEqualTo(new SettingCommand(Verb.SHOW, "TimeZone", null));
    assertThat(SettingCommand.parse("SHOW TIME ZONE"))
        .isEqualTo(new SettingCommand(Verb.SHOW, "timezone", null));
    assertThat(SettingCommand.parse("show transaction isolation level"))
        .isEqualTo(new SettingCommand(Verb.SHOW, "transaction_isolation", null));
    assertThat(SettingCommand.parse("SHOW ALL"))
        .isEqualTo(new SettingCommand(Verb.SHOW_ALL, null, null));
  }

  @Test
  void transactionModes() {
    assertThat(SettingCommand.parse("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ"))
        .isEqualTo(new SettingCommand(Verb.SET_TRANSACTION, "transaction_isolation",
            "repeatable read"));
    assertThat(SettingCommand.parse("SET TRANSACTION READ ONLY"))
        .isEqualTo(new SettingCommand(Verb.SET_TRANSACTION, "transaction_isolation", null));
    assertThat(SettingCommand.parse(
        "SET SESSION CHARACTERISTICS AS TRANSACTION ISOLATION LEVEL SERIALIZABLE"))
        .isEqualTo(new SettingCommand(Verb.SET_TRANSACTION, "default_transaction_isolation",
            "serializable"));
  }

  @Test
  void formsLeftToDuckDb() {
    assertThat(SettingCommand.parse("SET GLOBAL TimeZone = 'Asia/Tokyo'")).isNull();
    assertThat(SettingCommand.parse("SET allowed_directories = ['/']")).isNull();
    assertThat(SettingCommand.parse("SET ROLE alice")).isNull();
    assertThat(SettingCommand.parse("SET SESSION AUTHORIZATION alice")).isNull();
    assertThat(SettingCommand.parse("SET search_path FROM CURRENT")).isNull();
    assertThat(SettingCommand.parse("SELECT 1")).isNull();
    assertThat(SettingCommand.parse("SET a = 1; SET b = 2")).isNull();
  }

  @Test
  void dateStyleIsCanonicalAsPostgresShowsIt() {
    SessionSettings settings = new SessionSettings("u", Map.of());
    settings.set("DateStyle", "iso");
    assertThat(settings.get("DateStyle")).isEqualTo("ISO, MDY");
    settings.set("DateStyle", "euro");
    assertThat(settings.get("DateStyle")).isEqualTo("ISO, DMY");
    settings.set("DateStyle", "sql, mdy");
    assertThat(settings.get("DateStyle")).isEqualTo("SQL, MDY");
    settings.set("DateStyle", "German");
    assertThat(settings.get("DateStyle")).isEqualTo("German, DMY");
    settings.set("DateStyle", "postgres, ymd");
    assertThat(settings.get("DateStyle")).isEqualTo("Postgres, YMD");
    assertThatThrownBy(() -> settings.set("DateStyle", "iso, sql"))
        .isInstanceOfSatisfying(PgException.class,
            e -> assertThat(e.sqlState()).isEqualTo(SqlState.INVALID_PARAMETER_VALUE));
    assertThatThrownBy(() -> settings.set("DateStyle", "nonsense"))
        .isInstanceOf(PgException.class).hasMessageContaining("DateStyle");
  }

  @Test
  void timeZoneNamesTakeTheDatabaseSpelling() {
    SessionSettings settings = new SessionSettings("u", Map.of());
    settings.set("TimeZone", "utc");
    assertThat(settings.get("TimeZone")).isEqualTo("UTC");
    settings.set("TimeZone", "america/new_york");
    assertThat(settings.get("TimeZone")).isEqualTo("America/New_York");
    settings.set("TimeZone", "+02:00");
    assertThat(settings.get("TimeZone")).isEqualTo("+02:00");
  }
}
