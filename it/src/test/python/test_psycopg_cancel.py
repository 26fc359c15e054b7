"""Cancelling a running statement from another thread: QueryCanceled, and the connection goes on."""

import threading
import time

import pytest
from psycopg import errors

from conftest import LONG_QUERY


@pytest.mark.parametrize("method", ["cancel", "cancel_safe"])
def test_cancel_from_a_thread(autoconn, method):
    timer = threading.Timer(1.0, getattr(autoconn, method))
    timer.start()
    started = time.monotonic()
    try:
        with pytest.raises(errors.QueryCanceled) as failure:
            autoconn.execute(LONG_QUERY)
    finally:
        timer.cancel()
        timer.join()
    assert failure.value.sqlstate == "57014"
    assert "canceling statement due to user request" in str(failure.value)
    assert time.monotonic() - started < 30
    assert autoconn.execute("select 'after cancel'").fetchone() == ("after cancel",)


def test_cancel_inside_a_transaction_fails_it(conn):
    conn.execute("select 1")
    timer = threading.Timer(1.0, conn.cancel_safe)
    timer.start()
    try:
        with pytest.raises(errors.QueryCanceled):
            conn.execute(LONG_QUERY)
    finally:
        timer.join()
    with pytest.raises(errors.InFailedSqlTransaction):
        conn.execute("select 1")
    conn.rollback()
    assert conn.execute("select 2").fetchone() == (2,)


def test_cancel_with_nothing_running_is_harmless(autoconn):
    autoconn.cancel_safe()
    time.sleep(0.2)
    assert autoconn.execute("select 3").fetchone() == (3,)


def test_statement_timeout(autoconn):
    autoconn.execute("set statement_timeout = '500ms'")
    # A safety net so a server that ignores statement_timeout fails this test in 15s instead of
    # running the query for minutes.
    safety = threading.Timer(15.0, autoconn.cancel_safe)
    safety.start()
    started = time.monotonic()
    try:
        with pytest.raises(errors.QueryCanceled) as failure:
            autoconn.execute(LONG_QUERY)
    finally:
        safety.cancel()
        safety.join()
    assert time.monotonic() - started < 10, "statement_timeout did not stop the statement"
    assert "canceling statement due to statement timeout" in str(failure.value)
    autoconn.execute("reset statement_timeout")
    assert autoconn.execute("select 4").fetchone() == (4,)
