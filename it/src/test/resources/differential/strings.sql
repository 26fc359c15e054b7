-- String functions and operators.
CREATE TABLE str_t (id integer PRIMARY KEY, s text, v varchar(10), c char(5));
INSERT INTO str_t VALUES (1, 'Hello World', 'abc', 'ab'), (2, '  padded  ', 'xyz', 'xyzzy'), (3, '', '', ''), (4, NULL, NULL, NULL), (5, 'ÄÖü straße', 'ñ', 'é');

SELECT 'a' || 'b', 'a' || NULL, 'n=' || 5, 1 || 'x';
SELECT concat('a', NULL, 'b', 2), concat_ws('-', 'a', NULL, 'b');
SELECT id, s || '!' FROM str_t ORDER BY id;
SELECT id, length(s), char_length(s), octet_length(s) FROM str_t ORDER BY id;
SELECT octet_length('héllo'), octet_length(''::text), octet_length('\xabcd'::bytea), octet_length(NULL::text);
SELECT id, upper(s), lower(s) FROM str_t ORDER BY id; -- known: strings: DuckDB upper-cases ß to ẞ
SELECT initcap('hello wORLD foo-bar');
SELECT initcap('élan vital 3rd x_y ÜBER'), initcap(''), initcap(NULL);
SELECT substring('abcdef' FROM 2 FOR 3), substring('abcdef' FROM 3), substr('abcdef', 2, 2), substr('abcdef', 4);
SELECT substring('abcdef', 0, 3), substring('abcdef', -1, 4);
SELECT position('lo' IN 'hello'), strpos('hello', 'l'), position('z' IN 'hello');
SELECT trim('  x  '), ltrim('  x  '), rtrim('  x  '), btrim('xxaxx', 'x'), trim(both 'x' from 'xxbxx');
SELECT trim(leading 'ab' from 'abbaXab'), trim(trailing 'ab' from 'abXbaab');
SELECT lpad('7', 3, '0'), rpad('ab', 5, '*'), lpad('hello', 3), rpad('x', 0), lpad('ab', 6, 'xy');
SELECT replace('banana', 'an', 'AN'), translate('12345', '143', 'ax'), reverse('abc');
SELECT left('abcdef', 2), right('abcdef', 2), left('abcdef', -2), right('abcdef', -2);
SELECT repeat('ab', 3), repeat('x', 0);
SELECT split_part('a,b,c', ',', 2), split_part('a,b,c', ',', 5), split_part('a,b,c', ',', -1);
SELECT ascii('A'), chr(66), ascii('');
SELECT md5('abc'), md5('');
SELECT starts_with('hello', 'he'), 'hello' LIKE 'h%', 'hello' LIKE 'H%', 'hello' ILIKE 'H%';
SELECT 'a_c' LIKE 'a\_c', 'abc' LIKE 'a\_c', 'abc' NOT LIKE '%b%';
SELECT id FROM str_t WHERE s LIKE '%o%' ORDER BY id;
SELECT id FROM str_t WHERE s ILIKE '%WORLD%' ORDER BY id;
SELECT 'abc' ~ 'b', 'abc' ~ '^b', 'ABC' ~* 'b', 'abc' !~ 'z';
SELECT regexp_replace('foo123bar45', '[0-9]+', '#'), regexp_replace('foo123bar45', '[0-9]+', '#', 'g');
SELECT regexp_replace('Hello', 'l', 'L', 'g'), regexp_replace('abc', '(b)', '[\1]');
SELECT regexp_matches('abc123', '[0-9]+');
SELECT regexp_split_to_array('a1b22c', '[0-9]+');
SELECT 'abc' SIMILAR TO 'a%', 'abc' SIMILAR TO '(a|b)c';
SELECT quote_ident('foo'), quote_ident('Foo Bar'), quote_literal('it''s'), quote_nullable(NULL);
SELECT format('%s-%s', 'a', 'b'), format('%I', 'Foo'), format('%L', 'x''y');
SELECT to_hex(255), to_hex(0);
SELECT id, v, c, length(c), c || '|' FROM str_t ORDER BY id; -- known: types: char(n) is not blank-padded in DuckDB
SELECT 'abc'::char(5) = 'abc', 'abc'::varchar(5), 'abcdef'::varchar(3), 'abcdef'::char(2); -- known: types: char(n) and varchar(n) do not truncate or pad in DuckDB
SELECT string_agg(v, ',' ORDER BY id) FROM str_t;
SELECT string_agg(s, '; ' ORDER BY s) FROM str_t WHERE id < 3;
SELECT id, coalesce(s, '<null>'), nullif(s, '') FROM str_t ORDER BY id;
SELECT 'a' < 'B', 'a' < 'b', 'Z' < 'a';
SELECT id, s FROM str_t ORDER BY s, id;
SELECT id, s FROM str_t ORDER BY s DESC, id;
SELECT E'tab\there', E'new\\nline', 'back\slash';
SELECT U&'\0041BC';
SELECT U&'d!0061t!+000061' UESCAPE '!', U&'\00E9t\00E9', U&'\+01F600';
SELECT $$dollar 'quoted'$$, $tag$x$y$tag$;
SELECT length('héllo'), upper('héllo'), lower('ÀÉÎ');
SELECT encode('abc'::bytea, 'hex'), encode('abc'::bytea, 'base64'), decode('616263', 'hex');
SELECT 'abc'::bytea, '\x00ff'::bytea;
SELECT overlay('Txxxxas' placing 'hom' from 2 for 4);
SELECT 'x' || repeat('-', 3) || 'y';
SELECT string_to_array('a,b,,c', ','), array_to_string(ARRAY['a', NULL, 'c'], '-', '*');
SELECT array_to_string(ARRAY[1, NULL, 3], ',', NULL), array_to_string(ARRAY[1.5, NULL], '; ', 'none');
SELECT 'abc' = 'abc ', 'abc'::char(4) = 'abc '::char(5); -- known: types: char(n) comparison does not ignore trailing blanks in DuckDB
SELECT lower(NULL), length(NULL), NULL || NULL;
SELECT substring('abc' FROM 'b.');
SELECT substring('foobar' FROM 'o(b.)'), substring('foobar' FROM 'x'), substring('Thomas' FROM '...$'), substring(NULL FROM 'a');
SELECT 'Ab' COLLATE "C" < 'aB';
SELECT left(s, 3) FROM str_t WHERE id = 5;
SELECT chr(0);
SELECT chr(65), chr(233);
SELECT repeat('x', -1);
SELECT 'abc'::varchar(2)::text; -- known: types: varchar(n) casts do not truncate in DuckDB
