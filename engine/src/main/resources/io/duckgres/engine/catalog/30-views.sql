-- The pg_catalog system views built on the catalogs above, and the catalogs of features DuckDB
-- does not have (inheritance, policies, rules, triggers, publications, extensions, foreign
-- data), which exist empty so that clients that read them get no rows instead of an error.

CREATE OR REPLACE VIEW pg_tables AS
SELECT n.nspname AS schemaname, c.relname AS tablename, pg_session_user() AS tableowner,
       NULL::VARCHAR AS tablespace, c.relhasindex AS hasindexes, false AS hasrules,
       false AS hastriggers, false AS rowsecurity
FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind = 'r';

CREATE OR REPLACE VIEW pg_views AS
SELECT n.nspname AS schemaname, c.relname AS viewname, pg_session_user() AS viewowner,
       pg_get_viewdef(c.oid) AS definition
FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind = 'v';

CREATE OR REPLACE VIEW pg_indexes AS
SELECT n.nspname AS schemaname, i.table_name AS tablename, i.relname AS indexname,
       NULL::VARCHAR AS tablespace, pg_get_indexdef(i.oid) AS indexdef
FROM duckgres_indexes i JOIN pg_namespace n ON n.oid = i.relnamespace;

CREATE OR REPLACE VIEW pg_sequence AS
SELECT sequence_oid AS seqrelid, 20::BIGINT AS seqtypid, start_value AS seqstart,
       increment_by AS seqincrement, max_value AS seqmax, min_value AS seqmin,
       1::BIGINT AS seqcache, cycle AS seqcycle
FROM duckdb_sequences() WHERE duckgres_in_session(database_name);

CREATE OR REPLACE VIEW pg_sequences AS
SELECT duckgres_nspname(database_name, schema_name) AS schemaname, sequence_name AS sequencename,
       pg_session_user() AS sequenceowner, 'bigint' AS data_type, start_value, min_value,
       max_value, increment_by, cycle, 1::BIGINT AS cache_size, last_value
FROM duckdb_sequences() WHERE duckgres_in_session(database_name);

CREATE OR REPLACE VIEW pg_matviews AS
SELECT NULL::VARCHAR AS schemaname, NULL::VARCHAR AS matviewname, NULL::VARCHAR AS matviewowner,
       NULL::VARCHAR AS tablespace, false AS hasindexes, false AS ispopulated,
       NULL::VARCHAR AS definition WHERE false;

CREATE OR REPLACE VIEW pg_collation AS
SELECT * FROM (VALUES (100::BIGINT, 'default', 11::BIGINT, 10::BIGINT, 'd', true, -1,
                       NULL::VARCHAR, NULL::VARCHAR, NULL::VARCHAR, NULL::VARCHAR, NULL::VARCHAR),
                      (950::BIGINT, 'C', 11::BIGINT, 10::BIGINT, 'c', true, -1, 'C', 'C',
                       NULL, NULL, NULL))
  AS c(oid, collname, collnamespace, collowner, collprovider, collisdeterministic,
       collencoding, collcollate, collctype, colliculocale, collicurules, collversion);

CREATE OR REPLACE VIEW pg_policies AS
SELECT '' AS schemaname, '' AS tablename, '' AS policyname, '' AS permissive,
       NULL::VARCHAR[] AS roles, '' AS cmd, NULL::VARCHAR AS qual, NULL::VARCHAR AS with_check
WHERE false;

CREATE OR REPLACE VIEW pg_rules AS
SELECT '' AS schemaname, '' AS tablename, '' AS rulename, '' AS definition WHERE false;

CREATE OR REPLACE VIEW pg_publication_tables AS
SELECT '' AS pubname, '' AS schemaname, '' AS tablename WHERE false;

CREATE OR REPLACE VIEW pg_locks AS
SELECT '' AS locktype, 0::BIGINT AS database, 0::BIGINT AS relation, 0 AS pid, '' AS mode,
       false AS granted WHERE false;

CREATE OR REPLACE VIEW pg_prepared_xacts AS
SELECT 0::BIGINT AS transaction, '' AS gid, NULL::TIMESTAMPTZ AS prepared, '' AS owner,
       '' AS database WHERE false;

-- This session only: duckgres keeps no cross-session activity table here.
CREATE OR REPLACE VIEW pg_stat_activity AS
SELECT 16384::BIGINT AS datid, current_database() AS datname, pg_backend_pid() AS pid,
       NULL::INTEGER AS leader_pid, 10::BIGINT AS usesysid, pg_session_user() AS usename,
       coalesce(duckgres_setting('application_name'), '') AS application_name,
       NULL::VARCHAR AS client_addr, NULL::VARCHAR AS client_hostname, -1 AS client_port,
       pg_postmaster_start_time() AS backend_start, NULL::TIMESTAMPTZ AS xact_start,
       now() AS query_start, now() AS state_change, NULL::VARCHAR AS wait_event_type,
       NULL::VARCHAR AS wait_event, 'active' AS state, NULL::BIGINT AS backend_xid,
       NULL::BIGINT AS backend_xmin, NULL::BIGINT AS query_id, current_query() AS query,
       'client backend' AS backend_type;

CREATE OR REPLACE VIEW pg_stat_user_tables AS
SELECT c.oid AS relid, n.nspname AS schemaname, c.relname, 0::BIGINT AS seq_scan,
       0::BIGINT AS seq_tup_read, 0::BIGINT AS idx_scan, 0::BIGINT AS idx_tup_fetch,
       0::BIGINT AS n_tup_ins, 0::BIGINT AS n_tup_upd, 0::BIGINT AS n_tup_del,
       0::BIGINT AS n_tup_hot_upd, c.reltuples::BIGINT AS n_live_tup, 0::BIGINT AS n_dead_tup,
       NULL::TIMESTAMPTZ AS last_vacuum, NULL::TIMESTAMPTZ AS last_autovacuum,
       NULL::TIMESTAMPTZ AS last_analyze, NULL::TIMESTAMPTZ AS last_autoanalyze
FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind = 'r';

CREATE OR REPLACE VIEW pg_stat_all_tables AS SELECT * FROM pg_stat_user_tables;

CREATE OR REPLACE VIEW pg_statio_user_tables AS
SELECT relid, schemaname, relname, 0::BIGINT AS heap_blks_read, 0::BIGINT AS heap_blks_hit,
       0::BIGINT AS idx_blks_read, 0::BIGINT AS idx_blks_hit FROM pg_stat_user_tables;

CREATE OR REPLACE VIEW pg_stat_database AS
SELECT 16384::BIGINT AS datid, current_database() AS datname, 1 AS numbackends,
       0::BIGINT AS xact_commit, 0::BIGINT AS xact_rollback, 0::BIGINT AS blks_read,
       0::BIGINT AS blks_hit, 0::BIGINT AS tup_returned, 0::BIGINT AS tup_fetched,
       0::BIGINT AS tup_inserted, 0::BIGINT AS tup_updated, 0::BIGINT AS tup_deleted;

-- Every view's ON SELECT rule, "_RETURN", as PostgreSQL keeps it: pg_dump finds a view's
-- dependencies through it. The rule's OID is derived from the view's.
CREATE OR REPLACE VIEW pg_rewrite AS
SELECT view_oid * 10000 + 9100 AS oid, '_RETURN' AS rulename, view_oid AS ev_class,
       '1' AS ev_type, 'O' AS ev_enabled, true AS is_instead, NULL::VARCHAR AS ev_qual,
       NULL::VARCHAR AS ev_action
FROM duckdb_views() WHERE duckgres_in_session(database_name) AND NOT internal;

-- Dependencies: a view's rule depends on each table or view of its database that the view
-- reads (duckgres_view_reads: from the view's parse tree; DuckDB records no dependencies of
-- views). pg_dump orders its output by these, so a view is restored after the relations it reads.
CREATE OR REPLACE VIEW pg_depend AS
SELECT 2618::BIGINT AS classid, v.view_oid * 10000 + 9100 AS objid, 0 AS objsubid,
       1259::BIGINT AS refclassid, r.oid::BIGINT AS refobjid, 0 AS refobjsubid, 'n' AS deptype
FROM duckdb_views() v
JOIN (SELECT table_oid AS oid, schema_name, table_name AS name, database_name FROM duckdb_tables()
      UNION ALL
      SELECT view_oid, schema_name, view_name, database_name FROM duckdb_views()
      WHERE NOT internal) r
  ON r.database_name = v.database_name AND r.oid <> v.view_oid
 AND duckgres_view_reads(v.sql, r.schema_name, r.name)
WHERE duckgres_in_session(v.database_name) AND NOT v.internal;
