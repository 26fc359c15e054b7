-- Statements that must fail, compared by SQLSTATE class.
CREATE TABLE err_t (id integer PRIMARY KEY, v text UNIQUE, n integer NOT NULL);
INSERT INTO err_t VALUES (1, 'a', 1);

SELEC 1;
SELECT 1 +;
SELECT * FROM;
SELECT 'unterminated;
SELECT (1;
CREATE TABLE err_t (x integer);
CREATE TABLE err_bad (x nosuchtype);
DROP TABLE no_such_table;
DROP TABLE IF EXISTS no_such_table;
SELECT no_such_function(1);
SELECT abs('x'); -- known: errors: an untyped literal against an overloaded function is 42725 in DuckDB, 22P02 in PostgreSQL
SELECT nope FROM err_t;
SELECT err_t.nope FROM err_t;
SELECT * FROM no_schema.err_t;
INSERT INTO err_t VALUES (1, 'b', 2);
INSERT INTO err_t VALUES (2, 'a', 2);
INSERT INTO err_t VALUES (3, 'c', NULL);
INSERT INTO err_t (id, v) VALUES (4, 'd');
SELECT 1 / 0;
SELECT 2147483647::integer * 2;
SELECT 'x'::integer;
SELECT '2024-13-45'::date;
SELECT 'maybe'::boolean;
SELECT CAST('1e400' AS double precision);
SELECT 1 FROM err_t GROUP BY v HAVING n > 0;
SELECT id, count(*) FROM err_t;
SELECT sum(count(*)) FROM err_t;
SELECT * FROM err_t WHERE count(*) > 0;
SELECT id FROM err_t, err_t;
SELECT 1 = 'a';
SELECT true + 1;
SELECT 'a' + 1; -- known: errors: an untyped literal against an operator is 42725 in DuckDB, 22P02 in PostgreSQL
SELECT length(1, 2);
SELECT ARRAY[1][1]; -- known: errors: DuckDB accepts subscripts on an ARRAY constructor
SELECT (SELECT id FROM err_t UNION ALL SELECT 2);
SELECT nextval('no_such_seq');
CREATE SEQUENCE err_seq MAXVALUE 1;
SELECT nextval('err_seq');
SELECT nextval('err_seq');
ALTER TABLE no_such_table ADD COLUMN x integer;
ALTER TABLE err_t ADD COLUMN n integer;
CREATE INDEX ON no_such_table (x); -- known: errors: DuckDB requires an index name, so it never gets to look up the table
SELECT * FROM err_t LIMIT -1;
SELECT * FROM err_t OFFSET -1;
SELECT * FROM err_t LIMIT 1 OFFSET (0 - 2);
CREATE SEQUENCE err_seq_range MINVALUE 10 MAXVALUE 5;
CREATE SEQUENCE err_seq_start START 10 MAXVALUE 5;
CREATE SEQUENCE err_seq_step INCREMENT 0;
SELECT repeat('x', 3) FROM err_t OFFSET 'a';
COMMIT;
ROLLBACK;
BEGIN;
SELECT 'x'::integer;
SELECT 1;
ROLLBACK;
SELECT 1;
SELECT substring('abc' FROM 1 FOR -1);
SELECT round(1.5, 'a');
SELECT to_date('x', 'YYYY');
SELECT interval 'nonsense';
SELECT '{1,2}'::integer[] + 1;
SELECT generate_series(1, 3, 0);
