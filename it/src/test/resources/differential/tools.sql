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
