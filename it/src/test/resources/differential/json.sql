-- json and jsonb: operators, constructors, aggregates, text output.
CREATE TABLE json_t (id integer PRIMARY KEY, j json, jb jsonb);
INSERT INTO json_t VALUES (1, '{"a": 1, "b": [1, 2, {"c": "x"}], "d": null}', '{"a": 1, "b": [1, 2, {"c": "x"}], "d": null}'), (2, '[1, "two", 3.5, true]', '[1, "two", 3.5, true]'), (3, '"just text"', '"just text"'), (4, NULL, NULL), (5, '{"name": "Zoë", "n": 42, "nested": {"k": [10, 20]}}', '{"name": "Zoë", "n": 42, "nested": {"k": [10, 20]}}');

SELECT id, j FROM json_t ORDER BY id;
SELECT id, jb FROM json_t ORDER BY id; -- known: jsonb: stored as json, so keys keep their input order instead of jsonb order
SELECT id, j -> 'a', j ->> 'a', jb -> 'b', jb ->> 'b' FROM json_t ORDER BY id;
SELECT id, j -> 1, j ->> 1, jb -> 0 FROM json_t ORDER BY id; -- known: jsonb: -> 0 on a scalar is NULL in DuckDB, the scalar itself in PostgreSQL
SELECT id, jb #> '{b,2,c}', jb #>> '{b,2,c}', jb #>> '{nested,k,1}' FROM json_t ORDER BY id;
SELECT id, j -> 'b' -> 2 ->> 'c' FROM json_t ORDER BY id;
SELECT id, jb -> 'd', jb ->> 'd', jb -> 'missing' FROM json_t ORDER BY id;
SELECT '{"a":1}'::json, '{"b": 2, "a": 1}'::jsonb, '[1,2,  3]'::json, '[1,2,  3]'::jsonb;
SELECT '{"a": {"b": 1}}'::jsonb -> 'a', '{"a": "x"}'::json -> 'a';
SELECT '  {"k" :  "v" }  '::json, '{"k": "v", "k": "w"}'::jsonb;
SELECT '1.50'::jsonb, '1e3'::jsonb, 'true'::jsonb, 'null'::jsonb, '"s"'::jsonb;
SELECT id, json_typeof(j), jsonb_typeof(jb) FROM json_t ORDER BY id;
SELECT id, jsonb_array_length(jb) FROM json_t WHERE jsonb_typeof(jb) = 'array' ORDER BY id;
SELECT json_array_length('[1,2,3]'), json_array_length('[]');
SELECT id FROM json_t WHERE jb ? 'a' ORDER BY id;
SELECT id FROM json_t WHERE jb @> '{"a": 1}' ORDER BY id;
SELECT '{"a":1,"b":2}'::jsonb ?| ARRAY['b', 'z'], '{"a":1,"b":2}'::jsonb ?& ARRAY['a', 'z'];
SELECT '{"a":1}'::jsonb || '{"b":2}'::jsonb, '{"a":1,"b":2}'::jsonb - 'a';
SELECT json_build_object('a', 1, 'b', 'two', 'c', NULL);
SELECT jsonb_build_object('x', ARRAY[1, 2], 'y', true);
SELECT json_build_array(1, 'a', NULL, 2.5), jsonb_build_array();
SELECT to_json('text'::text), to_json(42), to_jsonb(ARRAY[1, 2]), to_json(NULL::text);
SELECT row_to_json(t) FROM (SELECT 1 AS a, 'x' AS b) t;
SELECT json_agg(id ORDER BY id) FROM json_t;
SELECT jsonb_agg(jb -> 'a' ORDER BY id) FROM json_t WHERE id IN (1, 5);
SELECT json_object_agg(k, v ORDER BY k) FROM (VALUES ('a', 1), ('b', 2)) t(k, v);
SELECT key, value FROM json_each('{"a": 1, "b": "x"}') ORDER BY key;
SELECT key, value FROM json_each_text('{"a": 1, "b": "x"}') ORDER BY key;
SELECT value FROM json_array_elements('[1, "a", null]') WITH ORDINALITY AS t(value, n) ORDER BY n;
SELECT value FROM jsonb_array_elements_text('["a", "b"]') WITH ORDINALITY AS t(value, n) ORDER BY n;
SELECT jsonb_object_keys('{"b": 1, "a": 2}') AS k ORDER BY k;
SELECT jsonb_set('{"a": 1}', '{b}', '2'), jsonb_pretty('{"a": [1]}');
SELECT jsonb_strip_nulls('{"a": 1, "b": null}'), json_strip_nulls('{"a": null}');
SELECT jsonb_extract_path_text('{"a": {"b": "c"}}', 'a', 'b'), json_extract_path('{"a": {"b": 1}}', 'a');
SELECT (jb ->> 'n')::integer + 1 FROM json_t WHERE id = 5;
SELECT jb -> 'nested' -> 'k' ->> 0 FROM json_t WHERE id = 5;
SELECT id FROM json_t WHERE jb ->> 'name' = 'Zoë';
SELECT count(*) FROM json_t WHERE j IS NOT NULL;
SELECT '{"a": 1}'::jsonb = '{"a": 1.0}'::jsonb, '[1,2]'::jsonb = '[2,1]'::jsonb; -- known: jsonb: equality compares json text in DuckDB, values in PostgreSQL
SELECT '{bad json'::json;
SELECT '{"a": 1}'::jsonb -> 'a' + 1; -- known: errors: an untyped literal against an operator is 42725 in DuckDB, 22P02 in PostgreSQL
SELECT jsonb_path_query_first('{"a": [1, 2]}', '$.a[1]');
SELECT json_object('{a, 1, b, 2}');
