"""psycopg 3: nested transactions (savepoints), isolation levels, pg_backend_pid and set_config.

DuckDB has no savepoints. The server keeps their names (SAVEPOINT, RELEASE: exact, 3B001 for an
unknown name) and honours ROLLBACK TO SAVEPOINT only when nothing ran in the transaction before
the savepoint; otherwise it answers 0A000 instead of pretending (docs/compatibility.md)."""

import psycopg
import pytest
from psycopg import errors

from conftest import psycopg_connect, server_bug


def _count(table):
    with psycopg_connect(autocommit=True) as other:
        return other.execute(f"select count(*) from {table}").fetchone()[0]


def test_nested_transaction_that_commits(autoconn, table):
    autoconn.execute(f"create table {table} (x integer)")
    with autoconn.transaction():
        autoconn.execute(f"insert into {table} values (1)")
        with autoconn.transaction():  # SAVEPOINT ... RELEASE SAVEPOINT
            autoconn.execute(f"insert into {table} values (2)")
    assert _count(table) == 2


def test_inner_block_rolled_back_when_the_savepoint_was_first(autoconn, table):
    autoconn.execute(f"create table {table} (x integer)")

    class Boom(Exception):
        pass

    with autoconn.transaction():
        with pytest.raises(Boom):
            with autoconn.transaction():  # SAVEPOINT right after BEGIN
                autoconn.execute(f"insert into {table} values (1)")
                raise Boom()
        # ROLLBACK TO SAVEPOINT undid the insert; the outer transaction goes on.
        assert autoconn.execute(f"select count(*) from {table}").fetchone() == (0,)
        autoconn.execute(f"insert into {table} values (2)")
    assert _count(table) == 1


def test_inner_block_after_earlier_work_is_refused_not_faked(autoconn, table):
    autoconn.execute(f"create table {table} (x integer)")
    with pytest.raises(errors.InFailedSqlTransaction):
        with autoconn.transaction():
            autoconn.execute(f"insert into {table} values (1)")
            try:
                with autoconn.transaction():
                    autoconn.execute(f"insert into {table} values (2)")
                    raise ValueError("undo the inner block")
            except ValueError:
                pass  # psycopg logs the refused ROLLBACK TO SAVEPOINT (0A000) and re-raises
            # The inner block was not undone, so the transaction is failed: the client learns it
            # here instead of committing row 2 it meant to undo.
            autoconn.execute(f"insert into {table} values (3)")
    assert autoconn.info.transaction_status == psycopg.pq.TransactionStatus.IDLE
    assert _count(table) == 0


def test_rollback_to_savepoint_after_earlier_work_is_0A000(autoconn, table):
    autoconn.execute(f"create table {table} (x integer)")
    autoconn.execute("begin")
    autoconn.execute(f"insert into {table} values (1)")
    autoconn.execute("savepoint s")
    with pytest.raises(errors.FeatureNotSupported) as refused:
        autoconn.execute("rollback to savepoint s")
    assert refused.value.sqlstate == "0A000"
    assert "cannot undo part of a transaction" in str(refused.value)
    assert autoconn.info.transaction_status == psycopg.pq.TransactionStatus.INERROR
    autoconn.execute("rollback")
    assert _count(table) == 0


@server_bug("ROLLBACK TO SAVEPOINT after earlier work in the transaction: DuckDB cannot undo part"
            " of a transaction (the server answers 0A000)")
def test_rollback_to_savepoint_keeps_earlier_work(autoconn, table):
    autoconn.execute(f"create table {table} (x integer)")
    with autoconn.transaction():
        autoconn.execute(f"insert into {table} values (1)")
        autoconn.execute("savepoint s")
        autoconn.execute(f"insert into {table} values (2)")
        autoconn.execute("rollback to savepoint s")
    assert _count(table) == 1


def test_savepoint_errors(autoconn):
    with pytest.raises(errors.NoActiveSqlTransaction):
        autoconn.execute("savepoint s")
    autoconn.execute("begin")
    autoconn.execute("savepoint s")
    with pytest.raises(errors.InvalidSavepointSpecification) as unknown:
        autoconn.execute("release savepoint t")
    assert unknown.value.sqlstate == "3B001"
    assert autoconn.info.transaction_status == psycopg.pq.TransactionStatus.INERROR
    autoconn.execute("rollback")


def test_isolation_levels(table):
    with psycopg_connect() as c:
        assert c.execute("show transaction isolation level").fetchone() == ("read committed",)
        c.rollback()
        c.isolation_level = psycopg.IsolationLevel.SERIALIZABLE  # BEGIN ISOLATION LEVEL ...
        assert c.execute("show transaction_isolation").fetchone() == ("serializable",)
        c.rollback()
        c.isolation_level = psycopg.IsolationLevel.REPEATABLE_READ
        assert c.execute("select current_setting('transaction_isolation')").fetchone() == \
            ("repeatable read",)
        c.rollback()
    with psycopg_connect(autocommit=True) as c:
        c.execute("set session characteristics as transaction isolation level serializable")
        assert c.execute("show transaction isolation level").fetchone() == ("serializable",)
        with pytest.raises(errors.InvalidParameterValue):
            c.execute("set default_transaction_isolation = 'sometimes'")


def test_backend_pid_is_the_one_of_backend_key_data(autoconn):
    pid = autoconn.execute("select pg_backend_pid()").fetchone()[0]
    assert pid == autoconn.info.backend_pid
    assert pid > 0
    with psycopg_connect(autocommit=True) as other:
        assert other.execute("select pg_backend_pid()").fetchone()[0] == other.info.backend_pid
        assert other.info.backend_pid != pid


def test_set_config_applies_like_set(autoconn):
    assert autoconn.execute("select set_config('application_name', 'nightly', false)") \
        .fetchone() == ("nightly",)
    assert autoconn.execute("select current_setting('application_name')").fetchone() == \
        ("nightly",)
    assert autoconn.info.parameter_status("application_name") == "nightly"
    assert autoconn.execute("select set_config(%s, %s, false)", ["TimeZone", "Asia/Tokyo"]) \
        .fetchone() == ("Asia/Tokyo",)
    assert autoconn.execute("show timezone").fetchone() == ("Asia/Tokyo",)
    with autoconn.transaction():
        autoconn.execute("select set_config('statement_timeout', '5s', true)")
        assert autoconn.execute("show statement_timeout").fetchone() == ("5s",)


def test_set_config_local_ends_with_the_transaction(autoconn):
    with autoconn.transaction():
        autoconn.execute("select set_config('statement_timeout', '5s', true)")
        autoconn.execute("set local application_name = 'local-name'")
        assert autoconn.info.parameter_status("application_name") == "local-name"
    assert autoconn.execute("show statement_timeout").fetchone() == ("0",)
    assert autoconn.execute("show application_name").fetchone() == ("",)
    # COMMIT reported the restored value with ParameterStatus.
    assert autoconn.info.parameter_status("application_name") == ""


def test_set_in_a_rolled_back_transaction_is_undone(conn):
    conn.execute("set application_name = 'doomed'")
    conn.rollback()
    assert conn.execute("show application_name").fetchone() == ("",)
    conn.execute("set application_name = 'kept'")
    conn.commit()
    assert conn.execute("show application_name").fetchone() == ("kept",)
