"""asyncpg COPY: copy_records_to_table (binary COPY FROM STDIN), copy_to_table, copy_from_query
and copy_from_table (COPY TO STDOUT)."""

import datetime as dt
import io
from decimal import Decimal

import pytest

from conftest import asyncpg_connect, run, server_bug, unique_name

# While the server has no COPY at all these are reported as xfailed without running (see
# conftest.copy_supported); once it has, they run and must pass.
pytestmark = pytest.mark.usefixtures("requires_copy")

RECORDS = [
    (1, "ann", Decimal("1.50"), dt.date(2024, 1, 2)),
    (2, "tab\there", Decimal("-2.25"), None),
    (3, None, None, dt.date(1999, 12, 31)),
]


async def _with_table(body):
    conn = await asyncpg_connect()
    table = unique_name("pya_copy")
    try:
        await conn.execute(f"create table {table} (id integer, name text, amount numeric(10,2),"
                           " day date)")
        await body(conn, table)
    finally:
        await conn.execute(f"drop table if exists {table}")
        await conn.close()


def test_copy_records_to_table():
    async def body(conn, table):
        status = await conn.copy_records_to_table(table, records=RECORDS)
        assert status == "COPY 3"
        rows = await conn.fetch(f"select id, name, amount, day from {table} order by id")
        assert [tuple(r) for r in rows] == RECORDS

    run(_with_table(body))


def test_copy_records_to_table_with_columns_and_many_rows():
    async def body(conn, table):
        records = [(f"n{i}", i) for i in range(10000)]
        status = await conn.copy_records_to_table(table, records=records, columns=["name", "id"])
        assert status == "COPY 10000"
        assert await conn.fetchval(f"select sum(id) from {table}") == sum(range(10000))
        assert await conn.fetchval(f"select count(*) from {table} where amount is null") == 10000

    run(_with_table(body))


def test_copy_to_table_from_a_csv_file_object():
    async def body(conn, table):
        source = io.BytesIO(b"1,ann,1.5,2024-01-02\n2,,,\n")
        status = await conn.copy_to_table(table, source=source, format="csv")
        assert status == "COPY 2"
        rows = await conn.fetch(f"select id, name, amount, day from {table} order by id")
        assert [tuple(r) for r in rows] == [
            (1, "ann", Decimal("1.50"), dt.date(2024, 1, 2)), (2, None, None, None)]

    run(_with_table(body))


def test_copy_from_query_csv():
    async def body(conn, table):
        await conn.copy_records_to_table(table, records=RECORDS)
        out = io.BytesIO()
        status = await conn.copy_from_query(
            f"select id, name, amount, day from {table} where id < $1 order by id", 3,
            output=out, format="csv")
        assert status == "COPY 2"
        # CSV quotes only values holding the delimiter, a quote, CR or LF.
        assert out.getvalue() == b'1,ann,1.50,2024-01-02\n2,tab\there,-2.25,\n'

    run(_with_table(body))


def test_copy_from_table_text_to_a_callback():
    async def body(conn, table):
        await conn.copy_records_to_table(table, records=RECORDS)
        chunks = []

        async def sink(data):
            chunks.append(bytes(data))

        status = await conn.copy_from_table(table, output=sink, columns=["id", "name"])
        assert status == "COPY 3"
        assert sorted(b"".join(chunks).splitlines()) == [
            b"1\tann", b"2\ttab\\there", b"3\t\\N"]

    run(_with_table(body))
