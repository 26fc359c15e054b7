-- Arithmetic, integer division, numeric and floating point, casts between number types.
CREATE TABLE arith_n (id integer PRIMARY KEY, i integer, b bigint, s smallint, d numeric(10,2), f double precision);
INSERT INTO arith_n VALUES (1, 7, 10000000000, 3, 12.50, 0.5), (2, -7, -3, -2, -0.01, 1.25), (3, 0, 0, 0, 0, 0), (4, NULL, NULL, NULL, NULL, NULL);

-- integer division truncates toward zero, like C
SELECT 7 / 2, -7 / 2, 7 / -2, 1 / 3;
SELECT i / 2, i / 3, b / 7, s / 2 FROM arith_n ORDER BY id;
SELECT 7 % 3, -7 % 3, 7 % -3, 10 % 4;
SELECT i % 4, mod(i, 4), b % 3 FROM arith_n ORDER BY id;
SELECT 7.0 / 2, 7 / 2.0, 7::numeric / 2; -- known: numeric: numeric division keeps DuckDB decimal scale, not PostgreSQL numeric scale
SELECT 1 + 2 * 3 - 4, (1 + 2) * 3, 2 ^ 10, -2 ^ 2;
SELECT 10 / 3 * 3, 10 * 3 / 3;
SELECT abs(-5), abs(-5.5), sign(-3), sign(0), sign(2.5);
SELECT round(2.5), round(3.5), round(-2.5), round(2.345, 2), round(1234.5678, -2);
SELECT trunc(2.789), trunc(-2.789), trunc(2.789, 1);
SELECT ceil(2.1), ceil(-2.1), floor(2.9), floor(-2.9), ceiling(4.01);
SELECT sqrt(16), cbrt(27.0), power(2, 10), exp(0), ln(1);
SELECT log(100), log10(1000), log(2, 8); -- known: numeric: log(b, x) of integers is a double in DuckDB
SELECT greatest(1, 5, 3), least(1, 5, 3), greatest(1, NULL, 3), least('b', 'a', 'c');
SELECT 5 & 3, 5 | 3, 5 # 3, ~5, 1 << 4, 256 >> 2;
SELECT gcd(12, 18), lcm(4, 6), factorial(5);
SELECT div(9, 4), div(-9, 4);
SELECT width_bucket(5.35, 0.024, 10.06, 5);
SELECT width_bucket(-1, 0, 10, 5), width_bucket(10, 0, 10, 5), width_bucket(2, 10, 0, 5), width_bucket(7.5::float8, 0, 10, 4);
SELECT width_bucket(1, 0, 10, 0);
SELECT pi();
SELECT 1.5 + 2.25, 0.1 + 0.2, 1.10 * 2;
SELECT 100::numeric(5,2), 1.005::numeric(5,2), 12345.678::numeric(8,1);
SELECT d * 2, d + 1, -d FROM arith_n ORDER BY id;
SELECT 0.1::float8 + 0.2::float8;
SELECT 1.5::float8, 100::float8, 0.001::float8, 2.5::real;
SELECT 1e20::float8, 1e-7::float8, 123456789012345.0::float8;
SELECT f * 2, f / 4 FROM arith_n ORDER BY id;
SELECT 'NaN'::float8, 'Infinity'::float8, '-Infinity'::float8;
SELECT 3.7::integer, -3.7::integer, 2.5::integer, 3.5::integer;
SELECT '42'::integer + 1, '  42  '::integer, '-17'::bigint;
SELECT 42::text || 'x', 3.14::text, 1e3::text;
SELECT 10::smallint + 5::smallint, 2147483647::bigint + 1;
SELECT cast(12.345 AS numeric(6,1)), cast(7 AS double precision) / 2;
SELECT i::numeric / 3 FROM arith_n WHERE id = 1; -- known: numeric: numeric division is a double in DuckDB
SELECT 2147483647 + 1;
SELECT 9223372036854775807 + 1;
SELECT (-32768)::smallint - 1::smallint;
SELECT 1 / 0;
SELECT 1.0 / 0;
SELECT 5 % 0;
SELECT 1::float8 / 0;
SELECT sqrt(-1);
SELECT ln(0);
SELECT 'abc'::integer;
SELECT '1.5'::integer;
SELECT 99999::smallint;
SELECT 123.456::numeric(4,2);
SELECT id, i FROM arith_n WHERE i > 0 OR i < 0 ORDER BY id;
SELECT id FROM arith_n WHERE i BETWEEN -10 AND 5 ORDER BY id;
SELECT count(*) FROM arith_n WHERE i IN (7, 0);
SELECT sum(i), sum(b), sum(d), avg(i), avg(d) FROM arith_n; -- known: numeric: avg is a double in DuckDB
SELECT max(f), min(f), sum(f) FROM arith_n;
SELECT sum(s), avg(s) FROM arith_n; -- known: numeric: avg is a double in DuckDB
SELECT 9 / 2 * 2.0, (9 / 2)::float8;
SELECT true AND false, true OR false, NOT true, true AND NULL, false AND NULL, true OR NULL;
SELECT 1 = 1, 1 <> 2, 1 != 1, 2 > 1, 'a' < 'b';
