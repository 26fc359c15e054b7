-- The SQL front end: numeric kept digit for digit, division by zero, jsonb operators, planner
-- and logging settings, DISCARD, format_type, cursors.
CREATE TABLE fe_num (id integer PRIMARY KEY, x numeric);
INSERT INTO fe_num VALUES (1, 1.23456789), (2, 0.000123), (3, -42), (4, 123456789012345678901234);
SELECT id, x FROM fe_num ORDER BY id;
SELECT sum(x), min(x), max(x) FROM fe_num;
SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY x) FROM fe_num; -- known: float: percentile_cont of numeric is a double in PostgreSQL (0.6173454449999999); DuckDB interpolates the decimals exactly (0.617345445)
SELECT 123456789012345678901234::numeric, 1.23456789::numeric, '0.000123'::numeric;
SELECT round(1.2345::numeric, 2), round(2.5::numeric), round(-1.2345::numeric, 3);
SELECT x FROM fe_num WHERE x = 0.000123;
UPDATE fe_num SET x = 2.5 WHERE id = 3;
SELECT x FROM fe_num WHERE id = 3;
CREATE TABLE fe_num_more (x numeric);
INSERT INTO fe_num_more VALUES (0.12345678901234567890123); -- known: numeric: numeric without precision holds 10 digits after the point (DECIMAL(38,10)); a value with more is refused with 22003, never rounded
CREATE TABLE fe_num_wide (x numeric(40, 2)); -- known: numeric: precision above 38 (DuckDB's DECIMAL limit) is refused with 22003
SELECT 7 / 0 * 2;
SELECT x / 0 FROM fe_num WHERE id = 1;
SELECT 10 % 0;
SELECT 1 / 0 FROM fe_num WHERE false; -- known: division by zero: PostgreSQL folds the constant 1 / 0 while planning, so it fails even when no row is read
SELECT id / 2, id % 2 FROM fe_num ORDER BY id;
SELECT interval '1 day 2 hours' * 2, interval '1 day' / 4;
SELECT (ARRAY[10, 20, 30])[2], cardinality(ARRAY[10, 20, 30]);
SELECT '[1,2]'::jsonb || '3'::jsonb, '{"a":1}'::jsonb || '{"b":2}'::jsonb;
SELECT '{"a":1, "b": 2}'::jsonb @> '{"a":1}'::jsonb, '{"a":1}'::jsonb <@ '{"a":1, "b": 2}'::jsonb, '{"a":1}'::jsonb @> '{"a":2}'::jsonb;
SELECT '{"a":1}'::jsonb ? 'a', '["x", "y"]'::jsonb ? 'y', '{"a":1}'::jsonb ? 'b';
SELECT '{"a": {"b": [1, 2]}}'::jsonb #>> '{a,b,1}', '{"a": {"b": "c"}}'::jsonb #> '{a,b}';
SET enable_seqscan = on;
SHOW enable_seqscan;
SET enable_nestloop TO off;
SHOW enable_nestloop;
SET random_page_cost = 1.1;
SHOW random_page_cost;
SET effective_cache_size = '4GB';
SHOW effective_cache_size;
SET log_statement = 'all';
SHOW log_statement;
SELECT current_setting('random_page_cost'), current_setting('log_statement');
RESET enable_nestloop;
SHOW enable_nestloop;
RESET ALL;
SHOW random_page_cost;
DISCARD PLANS;
DISCARD SEQUENCES;
CREATE TEMP TABLE fe_temp (a integer);
DISCARD TEMP;
SELECT * FROM fe_temp;
DISCARD ALL;
BEGIN;
DISCARD ALL;
ROLLBACK;
SELECT format_type(1083, 3), format_type(1184, 6), format_type(1114, 0), format_type(1700, -1);
BEGIN;
DECLARE fe_c NO SCROLL CURSOR FOR SELECT id FROM fe_num ORDER BY id;
FETCH NEXT FROM fe_c;
FETCH BACKWARD 1 FROM fe_c;
ROLLBACK;
BEGIN;
DECLARE fe_s SCROLL CURSOR FOR SELECT id FROM fe_num ORDER BY id;
FETCH 2 FROM fe_s;
FETCH BACKWARD 1 FROM fe_s;
ROLLBACK;
SELECT justify_hours(INTERVAL '30 hours'), justify_hours(INTERVAL '2 days 50 hours 10 minutes'), justify_days(INTERVAL '40 days'), justify_days(INTERVAL '1 month 65 days 3 hours');
SELECT 5 # 3, 1e3::text, 1.5e-3;
SELECT '1.5'::integer;
SELECT '2.5'::bigint;
SELECT '1e400'::float8;
SELECT ARRAY[1, 2] || 3, 0 || ARRAY[1, 2], ARRAY[1] || ARRAY[2, 3];
SELECT overlay('abcdef' placing 'XY' from 3), overlay('abcdef' placing 'XY' from 2 for 3);
SELECT (TIMESTAMP '2024-01-01', TIMESTAMP '2024-01-10') OVERLAPS (TIMESTAMP '2024-01-09', TIMESTAMP '2024-01-20'), (DATE '2024-01-01', DATE '2024-01-02') OVERLAPS (DATE '2024-01-02', DATE '2024-01-03');
