-- Arrays: constructors, literals, functions, ANY/ALL, unnest.
CREATE TABLE arr_t (id integer PRIMARY KEY, ints integer[], words text[]);
INSERT INTO arr_t VALUES (1, ARRAY[1, 2, 3], ARRAY['a', 'b']), (2, '{4,5}'::integer[], '{"x y","z"}'::text[]), (3, ARRAY[]::integer[], ARRAY[]::text[]), (4, NULL, NULL), (5, ARRAY[NULL, 7]::integer[], ARRAY['q', NULL]);

SELECT id, ints, words FROM arr_t ORDER BY id;
SELECT ARRAY[1, 2, 3], ARRAY['a', 'b c', 'd"e'], ARRAY[1.5, 2.25]; -- known: numeric: ARRAY[1.5, 2.25] unifies to one decimal scale in DuckDB
SELECT '{1,2,3}'::integer[], '{"a","b"}'::text[], '{}'::integer[];
SELECT ARRAY[true, false], ARRAY[NULL::integer], ARRAY['NULL', 'null'];
SELECT ARRAY[DATE '2024-01-01', DATE '2024-12-31'];
SELECT ARRAY[[1, 2], [3, 4]];
SELECT ARRAY[['a', 'b'], ['c', NULL]], ARRAY[[true], [false]];
SELECT id, array_length(ints, 1), cardinality(ints) FROM arr_t ORDER BY id;
SELECT id, ints[1], ints[2], ints[10], words[1] FROM arr_t ORDER BY id;
SELECT (ARRAY[10, 20, 30, 40])[2:3], (ARRAY[10, 20, 30, 40])[:2], (ARRAY[10, 20, 30, 40])[3:];
SELECT array_append(ARRAY[1, 2], 3), array_prepend(0, ARRAY[1, 2]), array_cat(ARRAY[1], ARRAY[2, 3]);
SELECT ARRAY[1, 2] || ARRAY[3], ARRAY[1, 2] || 3, 0 || ARRAY[1, 2];
SELECT array_position(ARRAY['a', 'b', 'c'], 'b'), array_position(ARRAY[1, 2], 5);
SELECT array_remove(ARRAY[1, 2, 1, 3], 1), array_replace(ARRAY[1, 2, 1], 1, 9);
SELECT array_remove(ARRAY[1, NULL, 2], NULL), array_replace(ARRAY['a', NULL], NULL, 'z'), array_remove(NULL::int[], 1);
SELECT array_to_string(ARRAY[1, 2, 3], ','), array_to_string(ARRAY['a', NULL, 'b'], ',');
SELECT string_to_array('1-2-3', '-'), string_to_array('abc', NULL);
SELECT array_upper(ARRAY[1, 2, 3], 1), array_lower(ARRAY[1, 2, 3], 1), array_ndims(ARRAY[1, 2]);
SELECT 2 = ANY (ARRAY[1, 2, 3]), 5 = ANY (ARRAY[1, 2, 3]), 2 < ALL (ARRAY[3, 4]);
SELECT id FROM arr_t WHERE 2 = ANY (ints) ORDER BY id;
SELECT id FROM arr_t WHERE ints @> ARRAY[1, 3] ORDER BY id;
SELECT ARRAY[1, 2] @> ARRAY[2], ARRAY[1] <@ ARRAY[1, 2], ARRAY[1, 2] && ARRAY[2, 5];
SELECT ARRAY[1, 2] = ARRAY[1, 2], ARRAY[1, 2] < ARRAY[1, 3], ARRAY[2] > ARRAY[1, 9];
SELECT unnest(ARRAY[3, 1, 2]) AS v ORDER BY v;
SELECT id, unnest(ints) AS v FROM arr_t ORDER BY id, v;
SELECT * FROM unnest(ARRAY['a', 'b']) WITH ORDINALITY AS t(v, n) ORDER BY n;
SELECT array_agg(x ORDER BY x) FROM unnest(ARRAY[3, 1, 2]) AS x;
SELECT ARRAY(SELECT id FROM arr_t WHERE id > 2 ORDER BY id);
SELECT array_dims(ARRAY[1, 2, 3]);
SELECT array_fill(7, ARRAY[3]);
SELECT array_fill('x'::text, ARRAY[2]);
SELECT ARRAY[1, 2]::text[], ARRAY['1', '2']::integer[];
SELECT ARRAY[1, 2]::text;
SELECT '{1,2}'::integer[] = ARRAY[1, 2];
SELECT '{"a,b",c}'::text[], '{" x "}'::text[], '{"with \"quote\""}'::text[];
SELECT ARRAY['a b', '', 'x,y', 'back\slash'];
SELECT array_length(ARRAY[]::integer[], 1), cardinality(ARRAY[]::integer[]);
SELECT id, array_to_string(words, '|') FROM arr_t ORDER BY id;
SELECT ARRAY[1, 'a'];
SELECT '{1,2'::integer[];
SELECT ARRAY[1, 2] || ARRAY['x'];
SELECT generate_subscripts(ARRAY['a', 'b', 'c'], 1) AS i ORDER BY i;
SELECT trim_array(ARRAY[1, 2, 3], 1), array_reverse(ARRAY[1, 2, 3]);
SELECT trim_array(ARRAY[1, 2, 3], 3), trim_array(ARRAY[1, 2], 0);
SELECT trim_array(ARRAY[1, 2, 3], 4);
SELECT array_sort(ARRAY[3, 1, 2]);
-- last, as it leaves the two sides' tables different: an untyped array literal for an array column
INSERT INTO arr_t VALUES (6, '{8,9}', '{"p"}'); -- known: arrays: an untyped {...} literal is not read as an array when stored into an array column
