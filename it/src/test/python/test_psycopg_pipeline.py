"""psycopg 3 pipeline mode: many extended-protocol statements sent before any result is read."""

import pytest
from psycopg import errors


def test_many_inserts_in_a_pipeline(autoconn, table):
    autoconn.execute(f"create table {table} (id integer, name text)")
    with autoconn.pipeline():
        cur = autoconn.cursor()
        for i in range(200):
            cur.execute(f"insert into {table} values (%s, %s)", (i, f"n{i}"))
    row = autoconn.execute(f"select count(*), sum(id), max(name) from {table}").fetchone()
    assert row == (200, sum(range(200)), "n99")


def test_results_are_read_after_the_pipeline_syncs(autoconn):
    with autoconn.pipeline() as pipeline:
        cursors = [autoconn.execute("select %s::int * 2, %s::text", (i, str(i))) for i in range(20)]
        pipeline.sync()
        results = [c.fetchone() for c in cursors]
    assert results == [(i * 2, str(i)) for i in range(20)]


def test_executemany_uses_the_pipeline(autoconn, table):
    autoconn.execute(f"create table {table} (id integer)")
    cur = autoconn.cursor()
    cur.executemany(f"insert into {table} values (%s)", [(i,) for i in range(500)])
    assert autoconn.execute(f"select count(*) from {table}").fetchone() == (500,)


def test_executemany_returning(autoconn, table):
    autoconn.execute(f"create table {table} (id integer)")
    cur = autoconn.cursor()
    cur.executemany(f"insert into {table} values (%s) returning id * 10", [(1,), (2,), (3,)],
                    returning=True)
    results = []
    while True:
        results.append(cur.fetchone()[0])
        if not cur.nextset():
            break
    assert results == [10, 20, 30]


def test_binary_statements_in_a_pipeline(autoconn, table):
    autoconn.execute(f"create table {table} (id bigint, payload bytea)")
    with autoconn.pipeline():
        cur = autoconn.cursor(binary=True)
        for i in range(50):
            cur.execute(f"insert into {table} values (%b, %b)", (i, bytes([i]) * i))
    cur = autoconn.cursor(binary=True)
    cur.execute(f"select id, payload from {table} where id = %b", [49])
    assert cur.fetchone() == (49, bytes([49]) * 49)


def test_error_in_a_pipeline_skips_the_rest_of_the_transaction(conn, table):
    conn.execute(f"create table {table} (id integer primary key)")
    conn.commit()
    with pytest.raises(errors.UniqueViolation):
        with conn.pipeline():
            conn.execute(f"insert into {table} values (1)")
            conn.execute(f"insert into {table} values (1)")
            conn.execute(f"insert into {table} values (2)")
    conn.rollback()
    assert conn.execute(f"select count(*) from {table}").fetchone() == (0,)
    with conn.pipeline():
        conn.execute(f"insert into {table} values (3)")
    conn.commit()
    assert conn.execute(f"select id from {table}").fetchall() == [(3,)]
