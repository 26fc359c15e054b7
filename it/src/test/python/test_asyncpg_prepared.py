"""asyncpg prepared statements: described once, executed many times, reused from the cache."""

import datetime as dt

from conftest import asyncpg_connect, run, unique_name


def test_prepared_statement_is_reused():
    async def main():
        conn = await asyncpg_connect()
        try:
            stmt = await conn.prepare("select $1::integer * 2 as doubled, $2::text || '!' as shout")
            assert [p.oid for p in stmt.get_parameters()] == [23, 25]
            assert [(a.name, a.type.oid) for a in stmt.get_attributes()] == [
                ("doubled", 23), ("shout", 25)]
            for i in range(100):
                row = await stmt.fetchrow(i, str(i))
                assert (row["doubled"], row["shout"]) == (i * 2, f"{i}!")
            assert await stmt.fetchval(21, "x") == 42
            rows = await stmt.fetch(1, "a")
            assert [tuple(r) for r in rows] == [(2, "a!")]
        finally:
            await conn.close()

    run(main())


def test_statement_cache_reuses_named_statements():
    async def main():
        conn = await asyncpg_connect(statement_cache_size=10)
        try:
            for i in range(50):
                assert await conn.fetchval("select $1::bigint + 1", i) == i + 1
                assert await conn.fetchval("select $1::date + 1", dt.date(2024, 2, 28)) == dt.date(2024, 2, 29)
        finally:
            await conn.close()

    run(main())


def test_many_distinct_statements_evict_and_close():
    """More distinct statements than the cache holds: asyncpg closes the evicted ones."""
    async def main():
        conn = await asyncpg_connect(statement_cache_size=5)
        try:
            for i in range(40):
                assert await conn.fetchval(f"select $1::integer + {i}", 1) == 1 + i
        finally:
            await conn.close()

    run(main())


def test_prepared_statement_survives_other_statements_and_errors():
    async def main():
        conn = await asyncpg_connect()
        table = unique_name("pya_prep")
        try:
            await conn.execute(f"create table {table} (id integer, v text)")
            insert = await conn.prepare(f"insert into {table} values ($1, $2)")
            select = await conn.prepare(f"select v from {table} where id = $1")
            await insert.fetch(1, "one")
            try:
                await conn.fetch("select * from no_such_table_prep")
            except Exception:
                pass
            await insert.fetch(2, "two")
            assert await select.fetchval(1) == "one"
            assert await select.fetchval(2) == "two"
            assert await select.fetchval(3) is None
        finally:
            await conn.execute(f"drop table if exists {table}")
            await conn.close()

    run(main())


def test_prepared_statement_explain_and_status():
    async def main():
        conn = await asyncpg_connect()
        table = unique_name("pya_prep_status")
        try:
            await conn.execute(f"create table {table} (id integer)")
            stmt = await conn.prepare(f"insert into {table} select i from generate_series(1, $1::bigint) t(i)")
            await stmt.fetch(10)
            assert stmt.get_statusmsg() == "INSERT 0 10"
            assert await conn.fetchval(f"select count(*) from {table}") == 10
        finally:
            await conn.execute(f"drop table if exists {table}")
            await conn.close()

    run(main())
