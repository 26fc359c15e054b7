-- Catalogs of things other than relations: functions, comments, databases, roles, access
-- methods, settings. One database and one role are visible: the session's own.

-- DuckDB's built-in functions and this catalog's macros are PostgreSQL's pg_catalog functions;
-- the user's macros live in their schemas.
CREATE OR REPLACE VIEW pg_proc AS
SELECT f.function_oid AS oid, f.function_name AS proname,
       CASE WHEN duckgres_in_session(f.database_name) THEN s.oid ELSE 11 END::BIGINT AS pronamespace,
       10::BIGINT AS proowner, CASE WHEN f.function_type LIKE '%macro' THEN 14 ELSE 12 END::BIGINT AS prolang,
       1::REAL AS procost, CASE WHEN f.function_type = 'table' OR f.function_type = 'table_macro'
         THEN 1000 ELSE 0 END::REAL AS prorows,
       0::BIGINT AS provariadic, '-' AS prosupport,
       CASE f.function_type WHEN 'aggregate' THEN 'a' ELSE 'f' END AS prokind,
       false AS prosecdef, false AS proleakproof, false AS proisstrict,
       f.function_type IN ('table', 'table_macro') AS proretset,
       CASE f.stability WHEN 'CONSISTENT' THEN 'i' WHEN 'CONSISTENT_WITHIN_QUERY' THEN 's'
         ELSE 'v' END AS provolatile, 'u' AS proparallel,
       len(f.parameters)::SMALLINT AS pronargs, 0::SMALLINT AS pronargdefaults,
       coalesce(pg_type_oid(f.return_type), 2283)::BIGINT AS prorettype,
       list_transform(f.parameter_types, t -> coalesce(pg_type_oid(t), 2283)::BIGINT) AS proargtypes,
       NULL::BIGINT[] AS proallargtypes, NULL::VARCHAR[] AS proargmodes,
       f.parameters AS proargnames, NULL::VARCHAR AS proargdefaults,
       NULL::BIGINT[] AS protrftypes, coalesce(f.macro_definition, f.function_name) AS prosrc,
       NULL::VARCHAR AS probin, NULL::VARCHAR AS prosqlbody, NULL::VARCHAR[] AS proconfig,
       NULL::VARCHAR[] AS proacl
FROM duckdb_functions() f
LEFT JOIN duckdb_schemas() s ON s.database_name = f.database_name AND s.schema_name = f.schema_name
WHERE (duckgres_in_session(f.database_name) OR f.database_name IN ('system', 'duckgres_catalog'))
  AND f.function_name NOT LIKE 'duckgres\_%' ESCAPE '\';

CREATE OR REPLACE VIEW pg_description AS
SELECT table_oid AS objoid, 1259::BIGINT AS classoid, 0 AS objsubid, comment AS description
FROM duckdb_tables() WHERE duckgres_in_session(database_name) AND comment IS NOT NULL
UNION ALL
SELECT view_oid, 1259, 0, comment FROM duckdb_views()
WHERE duckgres_in_session(database_name) AND NOT internal AND comment IS NOT NULL
UNION ALL
SELECT table_oid, 1259, column_index, comment FROM duckdb_columns()
WHERE duckgres_in_session(database_name) AND comment IS NOT NULL
UNION ALL
SELECT index_oid, 1259, 0, comment FROM duckdb_indexes()
WHERE duckgres_in_session(database_name) AND comment IS NOT NULL
UNION ALL
SELECT sequence_oid, 1259, 0, comment FROM duckdb_sequences()
WHERE duckgres_in_session(database_name) AND comment IS NOT NULL
UNION ALL
SELECT oid, 2615, 0, comment FROM duckdb_schemas()
WHERE duckgres_in_session(database_name) AND comment IS NOT NULL;

CREATE OR REPLACE VIEW pg_shdescription AS
SELECT 0::BIGINT AS objoid, 0::BIGINT AS classoid, NULL::VARCHAR AS description WHERE false;

CREATE OR REPLACE VIEW pg_database AS
SELECT 16384::BIGINT AS oid, current_database() AS datname, 10::BIGINT AS datdba,
       6 AS encoding, 'c' AS datlocprovider, false AS datistemplate, true AS datallowconn,
       -1 AS datconnlimit, 0::BIGINT AS datfrozenxid, 0::BIGINT AS datminmxid,
       1663::BIGINT AS dattablespace, 'C.UTF-8' AS datcollate, 'C.UTF-8' AS datctype,
       NULL::VARCHAR AS daticulocale, NULL::VARCHAR AS datcollversion,
       NULL::VARCHAR[] AS datacl;

CREATE OR REPLACE VIEW pg_roles AS
SELECT pg_session_user() AS rolname, true AS rolsuper, true AS rolinherit,
       true AS rolcreaterole, true AS rolcreatedb, true AS rolcanlogin, false AS rolreplication,
       -1 AS rolconnlimit, '********' AS rolpassword, NULL::TIMESTAMPTZ AS rolvaliduntil,
       true AS rolbypassrls, NULL::VARCHAR[] AS rolconfig, 10::BIGINT AS oid;

CREATE OR REPLACE VIEW pg_authid AS
SELECT 10::BIGINT AS oid, rolname, rolsuper, rolinherit, rolcreaterole, rolcreatedb,
       rolcanlogin, rolreplication, rolbypassrls, rolconnlimit, NULL::VARCHAR AS rolpassword,
       rolvaliduntil FROM pg_roles;

CREATE OR REPLACE VIEW pg_user AS
SELECT rolname AS usename, 10::BIGINT AS usesysid, rolcreatedb AS usecreatedb,
       rolsuper AS usesuper, rolreplication AS userepl, rolbypassrls AS usebypassrls,
       '********' AS passwd, rolvaliduntil AS valuntil, rolconfig AS useconfig FROM pg_roles;

CREATE OR REPLACE VIEW pg_auth_members AS
SELECT 0::BIGINT AS roleid, 0::BIGINT AS member, 0::BIGINT AS grantor,
       false AS admin_option WHERE false;

CREATE OR REPLACE VIEW pg_am AS
SELECT * FROM (VALUES (2::BIGINT, 'heap', 'heap_tableam_handler', 't'),
                      (403::BIGINT, 'btree', 'bthandler', 'i'))
  AS am(oid, amname, amhandler, amtype);

CREATE OR REPLACE VIEW pg_tablespace AS
SELECT * FROM (VALUES (1663::BIGINT, 'pg_default', 10::BIGINT, NULL::VARCHAR[], NULL::VARCHAR[]))
  AS t(oid, spcname, spcowner, spcacl, spcoptions);

CREATE OR REPLACE VIEW pg_language AS
SELECT * FROM (VALUES (12::BIGINT, 'internal', 10::BIGINT, false, false, 0::BIGINT, 0::BIGINT,
                       0::BIGINT, NULL::VARCHAR[]),
                      (14::BIGINT, 'sql', 10::BIGINT, false, true, 0::BIGINT, 0::BIGINT,
                       0::BIGINT, NULL::VARCHAR[]))
  AS l(oid, lanname, lanowner, lanispl, lanpltrusted, lanplcallfoid, laninline, lanvalidator,
       lanacl);

-- The session's parameters, then DuckDB's own settings.
CREATE OR REPLACE VIEW pg_settings AS
SELECT e.key AS name, e.value AS setting, NULL::VARCHAR AS unit, 'Duckgres' AS category,
       '' AS short_desc, '' AS extra_desc, 'user' AS context, 'string' AS vartype,
       'session' AS source, NULL::VARCHAR AS min_val, NULL::VARCHAR AS max_val,
       NULL::VARCHAR[] AS enumvals, e.value AS boot_val, e.value AS reset_val,
       NULL::VARCHAR AS sourcefile, NULL::INTEGER AS sourceline, false AS pending_restart
FROM (SELECT unnest(map_entries(coalesce(getvariable('duckgres_settings'),
                                         MAP {}::MAP(VARCHAR, VARCHAR))), recursive := true)) e
UNION ALL
SELECT s.name, s.value, NULL, 'DuckDB', s.description, '', 'user',
       CASE s.input_type WHEN 'BOOLEAN' THEN 'bool' WHEN 'VARCHAR' THEN 'string'
         WHEN 'BIGINT' THEN 'integer' WHEN 'UBIGINT' THEN 'integer' ELSE 'string' END,
       'default', NULL, NULL, NULL, s.value, s.value, NULL, NULL, false
FROM duckdb_settings() s
WHERE s.name NOT IN (SELECT unnest(map_keys(coalesce(getvariable('duckgres_settings'),
                                                     MAP {}::MAP(VARCHAR, VARCHAR)))));
