-- Dates, times, timestamps and intervals (session TimeZone is pgJDBC's: the JVM's zone).
CREATE TABLE dt_t (id integer PRIMARY KEY, d date, ts timestamp, t time, iv interval);
INSERT INTO dt_t VALUES (1, '2024-02-29', '2024-02-29 13:45:30.5', '13:45:30', '1 day 2 hours'), (2, '1999-12-31', '1999-12-31 23:59:59', '00:00:00', '-3 days'), (3, '2000-01-01', '2000-01-01 00:00:00', '23:59:59.999999', '1 year 2 months 3 days 04:05:06'), (4, NULL, NULL, NULL, NULL);

SELECT id, d, ts, t, iv FROM dt_t ORDER BY id;
SELECT DATE '2024-01-31' + 1, DATE '2024-03-01' - 1, DATE '2024-03-01' - DATE '2024-01-01';
SELECT DATE '2024-01-31' + INTERVAL '1 month', DATE '2024-01-31' + INTERVAL '1 day';
SELECT TIMESTAMP '2024-01-31 10:00' + INTERVAL '1 month 2 hours';
SELECT TIMESTAMP '2024-03-10 12:00' - TIMESTAMP '2024-03-01 06:30';
SELECT TIMESTAMP '2024-01-01 00:00' - INTERVAL '1 second';
SELECT INTERVAL '1 day' + INTERVAL '25 hours', INTERVAL '90 minutes', INTERVAL '1.5 days';
SELECT INTERVAL '1 year 13 months', INTERVAL '-1 day 2 hours', INTERVAL '0 seconds';
SELECT INTERVAL '2 hours' * 3, INTERVAL '1 day' / 2, INTERVAL '3 days' - INTERVAL '1 day';
SELECT INTERVAL '1 month' = INTERVAL '30 days', INTERVAL '1 day' = INTERVAL '24 hours';
SELECT TIME '10:00' + INTERVAL '3 hours', TIME '23:00' + INTERVAL '2 hours';
SELECT id, iv * 2 FROM dt_t ORDER BY id;
SELECT extract(year FROM DATE '2024-02-29'), extract(month FROM DATE '2024-02-29'), extract(day FROM DATE '2024-02-29');
SELECT extract(dow FROM DATE '2024-02-29'), extract(doy FROM DATE '2024-02-29'), extract(week FROM DATE '2024-02-29'), extract(quarter FROM DATE '2024-02-29');
SELECT extract(hour FROM TIMESTAMP '2024-02-29 13:45:30.5'), extract(minute FROM TIMESTAMP '2024-02-29 13:45:30.5'), extract(second FROM TIMESTAMP '2024-02-29 13:45:30.5'); -- known: dates: extract(second) is an integer in DuckDB, numeric with microseconds in PostgreSQL
SELECT extract(epoch FROM TIMESTAMP '2024-01-01 00:00:00'), extract(epoch FROM INTERVAL '1 day'); -- known: dates: extract(epoch) has no fractional digits in DuckDB
SELECT extract(isodow FROM DATE '2024-03-03'), extract(century FROM DATE '2024-03-03'), extract(decade FROM DATE '2024-03-03');
SELECT date_part('year', TIMESTAMP '2024-06-15 10:00'), date_part('hour', TIME '07:30');
SELECT extract(day FROM INTERVAL '3 days 4 hours'), extract(hour FROM INTERVAL '3 days 4 hours');
SELECT date_trunc('month', TIMESTAMP '2024-02-29 13:45:30'), date_trunc('year', TIMESTAMP '2024-02-29 13:45:30');
SELECT date_trunc('hour', TIMESTAMP '2024-02-29 13:45:30'), date_trunc('week', TIMESTAMP '2024-02-29 13:45:30');
SELECT date_trunc('day', DATE '2024-02-29'); -- known: dates: date_trunc of a date is a timestamp in DuckDB, timestamptz in PostgreSQL
SELECT date_trunc('quarter', TIMESTAMP '2024-05-15 00:00');
SELECT age(TIMESTAMP '2024-03-15', TIMESTAMP '2020-01-01');
SELECT age(DATE '2024-03-15', DATE '2024-03-01');
SELECT make_date(2024, 2, 29), make_time(13, 5, 7.5), make_timestamp(2024, 1, 2, 3, 4, 5);
SELECT make_interval(days => 10), make_interval(years => 1, months => 2); -- known: missing function: make_interval
SELECT '2024-02-29'::date, '2024-02-29 13:45:30'::timestamp, '13:45'::time;
SELECT 'epoch'::timestamp, 'infinity'::date, '-infinity'::timestamp;
SELECT '2024-02-30'::date;
SELECT 'not a date'::date;
SELECT '25:00'::time;
SELECT ts::date, d::timestamp FROM dt_t ORDER BY id;
SELECT ts::time FROM dt_t ORDER BY id;
SELECT id FROM dt_t WHERE d > '2000-01-01' ORDER BY id;
SELECT id FROM dt_t WHERE ts BETWEEN '1999-01-01' AND '2000-01-01' ORDER BY id;
SELECT max(d), min(ts), max(iv), min(iv) FROM dt_t;
SELECT date '2024-01-01' < timestamp '2024-01-01 00:00:01';
SELECT (DATE '2024-03-01' - DATE '2023-03-01') / 7;
SELECT DATE '2024-01-10' - 3 * 2;
SELECT to_char(TIMESTAMP '2024-02-09 13:05:07', 'YYYY-MM-DD HH24:MI:SS');
SELECT to_char(TIMESTAMP '2024-02-09 13:05:07', 'DD/MM/YYYY HH12:MI AM');
SELECT to_char(DATE '2024-02-09', 'Mon DD, YYYY'), to_char(DATE '2024-02-09', 'Month'), to_char(DATE '2024-02-09', 'Day');
SELECT to_char(DATE '2024-02-09', 'FMMonth FMDD'), to_char(DATE '2024-02-09', 'DY dy');
SELECT to_char(TIMESTAMP '2024-02-09 13:05:07.123456', 'HH24:MI:SS.MS'), to_char(TIMESTAMP '2024-02-09 13:05:07.123456', 'US');
SELECT to_char(DATE '2024-02-09', 'YYYY"Q"Q WW IW D DDD');
SELECT to_char(DATE '2024-02-09', 'YY-MM'), to_char(DATE '2024-02-09', 'J');
SELECT to_char(INTERVAL '1 day 02:03:04', 'HH24:MI:SS'); -- known: missing: to_char of an interval (strftime takes no interval)
SELECT to_char(1234.5, '9999.99'), to_char(1234.5, 'FM9999.99'), to_char(-12, '999'); -- known: missing: to_char with a numeric template
SELECT to_char(1234567.891, '9,999,999.99'), to_char(5, '000'), to_char(0.5, '0.99'); -- known: missing: to_char with a numeric template
SELECT to_char(12345, '99,999'), to_char(3.14159, 'FM990.00'), to_char(42, 'S999'); -- known: missing: to_char with a numeric template
SELECT to_char(ts, 'YYYY-MM-DD') FROM dt_t ORDER BY id;
SELECT to_date('2024-02-09', 'YYYY-MM-DD'), to_date('09/02/2024', 'DD/MM/YYYY');
SELECT to_date('Feb 9 2024', 'Mon DD YYYY');
SELECT to_timestamp('2024-02-09 13:05:07', 'YYYY-MM-DD HH24:MI:SS');
SELECT to_timestamp(0);
SELECT to_number('1,234.5', '9,999.9'), to_number('-42', 'S99'); -- known: missing function: to_number
SELECT to_date('2024-13-01', 'YYYY-MM-DD');
SELECT date '2024-02-29' + interval '1 year';
SELECT timestamp '2024-01-01 12:00' AT TIME ZONE 'UTC';
SELECT timestamptz '2024-01-01 12:00:00+02' AT TIME ZONE 'UTC';
SELECT justify_hours(INTERVAL '30 hours'), justify_days(INTERVAL '40 days'), justify_interval(INTERVAL '1 month -1 hour'); -- known: missing function: justify_interval (justify_hours and justify_days are macros)
SELECT generate_series(DATE '2024-01-30', DATE '2024-02-02', INTERVAL '1 day'); -- known: dates: generate_series over dates gives timestamps in DuckDB, timestamptz in PostgreSQL
SELECT date_bin(INTERVAL '15 minutes', TIMESTAMP '2024-01-01 10:38', TIMESTAMP '2024-01-01');
SELECT isfinite(DATE '2024-01-01'), isfinite('infinity'::timestamp);
SELECT (DATE '2024-01-01', DATE '2024-02-01') OVERLAPS (DATE '2024-01-15', DATE '2024-03-01');
SELECT TIMESTAMP '2024-01-01 10:00:00.123456', TIMESTAMP '2024-01-01 10:00:00.1';
SELECT TIME '10:00:00.5', INTERVAL '0.5 seconds', INTERVAL '1 millisecond';
SELECT DATE '0001-01-01', DATE '9999-12-31';
SELECT DATE '2024-01-01' - TIME '01:00'; -- known: missing: date - time operator
