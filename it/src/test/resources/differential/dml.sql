-- INSERT / UPDATE / DELETE with RETURNING, ON CONFLICT, defaults, sequences, constraints.
CREATE TABLE dml_item (id integer PRIMARY KEY, name text NOT NULL, qty integer DEFAULT 0, note text, CHECK (qty >= 0));
CREATE TABLE dml_tag (item integer, tag text, UNIQUE (item, tag));
CREATE SEQUENCE dml_seq START 100;

INSERT INTO dml_item (id, name) VALUES (1, 'bolt');
INSERT INTO dml_item VALUES (2, 'nut', 5, 'm4'), (3, 'washer', 7, NULL);
INSERT INTO dml_item (id, name, qty) VALUES (4, 'screw', 10) RETURNING id, name, qty, note;
INSERT INTO dml_item (id, name) VALUES (5, 'rivet') RETURNING *;
INSERT INTO dml_item (id, name, qty) VALUES (6, 'pin', 1), (7, 'clip', 2) RETURNING id * 10, upper(name);
SELECT * FROM dml_item ORDER BY id;
UPDATE dml_item SET qty = qty + 1 WHERE id <= 3;
UPDATE dml_item SET qty = qty * 2 WHERE id = 4 RETURNING id, qty;
UPDATE dml_item SET note = 'none' WHERE note IS NULL RETURNING id, note; -- unordered
UPDATE dml_item SET qty = 0 WHERE false RETURNING id;
UPDATE dml_item SET name = name || '!' WHERE id IN (6, 7) RETURNING name; -- unordered
SELECT id, name, qty, note FROM dml_item ORDER BY id;
DELETE FROM dml_item WHERE id = 7 RETURNING *;
DELETE FROM dml_item WHERE id > 100;
DELETE FROM dml_item WHERE id = 6;
INSERT INTO dml_item (id, name) VALUES (1, 'dup') ON CONFLICT DO NOTHING;
INSERT INTO dml_item (id, name) VALUES (1, 'dup') ON CONFLICT (id) DO NOTHING RETURNING id;
INSERT INTO dml_item (id, name, qty) VALUES (1, 'bolt2', 3) ON CONFLICT (id) DO UPDATE SET name = excluded.name, qty = dml_item.qty + excluded.qty;
INSERT INTO dml_item (id, name, qty) VALUES (2, 'nut2', 1), (8, 'gear', 4) ON CONFLICT (id) DO UPDATE SET qty = excluded.qty RETURNING id, name, qty; -- unordered
INSERT INTO dml_item (id, name) VALUES (3, 'x') ON CONFLICT (id) DO UPDATE SET note = 'seen' WHERE dml_item.qty > 100 RETURNING id;
SELECT id, name, qty, note FROM dml_item ORDER BY id;
INSERT INTO dml_tag VALUES (1, 'a'), (1, 'b'), (2, 'a');
INSERT INTO dml_tag VALUES (1, 'a') ON CONFLICT (item, tag) DO NOTHING;
INSERT INTO dml_tag VALUES (1, 'a') ON CONFLICT DO NOTHING RETURNING *;
INSERT INTO dml_tag VALUES (NULL, 'a'), (NULL, 'a');
SELECT item, tag FROM dml_tag ORDER BY item, tag;
INSERT INTO dml_item (id, name) SELECT 20 + item, tag FROM dml_tag WHERE item = 1 ORDER BY tag RETURNING id, name;
UPDATE dml_item SET qty = t.n FROM (VALUES (20, 50), (21, 51)) AS t(id, n) WHERE dml_item.id = t.id;
DELETE FROM dml_item USING dml_tag WHERE dml_item.id = 20 + dml_tag.item AND dml_tag.tag = 'zzz';
SELECT id, qty FROM dml_item WHERE id >= 20 ORDER BY id;
SELECT nextval('dml_seq'), nextval('dml_seq');
SELECT currval('dml_seq');
INSERT INTO dml_item (id, name) VALUES (nextval('dml_seq'), 'seq') RETURNING id;
CREATE TABLE dml_copy AS SELECT id, name FROM dml_item WHERE id < 5; -- known: commands: CREATE TABLE AS reports 0 rows, PostgreSQL reports SELECT n
SELECT count(*) FROM dml_copy;
INSERT INTO dml_copy SELECT id + 1000, name FROM dml_copy;
SELECT count(*), max(id) FROM dml_copy;
UPDATE dml_copy SET name = upper(name);
DELETE FROM dml_copy;
BEGIN;
INSERT INTO dml_item (id, name) VALUES (30, 'tx');
ROLLBACK;
SELECT count(*) FROM dml_item WHERE id = 30;
BEGIN;
INSERT INTO dml_item (id, name) VALUES (31, 'tx');
COMMIT;
SELECT name FROM dml_item WHERE id = 31;
INSERT INTO dml_item (id, name) VALUES (1, 'again');
INSERT INTO dml_item (id) VALUES (40);
INSERT INTO dml_item (id, name, qty) VALUES (41, 'neg', -1);
INSERT INTO dml_item (id, name, qty) VALUES (42, 'bad', 'many');
INSERT INTO dml_item (id, name, missing) VALUES (43, 'x', 1);
INSERT INTO dml_item VALUES (44, 'too', 1, 'many', 'values');
UPDATE dml_item SET qty = -5 WHERE id = 1;
UPDATE dml_item SET id = 2 WHERE id = 1;
UPDATE missing_table SET x = 1;
DELETE FROM dml_item WHERE nope = 1;
INSERT INTO dml_tag VALUES (2, 'a');
INSERT INTO dml_item (id, name) VALUES (1, 'x') ON CONFLICT (name) DO NOTHING;
SELECT id, name, qty, note FROM dml_item ORDER BY id;
DROP TABLE dml_copy;
SELECT * FROM dml_copy;
