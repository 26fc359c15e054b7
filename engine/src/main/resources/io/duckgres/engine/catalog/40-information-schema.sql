-- information_schema as PostgreSQL presents it, in schema duckgres_catalog.info_schema
-- (CatalogSql sends information_schema.X here for the X defined below): the session's database
-- only, "main" shown as "public", PostgreSQL's type names. DuckDB's own information_schema would
-- list every attached database, this catalog included.

CREATE SCHEMA IF NOT EXISTS info_schema;

CREATE OR REPLACE MACRO info_schema._pg_expandarray(arg_arr) AS
  unnest(list_transform(arg_arr, (x_element, x_position) -> {'x': x_element, 'n': x_position}));

CREATE OR REPLACE VIEW info_schema.schemata AS
SELECT current_database() AS catalog_name, nspname AS schema_name,
       pg_session_user() AS schema_owner, NULL::VARCHAR AS default_character_set_catalog,
       NULL::VARCHAR AS default_character_set_schema, NULL::VARCHAR AS default_character_set_name,
       NULL::VARCHAR AS sql_path
FROM pg_namespace;

CREATE OR REPLACE VIEW info_schema.tables AS
SELECT current_database() AS table_catalog, n.nspname AS table_schema, c.relname AS table_name,
       CASE WHEN c.relpersistence = 't' THEN 'LOCAL TEMPORARY'
            WHEN c.relkind = 'v' THEN 'VIEW' ELSE 'BASE TABLE' END AS table_type,
       NULL::VARCHAR AS self_referencing_column_name, NULL::VARCHAR AS reference_generation,
       NULL::VARCHAR AS user_defined_type_catalog, NULL::VARCHAR AS user_defined_type_schema,
       NULL::VARCHAR AS user_defined_type_name,
       CASE WHEN c.relkind = 'r' THEN 'YES' ELSE 'NO' END AS is_insertable_into,
       'NO' AS is_typed, NULL::VARCHAR AS commit_action
FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind IN ('r', 'v');

CREATE OR REPLACE VIEW info_schema.views AS
SELECT current_database() AS table_catalog, n.nspname AS table_schema, c.relname AS table_name,
       pg_get_viewdef(c.oid) AS view_definition, 'NONE' AS check_option,
       'NO' AS is_updatable, 'NO' AS is_insertable_into, 'NO' AS is_trigger_updatable,
       'NO' AS is_trigger_deletable, 'NO' AS is_trigger_insertable_into
FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind = 'v';

CREATE OR REPLACE VIEW info_schema.columns AS
SELECT current_database() AS table_catalog, n.nspname AS table_schema, c.relname AS table_name,
       a.attname AS column_name, a.attnum::INTEGER AS ordinal_position,
       duckgres_column_default(d.column_default) AS column_default, CASE WHEN a.attnotnull THEN 'NO' ELSE 'YES' END AS is_nullable,
       CASE WHEN t.typcategory = 'A' THEN 'ARRAY' ELSE format_type(a.atttypid, NULL) END AS data_type,
       NULL::INTEGER AS character_maximum_length,
       CASE WHEN t.typcategory = 'S' THEN 1073741824 END AS character_octet_length,
       CASE WHEN a.atttypid = 1700 AND a.atttypmod >= 4 THEN (a.atttypmod - 4) >> 16
            WHEN a.atttypid IN (20, 21, 23, 700, 701) THEN d.numeric_precision END AS numeric_precision,
       CASE WHEN a.atttypid = 1700 THEN 10 WHEN a.atttypid IN (20, 21, 23, 700, 701) THEN 2 END
         AS numeric_precision_radix,
       CASE WHEN a.atttypid = 1700 AND a.atttypmod >= 4 THEN (a.atttypmod - 4) & 65535
            WHEN a.atttypid IN (20, 21, 23) THEN 0 END AS numeric_scale,
       CASE WHEN t.typcategory IN ('D', 'T') THEN 6 END AS datetime_precision,
       NULL::VARCHAR AS interval_type, NULL::INTEGER AS interval_precision,
       NULL::VARCHAR AS character_set_catalog, NULL::VARCHAR AS character_set_schema,
       NULL::VARCHAR AS character_set_name, NULL::VARCHAR AS collation_catalog,
       NULL::VARCHAR AS collation_schema, NULL::VARCHAR AS collation_name,
       NULL::VARCHAR AS domain_catalog, NULL::VARCHAR AS domain_schema,
       NULL::VARCHAR AS domain_name, current_database() AS udt_catalog,
       'pg_catalog' AS udt_schema, t.typname AS udt_name, NULL::VARCHAR AS scope_catalog,
       NULL::VARCHAR AS scope_schema, NULL::VARCHAR AS scope_name,
       NULL::INTEGER AS maximum_cardinality, a.attnum::VARCHAR AS dtd_identifier,
       'NO' AS is_self_referencing, 'NO' AS is_identity, NULL::VARCHAR AS identity_generation,
       NULL::VARCHAR AS identity_start, NULL::VARCHAR AS identity_increment,
       NULL::VARCHAR AS identity_maximum, NULL::VARCHAR AS identity_minimum,
       NULL::VARCHAR AS identity_cycle, 'NEVER' AS is_generated,
       NULL::VARCHAR AS generation_expression,
       CASE WHEN c.relkind = 'r' THEN 'YES' ELSE 'NO' END AS is_updatable
FROM pg_attribute a
JOIN pg_class c ON c.oid = a.attrelid AND c.relkind IN ('r', 'v')
JOIN pg_namespace n ON n.oid = c.relnamespace
LEFT JOIN pg_type t ON t.oid = a.atttypid
LEFT JOIN duckdb_columns() d ON d.table_oid = a.attrelid AND d.column_index = a.attnum;

CREATE OR REPLACE VIEW info_schema.table_constraints AS
SELECT current_database() AS constraint_catalog, n.nspname AS constraint_schema,
       k.conname AS constraint_name, current_database() AS table_catalog,
       n.nspname AS table_schema, k.table_name,
       CASE k.contype WHEN 'p' THEN 'PRIMARY KEY' WHEN 'u' THEN 'UNIQUE'
         WHEN 'f' THEN 'FOREIGN KEY' ELSE 'CHECK' END AS constraint_type,
       'NO' AS is_deferrable, 'NO' AS initially_deferred, 'YES' AS enforced,
       CASE WHEN k.contype = 'u' THEN 'YES' END AS nulls_distinct
FROM duckgres_constraints k JOIN pg_namespace n ON n.oid = k.connamespace;

CREATE OR REPLACE VIEW info_schema.key_column_usage AS
SELECT current_database() AS constraint_catalog, n.nspname AS constraint_schema,
       k.conname AS constraint_name, current_database() AS table_catalog,
       n.nspname AS table_schema, k.table_name, u.column_name,
       u.position::INTEGER AS ordinal_position,
       CASE WHEN k.contype = 'f' THEN u.position END::INTEGER AS position_in_unique_constraint
FROM duckgres_constraints k JOIN pg_namespace n ON n.oid = k.connamespace,
     (SELECT unnest(k2.column_names) AS column_name,
             unnest(range(1, len(k2.column_names) + 1)) AS position, k2.oid
      FROM duckgres_constraints k2) u
WHERE u.oid = k.oid AND k.contype IN ('p', 'u', 'f');

CREATE OR REPLACE VIEW info_schema.referential_constraints AS
SELECT current_database() AS constraint_catalog, n.nspname AS constraint_schema,
       k.conname AS constraint_name, current_database() AS unique_constraint_catalog,
       n.nspname AS unique_constraint_schema, r.conname AS unique_constraint_name,
       'NONE' AS match_option, 'NO ACTION' AS update_rule, 'NO ACTION' AS delete_rule
FROM duckgres_constraints k JOIN pg_namespace n ON n.oid = k.connamespace
LEFT JOIN duckgres_constraints r ON r.conrelid = k.confrelid AND r.contype IN ('p', 'u')
  AND r.column_names = k.referenced_column_names
WHERE k.contype = 'f';

CREATE OR REPLACE VIEW info_schema.constraint_column_usage AS
SELECT current_database() AS table_catalog, n.nspname AS table_schema,
       CASE WHEN k.contype = 'f' THEN k.referenced_table ELSE k.table_name END AS table_name,
       unnest(CASE WHEN k.contype = 'f' THEN k.referenced_column_names ELSE k.column_names END)
         AS column_name,
       current_database() AS constraint_catalog, n.nspname AS constraint_schema,
       k.conname AS constraint_name
FROM duckgres_constraints k JOIN pg_namespace n ON n.oid = k.connamespace;

CREATE OR REPLACE VIEW info_schema.check_constraints AS
SELECT current_database() AS constraint_catalog, n.nspname AS constraint_schema,
       k.conname AS constraint_name, k.expression AS check_clause
FROM duckgres_constraints k JOIN pg_namespace n ON n.oid = k.connamespace WHERE k.contype = 'c';

CREATE OR REPLACE VIEW info_schema.routines AS
SELECT current_database() AS specific_catalog, n.nspname AS specific_schema,
       p.proname || '_' || p.oid AS specific_name, current_database() AS routine_catalog,
       n.nspname AS routine_schema, p.proname AS routine_name, 'FUNCTION' AS routine_type,
       format_type(p.prorettype, NULL) AS data_type, 'SQL' AS routine_body,
       p.prosrc AS routine_definition, 'SQL' AS external_language
FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname <> 'pg_catalog';

CREATE OR REPLACE VIEW info_schema.sequences AS
SELECT current_database() AS sequence_catalog, schemaname AS sequence_schema,
       sequencename AS sequence_name, 'bigint' AS data_type, 64 AS numeric_precision,
       2 AS numeric_precision_radix, 0 AS numeric_scale, start_value::VARCHAR AS start_value,
       min_value::VARCHAR AS minimum_value, max_value::VARCHAR AS maximum_value,
       increment_by::VARCHAR AS increment, CASE WHEN cycle THEN 'YES' ELSE 'NO' END AS cycle_option
FROM pg_sequences;
