-- pg_namespace, pg_class, pg_attribute, pg_attrdef, pg_constraint, pg_index, pg_type: the
-- session's database (and its temp objects) as PostgreSQL 15 describes a database. DuckDB's own
-- pg_catalog views cover every attached database, miss columns psql reads, list no index for a
-- PRIMARY KEY or UNIQUE constraint and use DuckDB's type OIDs; these replace them.
--
-- Type and namespace OID columns are UINTEGER, which the server sends as oid: asyncpg
-- aggregates pg_attribute.atttypid into an array that must be oid[]. Relation OIDs
-- stay BIGINT: an index's OID is table_oid * 10000 + ..., past 32 bits once DuckDB's OID
-- counter passes 429496, and a failing cast would break every query of pg_class.
--
-- OIDs: DuckDB's own object OIDs, except what DuckDB has no object for. A constraint is
-- table_oid * 10000 + its index in duckdb_constraints(); the index that enforces a PRIMARY KEY
-- or UNIQUE constraint is that number + 5000.

CREATE OR REPLACE MACRO duckgres_in_session(arg_database_name) AS
  arg_database_name = duckgres_database() OR arg_database_name = 'temp';

-- The session's pg_temp schema is listed once it holds something, as in PostgreSQL.
CREATE OR REPLACE VIEW pg_namespace AS
SELECT oid::UINTEGER AS oid, duckgres_nspname(database_name, schema_name) AS nspname,
       10::BIGINT AS nspowner, NULL::VARCHAR[] AS nspacl
FROM duckdb_schemas()
WHERE database_name = duckgres_database()
   OR (database_name = 'temp' AND (EXISTS (SELECT 1 FROM duckdb_tables() t WHERE t.database_name = 'temp')
                                   OR EXISTS (SELECT 1 FROM duckdb_views() v WHERE v.database_name = 'temp')))
UNION ALL SELECT 11::UINTEGER, 'pg_catalog', 10, NULL
UNION ALL SELECT 99::UINTEGER, 'pg_toast', 10, NULL
UNION ALL SELECT 13000::UINTEGER, 'information_schema', 10, NULL;

-- Column names of every table and view of the session, in order (1-based attnum = position).
CREATE OR REPLACE VIEW duckgres_column_lists AS
SELECT database_name, schema_name, table_name, table_oid,
       list(column_name ORDER BY column_index) AS names
FROM duckdb_columns() WHERE duckgres_in_session(database_name)
GROUP BY ALL;

CREATE OR REPLACE VIEW duckgres_constraints AS
SELECT c.table_oid * 10000 + c.constraint_index AS oid,
       CASE c.constraint_type
         WHEN 'PRIMARY KEY' THEN c.table_name || '_pkey'
         WHEN 'FOREIGN KEY' THEN c.table_name || '_'
           || array_to_string(c.constraint_column_names, '_') || '_fkey'
         ELSE c.constraint_name END AS conname,
       c.schema_oid AS connamespace,
       CASE c.constraint_type WHEN 'PRIMARY KEY' THEN 'p' WHEN 'UNIQUE' THEN 'u'
         WHEN 'FOREIGN KEY' THEN 'f' ELSE 'c' END AS contype,
       c.table_oid AS conrelid,
       CASE WHEN c.constraint_type IN ('PRIMARY KEY', 'UNIQUE')
         THEN c.table_oid * 10000 + 5000 + c.constraint_index ELSE 0 END AS conindid,
       coalesce(r.table_oid, 0) AS confrelid,
       list_transform(c.constraint_column_indexes, i -> (i + 1)::SMALLINT) AS conkey,
       CASE WHEN c.constraint_type = 'FOREIGN KEY' THEN list_transform(c.referenced_column_names,
         n -> list_position(r.names, n)::SMALLINT) END AS confkey,
       c.constraint_column_names AS column_names,
       c.referenced_table, c.referenced_column_names, c.expression,
       c.database_name, c.schema_name, c.table_name
FROM duckdb_constraints() c
LEFT JOIN duckgres_column_lists r ON c.constraint_type = 'FOREIGN KEY'
  AND r.database_name = c.database_name AND r.schema_name = c.schema_name
  AND r.table_name = c.referenced_table
WHERE duckgres_in_session(c.database_name)
  AND c.constraint_type IN ('PRIMARY KEY', 'UNIQUE', 'FOREIGN KEY', 'CHECK');

-- pg_index.indoption is int2vector, whose text form is "0 0": SQLAlchemy splits it on spaces.
-- DuckDB has no such type, so it is that text. indkey, read with unnest() on the server, stays
-- a list: of USMALLINT, which the server sends as int2vector ("1 2", what pg_dump reads).
--
-- Every index: DuckDB's CREATE INDEX ones, and one per PRIMARY KEY or UNIQUE constraint (as
-- PostgreSQL creates). indkey holds attnums, 0 for an expression.
CREATE OR REPLACE VIEW duckgres_indexes AS
SELECT i.index_oid AS oid, i.index_name AS relname, i.schema_oid AS relnamespace,
       i.table_oid AS indrelid, i.is_unique AS indisunique, i.is_primary AS indisprimary,
       list_transform(i.expressions::VARCHAR[],
         e -> coalesce(list_position(l.names, regexp_replace(e, '^"(.*)"$', '\1')), 0)::USMALLINT)
         AS indkey,
       list_transform(i.expressions::VARCHAR[],
         e -> CASE WHEN list_position(l.names, regexp_replace(e, '^"(.*)"$', '\1')) > 0
              THEN quote_ident(regexp_replace(e, '^"(.*)"$', '\1')) ELSE e END) AS columns,
       i.database_name, i.schema_name, i.table_name, NULL::BIGINT AS conoid
FROM duckdb_indexes() i
JOIN duckgres_column_lists l ON l.table_oid = i.table_oid
WHERE duckgres_in_session(i.database_name)
UNION ALL
SELECT c.conindid, c.conname, c.connamespace, c.conrelid, true, c.contype = 'p',
       c.conkey::USMALLINT[],
       list_transform(c.column_names, n -> quote_ident(n)), c.database_name, c.schema_name,
       c.table_name, c.oid
FROM duckgres_constraints c WHERE c.contype IN ('p', 'u');

CREATE OR REPLACE VIEW duckgres_relations AS
SELECT table_oid AS oid, table_name AS relname, schema_oid AS relnamespace, 'r' AS relkind,
       column_count AS relnatts, estimated_size AS reltuples, check_constraint_count AS relchecks,
       index_count > 0 OR has_primary_key OR EXISTS (SELECT 1 FROM duckgres_constraints k
         WHERE k.conrelid = table_oid AND k.contype = 'u') AS relhasindex,
       temporary, 2 AS relam, comment
FROM duckdb_tables() WHERE duckgres_in_session(database_name)
UNION ALL
SELECT view_oid, view_name, schema_oid, 'v', column_count, 0, 0, false, temporary, 0, comment
FROM duckdb_views() WHERE duckgres_in_session(database_name) AND NOT internal
UNION ALL
SELECT oid, relname, relnamespace, 'i', len(indkey), 0, 0, false, database_name = 'temp', 403,
       NULL FROM duckgres_indexes
UNION ALL
SELECT sequence_oid, sequence_name, schema_oid, 'S', 3, 0, 0, false, temporary, 0, comment
FROM duckdb_sequences() WHERE duckgres_in_session(database_name);

CREATE OR REPLACE VIEW pg_class AS
SELECT oid, relname, relnamespace::UINTEGER AS relnamespace,
       0::UINTEGER AS reltype, 0::BIGINT AS reloftype,
       10::BIGINT AS relowner, relam::BIGINT AS relam, oid AS relfilenode,
       0::BIGINT AS reltablespace, 0 AS relpages, reltuples::REAL AS reltuples,
       0 AS relallvisible, 0::BIGINT AS reltoastrelid, relhasindex, false AS relisshared,
       CASE WHEN temporary THEN 't' ELSE 'p' END AS relpersistence, relkind,
       relnatts::SMALLINT AS relnatts, relchecks::SMALLINT AS relchecks, false AS relhasoids,
       false AS relhasrules, false AS relhastriggers, false AS relhassubclass,
       false AS relrowsecurity, false AS relforcerowsecurity, true AS relispopulated,
       'd' AS relreplident, false AS relispartition, 0::BIGINT AS relrewrite,
       0::BIGINT AS relfrozenxid, 0::BIGINT AS relminmxid, NULL::VARCHAR[] AS relacl,
       NULL::VARCHAR[] AS reloptions, NULL::VARCHAR AS relpartbound
FROM duckgres_relations;

CREATE OR REPLACE VIEW pg_attribute AS
SELECT c.table_oid AS attrelid, c.column_name AS attname,
       pg_type_oid(c.data_type)::UINTEGER AS atttypid, -1 AS attstattarget,
       -1::SMALLINT AS attlen, c.column_index::SMALLINT AS attnum,
       CASE WHEN c.data_type LIKE '%]' THEN 1 ELSE 0 END AS attndims, -1 AS attcacheoff,
       CASE WHEN c.data_type LIKE 'DECIMAL(%)' AND c.numeric_precision IS NOT NULL
         THEN ((c.numeric_precision << 16) | c.numeric_scale) + 4 ELSE -1 END AS atttypmod,
       -- attstorage as the type's typstorage (pg_type): pg_dump writes ALTER COLUMN … SET
       -- STORAGE for a column whose storage differs from its type's.
       false AS attbyval, 'x' AS attalign, 'p' AS attstorage, '' AS attcompression,
       NOT c.is_nullable AS attnotnull, c.column_default IS NOT NULL AS atthasdef,
       false AS atthasmissing, '' AS attidentity, '' AS attgenerated, false AS attisdropped,
       true AS attislocal, 0 AS attinhcount, 0::BIGINT AS attcollation,
       NULL::VARCHAR[] AS attacl, NULL::VARCHAR[] AS attoptions,
       NULL::VARCHAR[] AS attfdwoptions, NULL::VARCHAR AS attmissingval
FROM duckdb_columns() c WHERE duckgres_in_session(c.database_name)
UNION ALL
SELECT i.oid, coalesce(i.columns[k.position], 'expr'), 23::UINTEGER, -1, -1,
       k.position::SMALLINT, 0, -1, -1, false, 'x', 'p', '', false, false, false, '', '', false,
       true, 0, 0, NULL, NULL, NULL, NULL
FROM duckgres_indexes i, (SELECT unnest(range(1, 33)) AS position) k
WHERE k.position <= len(i.indkey);

-- A column default as PostgreSQL prints it: a serial column's nextval('t_id_seq') (see
-- SerialColumns) reads nextval('t_id_seq'::regclass).
CREATE OR REPLACE MACRO duckgres_column_default(arg_default) AS
  regexp_replace(arg_default, '^nextval\(''(.*)''\)$', 'nextval(''\1''::regclass)');

CREATE OR REPLACE VIEW pg_attrdef AS
SELECT table_oid * 10000 + 9000 + column_index AS oid, table_oid AS adrelid,
       column_index::SMALLINT AS adnum, duckgres_column_default(column_default) AS adbin
FROM duckdb_columns() WHERE duckgres_in_session(database_name) AND column_default IS NOT NULL;

CREATE OR REPLACE VIEW pg_constraint AS
SELECT oid, conname, connamespace, contype, false AS condeferrable, false AS condeferred,
       true AS convalidated, conrelid, 0::BIGINT AS contypid, conindid, 0::BIGINT AS conparentid,
       confrelid, CASE WHEN contype = 'f' THEN 'a' ELSE ' ' END AS confupdtype,
       CASE WHEN contype = 'f' THEN 'a' ELSE ' ' END AS confdeltype,
       CASE WHEN contype = 'f' THEN 's' ELSE ' ' END AS confmatchtype, true AS conislocal,
       0 AS coninhcount, false AS connoinherit, conkey, confkey, NULL::BIGINT[] AS conpfeqop,
       NULL::BIGINT[] AS conppeqop, NULL::BIGINT[] AS conffeqop, NULL::BIGINT[] AS conexclop,
       expression AS conbin
FROM duckgres_constraints;

CREATE OR REPLACE VIEW pg_index AS
SELECT oid AS indexrelid, indrelid, len(indkey)::SMALLINT AS indnatts,
       len(indkey)::SMALLINT AS indnkeyatts, indisunique, false AS indnullsnotdistinct,
       indisprimary, false AS indisexclusion, true AS indimmediate, false AS indisclustered,
       true AS indisvalid, false AS indcheckxmin, true AS indisready, true AS indislive,
       false AS indisreplident, indkey,
       list_transform(indkey, k -> 0::BIGINT) AS indcollation,
       list_transform(indkey, k -> 0::BIGINT) AS indclass,
       array_to_string(list_transform(indkey, k -> '0'), ' ') AS indoption,
       CASE WHEN list_contains(indkey, 0) THEN array_to_string(columns, ', ') END AS indexprs,
       NULL::VARCHAR AS indpred
FROM duckgres_indexes;

-- Built-in types (PostgreSQL's OIDs, in pg_catalog): a table, since a VALUES list is bound
-- again by every query that reads it.
CREATE OR REPLACE TABLE duckgres_builtin_types AS
SELECT * FROM (VALUES ${PG_TYPE_ROWS})
  AS t(oid, typname, typlen, typbyval, typtype, typcategory, typispreferred, typelem, typarray,
       typinput);

-- The built-in types and the session's ENUM types.
CREATE OR REPLACE VIEW pg_type AS
SELECT oid::UINTEGER AS oid, typname, 11::UINTEGER AS typnamespace, 10::BIGINT AS typowner,
       typlen::SMALLINT AS typlen, typbyval, typtype, typcategory, typispreferred,
       true AS typisdefined, ',' AS typdelim, 0::UINTEGER AS typrelid,
       CASE WHEN typelem <> 0 THEN 'array_subscript_handler' ELSE '-' END AS typsubscript,
       typelem::UINTEGER AS typelem, typarray::UINTEGER AS typarray, typinput,
       regexp_replace(typinput, 'in$', 'out') AS typoutput, '-' AS typreceive, '-' AS typsend,
       '-' AS typmodin, '-' AS typmodout, '-' AS typanalyze, 'i' AS typalign,
       'p' AS typstorage, false AS typnotnull, 0::UINTEGER AS typbasetype, -1 AS typtypmod,
       0 AS typndims, CASE WHEN typcategory = 'S' THEN 100 ELSE 0 END::BIGINT AS typcollation,
       NULL::VARCHAR AS typdefaultbin, NULL::VARCHAR AS typdefault, NULL::VARCHAR[] AS typacl
FROM duckgres_builtin_types
UNION ALL
SELECT type_oid::UINTEGER, type_name, schema_oid::UINTEGER, 10, 4, true, 'e', 'E', false, true,
       ',', 0::UINTEGER, '-', 0::UINTEGER, 0::UINTEGER, 'enum_in', 'enum_out', '-', '-', '-', '-',
       '-', 'i', 'p', false, 0::UINTEGER, -1, 0, 0, NULL, NULL, NULL
FROM duckdb_types()
WHERE duckgres_in_session(database_name) AND logical_type = 'ENUM' AND NOT internal;

CREATE OR REPLACE VIEW pg_enum AS
SELECT t.type_oid * 1000 + e.position AS oid, t.type_oid AS enumtypid,
       e.position::REAL AS enumsortorder, e.label AS enumlabel
FROM duckdb_types() t,
     (SELECT unnest(labels) AS label, unnest(range(1, len(labels) + 1)) AS position,
             type_oid FROM duckdb_types() WHERE logical_type = 'ENUM') e
WHERE e.type_oid = t.type_oid AND duckgres_in_session(t.database_name) AND NOT t.internal;
