"""Shared fixtures: where the server is, connections for psycopg and asyncpg, unique tables.

The server is whatever DUCKGRES_HOST / DUCKGRES_PORT / DUCKGRES_PASSWORD name (user postgres,
TLS required). PythonClientsTest starts one and sets them; by hand, start
`java -jar app/target/duckgres.jar --host 127.0.0.1 --port 15440 --data-dir /tmp/pyt` and export
DUCKGRES_PORT=15440.

Every assertion is PostgreSQL's behaviour: against a real PostgreSQL 15 (TLS on, SCRAM, user
postgres/postgres, hostssl-only pg_hba) `pytest --runxfail it/src/test/python` passes whole. Where
duckgres differs, the test is marked with server_bug(...) (a strict xfail: when the server is
fixed the test passes, the run fails, and the marker must go), or, for COPY and asyncpg's type
introspection, which would hang or take minutes on a server without them, a probe reports the
tests as xfailed without running them until the server has the feature.
"""

import asyncio
import itertools
import os
import ssl

import psycopg
import pytest

HOST = os.environ.get("DUCKGRES_HOST", "127.0.0.1")
PORT = int(os.environ.get("DUCKGRES_PORT", "15440"))
USER = os.environ.get("DUCKGRES_USER", "postgres")
PASSWORD = os.environ.get("DUCKGRES_PASSWORD", "postgres")
DATABASE = "postgres"

# Runs for minutes unless cancelled. (The tests use only SQL that PostgreSQL runs too: generate_series,
# not DuckDB's range.)
LONG_QUERY = "select count(*) from generate_series(1, 1000000000000) t(i) where i % 7 = 3"

_names = itertools.count(1)


def psycopg_connect(**kwargs):
    params = dict(host=HOST, port=PORT, user=USER, password=PASSWORD, dbname=DATABASE,
                  sslmode="require", connect_timeout=20)
    params.update(kwargs)
    return psycopg.connect(**params)


def no_verify_context():
    context = ssl.create_default_context()
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE
    return context


async def asyncpg_connect(**kwargs):
    import asyncpg

    params = dict(host=HOST, port=PORT, user=USER, password=PASSWORD, database=DATABASE,
                  ssl="require", timeout=20)
    params.update(kwargs)
    return await asyncpg.connect(**params)


def run(coro):
    """Runs a coroutine to completion (the asyncpg tests are plain functions calling this)."""
    return asyncio.run(asyncio.wait_for(coro, 90))


def unique_name(prefix):
    return f"{prefix}_{os.getpid()}_{next(_names)}"


@pytest.fixture
def _tables():
    """Names handed out by `table`; they are dropped after the test's connections have closed
    (the connection fixtures depend on this one, so it is torn down after them: a DROP while a
    test's transaction still holds a lock would wait for ever on PostgreSQL)."""
    names = []
    yield names
    if names:
        with psycopg_connect(autocommit=True) as c:
            for name in names:
                try:
                    c.execute(f"drop table if exists {name}")
                except psycopg.Error:
                    pass


@pytest.fixture
def conn(_tables):
    """A psycopg connection in the default (transactional) mode."""
    with psycopg_connect() as c:
        yield c


@pytest.fixture
def autoconn(_tables):
    """A psycopg connection in autocommit mode."""
    with psycopg_connect(autocommit=True) as c:
        yield c


@pytest.fixture
def table(request, _tables):
    """A unique table name; the table, if the test created it, is dropped afterwards."""
    name = unique_name("py_" + request.node.originalname.removeprefix("test_")[:30])
    _tables.append(name)
    return name


def server_bug(reason):
    """Marks a test that fails because the server differs from PostgreSQL (not because the test
    is wrong). Strict: when the server is fixed the test passes, the run fails, and the marker
    must go."""
    return pytest.mark.xfail(strict=True, reason="server bug: " + reason)


COPY_MISSING = ("server bug: COPY ... FROM STDIN / TO STDOUT not implemented yet (COPY (select 1) TO"
                " STDOUT answers CommandComplete instead of CopyOutResponse); the COPY tests did not"
                " run")

_copy_supported = None


def copy_supported():
    """Whether the server speaks the COPY sub-protocol, probed once with COPY (select 1) TO STDOUT.

    That probe is harmless on a server without COPY. Running the COPY FROM STDIN tests there is
    not: the statement goes to DuckDB, which reads the server process's own stdin, and when that
    is a pipe (as ServerProcess starts it) the session hangs and wedges the server for the tests
    after it."""
    global _copy_supported
    if _copy_supported is None:
        with psycopg_connect(autocommit=True) as c:
            try:
                with c.cursor().copy("COPY (select 1) TO STDOUT") as copy:
                    data = b"".join(bytes(chunk) for chunk in copy)
                _copy_supported = data == b"1\n"
            except psycopg.Error:
                _copy_supported = False
    return _copy_supported


@pytest.fixture
def requires_copy():
    """Reports the test as xfailed, without running it, while the server has no COPY."""
    if not copy_supported():
        pytest.xfail(COPY_MISSING)


@pytest.fixture(scope="module")
def engine():
    """A SQLAlchemy 2 engine (psycopg 3 dialect) on the server, for the SQLAlchemy and pandas
    tests; imported lazily so the driver-only tests do not need SQLAlchemy."""
    import sqlalchemy as sa

    url = sa.URL.create("postgresql+psycopg", username=USER, password=PASSWORD, host=HOST,
                        port=PORT, database=DATABASE,
                        query={"sslmode": "require", "connect_timeout": "20"})
    engine = sa.create_engine(url, pool_size=2)
    yield engine
    engine.dispose()
