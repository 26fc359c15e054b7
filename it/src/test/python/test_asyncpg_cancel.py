"""asyncpg cancels a statement whose coroutine times out, and the connection stays usable."""

import asyncio
import time

import asyncpg
import pytest

from conftest import LONG_QUERY, asyncpg_connect, run


def test_wait_for_timeout_cancels_the_query():
    async def main():
        conn = await asyncpg_connect()
        try:
            started = time.monotonic()
            with pytest.raises(asyncio.TimeoutError):
                await asyncio.wait_for(conn.fetchval(LONG_QUERY), 1)
            assert await conn.fetchval("select 'after cancel'") == "after cancel"
            assert time.monotonic() - started < 30
            assert not conn.is_in_transaction()
        finally:
            await conn.close()

    run(main())


def test_timeout_argument_cancels_the_query():
    async def main():
        conn = await asyncpg_connect()
        try:
            with pytest.raises(asyncio.TimeoutError):
                await conn.fetchval(LONG_QUERY, timeout=1)
            assert await conn.fetchval("select $1::integer", 7) == 7
        finally:
            await conn.close()

    run(main())


def test_statement_timeout_setting():
    async def main():
        conn = await asyncpg_connect(server_settings={"statement_timeout": "500"})
        try:
            started = time.monotonic()
            with pytest.raises(asyncpg.QueryCanceledError):
                # The outer timeout only guards against a server that ignores statement_timeout.
                await conn.fetchval(LONG_QUERY, timeout=15)
            assert time.monotonic() - started < 10
            assert await conn.fetchval("select 1") == 1
        finally:
            await conn.close()

    run(main())
