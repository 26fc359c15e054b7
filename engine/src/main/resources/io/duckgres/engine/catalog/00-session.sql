-- Session functions. Each session keeps its PostgreSQL parameters in DuckDB variables
-- (PgCatalog.installSession / refreshSession set them), because a macro cannot call Java:
--   duckgres_settings  MAP(VARCHAR, VARCHAR)  parameter name (lower case) -> value
--   duckgres_schemas   VARCHAR[]              the search_path schemas that exist, PostgreSQL names
--   duckgres_database  VARCHAR                the database the client connected to
--   duckgres_backend_pid INTEGER              the pid of BackendKeyData
-- Statements are separated by a line that ends with ';'. ${...} is filled in by PgCatalog.

CREATE OR REPLACE MACRO duckgres_database() AS system.main.current_database();

-- DuckDB's schema "main" is PostgreSQL's "public"; the temp catalog is the session's pg_temp.
CREATE OR REPLACE MACRO duckgres_nspname(arg_database_name, arg_schema_name) AS
  CASE WHEN arg_database_name = 'temp' THEN 'pg_temp_1'
       WHEN arg_schema_name = 'main' THEN 'public' ELSE arg_schema_name END;

CREATE OR REPLACE MACRO duckgres_setting(arg_name) AS
  getvariable('duckgres_settings')[lower(arg_name)];

-- Overloads of one macro are defined in one statement: CREATE OR REPLACE drops the others.
-- No subquery here: Grafana calls current_setting inside table-function arguments.
CREATE OR REPLACE MACRO current_setting(arg_name) AS duckgres_setting(arg_name),
  (arg_name, arg_missing_ok) AS duckgres_setting(arg_name);

-- set_config is applied by the session when it is a statement of its own,
-- SELECT set_config('name', 'value', false) (SetConfigCall). A macro cannot change the session, so
-- anywhere else it fails rather than answer a value it did not set.
-- (Cast to VARCHAR: a function of an untyped error() would be folded to NULL, unevaluated.)
CREATE OR REPLACE MACRO set_config(arg_name, arg_value, arg_is_local) AS
  CAST(error('set_config() is applied only as a statement of its own: '
        || 'SELECT set_config(name, value, is_local); use SET inside larger queries') AS VARCHAR);

CREATE OR REPLACE MACRO pg_session_user() AS
  coalesce(nullif(duckgres_setting('session_authorization'), ''), 'postgres');

CREATE OR REPLACE MACRO current_database() AS
  coalesce(getvariable('duckgres_database'), system.main.current_database());

CREATE OR REPLACE MACRO current_schemas(arg_include_implicit) AS
  CASE WHEN arg_include_implicit THEN ['pg_catalog'] || coalesce(getvariable('duckgres_schemas'), ['public'])
       ELSE coalesce(getvariable('duckgres_schemas'), ['public']) END;

CREATE OR REPLACE MACRO current_schema() AS
  coalesce(getvariable('duckgres_schemas'), ['public'])[1];

CREATE OR REPLACE MACRO pg_backend_pid() AS
  coalesce(getvariable('duckgres_backend_pid'), 0)::INTEGER;

CREATE OR REPLACE MACRO version() AS ${VERSION};

CREATE OR REPLACE MACRO pg_postmaster_start_time() AS ${START_TIME}::TIMESTAMPTZ;

CREATE OR REPLACE MACRO pg_conf_load_time() AS ${START_TIME}::TIMESTAMPTZ;

CREATE OR REPLACE MACRO pg_is_in_recovery() AS false;

CREATE OR REPLACE MACRO pg_encoding_to_char(arg_encoding) AS
  CASE arg_encoding WHEN 6 THEN 'UTF8' WHEN 0 THEN 'SQL_ASCII' ELSE '' END;

CREATE OR REPLACE MACRO pg_char_to_encoding(arg_name) AS
  CASE upper(arg_name) WHEN 'UTF8' THEN 6 WHEN 'SQL_ASCII' THEN 0 ELSE -1 END;

CREATE OR REPLACE MACRO getdatabaseencoding() AS 'UTF8';

CREATE OR REPLACE MACRO pg_client_encoding() AS 'UTF8';

-- Every object belongs to the bootstrap superuser (OID 10), shown as the session's user.
CREATE OR REPLACE MACRO pg_get_userbyid(arg_role_oid) AS
  CASE WHEN arg_role_oid IS NULL THEN NULL ELSE pg_session_user() END;

CREATE OR REPLACE MACRO pg_cancel_backend(arg_pid) AS false;

CREATE OR REPLACE MACRO pg_terminate_backend(arg_pid) AS false;

CREATE OR REPLACE MACRO pg_reload_conf() AS true;

CREATE OR REPLACE MACRO pg_jit_available() AS false;

CREATE OR REPLACE MACRO pg_current_xact_id() AS txid_current();

CREATE OR REPLACE MACRO pg_tablespace_location(arg_tablespace_oid) AS '';

CREATE OR REPLACE MACRO pg_database_size(arg_name) AS
  (SELECT (x_d.block_size * x_d.total_blocks)::BIGINT FROM pragma_database_size() x_d
   WHERE x_d.database_name = duckgres_database());

CREATE OR REPLACE MACRO pg_table_size(arg_relation) AS 0::BIGINT;

CREATE OR REPLACE MACRO pg_relation_size(arg_relation) AS 0::BIGINT,
  (arg_relation, arg_fork) AS 0::BIGINT;

CREATE OR REPLACE MACRO pg_total_relation_size(arg_relation) AS 0::BIGINT;

CREATE OR REPLACE MACRO pg_indexes_size(arg_relation) AS 0::BIGINT;

CREATE OR REPLACE MACRO quote_ident(arg_name) AS
  CASE WHEN regexp_full_match(arg_name, '[a-z_][a-z0-9_$]*')
            AND NOT list_contains(${RESERVED_KEYWORDS}, arg_name)
       THEN arg_name ELSE '"' || replace(arg_name, '"', '""') || '"' END;

-- parse_ident('a."B c"') is ['a', 'B c']: unquoted parts fold to lower case.
CREATE OR REPLACE MACRO parse_ident(arg_name) AS
  list_transform(regexp_extract_all(arg_name, '"(?:[^"]|"")*"|[^."]+'),
    x_part -> CASE WHEN x_part LIKE '"%' THEN replace(x_part[2:-2], '""', '"')
                   ELSE lower(trim(x_part)) END),
  (arg_name, arg_strict) AS
  list_transform(regexp_extract_all(arg_name, '"(?:[^"]|"")*"|[^."]+'),
    x_part -> CASE WHEN x_part LIKE '"%' THEN replace(x_part[2:-2], '""', '"')
                   ELSE lower(trim(x_part)) END);

CREATE OR REPLACE MACRO quote_literal(arg_value) AS
  '''' || replace(arg_value::VARCHAR, '''', '''''') || '''';

CREATE OR REPLACE MACRO quote_nullable(arg_value) AS
  coalesce(quote_literal(arg_value), 'NULL');

-- PostgreSQL arrays here are DuckDB lists: one dimension, lower bound 1.
CREATE OR REPLACE MACRO array_upper(arg_arr, arg_dimension) AS
  CASE WHEN arg_dimension = 1 AND len(arg_arr) > 0 THEN len(arg_arr) END;

CREATE OR REPLACE MACRO array_lower(arg_arr, arg_dimension) AS
  CASE WHEN arg_dimension = 1 AND len(arg_arr) > 0 THEN 1 END;

CREATE OR REPLACE MACRO array_ndims(arg_arr) AS CASE WHEN len(arg_arr) > 0 THEN 1 END;

CREATE OR REPLACE MACRO pg_get_keywords() AS TABLE
  SELECT keyword_name AS word,
         CASE keyword_category WHEN 'reserved' THEN 'R' WHEN 'unreserved' THEN 'U'
              WHEN 'type_function' THEN 'T' ELSE 'C' END AS catcode,
         keyword_category <> 'reserved' AS barelabel,
         CASE keyword_category WHEN 'reserved' THEN 'reserved' WHEN 'unreserved' THEN 'unreserved'
              WHEN 'type_function' THEN 'reserved (can be function or type name)'
              ELSE 'unreserved (cannot be function or type name)' END AS catdesc,
         CASE WHEN keyword_category <> 'reserved' THEN 'can be bare label'
              ELSE 'requires AS' END AS baredesc
  FROM duckdb_keywords();

CREATE OR REPLACE MACRO pg_listening_channels() AS TABLE
  SELECT NULL::VARCHAR AS pg_listening_channels WHERE false;

-- information_schema._pg_expandarray: one row per element, as (x, n).
CREATE OR REPLACE MACRO _pg_expandarray(arg_arr) AS
  unnest(list_transform(arg_arr, (x_element, x_position) -> {'x': x_element, 'n': x_position}));
