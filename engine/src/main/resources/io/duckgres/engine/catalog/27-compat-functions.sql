-- PostgreSQL's json and jsonb text forms, view definitions and functions DuckDB lacks, over the
-- Java functions of JsonFunctions (duckgres_*_text, duckgres_to_char_number), registered before
-- this script runs.
-- jsonb is stored as DuckDB's JSON; these give it jsonb's text where PostgreSQL would.

-- jsonb's text: keys by length then bytes, the last duplicate kept, numbers as numeric writes them.
CREATE OR REPLACE MACRO duckgres_jsonb(arg_value) AS
  CAST(duckgres_jsonb_text(CAST(CAST(arg_value AS JSON) AS VARCHAR)) AS JSON);

-- One space after each , and : (a json value extracted from a document in the common style).
CREATE OR REPLACE MACRO duckgres_json_spaced(arg_value) AS
  CAST(duckgres_json_spaced_text(CAST(CAST(arg_value AS JSON) AS VARCHAR)) AS JSON);

-- What json_build_object, json_build_array and json_agg write: "k" : v, joined by ", ".
CREATE OR REPLACE MACRO duckgres_json_members(arg_value) AS
  CAST(duckgres_json_members_text(CAST(CAST(arg_value AS JSON) AS VARCHAR)) AS JSON);

-- The text of a JSON value (->>, *_text functions): strings unquoted, JSON null as NULL.
CREATE OR REPLACE MACRO duckgres_json_text(arg_value) AS
  CASE WHEN json_type(CAST(arg_value AS JSON)) IN ('OBJECT', 'ARRAY')
    THEN duckgres_json_spaced_text(CAST(CAST(arg_value AS JSON) AS VARCHAR))
    ELSE CAST(arg_value AS JSON) ->> '$' END;

-- A one-dimensional text array given as PostgreSQL's array text ('{a,b}') or as a list.
CREATE OR REPLACE MACRO duckgres_text_array(arg_array) AS
  CASE WHEN trim(CAST(arg_array AS VARCHAR), '{}[] ') = '' THEN CAST([] AS VARCHAR[])
    ELSE list_transform(string_split(trim(CAST(arg_array AS VARCHAR), '{}[] '), ','),
      x_item -> trim(x_item, ' "')) END;

-- A JSON pointer ('/a/0') of path steps.
CREATE OR REPLACE MACRO duckgres_json_pointer(arg_steps) AS
  '/' || array_to_string(list_transform(arg_steps, x_step ->
    replace(replace(CAST(x_step AS VARCHAR), '~', '~0'), '/', '~1')), '/');

CREATE OR REPLACE MACRO duckgres_json_elements(arg_json) AS
  list_transform(json_extract(CAST(arg_json AS JSON), '$[*]'), x_item -> duckgres_json_spaced(x_item));
CREATE OR REPLACE MACRO duckgres_jsonb_elements(arg_json) AS
  list_transform(json_extract(CAST(arg_json AS JSON), '$[*]'), x_item -> duckgres_jsonb(x_item));
CREATE OR REPLACE MACRO duckgres_json_elements_text(arg_json) AS
  list_transform(json_extract(CAST(arg_json AS JSON), '$[*]'), x_item -> duckgres_json_text(x_item));

-- Set-returning in a select list; in FROM the ArrayElements transform unnests the lists above.
CREATE OR REPLACE MACRO json_array_elements(arg_json) AS unnest(duckgres_json_elements(arg_json));
CREATE OR REPLACE MACRO jsonb_array_elements(arg_json) AS unnest(duckgres_jsonb_elements(arg_json));
CREATE OR REPLACE MACRO json_array_elements_text(arg_json) AS
  unnest(duckgres_json_elements_text(arg_json));
CREATE OR REPLACE MACRO jsonb_array_elements_text(arg_json) AS
  unnest(duckgres_json_elements_text(duckgres_jsonb(arg_json)));

CREATE OR REPLACE MACRO json_object_keys(arg_json) AS unnest(json_keys(CAST(arg_json AS JSON)));
CREATE OR REPLACE MACRO jsonb_object_keys(arg_json) AS unnest(json_keys(duckgres_jsonb(arg_json)));

CREATE OR REPLACE MACRO json_each_text(arg_json) AS TABLE
  SELECT key, duckgres_json_text(value) AS value FROM json_each(CAST(arg_json AS JSON));
CREATE OR REPLACE MACRO jsonb_each_text(arg_json) AS TABLE
  SELECT key, duckgres_json_text(value) AS value FROM json_each(duckgres_jsonb(arg_json));
CREATE OR REPLACE MACRO jsonb_each(arg_json) AS TABLE
  SELECT key, duckgres_jsonb(value) AS value FROM json_each(duckgres_jsonb(arg_json));

CREATE OR REPLACE MACRO jsonb_pretty(arg_json) AS
  duckgres_jsonb_pretty_text(CAST(CAST(arg_json AS JSON) AS VARCHAR));
CREATE OR REPLACE MACRO jsonb_strip_nulls(arg_json) AS
  CAST(duckgres_jsonb_strip_nulls_text(CAST(CAST(arg_json AS JSON) AS VARCHAR)) AS JSON);
CREATE OR REPLACE MACRO json_strip_nulls(arg_json) AS
  CAST(duckgres_json_strip_nulls_text(CAST(CAST(arg_json AS JSON) AS VARCHAR)) AS JSON);

CREATE OR REPLACE MACRO jsonb_set(arg_json, arg_path, arg_value) AS
  CAST(duckgres_jsonb_set_text(CAST(CAST(arg_json AS JSON) AS VARCHAR),
    CAST(to_json(duckgres_text_array(arg_path)) AS VARCHAR),
    CAST(CAST(arg_value AS JSON) AS VARCHAR), 'true') AS JSON),
  (arg_json, arg_path, arg_value, arg_create) AS
  CAST(duckgres_jsonb_set_text(CAST(CAST(arg_json AS JSON) AS VARCHAR),
    CAST(to_json(duckgres_text_array(arg_path)) AS VARCHAR),
    CAST(CAST(arg_value AS JSON) AS VARCHAR), CAST(CAST(arg_create AS BOOLEAN) AS VARCHAR)) AS JSON);

-- jsonb - key: the JsonbOperators transform calls this for - with a jsonb operand.
CREATE OR REPLACE MACRO duckgres_jsonb_delete(arg_json, arg_key) AS
  CAST(duckgres_jsonb_delete_text(CAST(CAST(arg_json AS JSON) AS VARCHAR), CAST(arg_key AS VARCHAR)) AS JSON);

-- json(b)_extract_path(_text)(json, key, ...): up to five keys.
CREATE OR REPLACE MACRO json_extract_path(arg_json, arg_1) AS
  duckgres_json_spaced(json_extract(CAST(arg_json AS JSON), duckgres_json_pointer([arg_1]))),
  (arg_json, arg_1, arg_2) AS
  duckgres_json_spaced(json_extract(CAST(arg_json AS JSON), duckgres_json_pointer([arg_1, arg_2]))),
  (arg_json, arg_1, arg_2, arg_3) AS
  duckgres_json_spaced(json_extract(CAST(arg_json AS JSON), duckgres_json_pointer([arg_1, arg_2, arg_3]))),
  (arg_json, arg_1, arg_2, arg_3, arg_4) AS
  duckgres_json_spaced(json_extract(CAST(arg_json AS JSON), duckgres_json_pointer([arg_1, arg_2, arg_3, arg_4]))),
  (arg_json, arg_1, arg_2, arg_3, arg_4, arg_5) AS
  duckgres_json_spaced(json_extract(CAST(arg_json AS JSON), duckgres_json_pointer([arg_1, arg_2, arg_3, arg_4, arg_5])));
CREATE OR REPLACE MACRO jsonb_extract_path(arg_json, arg_1) AS
  duckgres_jsonb(json_extract_path(arg_json, arg_1)),
  (arg_json, arg_1, arg_2) AS duckgres_jsonb(json_extract_path(arg_json, arg_1, arg_2)),
  (arg_json, arg_1, arg_2, arg_3) AS duckgres_jsonb(json_extract_path(arg_json, arg_1, arg_2, arg_3)),
  (arg_json, arg_1, arg_2, arg_3, arg_4) AS
  duckgres_jsonb(json_extract_path(arg_json, arg_1, arg_2, arg_3, arg_4)),
  (arg_json, arg_1, arg_2, arg_3, arg_4, arg_5) AS
  duckgres_jsonb(json_extract_path(arg_json, arg_1, arg_2, arg_3, arg_4, arg_5));
CREATE OR REPLACE MACRO json_extract_path_text(arg_json, arg_1) AS
  duckgres_json_text(json_extract_path(arg_json, arg_1)),
  (arg_json, arg_1, arg_2) AS duckgres_json_text(json_extract_path(arg_json, arg_1, arg_2)),
  (arg_json, arg_1, arg_2, arg_3) AS duckgres_json_text(json_extract_path(arg_json, arg_1, arg_2, arg_3)),
  (arg_json, arg_1, arg_2, arg_3, arg_4) AS
  duckgres_json_text(json_extract_path(arg_json, arg_1, arg_2, arg_3, arg_4)),
  (arg_json, arg_1, arg_2, arg_3, arg_4, arg_5) AS
  duckgres_json_text(json_extract_path(arg_json, arg_1, arg_2, arg_3, arg_4, arg_5));
CREATE OR REPLACE MACRO jsonb_extract_path_text(arg_json, arg_1) AS
  json_extract_path_text(arg_json, arg_1),
  (arg_json, arg_1, arg_2) AS json_extract_path_text(arg_json, arg_1, arg_2),
  (arg_json, arg_1, arg_2, arg_3) AS json_extract_path_text(arg_json, arg_1, arg_2, arg_3),
  (arg_json, arg_1, arg_2, arg_3, arg_4) AS json_extract_path_text(arg_json, arg_1, arg_2, arg_3, arg_4),
  (arg_json, arg_1, arg_2, arg_3, arg_4, arg_5) AS
  json_extract_path_text(arg_json, arg_1, arg_2, arg_3, arg_4, arg_5);

-- The first item of a JSON path DuckDB's json_extract understands ('$.a[1]').
CREATE OR REPLACE MACRO jsonb_path_query_first(arg_json, arg_path) AS
  duckgres_jsonb(json_extract(CAST(arg_json AS JSON), CAST(arg_path AS VARCHAR)));

-- json_object('{k1, v1, k2, v2}'): the JsonObjectOfArray transform calls this for one argument.
CREATE OR REPLACE MACRO duckgres_json_object_of_array(arg_pairs) AS
  CAST('{' || array_to_string(list_transform(range(1, len(duckgres_text_array(arg_pairs)) + 1, 2),
    x_index -> CAST(to_json(duckgres_text_array(arg_pairs)[x_index]) AS VARCHAR) || ' : '
      || CAST(to_json(duckgres_text_array(arg_pairs)[x_index + 1]) AS VARCHAR)), ', ') || '}' AS JSON);

-- to_number(text, template): the digits, sign and point of the text (template not checked).
CREATE OR REPLACE MACRO to_number(arg_text, arg_template) AS
  CAST(regexp_replace(CAST(arg_text AS VARCHAR), '[^0-9.\-]', '', 'g') AS DECIMAL(38,10));

-- array_dims of a one-dimensional array.
CREATE OR REPLACE MACRO array_dims(arg_array) AS
  CASE WHEN len(arg_array) > 0 THEN '[1:' || len(arg_array) || ']' END;

-- extract(second | milliseconds | epoch FROM x) as numeric with its fraction (DateTimeResults).
CREATE OR REPLACE MACRO duckgres_extract_second(arg_value) AS
  CAST(microsecond(arg_value) AS DECIMAL(18,0)) * CAST(0.000001 AS DECIMAL(18,6));
CREATE OR REPLACE MACRO duckgres_extract_milliseconds(arg_value) AS
  CAST(microsecond(arg_value) AS DECIMAL(18,0)) * CAST(0.001 AS DECIMAL(18,3));
CREATE OR REPLACE MACRO duckgres_extract_epoch(arg_value) AS
  CAST(epoch_us(arg_value) AS DECIMAL(38,0)) * CAST(0.000001 AS DECIMAL(18,6));

-- substring(s, start, count) with PostgreSQL's bounds (SubstringBounds).
CREATE OR REPLACE MACRO duckgres_substring(arg_string, arg_start, arg_count) AS
  CASE WHEN arg_count < 0 THEN error('negative substring length not allowed')
    ELSE substring(arg_string, greatest(arg_start, 1),
      greatest(arg_start + arg_count - greatest(arg_start, 1), 0)) END;

-- json_object_agg's text of a JSON array of [key, value] pairs: { "k" : v, ... } (JsonTextForms).
CREATE OR REPLACE MACRO duckgres_json_object_agg(arg_pairs) AS
  CAST(duckgres_json_object_agg_text(CAST(CAST(arg_pairs AS JSON) AS VARCHAR)) AS JSON);

-- The time part of an interval, or a time of day, in microseconds.
CREATE OR REPLACE MACRO duckgres_time_part_us(arg_interval) AS
  datepart('hour', arg_interval) * 3600000000 + datepart('minute', arg_interval) * 60000000
    + datepart('microseconds', arg_interval);

-- justify_interval: whole days of the time part become days, whole 30 days months, and the
-- parts then get one sign (PostgreSQL's interval_justify_interval).
CREATE OR REPLACE MACRO duckgres_interval_of(arg_months, arg_days, arg_micros) AS
  to_months(CAST(arg_months AS INTEGER)) + to_days(CAST(arg_days AS INTEGER))
    + to_microseconds(CAST(arg_micros AS BIGINT));
CREATE OR REPLACE MACRO duckgres_justify_time_sign(arg_months, arg_days, arg_micros) AS
  CASE WHEN arg_days > 0 AND arg_micros < 0
      THEN duckgres_interval_of(arg_months, arg_days - 1, arg_micros + 86400000000)
    WHEN arg_days < 0 AND arg_micros > 0
      THEN duckgres_interval_of(arg_months, arg_days + 1, arg_micros - 86400000000)
    ELSE duckgres_interval_of(arg_months, arg_days, arg_micros) END;
CREATE OR REPLACE MACRO duckgres_justify_signs(arg_months, arg_days, arg_micros) AS
  CASE WHEN arg_months > 0 AND (arg_days < 0 OR (arg_days = 0 AND arg_micros < 0))
      THEN duckgres_justify_time_sign(arg_months - 1, arg_days + 30, arg_micros)
    WHEN arg_months < 0 AND (arg_days > 0 OR (arg_days = 0 AND arg_micros > 0))
      THEN duckgres_justify_time_sign(arg_months + 1, arg_days - 30, arg_micros)
    ELSE duckgres_justify_time_sign(arg_months, arg_days, arg_micros) END;
CREATE OR REPLACE MACRO duckgres_justify_days_of(arg_months, arg_days, arg_micros) AS
  duckgres_justify_signs(arg_months + (arg_days - arg_days % 30) // 30, arg_days % 30, arg_micros);
CREATE OR REPLACE MACRO justify_interval(arg_interval) AS
  duckgres_justify_days_of(
    datepart('year', arg_interval) * 12 + datepart('month', arg_interval),
    datepart('day', arg_interval) + (duckgres_time_part_us(arg_interval)
      - duckgres_time_part_us(arg_interval) % 86400000000) // 86400000000,
    duckgres_time_part_us(arg_interval) % 86400000000);

-- PostgreSQL's text of a one-dimensional array: {a,"b c",NULL} (ArrayText).
CREATE OR REPLACE MACRO duckgres_array_text(arg_array) AS
  '{' || array_to_string(list_transform(arg_array, x_item ->
    CASE WHEN x_item IS NULL THEN 'NULL'
      WHEN typeof(x_item) = 'BOOLEAN' THEN CASE WHEN CAST(x_item AS BOOLEAN) THEN 't' ELSE 'f' END
      WHEN CAST(x_item AS VARCHAR) = '' OR upper(CAST(x_item AS VARCHAR)) = 'NULL'
        OR regexp_matches(CAST(x_item AS VARCHAR), '[{},"\\\s]')
      THEN '"' || replace(replace(CAST(x_item AS VARCHAR), '\', '\\'), '"', '\"') || '"'
      ELSE CAST(x_item AS VARCHAR) END), ',') || '}';

-- date - time: a timestamp (DateTimeResults).
CREATE OR REPLACE MACRO duckgres_date_minus_time(arg_date, arg_time) AS
  CAST(arg_date AS TIMESTAMP) - to_microseconds(CAST(duckgres_time_part_us(arg_time) AS BIGINT));

-- A view's query as PostgreSQL's pg_get_viewdef prints it (catalog/viewdef/ViewDefinition), from
-- DuckDB's text of the view and the columns of the database's relations (schema, relation, column,
-- type; fields split by chr(31), columns by chr(30)); the view's text as DuckDB keeps it
-- (duckgres_viewdef) where the printer does not know a construct the view uses.
CREATE OR REPLACE MACRO duckgres_viewdef_pg(arg_view_oid) AS
  coalesce((SELECT duckgres_viewdef_text(x_v.sql,
                     (SELECT string_agg(x_c.schema_name || chr(31) || x_c.table_name || chr(31)
                                        || x_c.column_name || chr(31) || x_c.data_type, chr(30)
                                        ORDER BY x_c.schema_name, x_c.table_name, x_c.column_index)
                      FROM duckdb_columns() x_c WHERE x_c.database_name = x_v.database_name))
            FROM duckdb_views() x_v WHERE x_v.view_oid = arg_view_oid),
           duckgres_viewdef(arg_view_oid));

CREATE OR REPLACE MACRO pg_get_viewdef(arg_view_oid) AS duckgres_viewdef_pg(arg_view_oid),
  (arg_view_oid, arg_pretty) AS duckgres_viewdef_pg(arg_view_oid);

-- Whether a view reads the relation schema.name, from the view's parse tree (ViewRelations); the
-- words of its text where PostgreSQL's grammar does not read it.
CREATE OR REPLACE MACRO duckgres_view_reads(arg_view_sql, arg_schema, arg_name) AS
  coalesce(list_contains(string_split(duckgres_view_relations_text(arg_view_sql), chr(30)),
                         lower(arg_schema || '.' || arg_name)),
           list_contains(regexp_split_to_array(lower(arg_view_sql), '[^a-z0-9_$]+'),
                         lower(arg_name)));
