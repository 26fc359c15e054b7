package io.duckgres.pgwire;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Checks {@link SqlState} against Appendix A of the PostgreSQL documentation ("PostgreSQL Error
 * Codes"), copied here by hand as condition name → code. Clients branch on these codes, so a typo
 * in one is a client-visible bug that no other test would catch.
 */
class SqlStateTest {
  /** Appendix A, the conditions the server uses. */
  private static final Map<String, String> APPENDIX_A = Map.ofEntries(
      Map.entry("successful_completion", "00000"),
      Map.entry("warning", "01000"),
      Map.entry("connection_exception", "08000"),
      Map.entry("connection_failure", "08006"),
      Map.entry("protocol_violation", "08P01"),
      Map.entry("feature_not_supported", "0A000"),
      Map.entry("cardinality_violation", "21000"),
      Map.entry("data_exception", "22000"),
      Map.entry("invalid_row_count_in_limit_clause", "2201W"),
      Map.entry("invalid_row_count_in_result_offset_clause", "2201X"),
      Map.entry("string_data_right_truncation", "22001"),
      Map.entry("numeric_value_out_of_range", "22003"),
      Map.entry("null_value_not_allowed", "22004"),
      Map.entry("invalid_datetime_format", "22007"),
      Map.entry("datetime_field_overflow", "22008"),
      Map.entry("invalid_time_zone_displacement_value", "22009"),
      Map.entry("division_by_zero", "22012"),
      Map.entry("character_not_in_repertoire", "22021"),
      Map.entry("invalid_parameter_value", "22023"),
      Map.entry("invalid_escape_sequence", "22025"),
      Map.entry("invalid_text_representation", "22P02"),
      Map.entry("invalid_binary_representation", "22P03"),
      Map.entry("bad_copy_file_format", "22P04"),
      Map.entry("untranslatable_character", "22P05"),
      Map.entry("sequence_generator_limit_exceeded", "2200H"),
      Map.entry("integrity_constraint_violation", "23000"),
      Map.entry("not_null_violation", "23502"),
      Map.entry("foreign_key_violation", "23503"),
      Map.entry("unique_violation", "23505"),
      Map.entry("check_violation", "23514"),
      Map.entry("invalid_cursor_state", "24000"),
      Map.entry("invalid_transaction_state", "25000"),
      Map.entry("active_sql_transaction", "25001"),
      Map.entry("read_only_sql_transaction", "25006"),
      Map.entry("no_active_sql_transaction", "25P01"),
      Map.entry("in_failed_sql_transaction", "25P02"),
      Map.entry("invalid_sql_statement_name", "26000"),
      Map.entry("invalid_authorization_specification", "28000"),
      Map.entry("invalid_password", "28P01"),
      Map.entry("dependent_objects_still_exist", "2BP01"),
      Map.entry("invalid_savepoint_specification", "3B001"),
      Map.entry("invalid_cursor_name", "34000"),
      Map.entry("invalid_catalog_name", "3D000"),
      Map.entry("invalid_schema_name", "3F000"),
      Map.entry("serialization_failure", "40001"),
      Map.entry("deadlock_detected", "40P01"),
      Map.entry("syntax_error_or_access_rule_violation", "42000"),
      Map.entry("insufficient_privilege", "42501"),
      Map.entry("syntax_error", "42601"),
      Map.entry("duplicate_column", "42701"),
      Map.entry("ambiguous_column", "42702"),
      Map.entry("undefined_column", "42703"),
      Map.entry("undefined_object", "42704"),
      Map.entry("duplicate_object", "42710"),
      Map.entry("duplicate_function", "42723"),
      Map.entry("ambiguous_function", "42725"),
      Map.entry("grouping_error", "42803"),
      Map.entry("datatype_mismatch", "42804"),
      Map.entry("wrong_object_type", "42809"),
      Map.entry("cannot_coerce", "42846"),
      Map.entry("undefined_function", "42883"),
      Map.entry("undefined_table", "42P01"),
      Map.entry("undefined_parameter", "42P02"),
      Map.entry("duplicate_cursor", "42P03"),
      Map.entry("duplicate_database", "42P04"),
      Map.entry("duplicate_prepared_statement", "42P05"),
      Map.entry("duplicate_schema", "42P06"),
      Map.entry("duplicate_table", "42P07"),
      Map.entry("invalid_column_reference", "42P10"),
      Map.entry("invalid_table_definition", "42P16"),
      Map.entry("indeterminate_datatype", "42P18"),
      Map.entry("insufficient_resources", "53000"),
      Map.entry("disk_full", "53100"),
      Map.entry("out_of_memory", "53200"),
      Map.entry("too_many_connections", "53300"),
      Map.entry("configuration_limit_exceeded", "53400"),
      Map.entry("program_limit_exceeded", "54000"),
      Map.entry("object_not_in_prerequisite_state", "55000"),
      Map.entry("cant_change_runtime_param", "55P02"),
      Map.entry("lock_not_available", "55P03"),
      Map.entry("operator_intervention", "57000"),
      Map.entry("query_canceled", "57014"),
      Map.entry("admin_shutdown", "57P01"),
      Map.entry("cannot_connect_now", "57P03"),
      Map.entry("idle_session_timeout", "57P05"),
      Map.entry("system_error", "58000"),
      Map.entry("io_error", "58030"),
      Map.entry("undefined_file", "58P01"),
      Map.entry("internal_error", "XX000"));

  /** Our names that differ from Appendix A's, for the error PostgreSQL raises under that code. */
  private static final Map<String, String> ALIASES = Map.of(
      "UNDEFINED_DATABASE", "invalid_catalog_name", // "database ... does not exist"
      "UNDEFINED_SCHEMA", "invalid_schema_name"); // "schema ... does not exist"

  @Test
  void everyCodeMatchesAppendixA() {
    for (SqlState state : SqlState.values()) {
      String condition = ALIASES.getOrDefault(state.name(), state.name().toLowerCase(Locale.ROOT));
      assertThat(APPENDIX_A).as("Appendix A condition for %s", state).containsKey(condition);
      assertThat(state.code()).as(state.name()).isEqualTo(APPENDIX_A.get(condition));
    }
  }

  @Test
  void codesAreFiveCharactersOfDigitsAndUppercaseLetters() {
    for (SqlState state : SqlState.values()) {
      assertThat(state.code()).as(state.name()).matches("[0-9A-Z]{5}");
    }
  }

  @Test
  void codesAreUnique() {
    Map<String, Long> counts = Arrays.stream(SqlState.values())
        .collect(Collectors.groupingBy(SqlState::code, Collectors.counting()));
    assertThat(counts).allSatisfy((code, count) -> assertThat(count).as(code).isEqualTo(1L));
  }
}
