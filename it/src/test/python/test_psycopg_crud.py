"""Create, insert, select, update and delete through psycopg 3, with rowcounts and descriptions."""

import psycopg


def test_create_insert_select_update_delete(autoconn, table):
    cur = autoconn.cursor()
    cur.execute(f"create table {table} (id integer primary key, name text, score double precision)")
    assert cur.statusmessage == "CREATE TABLE"

    cur.execute(f"insert into {table} values (%s, %s, %s)", (1, "ann", 1.5))
    assert cur.rowcount == 1
    assert cur.statusmessage == "INSERT 0 1"
    cur.executemany(f"insert into {table} values (%s, %s, %s)",
                    [(2, "bob", 2.5), (3, "cy", None)])
    assert cur.rowcount == 2

    cur.execute(f"select id, name, score from {table} order by id")
    assert [d.name for d in cur.description] == ["id", "name", "score"]
    assert [d.type_code for d in cur.description] == [23, 25, 701]
    assert cur.rowcount == 3
    assert cur.fetchall() == [(1, "ann", 1.5), (2, "bob", 2.5), (3, "cy", None)]
    assert cur.statusmessage == "SELECT 3"

    cur.execute(f"update {table} set score = score * 2 where score is not null")
    assert cur.rowcount == 2
    assert cur.statusmessage == "UPDATE 2"

    cur.execute(f"delete from {table} where id = %s", [1])
    assert cur.rowcount == 1
    assert cur.statusmessage == "DELETE 1"

    cur.execute(f"select id, score from {table} order by id")
    assert cur.fetchall() == [(2, 5.0), (3, None)]


def test_insert_returning(autoconn, table):
    autoconn.execute(f"create table {table} (id integer, name text)")
    row = autoconn.execute(
        f"insert into {table} values (%s, %s) returning id, upper(name)", (7, "x")).fetchone()
    assert row == (7, "X")


def test_fetch_in_pieces(autoconn):
    cur = autoconn.execute("select i::int from generate_series(1, 10) t(i) order by i")
    assert cur.fetchone() == (1,)
    assert cur.fetchmany(3) == [(2,), (3,), (4,)]
    assert cur.fetchall() == [(i,) for i in range(5, 11)]
    assert cur.fetchone() is None


def test_empty_result_has_a_description(autoconn):
    cur = autoconn.execute("select 1 as a, 'x' as b where false")
    assert [d.name for d in cur.description] == ["a", "b"]
    assert cur.fetchall() == []


def test_column_names_follow_postgresql(autoconn):
    cur = autoconn.execute("select 1, 'x'::text, count(*) from generate_series(1, 3)")
    assert [d.name for d in cur.description] == ["?column?", "text", "count"]


def test_statement_without_result(autoconn):
    cur = autoconn.execute("set timezone = 'UTC'")
    assert cur.description is None
    assert cur.statusmessage == "SET"
    assert isinstance(autoconn.execute("show timezone").fetchone()[0], str)


def test_transactional_connection_commits(conn, table):
    conn.execute(f"create table {table} (x integer)")
    conn.execute(f"insert into {table} values (1)")
    conn.commit()
    from conftest import psycopg_connect
    with psycopg_connect() as other:
        assert other.execute(f"select count(*) from {table}").fetchone() == (1,)
    assert isinstance(conn, psycopg.Connection)
