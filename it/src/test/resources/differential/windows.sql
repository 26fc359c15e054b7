-- Window functions and frames.
CREATE TABLE win_t (id integer PRIMARY KEY, grp text, v integer, ts date);
INSERT INTO win_t VALUES (1, 'a', 10, '2024-01-01'), (2, 'a', 20, '2024-01-02'), (3, 'a', 20, '2024-01-04'), (4, 'b', 5, '2024-01-01'), (5, 'b', 15, '2024-01-03'), (6, 'b', NULL, '2024-01-05'), (7, 'c', 7, '2024-01-02');

SELECT id, row_number() OVER (ORDER BY id) FROM win_t ORDER BY id;
SELECT id, grp, row_number() OVER (PARTITION BY grp ORDER BY id) FROM win_t ORDER BY id;
SELECT id, rank() OVER (ORDER BY v), dense_rank() OVER (ORDER BY v) FROM win_t ORDER BY id;
SELECT id, percent_rank() OVER (ORDER BY v), cume_dist() OVER (ORDER BY v) FROM win_t ORDER BY id;
SELECT id, ntile(3) OVER (ORDER BY id) FROM win_t ORDER BY id;
SELECT id, lag(v) OVER (ORDER BY id), lead(v) OVER (ORDER BY id), lag(v, 2, 0) OVER (ORDER BY id) FROM win_t ORDER BY id;
SELECT id, sum(v) OVER (PARTITION BY grp) FROM win_t ORDER BY id;
SELECT id, sum(v) OVER (PARTITION BY grp ORDER BY id) FROM win_t ORDER BY id;
SELECT id, sum(v) OVER (ORDER BY v) FROM win_t ORDER BY id;
SELECT id, sum(v) OVER (ORDER BY id ROWS BETWEEN 1 PRECEDING AND 1 FOLLOWING) FROM win_t ORDER BY id;
SELECT id, avg(v) OVER (ORDER BY id ROWS BETWEEN 2 PRECEDING AND CURRENT ROW) FROM win_t ORDER BY id; -- known: numeric: avg is a double in DuckDB
SELECT id, count(*) OVER (ORDER BY v RANGE BETWEEN 5 PRECEDING AND 5 FOLLOWING) FROM win_t ORDER BY id;
SELECT id, count(v) OVER (ORDER BY ts RANGE BETWEEN INTERVAL '1 day' PRECEDING AND CURRENT ROW) FROM win_t ORDER BY id;
SELECT id, first_value(v) OVER w, last_value(v) OVER w, nth_value(v, 2) OVER w FROM win_t WINDOW w AS (PARTITION BY grp ORDER BY id ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) ORDER BY id;
SELECT id, last_value(v) OVER (PARTITION BY grp ORDER BY id) FROM win_t ORDER BY id;
SELECT id, max(v) OVER (PARTITION BY grp), min(v) OVER () FROM win_t ORDER BY id;
SELECT id, count(*) OVER () FROM win_t ORDER BY id;
SELECT id, sum(v) OVER (ORDER BY id GROUPS BETWEEN 1 PRECEDING AND CURRENT ROW) FROM win_t ORDER BY id;
SELECT id, sum(v) OVER (ORDER BY id ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW EXCLUDE CURRENT ROW) FROM win_t ORDER BY id;
SELECT grp, v, rank() OVER (PARTITION BY grp ORDER BY v DESC) FROM win_t ORDER BY grp, v DESC;
SELECT * FROM (SELECT id, grp, row_number() OVER (PARTITION BY grp ORDER BY v DESC, id) AS rn FROM win_t) x WHERE rn = 1 ORDER BY grp;
SELECT id, v - lag(v) OVER (ORDER BY id) AS delta FROM win_t ORDER BY id;
SELECT id, round(100.0 * v / sum(v) OVER (), 2) FROM win_t ORDER BY id;
SELECT grp, sum(v), sum(sum(v)) OVER (ORDER BY grp) FROM win_t GROUP BY grp ORDER BY grp;
SELECT id, array_agg(id) OVER (ORDER BY id ROWS 1 PRECEDING) FROM win_t ORDER BY id;
SELECT id, string_agg(grp, '') OVER (ORDER BY id) FROM win_t ORDER BY id;
SELECT id, row_number() OVER (ORDER BY v DESC) FROM win_t ORDER BY id;
SELECT id, dense_rank() OVER (ORDER BY v NULLS FIRST) FROM win_t ORDER BY id;
SELECT id, sum(v) FILTER (WHERE v > 10) OVER (ORDER BY id) FROM win_t ORDER BY id;
SELECT id, ntile(0) OVER (ORDER BY id) FROM win_t;
SELECT id, row_number() OVER (ORDER BY id) FROM win_t WHERE row_number() OVER (ORDER BY id) > 1;
