'use strict';
// node-postgres (pg) against a real duckgres server: TLS + SCRAM, simple and parameterised
// queries, type parsing, transactions, errors with their SQLSTATE, cursors.
const test = require('node:test');
const assert = require('node:assert/strict');
const Cursor = require('pg-cursor');
const { connect, uniqueName } = require('../helpers');

let client;

test.before(async () => {
  client = await connect({ application_name: 'node-smoke' });
});

test.after(async () => {
  if (client) {
    await client.end();
  }
});

test('connects over TLS with SCRAM and reports the session', async () => {
  assert.equal(client.connection.stream.encrypted, true, 'the socket is a TLS socket');
  const { rows } = await client.query(
    "select current_user as usr, current_setting('application_name') as app,"
    + ' pg_backend_pid() as pid');
  assert.equal(rows[0].usr, 'postgres');
  assert.equal(rows[0].app, 'node-smoke');
  // pg_backend_pid() is the process id of BackendKeyData, which pg keeps for cancelling.
  assert.equal(rows[0].pid, client.processID);
  assert.ok(client.processID > 0);
});

test('a wrong password fails with 28P01', async () => {
  await assert.rejects(connect({ password: 'not-the-password' }), (err) => {
    assert.equal(err.code, '28P01');
    return true;
  });
});

test('simple query and parameterised query', async () => {
  const simple = await client.query('select 1 as one, \'two\' as two');
  assert.deepEqual(simple.rows, [{ one: 1, two: 'two' }]);
  assert.equal(simple.command, 'SELECT');
  assert.equal(simple.rowCount, 1);

  const params = await client.query('select $1::int + $2::int as sum, $3::text as label',
    [40, 2, 'answer']);
  assert.deepEqual(params.rows, [{ sum: 42, label: 'answer' }]);

  const named = { name: 'node_square', text: 'select $1::bigint * $1::bigint as sq' };
  for (const n of [3, 12]) {
    const { rows } = await client.query({ ...named, values: [n] });
    assert.equal(rows[0].sq, String(n * n)); // pg returns int8 as a string
  }

  const asArrays = await client.query({ text: 'select 1 as a, 2 as b', rowMode: 'array' });
  assert.deepEqual(asArrays.rows, [[1, 2]]);
  assert.deepEqual(asArrays.fields.map((f) => f.name), ['a', 'b']);
});

test('types come back as node-postgres parses them', async () => {
  const { rows, fields } = await client.query(`select
      42::integer as i, 9007199254740993::bigint as big, 12345.678::numeric(10,3) as num,
      'héllo'::text as txt, true as yes, false as no,
      date '2024-02-29' as d, timestamp '2024-02-29 13:14:15.5' as ts,
      '{"a": [1, 2], "b": null}'::json as j, array[1, 2, 3]::integer[] as ints,
      array['x', null, 'z']::text[] as texts, null::integer as nothing,
      2.5::double precision as dbl`);
  const row = rows[0];
  assert.equal(row.i, 42);
  assert.equal(row.big, '9007199254740993');
  assert.equal(row.num, '12345.678');
  assert.equal(row.txt, 'héllo');
  assert.equal(row.yes, true);
  assert.equal(row.no, false);
  assert.ok(row.d instanceof Date);
  assert.equal(row.d.getFullYear(), 2024);
  assert.equal(row.d.getMonth(), 1);
  assert.equal(row.d.getDate(), 29);
  assert.ok(row.ts instanceof Date);
  assert.equal(row.ts.getHours(), 13);
  assert.equal(row.ts.getMilliseconds(), 500);
  assert.deepEqual(row.j, { a: [1, 2], b: null });
  assert.deepEqual(row.ints, [1, 2, 3]);
  assert.deepEqual(row.texts, ['x', null, 'z']);
  assert.equal(row.nothing, null);
  assert.equal(row.dbl, 2.5);
  const oids = Object.fromEntries(fields.map((f) => [f.name, f.dataTypeID]));
  assert.deepEqual(oids, {
    i: 23, big: 20, num: 1700, txt: 25, yes: 16, no: 16, d: 1082, ts: 1114, j: 114,
    ints: 1007, texts: 1009, nothing: 23, dbl: 701,
  });
});

test('parameters of each type round-trip', async () => {
  const when = new Date(Date.UTC(2023, 5, 1, 8, 30, 0));
  const { rows } = await client.query(
    'select $1::integer as i, $2::text as t, $3::boolean as b, $4::numeric(6,2) as n,'
    + ' $5::timestamptz as ts, $6::integer[] as arr, $7::json as j, $8::text as nul',
    [7, 'seven', true, '7.77', when, [7, 8], JSON.stringify({ k: 'v' }), null]);
  assert.deepEqual(rows[0], {
    i: 7, t: 'seven', b: true, n: '7.77', ts: when, arr: [7, 8], j: { k: 'v' }, nul: null,
  });
});

test('DML reports row counts; a rolled-back transaction leaves nothing', async () => {
  const table = uniqueName('node_tx');
  await client.query(`create table ${table} (id integer, name text)`);
  try {
    const insert = await client.query(`insert into ${table} values (1, 'a'), (2, 'b')`);
    assert.equal(insert.command, 'INSERT');
    assert.equal(insert.rowCount, 2);

    await client.query('BEGIN');
    await client.query(`insert into ${table} values ($1, $2)`, [3, 'c']);
    const update = await client.query(`update ${table} set name = 'z'`);
    assert.equal(update.rowCount, 3);
    await client.query('ROLLBACK');

    const { rows } = await client.query(`select id, name from ${table} order by id`);
    assert.deepEqual(rows, [{ id: 1, name: 'a' }, { id: 2, name: 'b' }]);

    await client.query('BEGIN');
    await client.query(`delete from ${table} where id = 1`);
    await client.query('COMMIT');
    const count = await client.query(`select count(*)::integer as n from ${table}`);
    assert.equal(count.rows[0].n, 1);
  } finally {
    await client.query(`drop table if exists ${table}`);
  }
});

test('errors carry their SQLSTATE and the connection stays usable', async () => {
  await assert.rejects(client.query('select * from no_such_table_node'), (err) => {
    assert.equal(err.code, '42P01');
    assert.match(err.message, /no_such_table_node/);
    return true;
  });
  await assert.rejects(client.query('selec 1'), (err) => err.code === '42601');
  await assert.rejects(client.query('select $1::integer', ['not a number']),
    (err) => err.code === '22P02');

  await client.query('BEGIN');
  await assert.rejects(client.query('select * from no_such_table_node'));
  await assert.rejects(client.query('select 1'), (err) => err.code === '25P02');
  await client.query('ROLLBACK');

  const { rows } = await client.query('select 1 as ok');
  assert.deepEqual(rows, [{ ok: 1 }]);
});

test('pg-cursor reads a large result in batches', async () => {
  const cursor = client.query(new Cursor(
    'select i, i * 2 as twice from generate_series(1, 2500) t(i) order by i'));
  const read = (n) => new Promise((resolve, reject) => {
    cursor.read(n, (err, rows) => (err ? reject(err) : resolve(rows)));
  });
  let total = 0;
  let sum = 0;
  let batches = 0;
  for (;;) {
    const rows = await read(1000);
    if (rows.length === 0) {
      break;
    }
    batches += 1;
    assert.ok(rows.length <= 1000);
    for (const row of rows) {
      total += 1;
      sum += Number(row.twice);
    }
  }
  await new Promise((resolve, reject) => cursor.close((err) => (err ? reject(err) : resolve())));
  assert.equal(total, 2500);
  assert.equal(batches, 3);
  assert.equal(sum, 2500 * 2501);
  const { rows } = await client.query('select 2 as after_cursor');
  assert.equal(rows[0].after_cursor, 2);
});

test('set_config applies like SET; SHOW answers it', async () => {
  const set = await client.query("select set_config('application_name', 'node-renamed', false)");
  assert.equal(set.rows[0].set_config, 'node-renamed');
  const show = await client.query('show application_name');
  assert.equal(show.rows[0].application_name, 'node-renamed');
  const viaParams = await client.query('select set_config($1, $2, false) as v',
    ['application_name', 'node-again']);
  assert.equal(viaParams.rows[0].v, 'node-again');
  const current = await client.query("select current_setting('application_name') as app");
  assert.equal(current.rows[0].app, 'node-again');
});
