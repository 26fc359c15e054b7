-- Functions that read the relations of 10-relations.sql: visibility, the pg_get_*def family,
-- descriptions, and the reg* casts (CatalogSql turns 'x'::regclass into regclass_in('x') and
-- c.oid::regclass into regclass_out(c.oid)).

CREATE OR REPLACE MACRO pg_table_is_visible(arg_relation_oid) AS
  coalesce((SELECT list_contains(current_schemas(true), x_n.nspname) OR x_n.nspname = 'pg_temp_1'
            FROM pg_class x_c JOIN pg_namespace x_n ON x_n.oid = x_c.relnamespace
            WHERE x_c.oid = arg_relation_oid), false);

CREATE OR REPLACE MACRO pg_type_is_visible(arg_type_oid) AS true;

CREATE OR REPLACE MACRO pg_function_is_visible(arg_function_oid) AS true;

CREATE OR REPLACE MACRO pg_get_expr(arg_expression, arg_relation_oid) AS arg_expression,
  (arg_expression, arg_relation_oid, arg_pretty) AS arg_expression;

CREATE OR REPLACE MACRO duckgres_constraintdef(arg_constraint_oid) AS
  (SELECT CASE x_c.contype
     WHEN 'p' THEN 'PRIMARY KEY (' || array_to_string(list_transform(x_c.column_names, x_name -> quote_ident(x_name)), ', ') || ')'
     WHEN 'u' THEN 'UNIQUE (' || array_to_string(list_transform(x_c.column_names, x_name -> quote_ident(x_name)), ', ') || ')'
     WHEN 'f' THEN 'FOREIGN KEY (' || array_to_string(list_transform(x_c.column_names, x_name -> quote_ident(x_name)), ', ')
       || ') REFERENCES ' || quote_ident(x_c.referenced_table) || '('
       || array_to_string(list_transform(x_c.referenced_column_names, x_name -> quote_ident(x_name)), ', ') || ')'
     ELSE 'CHECK (' || x_c.expression || ')' END
   FROM duckgres_constraints x_c WHERE x_c.oid = arg_constraint_oid);

CREATE OR REPLACE MACRO pg_get_constraintdef(arg_constraint_oid) AS duckgres_constraintdef(arg_constraint_oid),
  (arg_constraint_oid, arg_pretty) AS duckgres_constraintdef(arg_constraint_oid);

-- CREATE INDEX in PostgreSQL's form; psql prints what follows " USING ".
CREATE OR REPLACE MACRO duckgres_indexdef(arg_index_oid) AS
  (SELECT 'CREATE ' || CASE WHEN x_i.indisunique THEN 'UNIQUE ' ELSE '' END || 'INDEX '
     || quote_ident(x_i.relname) || ' ON ' || quote_ident(duckgres_nspname(x_i.database_name, x_i.schema_name))
     || '.' || quote_ident(x_i.table_name) || ' USING btree (' || array_to_string(x_i.columns, ', ') || ')'
   FROM duckgres_indexes x_i WHERE x_i.oid = arg_index_oid);

CREATE OR REPLACE MACRO pg_get_indexdef(arg_index_oid) AS duckgres_indexdef(arg_index_oid),
  (arg_index_oid, arg_column_number, arg_pretty) AS
  CASE WHEN arg_column_number = 0 THEN duckgres_indexdef(arg_index_oid)
       ELSE (SELECT x_i.columns[arg_column_number] FROM duckgres_indexes x_i WHERE x_i.oid = arg_index_oid) END;

-- A view's query as PostgreSQL prints it: after a space, ending with ";" (pg_dump drops the
-- last character of the text, PostgreSQL's ";").
CREATE OR REPLACE MACRO duckgres_viewdef(arg_view_oid) AS
  (SELECT ' ' || regexp_replace(regexp_replace(x_v.sql, '^\s*CREATE\s+(TEMP\s+|TEMPORARY\s+)?VIEW\s+.*?\s+AS\s+', '', 'si'),
                         ';?\s*$', ';')
   FROM duckdb_views() x_v WHERE x_v.view_oid = arg_view_oid);

-- Whether a view (its DuckDB text) reads the relation schema.name: here, whether the name is a
-- word of the view's text; 27-compat-functions.sql replaces this with the view's parse tree.
CREATE OR REPLACE MACRO duckgres_view_reads(arg_view_sql, arg_schema, arg_name) AS
  list_contains(regexp_split_to_array(lower(arg_view_sql), '[^a-z0-9_$]+'), lower(arg_name));

CREATE OR REPLACE MACRO pg_get_viewdef(arg_view_oid) AS duckgres_viewdef(arg_view_oid),
  (arg_view_oid, arg_pretty) AS duckgres_viewdef(arg_view_oid);

CREATE OR REPLACE MACRO pg_get_partkeydef(arg_relation_oid) AS NULL::VARCHAR;

-- The sequence behind a serial or identity column (SerialColumns gives it the default
-- nextval('seq')), schema-qualified; the table's name is parsed as SQL, the column's taken as is.
CREATE OR REPLACE MACRO duckgres_identifier_part(arg_part) AS
  CASE WHEN starts_with(arg_part, '"') THEN replace(arg_part[2:-2], '""', '"') ELSE lower(arg_part) END;

CREATE OR REPLACE MACRO pg_get_serial_sequence(arg_table_name, arg_column_name) AS
  (SELECT CASE WHEN contains(x_c.x_sequence, '.') THEN x_c.x_sequence
               ELSE duckgres_nspname(x_c.database_name, x_c.schema_name) || '.' || x_c.x_sequence END
   FROM (SELECT database_name, schema_name, table_name, column_name,
                regexp_extract(column_default, '^nextval\(''(.*)''\)$', 1) AS x_sequence
         FROM duckdb_columns() WHERE duckgres_in_session(database_name)) x_c
   WHERE x_c.x_sequence <> '' AND x_c.column_name = arg_column_name
     AND x_c.table_name = duckgres_identifier_part(string_split(arg_table_name, '.')[-1])
     AND (len(string_split(arg_table_name, '.')) = 1
          OR duckgres_nspname(x_c.database_name, x_c.schema_name)
             = duckgres_identifier_part(string_split(arg_table_name, '.')[-2]))
   ORDER BY x_c.schema_name <> 'main' LIMIT 1);

CREATE OR REPLACE MACRO pg_get_statisticsobjdef_columns(arg_statistics_oid) AS NULL::VARCHAR;

CREATE OR REPLACE MACRO pg_get_triggerdef(arg_trigger_oid) AS NULL::VARCHAR,
  (arg_trigger_oid, arg_pretty) AS NULL::VARCHAR;

CREATE OR REPLACE MACRO pg_get_ruledef(arg_rule_oid) AS NULL::VARCHAR,
  (arg_rule_oid, arg_pretty) AS NULL::VARCHAR;

CREATE OR REPLACE MACRO pg_relation_is_publishable(arg_relation_oid) AS false;

CREATE OR REPLACE MACRO pg_get_function_result(arg_function_oid) AS
  (SELECT CASE WHEN x_p.proretset THEN 'SETOF record' ELSE format_type(x_p.prorettype, NULL) END
   FROM pg_proc x_p WHERE x_p.oid = arg_function_oid);

CREATE OR REPLACE MACRO pg_get_function_arguments(arg_function_oid) AS
  (SELECT array_to_string(x_p.proargnames, ', ')
   FROM pg_proc x_p WHERE x_p.oid = arg_function_oid);

CREATE OR REPLACE MACRO pg_get_function_identity_arguments(arg_function_oid) AS
  pg_get_function_arguments(arg_function_oid);

-- Comments: DuckDB's COMMENT ON is PostgreSQL's pg_description.
CREATE OR REPLACE MACRO duckgres_obj_description(arg_object_oid) AS
  (SELECT x_d.description FROM pg_description x_d WHERE x_d.objoid = arg_object_oid AND x_d.objsubid = 0
   LIMIT 1);

CREATE OR REPLACE MACRO obj_description(arg_object_oid, arg_catalog_name) AS duckgres_obj_description(arg_object_oid),
  (arg_object_oid) AS
duckgres_obj_description(arg_object_oid);

CREATE OR REPLACE MACRO col_description(arg_table_oid, arg_column_number) AS
  (SELECT x_d.description FROM pg_description x_d
   WHERE x_d.objoid = arg_table_oid AND x_d.objsubid = arg_column_number LIMIT 1);

CREATE OR REPLACE MACRO shobj_description(arg_object_oid, arg_catalog_name) AS NULL::VARCHAR;

-- reg* types. Input takes a name (optionally schema-qualified and quoted) or a number.
CREATE OR REPLACE MACRO duckgres_name_part(arg_name, arg_part) AS
  regexp_extract(arg_name::VARCHAR, '^(?:("[^"]+"|[^".]+)\.)?("[^"]+"|[^".]+)$', arg_part);

CREATE OR REPLACE MACRO duckgres_unquote(arg_identifier) AS
  CASE WHEN arg_identifier LIKE '"%"' THEN replace(arg_identifier[2:-2], '""', '"')
       ELSE lower(arg_identifier) END;

-- The system catalogs have PostgreSQL's OIDs ('pg_class'::regclass is 1259, as pg_description's
-- classoid says); user relations are looked up along the search path.
CREATE OR REPLACE MACRO to_regclass(arg_name) AS
  CASE WHEN regexp_full_match(arg_name::VARCHAR, '\d+') THEN arg_name::BIGINT ELSE coalesce(
  ${CATALOG_OIDS}
    [regexp_replace(lower(arg_name::VARCHAR), '^pg_catalog\.', '')]::BIGINT,
  (SELECT x_c.oid FROM pg_class x_c JOIN pg_namespace x_n ON x_n.oid = x_c.relnamespace
   WHERE x_c.relname = duckgres_unquote(duckgres_name_part(arg_name, 2))
     AND CASE WHEN duckgres_name_part(arg_name, 1) = '' THEN list_contains(current_schemas(true), x_n.nspname)
              ELSE x_n.nspname = duckgres_unquote(duckgres_name_part(arg_name, 1)) END
   ORDER BY list_position(current_schemas(true), x_n.nspname) LIMIT 1)) END;

CREATE OR REPLACE MACRO regclass_in(arg_name) AS
  coalesce(to_regclass(arg_name), error('relation "' || arg_name || '" does not exist'));

CREATE OR REPLACE MACRO regclass_out(arg_relation_oid) AS
  coalesce((SELECT CASE WHEN list_contains(current_schemas(true), x_n.nspname)
                        THEN quote_ident(x_c.relname)
                        ELSE quote_ident(x_n.nspname) || '.' || quote_ident(x_c.relname) END
            FROM pg_class x_c JOIN pg_namespace x_n ON x_n.oid = x_c.relnamespace
            WHERE x_c.oid = arg_relation_oid), arg_relation_oid::VARCHAR);

CREATE OR REPLACE MACRO to_regtype(arg_name) AS
  CASE WHEN regexp_full_match(arg_name::VARCHAR, '\d+') THEN arg_name::BIGINT ELSE
  (SELECT x_t.oid FROM pg_type x_t
   WHERE x_t.typname = regexp_replace(lower(arg_name), '^pg_catalog\.', '')
      OR format_type(x_t.oid, NULL) = regexp_replace(lower(arg_name), '^pg_catalog\.', '')
      OR (x_t.oid = 23 AND lower(arg_name) = 'int') OR (x_t.oid = 701 AND lower(arg_name) = 'float')
      OR (x_t.oid = 1700 AND lower(arg_name) = 'decimal')
   ORDER BY x_t.oid LIMIT 1) END;

CREATE OR REPLACE MACRO regtype_in(arg_name) AS
  coalesce(to_regtype(arg_name), error('type "' || arg_name || '" does not exist'));

CREATE OR REPLACE MACRO regtype_out(arg_type_oid) AS format_type(arg_type_oid, NULL);

-- Functions have no OIDs worth resolving here; a regproc is its name without the schema.
CREATE OR REPLACE MACRO regproc_in(arg_name) AS regexp_replace(arg_name::VARCHAR, '^pg_catalog\.', '');

CREATE OR REPLACE MACRO regproc_out(arg_function_name) AS arg_function_name::VARCHAR;

CREATE OR REPLACE MACRO to_regproc(arg_name) AS regproc_in(arg_name);

CREATE OR REPLACE MACRO to_regnamespace(arg_name) AS
  (SELECT x_n.oid FROM pg_namespace x_n WHERE x_n.nspname = duckgres_unquote(arg_name::VARCHAR));

CREATE OR REPLACE MACRO regnamespace_in(arg_name) AS
  coalesce(to_regnamespace(arg_name), error('schema "' || arg_name || '" does not exist'));

CREATE OR REPLACE MACRO regnamespace_out(arg_namespace_oid) AS
  coalesce((SELECT quote_ident(x_n.nspname) FROM pg_namespace x_n WHERE x_n.oid = arg_namespace_oid),
           arg_namespace_oid::VARCHAR);

CREATE OR REPLACE MACRO regrole_in(arg_name) AS 10::BIGINT;

CREATE OR REPLACE MACRO regrole_out(arg_role_oid) AS pg_session_user();

CREATE OR REPLACE MACRO pg_typeof(arg_value) AS format_type(pg_type_oid(typeof(arg_value)), NULL);

-- Privileges: every object has its default privileges (the server checks none of its own), so
-- the default ACL is empty and clients that compare an object's ACL with it see nothing to grant.
CREATE OR REPLACE MACRO acldefault(arg_object_type, arg_owner_oid) AS []::VARCHAR[];

-- Storage and foreign-data options ("name=value" items) as rows; no object here has any.
CREATE OR REPLACE MACRO pg_options_to_table(arg_options) AS TABLE
  SELECT split_part(x_option, '=', 1) AS option_name,
         substr(x_option, strpos(x_option, '=') + 1) AS option_value
  FROM (SELECT unnest(coalesce(arg_options, []::VARCHAR[])) AS x_option);

-- ctid, a row's address for the life of a statement: DuckDB's rowid, in a one-field struct the
-- server sends as tid, text (block,item) with rowid = block << 16 | item. duckgres_tid reads
-- the text form (any text around the parentheses is ignored, as tidin does).
CREATE OR REPLACE MACRO duckgres_ctid(arg_rowid) AS {'tid': arg_rowid::BIGINT};
CREATE OR REPLACE MACRO duckgres_tid(arg_text) AS
  {'tid': (regexp_extract(arg_text::VARCHAR, '\((\d+),', 1)::BIGINT << 16)
          | regexp_extract(arg_text::VARCHAR, ',(\d+)\)', 1)::BIGINT};
