"""asyncpg transactions: commit, rollback on exception, failed-transaction state."""

import asyncpg
import pytest

from conftest import asyncpg_connect, run, server_bug, unique_name


class Boom(Exception):
    pass


def test_transaction_commits_and_rolls_back():
    async def main():
        conn = await asyncpg_connect()
        other = await asyncpg_connect()
        table = unique_name("pya_tx")
        try:
            await conn.execute(f"create table {table} (x integer)")
            async with conn.transaction():
                await conn.execute(f"insert into {table} values (1)")
                assert conn.is_in_transaction()
                assert await other.fetchval(f"select count(*) from {table}") == 0
            assert not conn.is_in_transaction()
            assert await other.fetchval(f"select count(*) from {table}") == 1

            with pytest.raises(Boom):
                async with conn.transaction():
                    await conn.execute(f"insert into {table} values (2)")
                    raise Boom()
            assert await conn.fetchval(f"select count(*) from {table}") == 1
        finally:
            await conn.execute(f"drop table if exists {table}")
            await conn.close()
            await other.close()

    run(main())


def test_manual_transaction_object():
    async def main():
        conn = await asyncpg_connect()
        table = unique_name("pya_tx_manual")
        try:
            await conn.execute(f"create table {table} (x integer)")
            tx = conn.transaction()
            await tx.start()
            await conn.execute(f"insert into {table} values ($1)", 5)
            await tx.rollback()
            assert await conn.fetchval(f"select count(*) from {table}") == 0
            tx = conn.transaction()
            await tx.start()
            await conn.execute(f"insert into {table} values ($1)", 6)
            await tx.commit()
            assert await conn.fetchval(f"select sum(x) from {table}") == 6
        finally:
            await conn.execute(f"drop table if exists {table}")
            await conn.close()

    run(main())


def test_error_fails_the_transaction_until_rollback():
    async def main():
        conn = await asyncpg_connect()
        try:
            tx = conn.transaction()
            await tx.start()
            with pytest.raises(asyncpg.UndefinedTableError):
                await conn.fetch("select * from no_such_table_async")
            with pytest.raises(asyncpg.InFailedSQLTransactionError):
                await conn.fetchval("select 1")
            await tx.rollback()
            assert await conn.fetchval("select 1") == 1
        finally:
            await conn.close()

    run(main())


def test_read_only_transaction_refuses_writes():
    async def main():
        conn = await asyncpg_connect()
        table = unique_name("pya_tx_ro")
        try:
            await conn.execute(f"create table {table} (x integer)")
            with pytest.raises(asyncpg.ReadOnlySQLTransactionError):
                async with conn.transaction(readonly=True):
                    assert await conn.fetchval(f"select count(*) from {table}") == 0
                    await conn.execute(f"insert into {table} values (1)")
        finally:
            await conn.execute(f"drop table if exists {table}")
            await conn.close()

    run(main())


def test_errors_map_to_asyncpg_exception_classes():
    async def main():
        conn = await asyncpg_connect()
        table = unique_name("pya_err")
        try:
            with pytest.raises(asyncpg.UndefinedTableError):
                await conn.fetch("select * from no_such_table_async")
            with pytest.raises(asyncpg.PostgresSyntaxError):
                await conn.fetch("selec 1")
            await conn.execute(f"create table {table} (id integer primary key)")
            with pytest.raises(asyncpg.UndefinedColumnError):
                await conn.fetch(f"select nope from {table}")
            await conn.execute(f"insert into {table} values ($1)", 1)
            with pytest.raises(asyncpg.UniqueViolationError) as failure:
                await conn.execute(f"insert into {table} values ($1)", 1)
            assert failure.value.sqlstate == "23505"
            assert await conn.fetchval("select 'still fine'") == "still fine"
        finally:
            await conn.execute(f"drop table if exists {table}")
            await conn.close()

    run(main())
