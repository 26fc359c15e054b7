-- Every live session of this database, from the server's session registry (read when scanned).
CREATE OR REPLACE VIEW pg_stat_activity AS
SELECT 16384::BIGINT AS datid, datname, pid, NULL::INTEGER AS leader_pid, 10::BIGINT AS usesysid,
       usename, application_name, client_addr, NULL::VARCHAR AS client_hostname, client_port,
       backend_start, NULL::TIMESTAMPTZ AS xact_start, query_start,
       query_start AS state_change, NULL::VARCHAR AS wait_event_type, NULL::VARCHAR AS wait_event,
       state, NULL::BIGINT AS backend_xid, NULL::BIGINT AS backend_xmin, NULL::BIGINT AS query_id,
       query, 'client backend' AS backend_type
FROM duckgres_stat_activity();

-- Statement statistics of this server process, as the pg_stat_statements extension shows them.
CREATE OR REPLACE VIEW pg_stat_statements AS
SELECT 10::BIGINT AS userid, 16384::BIGINT AS dbid, true AS toplevel,
       hash(usename || chr(0) || query)::BIGINT AS queryid, query, 1::BIGINT AS plans,
       calls, total_exec_time, min_exec_time, max_exec_time,
       total_exec_time / greatest(calls, 1) AS mean_exec_time, rows, usename, datname
FROM duckgres_stat_statements();

CREATE OR REPLACE MACRO pg_stat_statements_reset() AS duckgres_stat_statements_reset();

CREATE OR REPLACE MACRO pg_cancel_backend(arg_pid) AS
  duckgres_cancel_backend(arg_pid::INTEGER, pg_backend_pid());

CREATE OR REPLACE MACRO pg_terminate_backend(arg_pid) AS
  duckgres_terminate_backend(arg_pid::INTEGER, pg_backend_pid());

-- information_schema.columns lists the columns of these two views too (as PostgreSQL lists those
-- of its pg_catalog views): the relations' view, renamed, with their columns appended.
DROP VIEW IF EXISTS info_schema.columns_of_relations;

ALTER VIEW info_schema.columns RENAME TO columns_of_relations;

CREATE OR REPLACE VIEW info_schema.columns AS
SELECT * FROM info_schema.columns_of_relations
UNION ALL BY NAME
SELECT current_database() AS table_catalog, 'pg_catalog' AS table_schema,
       table_name, column_name, (column_index)::INTEGER AS ordinal_position, 'YES' AS is_nullable,
       CASE data_type WHEN 'VARCHAR' THEN 'text' WHEN 'INTEGER' THEN 'integer'
            WHEN 'BIGINT' THEN 'bigint' WHEN 'BOOLEAN' THEN 'boolean'
            WHEN 'DOUBLE' THEN 'double precision'
            WHEN 'TIMESTAMP WITH TIME ZONE' THEN 'timestamp with time zone'
            ELSE lower(data_type) END AS data_type,
       current_database() AS udt_catalog, 'pg_catalog' AS udt_schema,
       CASE data_type WHEN 'VARCHAR' THEN 'text' WHEN 'INTEGER' THEN 'int4'
            WHEN 'BIGINT' THEN 'int8' WHEN 'BOOLEAN' THEN 'bool' WHEN 'DOUBLE' THEN 'float8'
            WHEN 'TIMESTAMP WITH TIME ZONE' THEN 'timestamptz' ELSE lower(data_type) END
         AS udt_name,
       column_index::VARCHAR AS dtd_identifier, 'NO' AS is_self_referencing,
       'NO' AS is_identity, 'NEVER' AS is_generated, 'NO' AS is_updatable
FROM duckdb_columns()
WHERE database_name = 'duckgres_catalog' AND schema_name = 'main'
  AND table_name IN ('pg_stat_activity', 'pg_stat_statements');
