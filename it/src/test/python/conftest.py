"""Shared fixtures: where the server is, connections for psycopg and asyncpg, unique tables.

The server is whatever DUCKGRES_HOST / DUCKGRES_PORT / DUCKGRES_PASSWORD name (user postgres,
TLS required). PythonClientsTest starts one and sets them; by hand, start
`java -jar app/target/duckgres.jar --host 127.0.0.1 --port 15440 --data-dir /tmp/pyt` and export
DUCKGRES_PORT=15440.
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

# Runs for minutes unless cancelled.
LONG_QUERY = "select count(*) from range(1000000000000) t(i) where i % 7 = 3"

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
def conn():
    """A psycopg connection in the default (transactional) mode."""
    with psycopg_connect() as c:
        yield c


@pytest.fixture
def autoconn():
    """A psycopg connection in autocommit mode."""
    with psycopg_connect(autocommit=True) as c:
        yield c


@pytest.fixture
def table(request):
    """A unique table name; the table, if the test created it, is dropped afterwards."""
    name = unique_name("py_" + request.node.originalname.removeprefix("test_")[:30])
    yield name
    try:
        with psycopg_connect(autocommit=True) as c:
            c.execute(f"drop table if exists {name}")
    except psycopg.Error:
        pass


def server_bug(reason):
    """Marks a test that fails because the server differs from PostgreSQL (not because the test
    is wrong). Strict: when the server is fixed the test passes, the run fails, and the marker
    must go."""
    return pytest.mark.xfail(strict=True, reason="server bug: " + reason)


COPY_MISSING = ("COPY ... FROM STDIN / TO STDOUT not implemented yet (FROM STDIN: 58P01 'No files"
                " found that match the pattern \"/dev/stdin\"'; TO STDOUT answers CommandComplete"
                " instead of CopyOutResponse; (FORMAT BINARY): 42601 syntax error at or near \")\")")
