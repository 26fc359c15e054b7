"""Transactions through psycopg 3: commit, rollback, failed-transaction state, autocommit."""

import psycopg
import pytest
from psycopg import errors

from conftest import psycopg_connect


def _count(table):
    with psycopg_connect(autocommit=True) as other:
        return other.execute(f"select count(*) from {table}").fetchone()[0]


def test_rollback_leaves_nothing(conn, table):
    conn.execute(f"create table {table} (x integer)")
    conn.commit()
    for i in range(5):
        conn.execute(f"insert into {table} values (%s)", [i])
    assert conn.execute(f"select count(*) from {table}").fetchone() == (5,)
    assert conn.info.transaction_status == psycopg.pq.TransactionStatus.INTRANS
    conn.rollback()
    assert conn.info.transaction_status == psycopg.pq.TransactionStatus.IDLE
    assert conn.execute(f"select count(*) from {table}").fetchone() == (0,)
    assert _count(table) == 0


def test_uncommitted_rows_are_invisible_to_other_sessions(conn, table):
    conn.execute(f"create table {table} (x integer)")
    conn.commit()
    conn.execute(f"insert into {table} values (1)")
    assert _count(table) == 0
    conn.commit()
    assert _count(table) == 1


def test_error_fails_the_transaction_until_rollback(conn, table):
    conn.execute(f"create table {table} (x integer)")
    conn.commit()
    conn.execute(f"insert into {table} values (1)")
    with pytest.raises(errors.UndefinedTable):
        conn.execute("select * from no_such_table_in_tx")
    assert conn.info.transaction_status == psycopg.pq.TransactionStatus.INERROR
    with pytest.raises(errors.InFailedSqlTransaction) as failure:
        conn.execute("select 1")
    assert failure.value.sqlstate == "25P02"
    with pytest.raises(errors.InFailedSqlTransaction):
        conn.execute(f"insert into {table} values (2)")
    conn.rollback()
    assert conn.info.transaction_status == psycopg.pq.TransactionStatus.IDLE
    assert conn.execute("select 1").fetchone() == (1,)
    assert conn.execute(f"select count(*) from {table}").fetchone() == (0,)


def test_commit_of_a_failed_transaction_rolls_back(conn, table):
    conn.execute(f"create table {table} (x integer)")
    conn.commit()
    conn.execute(f"insert into {table} values (1)")
    with pytest.raises(errors.SyntaxError):
        conn.execute("selec 1")
    with pytest.raises(psycopg.errors.InFailedSqlTransaction):
        conn.execute("select 2")
    # COMMIT of a failed transaction ends it as a rollback (PostgreSQL answers "ROLLBACK").
    conn.commit()
    assert conn.info.transaction_status == psycopg.pq.TransactionStatus.IDLE
    assert _count(table) == 0


def test_transaction_block_context_manager(autoconn, table):
    autoconn.execute(f"create table {table} (x integer)")
    with autoconn.transaction():
        autoconn.execute(f"insert into {table} values (1)")
    assert _count(table) == 1

    class Boom(Exception):
        pass

    with pytest.raises(Boom):
        with autoconn.transaction():
            autoconn.execute(f"insert into {table} values (2)")
            raise Boom()
    assert _count(table) == 1


def test_explicit_begin_commit_status_messages(autoconn, table):
    cur = autoconn.cursor()
    cur.execute(f"create table {table} (x integer)")
    cur.execute("begin")
    assert cur.statusmessage == "BEGIN"
    assert autoconn.info.transaction_status == psycopg.pq.TransactionStatus.INTRANS
    cur.execute(f"insert into {table} values (1)")
    cur.execute("commit")
    assert cur.statusmessage == "COMMIT"
    cur.execute("begin")
    cur.execute(f"insert into {table} values (2)")
    cur.execute("rollback")
    assert cur.statusmessage == "ROLLBACK"
    assert _count(table) == 1


def test_autocommit_statements_are_visible_at_once(autoconn, table):
    autoconn.execute(f"create table {table} (x integer)")
    autoconn.execute(f"insert into {table} values (1)")
    assert _count(table) == 1
