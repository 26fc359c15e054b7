"""Server-side (named) cursors: psycopg runs DECLARE ... CURSOR and FETCH FORWARD n."""


def test_named_cursor_iterates_in_batches(conn):
    with conn.cursor(name="py_named_iter") as cur:
        cur.itersize = 7
        cur.execute("select i::int from generate_series(1, 100) t(i) order by i")
        assert [r[0] for r in cur] == list(range(1, 101))
    conn.commit()


def test_named_cursor_fetchmany_and_description(conn):
    with conn.cursor(name="py_named_many") as cur:
        cur.execute("select i::int as n, 'x' || i as s from generate_series(1, 10) t(i) order by i")
        assert [d.name for d in cur.description] == ["n", "s"]
        assert cur.fetchmany(3) == [(1, "x1"), (2, "x2"), (3, "x3")]
        assert cur.fetchone() == (4, "x4")
        assert len(cur.fetchall()) == 6
    conn.commit()


def test_named_cursor_with_parameters_in_binary(conn):
    with conn.cursor(name="py_named_bin", binary=True) as cur:
        cur.itersize = 3
        cur.execute("select i::bigint from generate_series(1, 10) t(i) where i > %s order by i", [5])
        assert [r[0] for r in cur] == [6, 7, 8, 9, 10]
    conn.commit()


def test_withhold_cursor_survives_commit(conn):
    with conn.cursor(name="py_named_hold", withhold=True) as cur:
        cur.execute("select i::int from generate_series(1, 5) t(i) order by i")
        conn.commit()
        assert cur.fetchall() == [(i,) for i in range(1, 6)]
