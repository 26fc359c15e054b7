-- PostgreSQL functions DuckDB lacks, each as a macro that gives PostgreSQL's result (the
-- differential corpus, it/src/test/resources/differential, compares them with a real server).

-- Words are runs of letters and digits (any script, as PostgreSQL's UTF-8 locales count them).
CREATE OR REPLACE MACRO initcap(arg_string) AS
  array_to_string(list_transform(string_split(arg_string, ''), (x_char, x_index) ->
    CASE WHEN x_index = 1 OR NOT regexp_full_match(substr(arg_string, x_index - 1, 1), '[\p{L}\p{N}]')
      THEN upper(x_char) ELSE lower(x_char) END), '');

-- The bucket of arg_operand among arg_count equal-width buckets from arg_low to arg_high
-- (reversed when arg_low > arg_high); 0 and arg_count + 1 below and above the range.
CREATE OR REPLACE MACRO width_bucket(arg_operand, arg_low, arg_high, arg_count) AS
  CASE WHEN arg_count <= 0 THEN error('count must be greater than zero')
    WHEN arg_low = arg_high THEN error('lower bound cannot equal upper bound')
    WHEN arg_low < arg_high THEN
      CASE WHEN arg_operand < arg_low THEN 0
        WHEN arg_operand >= arg_high THEN arg_count + 1
        ELSE floor((arg_operand::DOUBLE - arg_low::DOUBLE) / (arg_high::DOUBLE - arg_low::DOUBLE)
          * arg_count)::INTEGER + 1 END
    ELSE
      CASE WHEN arg_operand > arg_low THEN 0
        WHEN arg_operand <= arg_high THEN arg_count + 1
        ELSE floor((arg_low::DOUBLE - arg_operand::DOUBLE) / (arg_low::DOUBLE - arg_high::DOUBLE)
          * arg_count)::INTEGER + 1 END
  END;

CREATE OR REPLACE MACRO array_remove(arg_array, arg_element) AS
  list_filter(arg_array, x_item -> x_item IS DISTINCT FROM arg_element);

CREATE OR REPLACE MACRO array_replace(arg_array, arg_from, arg_to) AS
  list_transform(arg_array, x_item ->
    CASE WHEN x_item IS NOT DISTINCT FROM arg_from THEN arg_to ELSE x_item END);

CREATE OR REPLACE MACRO trim_array(arg_array, arg_count) AS
  CASE WHEN arg_count < 0 OR arg_count > len(arg_array)
    THEN error('number of elements to trim must be between 0 and ' || len(arg_array))
    ELSE arg_array[1:len(arg_array) - arg_count] END;

-- One dimension only: DuckDB lists of lists are not PostgreSQL's rectangular arrays.
CREATE OR REPLACE MACRO array_fill(arg_value, arg_dimensions) AS
  CASE WHEN len(arg_dimensions) <> 1
    THEN error('array_fill supports one dimension only')
    ELSE list_transform(range(arg_dimensions[1]), x_index -> arg_value) END;

-- octet_length of text or bytea (FunctionEquivalents sends octet_length here): DuckDB's own
-- takes blobs only. typeof is decided when the call is bound, so only one branch ever runs.
CREATE OR REPLACE MACRO duckgres_octet_length(arg_value) AS
  CASE WHEN typeof(arg_value) = 'BLOB' THEN octet_length(arg_value::BLOB)
    ELSE octet_length(encode(arg_value::VARCHAR)) END::INTEGER;

-- chr (FunctionEquivalents sends chr here): PostgreSQL refuses the NUL character.
CREATE OR REPLACE MACRO duckgres_chr(arg_code) AS
  CASE WHEN arg_code = 0 THEN error('null character not permitted') ELSE chr(arg_code) END;

-- An interval divided by a number with PostgreSQL's error for a zero divisor (DuckDB answers
-- NULL). The DivisionByZero tree transform sends interval / n here: this body is read without
-- the session's integer_division, whose // has no interval form.
CREATE OR REPLACE MACRO duckgres_div(arg_dividend, arg_divisor) AS
  CASE WHEN arg_divisor = 0 THEN error('division by zero') ELSE arg_dividend / arg_divisor END;

-- jsonb operators DuckDB lacks, each reached from its operator by the JsonbOperators tree
-- transform. jsonb is stored as DuckDB's JSON.
-- j ? key: key is a key of the object, a string element of the array, or the string itself.
CREATE OR REPLACE MACRO duckgres_jsonb_exists(arg_json, arg_key) AS
  CASE json_type(arg_json::JSON)
    WHEN 'OBJECT' THEN list_contains(json_keys(arg_json::JSON), arg_key)
    WHEN 'ARRAY' THEN json_contains(arg_json::JSON, to_json(arg_key::VARCHAR))
    WHEN 'VARCHAR' THEN json_extract_string(arg_json::JSON, '$') = arg_key
    ELSE CASE WHEN arg_json IS NOT NULL THEN false END
  END;

-- j ?| keys, j ?& keys.
CREATE OR REPLACE MACRO duckgres_jsonb_exists_any(arg_json, arg_keys) AS
  list_bool_or(list_transform(arg_keys, x_key -> duckgres_jsonb_exists(arg_json, x_key)));

CREATE OR REPLACE MACRO duckgres_jsonb_exists_all(arg_json, arg_keys) AS
  list_bool_and(list_transform(arg_keys, x_key -> duckgres_jsonb_exists(arg_json, x_key)));

-- a || b: objects merge (b's keys win), anything else concatenates as arrays (a scalar is an
-- array of one).
CREATE OR REPLACE MACRO duckgres_jsonb_concat(arg_left, arg_right) AS
  CASE WHEN json_type(arg_left::JSON) = 'OBJECT' AND json_type(arg_right::JSON) = 'OBJECT'
    THEN json_merge_patch(arg_left::JSON, arg_right::JSON)
    ELSE to_json(list_concat(
      CASE WHEN json_type(arg_left::JSON) = 'ARRAY' THEN json_extract(arg_left::JSON, '$[*]')
        ELSE [arg_left::JSON] END,
      CASE WHEN json_type(arg_right::JSON) = 'ARRAY' THEN json_extract(arg_right::JSON, '$[*]')
        ELSE [arg_right::JSON] END))
  END;

-- The time part of an interval in microseconds (DuckDB keeps months, days and microseconds).
CREATE OR REPLACE MACRO duckgres_interval_micros(arg_interval) AS
  datepart('hour', arg_interval)::BIGINT * 3600000000
    + datepart('minute', arg_interval)::BIGINT * 60000000
    + datepart('microseconds', arg_interval)::BIGINT;

CREATE OR REPLACE MACRO duckgres_interval_months(arg_interval) AS
  datepart('year', arg_interval)::BIGINT * 12 + datepart('month', arg_interval)::BIGINT;

-- justify_hours: whole 24-hour periods of the time part become days.
CREATE OR REPLACE MACRO justify_hours(arg_interval) AS
  to_months(duckgres_interval_months(arg_interval))
    + to_days(datepart('day', arg_interval)::BIGINT
      + trunc(duckgres_interval_micros(arg_interval) / 86400000000)::BIGINT)
    + to_microseconds(duckgres_interval_micros(arg_interval) % 86400000000);

-- justify_days: whole 30-day periods become months.
CREATE OR REPLACE MACRO justify_days(arg_interval) AS
  to_months(duckgres_interval_months(arg_interval)
      + trunc(datepart('day', arg_interval) / 30)::BIGINT)
    + to_days(datepart('day', arg_interval)::BIGINT % 30)
    + to_microseconds(duckgres_interval_micros(arg_interval));

-- overlay(s placing r from f [for n]), reached through the PostgresFunctions tree transform.
CREATE OR REPLACE MACRO duckgres_overlay(arg_string, arg_replacement, arg_from) AS
  substr(arg_string, 1, arg_from - 1) || arg_replacement
    || substr(arg_string, arg_from + length(arg_replacement)),
  (arg_string, arg_replacement, arg_from, arg_count) AS
  substr(arg_string, 1, arg_from - 1) || arg_replacement
    || substr(arg_string, arg_from + arg_count);

-- (s1, e1) OVERLAPS (s2, e2): the periods share a moment (ends may come first; equal starts
-- overlap), reached through the PostgresFunctions tree transform.
CREATE OR REPLACE MACRO duckgres_overlaps(arg_start1, arg_end1, arg_start2, arg_end2) AS
  CASE WHEN least(arg_start1, arg_end1) = least(arg_start2, arg_end2) THEN true
    ELSE greatest(least(arg_start1, arg_end1), least(arg_start2, arg_end2))
      < least(greatest(arg_start1, arg_end1), greatest(arg_start2, arg_end2)) END;
