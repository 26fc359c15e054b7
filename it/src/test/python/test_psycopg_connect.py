"""psycopg 3 connects over TLS with SCRAM-SHA-256 and sees a PostgreSQL-like session."""

import psycopg
import pytest

from conftest import HOST, PORT, USER, psycopg_connect


def test_connects_over_tls_with_scram(autoconn):
    info = autoconn.info
    assert autoconn.pgconn.ssl_in_use
    assert info.status == psycopg.pq.ConnStatus.OK
    assert info.user == USER
    assert info.dbname == "postgres"
    assert info.port == PORT
    assert info.server_version >= 140000
    assert autoconn.execute("select 1").fetchone() == (1,)


def test_session_parameters_are_reported(autoconn):
    assert autoconn.info.parameter_status("server_encoding") == "UTF8"
    assert autoconn.info.parameter_status("client_encoding") == "UTF8"
    assert autoconn.info.parameter_status("integer_datetimes") == "on"
    assert autoconn.info.parameter_status("standard_conforming_strings") == "on"
    assert autoconn.info.backend_pid > 0


@pytest.mark.parametrize("sql,expected", [
    ("select current_database()", "postgres"),
    ("select current_user", USER),
    ("select session_user", USER),
    ("select current_schema()", "public"),
], ids=["current_database", "current_user", "session_user", "current_schema"])
def test_session_identity(autoconn, sql, expected):
    assert autoconn.execute(sql).fetchone() == (expected,)


def test_version_function_looks_like_postgresql(autoconn):
    assert autoconn.execute("select version()").fetchone()[0].startswith("PostgreSQL ")


def test_wrong_password_is_refused():
    with pytest.raises(psycopg.OperationalError) as failure:
        psycopg_connect(password="not-the-password")
    assert "password authentication failed" in str(failure.value)


def test_plaintext_is_refused():
    with pytest.raises(psycopg.OperationalError):
        psycopg.connect(host=HOST, port=PORT, user=USER, password="postgres",
                        dbname="postgres", sslmode="disable", connect_timeout=20)


def test_connection_is_reusable_after_many_statements(autoconn):
    for i in range(50):
        assert autoconn.execute("select %s::int + 1", [i]).fetchone()[0] == i + 1
