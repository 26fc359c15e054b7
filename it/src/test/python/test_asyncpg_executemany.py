"""asyncpg executemany: one prepared statement bound and executed for many argument tuples."""

import datetime as dt
from decimal import Decimal

import asyncpg
import pytest

from conftest import asyncpg_connect, run, unique_name


def test_executemany_inserts_every_row():
    async def main():
        conn = await asyncpg_connect()
        table = unique_name("pya_many")
        try:
            await conn.execute(f"create table {table} (id integer, name text, amount numeric(10,2),"
                               " day date)")
            rows = [(i, f"name {i}", Decimal(i) / 4, dt.date(2024, 1, 1) + dt.timedelta(days=i))
                    for i in range(1000)]
            await conn.executemany(f"insert into {table} values ($1, $2, $3, $4)", rows)
            got = await conn.fetch(f"select id, name, amount, day from {table} order by id")
            assert [tuple(r) for r in got] == [
                (i, n, a.quantize(Decimal("0.01")), d) for i, n, a, d in rows]
        finally:
            await conn.execute(f"drop table if exists {table}")
            await conn.close()

    run(main())


def test_executemany_with_an_error_inserts_nothing():
    """executemany runs in an implicit transaction: an error leaves no rows behind."""
    async def main():
        conn = await asyncpg_connect()
        table = unique_name("pya_many_err")
        try:
            await conn.execute(f"create table {table} (id integer primary key)")
            with pytest.raises(asyncpg.UniqueViolationError):
                await conn.executemany(f"insert into {table} values ($1)", [(1,), (2,), (1,), (3,)])
            assert await conn.fetchval(f"select count(*) from {table}") == 0
            assert await conn.fetchval("select 'usable'") == "usable"
        finally:
            await conn.execute(f"drop table if exists {table}")
            await conn.close()

    run(main())


def test_executemany_update_and_delete():
    async def main():
        conn = await asyncpg_connect()
        table = unique_name("pya_many_upd")
        try:
            await conn.execute(f"create table {table} (id integer, v text)")
            await conn.executemany(f"insert into {table} values ($1, $2)",
                                   [(i, "old") for i in range(10)])
            await conn.executemany(f"update {table} set v = $2 where id = $1",
                                   [(i, f"new{i}") for i in range(0, 10, 2)])
            await conn.executemany(f"delete from {table} where id = $1", [(1,), (3,)])
            got = await conn.fetch(f"select id, v from {table} order by id")
            assert [tuple(r) for r in got] == [
                (0, "new0"), (2, "new2"), (4, "new4"), (5, "old"), (6, "new6"), (7, "old"),
                (8, "new8"), (9, "old")]
        finally:
            await conn.execute(f"drop table if exists {table}")
            await conn.close()

    run(main())
