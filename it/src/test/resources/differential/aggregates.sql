-- Aggregates, GROUP BY, HAVING, FILTER, DISTINCT, ordered-set aggregates.
CREATE TABLE agg_sales (id integer PRIMARY KEY, region text, product text, qty integer, price numeric(8,2), sold date);
INSERT INTO agg_sales VALUES (1, 'north', 'apple', 10, 1.50, '2024-01-05'), (2, 'north', 'pear', 5, 2.00, '2024-01-06'), (3, 'south', 'apple', 7, 1.40, '2024-02-01'), (4, 'south', 'apple', 3, 1.60, '2024-02-03'), (5, 'east', 'plum', NULL, 3.00, '2024-03-01'), (6, 'east', 'pear', 8, NULL, NULL), (7, NULL, 'apple', 1, 1.00, '2024-03-02');

SELECT count(*), count(qty), count(DISTINCT region), count(DISTINCT product) FROM agg_sales;
SELECT sum(qty), avg(qty), min(qty), max(qty) FROM agg_sales; -- known: numeric: avg of integers is a double in DuckDB, numeric with PostgreSQL scale rules
SELECT sum(price), avg(price), sum(qty * price) FROM agg_sales; -- known: numeric: avg of numeric keeps the input scale in DuckDB
SELECT region, count(*), sum(qty) FROM agg_sales GROUP BY region ORDER BY region;
SELECT region, product, sum(qty) FROM agg_sales GROUP BY region, product ORDER BY region, product;
SELECT region, sum(qty) FROM agg_sales GROUP BY region HAVING sum(qty) > 9 ORDER BY region;
SELECT product, count(*) FILTER (WHERE qty > 4), sum(qty) FILTER (WHERE region = 'south') FROM agg_sales GROUP BY product ORDER BY product;
SELECT bool_and(qty > 2), bool_or(qty > 9), every(price > 0) FROM agg_sales;
SELECT string_agg(product, ',' ORDER BY id) FROM agg_sales;
SELECT region, string_agg(DISTINCT product, '/' ORDER BY product) FROM agg_sales GROUP BY region ORDER BY region;
SELECT array_agg(qty ORDER BY id) FROM agg_sales;
SELECT array_agg(DISTINCT product ORDER BY product) FROM agg_sales;
SELECT region, array_agg(id ORDER BY id DESC) FROM agg_sales GROUP BY region ORDER BY region;
SELECT stddev(qty), stddev_pop(qty), variance(qty), var_pop(qty) FROM agg_sales; -- known: numeric: variance of integers is a double in DuckDB, and stddev differs in the last digit
SELECT round(stddev(qty), 4), round(variance(qty), 4) FROM agg_sales;
SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY qty) FROM agg_sales;
SELECT percentile_disc(0.5) WITHIN GROUP (ORDER BY qty) FROM agg_sales;
SELECT mode() WITHIN GROUP (ORDER BY product) FROM agg_sales;
SELECT count(*) FROM agg_sales WHERE false;
SELECT sum(qty), avg(qty), max(qty), string_agg(product, ',') FROM agg_sales WHERE false;
SELECT region, count(*) FROM agg_sales WHERE false GROUP BY region;
SELECT avg(x) FROM (VALUES (1), (2)) v(x); -- known: numeric: avg of integers is a double in DuckDB
SELECT avg(x) FROM (VALUES (1), (2), (2)) v(x);
SELECT sum(x) FROM (VALUES (2147483647), (1)) v(x);
SELECT avg(x::float8) FROM (VALUES (1), (2)) v(x);
SELECT count(DISTINCT (region, product)) FROM agg_sales;
SELECT region, product, sum(qty) FROM agg_sales GROUP BY ROLLUP (region, product) ORDER BY region, product, 3;
SELECT region, product, count(*) FROM agg_sales GROUP BY CUBE (region, product) ORDER BY region, product, 3;
SELECT region, product, count(*) FROM agg_sales GROUP BY GROUPING SETS ((region), (product), ()) ORDER BY region, product, 3;
SELECT region, grouping(region), count(*) FROM agg_sales GROUP BY ROLLUP (region) ORDER BY region, 2, 3;
SELECT DISTINCT region FROM agg_sales ORDER BY region;
SELECT DISTINCT ON (region) region, id, qty FROM agg_sales ORDER BY region, qty DESC;
SELECT date_trunc('month', sold) AS m, sum(qty) FROM agg_sales GROUP BY 1 ORDER BY 1; -- known: dates: date_trunc of a date is a timestamp in DuckDB, timestamptz in PostgreSQL
SELECT extract(month FROM sold) AS m, count(*) FROM agg_sales GROUP BY m ORDER BY m;
SELECT region, max(price) - min(price) FROM agg_sales GROUP BY region ORDER BY region;
SELECT count(*) > 3 FROM agg_sales;
SELECT sum(qty) / count(qty) FROM agg_sales;
SELECT product, avg(price)::numeric(6,3) FROM agg_sales GROUP BY product ORDER BY product;
SELECT max(product), min(region) FROM agg_sales;
SELECT corr(qty, price), covar_pop(qty, price), regr_slope(price, qty) FROM agg_sales WHERE qty IS NOT NULL AND price IS NOT NULL; -- known: float: corr/regr computed differently, last digit differs
SELECT bit_and(qty), bit_or(qty) FROM agg_sales;
SELECT json_agg(product ORDER BY id) FROM agg_sales WHERE region = 'north';
SELECT region FROM agg_sales GROUP BY region HAVING count(*) = 2 ORDER BY region;
SELECT id, qty FROM agg_sales GROUP BY id ORDER BY id LIMIT 2; -- known: queries: DuckDB does not infer functional dependency on a GROUP BY primary key
SELECT region, qty FROM agg_sales GROUP BY region;
SELECT sum(product) FROM agg_sales;
SELECT count(*) FROM agg_sales HAVING count(*) > 100;
