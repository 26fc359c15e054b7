-- Constants, escapes and patterns as PostgreSQL's grammar reads them (the literal transforms of
-- engine/sql/transform): U&'…', hex bytea, array literals, jsonb types, LIKE's backslash escape,
-- SIMILAR TO and date/time templates, also in the spellings the parse tree unifies (E'…', $$…$$,
-- typed literals).
SELECT U&'\0441\043B\043E\043D', 'é' || U&'\00E9', U&'a!0062c' UESCAPE '!';
SELECT E'\\x0102'::bytea, bytea '\xff00', '\x'::bytea, 'abc'::bytea;
SELECT '\x01 02	FF'::bytea;
SELECT '\x123'::bytea;
SELECT '\x1z'::bytea;
SELECT '{1,2,NULL}'::int[], '{"a,b","c\"d", " e "}'::text[], '{}'::text[];
SELECT E'{"x\\\\y"}'::text[], array_length('{7,8,9}'::int[], 1), '{t,f}'::boolean[];
SELECT 'b' = ANY('{a,b}'), 'z' = ANY('{a,b}'), 'z' <> ALL('{a,b}');
SELECT '{"a": {"b": [1, 2]}}'::jsonb #> '{a,b,1}'::text[], '{"a": {"b": "c"}}'::jsonb #>> ARRAY['a', 'b'];
CREATE TABLE lit_t (id int, doc jsonb, pic bytea);
INSERT INTO lit_t VALUES (1, '{"k": 1}', '\xdead'::bytea), (2, '[1, 2]'::jsonb, E'\\x00'::bytea);
SELECT id, doc, pic, doc -> 'k' FROM lit_t ORDER BY id;
SELECT 'a_c' LIKE $$a\_c$$, 'abc' LIKE $$a\_c$$, 'A%C' ILIKE 'a\%c', 'a\b' LIKE E'a\\\\b';
SELECT s, s LIKE 'a\_%', s NOT LIKE 'a\_%' FROM (VALUES ('a_1'), ('ab')) v(s) ORDER BY s;
SELECT 'abc' SIMILAR TO 'a(b|x)c', 'a.c' NOT SIMILAR TO 'a.c', 'abc' SIMILAR TO '%(b|d)%';
CREATE TABLE lit_named AS SELECT to_char(DATE '2024-02-09', 'YYYY-MM'), 'a_c' LIKE 'a\_c';
SELECT * FROM lit_named;
SELECT to_char(DATE '2024-02-09', 'FMDay, FMDD Month YYYY'), to_char(TIMESTAMP '2024-02-09 00:05:00', 'HH12:MI am');
SELECT to_date('2024-02-09', 'YYYY-MM-DD') + 1, to_char(to_date('2024-02-09', 'YYYY-MM-DD'), 'DD.MM.YYYY');
DROP TABLE lit_t;
DROP TABLE lit_named;
