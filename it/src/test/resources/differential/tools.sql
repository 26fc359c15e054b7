-- Statements the stock tools send: dbt, pg_dump, pgcli and DuckDB's postgres client.
CREATE TABLE public.tl_items (id integer PRIMARY KEY, name text);
INSERT INTO public.tl_items VALUES (1, 'a'), (2, 'b'), (3, 'c');
CREATE TABLE public.tl_copy AS SELECT * FROM public.tl_items WHERE id < 3;
/* a tool's comment */ CREATE TABLE tl_commented AS SELECT * FROM tl_items;
SELECT count(*) FROM public.tl_copy;
CREATE VIEW tl_view AS SELECT id FROM tl_items WHERE id > 1;
ALTER TABLE tl_view RENAME TO tl_view_renamed;
SELECT id FROM tl_view_renamed ORDER BY id;
ALTER TABLE public.tl_view_renamed RENAME TO tl_view2;
SELECT table_name, table_type FROM information_schema.tables WHERE table_name LIKE 'tl_view%';
DROP TABLE tl_copy, tl_commented;
SELECT count(*) FROM information_schema.tables WHERE table_name IN ('tl_copy', 'tl_commented');
CREATE TABLE tl_keep (id integer);
DROP TABLE tl_keep, tl_missing;
SELECT count(*) FROM tl_keep;
SELECT true k, null::integer n, 1 IS NULL i, CASE WHEN 1 > 0 THEN 'y' END c;
SELECT "count" FROM (SELECT count(*) FROM tl_items) s;
WITH w AS (SELECT max(id), coalesce(null, 'x'), id::text FROM tl_items GROUP BY id ORDER BY id LIMIT 1) SELECT w.max, w.coalesce, w.id FROM w;
SELECT '{23,25}'::oid[]::regtype[];
SELECT 'r' = ANY('{r,v}'::text[]), 'x' <> ALL('{r,v}'::text[]);
CREATE SEQUENCE tl_seq START 42;
SELECT last_value, is_called FROM tl_seq;
SELECT nextval('tl_seq');
SELECT last_value, is_called FROM public.tl_seq;
SELECT at.id FROM tl_items at WHERE at.id = 1;
-- pg_get_viewdef of views over several relations (PostgreSQL 16 and later print the columns of a
-- view over one relation unqualified, PostgreSQL 15 qualified: StockToolsTest compares those
-- with PostgreSQL 15, the version the server reports).
CREATE TABLE tl_orders (id integer, customer text, amount numeric(10,2), placed date);
CREATE TABLE tl_notes (note_id integer, id integer, body text);
CREATE VIEW tl_vd_join AS SELECT o.id, count(*) AS n, sum(o.amount) / 2 FROM tl_orders o JOIN tl_notes b ON o.id = b.id GROUP BY o.id ORDER BY 1;
SELECT pg_get_viewdef('tl_vd_join'::regclass);
SELECT column_name FROM information_schema.columns WHERE table_name = 'tl_vd_join' ORDER BY ordinal_position;
CREATE VIEW tl_vd_left AS SELECT o.id, b.body FROM tl_orders o LEFT JOIN tl_notes b ON o.id = b.id WHERE b.body LIKE 'a%' ORDER BY o.id DESC LIMIT 5 OFFSET 2;
SELECT pg_get_viewdef('tl_vd_left'::regclass);
CREATE VIEW tl_vd_union AS SELECT id, coalesce(customer, '') AS c, id::text AS t FROM tl_orders UNION ALL SELECT note_id, body, 'x' FROM tl_notes;
SELECT pg_get_viewdef('tl_vd_union'::regclass);
CREATE TABLE tl_ctas AS SELECT count(*), max(id) + 1 FROM tl_orders;
SELECT column_name FROM information_schema.columns WHERE table_name = 'tl_ctas' ORDER BY ordinal_position;
