"""asyncpg cursors inside a transaction: portals executed with a row limit (PortalSuspended)."""

import asyncpg
import pytest

from conftest import asyncpg_connect, run


def test_async_for_with_prefetch():
    async def main():
        conn = await asyncpg_connect()
        try:
            async with conn.transaction():
                seen = [r["i"] async for r in conn.cursor(
                    "select i from generate_series(0::bigint, 999) t(i) where i between $1 and $2 order by i",
                    1, 250, prefetch=17)]
            assert seen == list(range(1, 251))
        finally:
            await conn.close()

    run(main())


def test_cursor_fetch_and_fetchrow():
    async def main():
        conn = await asyncpg_connect()
        try:
            async with conn.transaction():
                cur = await conn.cursor("select i::integer from generate_series(1, 100) t(i) order by i")
                assert [r[0] for r in await cur.fetch(5)] == [1, 2, 3, 4, 5]
                assert (await cur.fetchrow())[0] == 6
                assert [r[0] for r in await cur.fetch(3)] == [7, 8, 9]
        finally:
            await conn.close()

    run(main())


def test_cursor_forward_skips_rows():
    """Cursor.forward() runs MOVE FORWARD n on the cursor's portal."""
    async def main():
        conn = await asyncpg_connect()
        try:
            async with conn.transaction():
                cur = await conn.cursor("select i::integer from generate_series(1, 100) t(i) order by i")
                assert [r[0] for r in await cur.fetch(2)] == [1, 2]
                assert await cur.forward(10) == 10
                assert [r[0] for r in await cur.fetch(3)] == [13, 14, 15]
        finally:
            await conn.close()

    run(main())


def test_two_cursors_interleaved():
    async def main():
        conn = await asyncpg_connect()
        try:
            async with conn.transaction():
                a = await conn.cursor("select i::integer from generate_series(1, 10) t(i) order by i")
                b = await conn.cursor("select (i * 10)::integer from generate_series(1, 10) t(i) order by i")
                got = []
                for _ in range(3):
                    got.append((await a.fetchrow())[0])
                    got.append((await b.fetchrow())[0])
                assert got == [1, 10, 2, 20, 3, 30]
        finally:
            await conn.close()

    run(main())


def test_cursor_outside_a_transaction_is_refused_by_asyncpg():
    async def main():
        conn = await asyncpg_connect()
        try:
            with pytest.raises(asyncpg.NoActiveSQLTransactionError):
                await conn.cursor("select 1")
        finally:
            await conn.close()

    run(main())
