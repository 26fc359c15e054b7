"""Every common type round-trips through asyncpg, which sends and reads everything in binary and
picks its codecs from the type OIDs in ParameterDescription and RowDescription."""

import asyncio
import datetime as dt
import json
import math
import uuid
from decimal import Decimal

import pytest

from conftest import asyncpg_connect, run, unique_name

UTC = dt.timezone.utc

# (id, SQL type, parameter value, value expected back, type OID)
CASES = [
    ("bool", "boolean", True, True, 16),
    ("int2", "smallint", -32768, -32768, 21),
    ("int4", "integer", 2147483647, 2147483647, 23),
    ("int8", "bigint", -9223372036854775808, -9223372036854775808, 20),
    ("float4", "real", 1.5, 1.5, 700),
    ("float8", "double precision", 3.141592653589793, 3.141592653589793, 701),
    ("numeric", "numeric(12,3)", Decimal("-123456789.125"), Decimal("-123456789.125"), 1700),
    ("numeric_pads_scale", "numeric(10,2)", Decimal("1.5"), Decimal("1.50"), 1700),
    ("text", "text", "héllo 'wörld' ✓", "héllo 'wörld' ✓", 25),
    ("bytea", "bytea", b"\x00\x01\xfe\xff", b"\x00\x01\xfe\xff", 17),
    ("date", "date", dt.date(2024, 2, 29), dt.date(2024, 2, 29), 1082),
    ("time", "time", dt.time(13, 45, 30, 123456), dt.time(13, 45, 30, 123456), 1083),
    ("timestamp", "timestamp", dt.datetime(2024, 2, 29, 13, 45, 30, 123456),
     dt.datetime(2024, 2, 29, 13, 45, 30, 123456), 1114),
    ("timestamptz", "timestamptz",
     dt.datetime(2024, 2, 29, 13, 45, 30, 123456, tzinfo=dt.timezone(dt.timedelta(hours=2))),
     dt.datetime(2024, 2, 29, 11, 45, 30, 123456, tzinfo=UTC), 1184),
    ("interval", "interval", dt.timedelta(days=3, hours=4, minutes=5, seconds=6, microseconds=7),
     dt.timedelta(days=3, hours=4, minutes=5, seconds=6, microseconds=7), 1186),
    ("uuid", "uuid", uuid.UUID("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11"),
     uuid.UUID("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11"), 2950),
    ("json", "json", json.dumps({"a": [1, 2.5, None]}), {"a": [1, 2.5, None]}, 114),
    ("int_array", "integer[]", [1, -2, None, 3], [1, -2, None, 3], 1007),
    ("text_array", "text[]", ["a", "b c", None, ""], ["a", "b c", None, ""], 1009),
    ("bigint_array", "bigint[]", [1, 2**40], [1, 2**40], 1016),
]


def _params(cases):
    return [pytest.param(*c, id=c[0]) for c in cases]


def _normalise(value):
    if isinstance(value, str) and value.startswith("{"):
        return json.loads(value)
    return value


async def _connect():
    conn = await asyncpg_connect()
    await conn.execute("set timezone = 'UTC'")
    return conn


@pytest.mark.parametrize("name,sqltype,value,expected,oid", _params(CASES))
def test_fetchval_round_trip(name, sqltype, value, expected, oid):
    async def main():
        conn = await _connect()
        try:
            stmt = await conn.prepare(f"select $1::{sqltype} as v")
            assert [t.oid for t in stmt.get_parameters()] == [oid]
            assert [a.type.oid for a in stmt.get_attributes()] == [oid]
            got = _normalise(await stmt.fetchval(value))
            assert got == expected
            assert isinstance(got, type(expected))
        finally:
            await conn.close()

    run(main())


@pytest.mark.parametrize("name,sqltype,value,expected,oid", _params(CASES))
def test_table_round_trip_with_fetchrow_and_fetch(name, sqltype, value, expected, oid):
    async def main():
        conn = await _connect()
        table = unique_name("pya_" + name)
        try:
            await conn.execute(f"create table {table} (id integer, v {sqltype})")
            assert await conn.execute(f"insert into {table} values ($1, $2)", 1, value) == "INSERT 0 1"
            await conn.execute(f"insert into {table} values ($1, $2)", 2, None)
            row = await conn.fetchrow(f"select id, v from {table} where id = $1", 1)
            assert row["id"] == 1
            assert _normalise(row["v"]) == expected
            rows = await conn.fetch(f"select v from {table} order by id")
            assert [_normalise(r[0]) for r in rows] == [expected, None]
        finally:
            await conn.execute(f"drop table if exists {table}")
            await conn.close()

    run(main())


def test_float_special_values():
    async def main():
        conn = await _connect()
        try:
            for sqltype in ("double precision", "real"):
                assert math.isnan(await conn.fetchval(f"select $1::{sqltype}", math.nan))
                assert await conn.fetchval(f"select $1::{sqltype}", math.inf) == math.inf
                assert await conn.fetchval(f"select $1::{sqltype}", -math.inf) == -math.inf
            row = await conn.fetchrow("select 'NaN'::float8, 'Infinity'::float8, '-Infinity'::float4")
            assert math.isnan(row[0]) and row[1] == math.inf and row[2] == -math.inf
        finally:
            await conn.close()

    run(main())


INFINITIES = [
    ("'infinity'::date", dt.date.max),
    ("'-infinity'::date", dt.date.min),
    ("'infinity'::timestamp", dt.datetime.max),
    ("'-infinity'::timestamp", dt.datetime.min),
    # asyncpg's timestamptz codec returns the naive extremes for ±infinity.
    ("'infinity'::timestamptz", dt.datetime.max),
    ("'-infinity'::timestamptz", dt.datetime.min),
]


@pytest.mark.parametrize("literal,expected", INFINITIES, ids=[i.values[0] if hasattr(i, "values") else i[0] for i in INFINITIES])
def test_infinity_dates_and_timestamps(literal, expected):
    """asyncpg maps PostgreSQL's ±infinity to date.max/min and datetime.max/min."""
    async def main():
        conn = await _connect()
        try:
            assert await conn.fetchval(f"select {literal}") == expected
        finally:
            await conn.close()

    run(main())


def test_infinity_dates_and_timestamps_as_parameters():
    async def main():
        conn = await _connect()
        try:
            row = await conn.fetchrow(
                "select $1::date = 'infinity'::date, $2::date = '-infinity'::date,"
                " $3::timestamp = 'infinity'::timestamp, $4::timestamp = '-infinity'::timestamp",
                dt.date.max, dt.date.min, dt.datetime.max, dt.datetime.min)
            assert tuple(row) == (True, True, True, True)
        finally:
            await conn.close()

    run(main())


@pytest.mark.parametrize("sqltype", sorted({c[1] for c in CASES}))
def test_nulls_of_every_type(sqltype):
    async def main():
        conn = await _connect()
        try:
            assert await conn.fetchval(f"select $1::{sqltype}", None) is None
            assert await conn.fetchval(f"select null::{sqltype}") is None
        finally:
            await conn.close()

    run(main())


def test_parameter_types_are_inferred_from_context():
    """Without casts, the server describes parameters from how they are used."""
    async def main():
        conn = await _connect()
        table = unique_name("pya_infer")
        try:
            await conn.execute(f"create table {table} (a bigint, b text, c date, d numeric(8,2))")
            stmt = await conn.prepare(f"insert into {table} values ($1, $2, $3, $4)")
            assert [t.oid for t in stmt.get_parameters()] == [20, 25, 1082, 1700]
            await stmt.fetch(5, "x", dt.date(2020, 1, 1), Decimal("2.5"))
            stmt = await conn.prepare(f"select b from {table} where a = $1 and c < $2")
            assert [t.oid for t in stmt.get_parameters()] == [20, 1082]
            assert await stmt.fetchval(5, dt.date(2021, 1, 1)) == "x"
        finally:
            await conn.execute(f"drop table if exists {table}")
            await conn.close()

    run(main())


def test_types_without_a_builtin_codec_are_introspected():
    """asyncpg decodes int4[] and int8[] after looking them up in pg_type with its introspection
    query (issue 5): that query's oid columns must be oid and oid[], or asyncpg looks up int8[]
    with the same query, over and over. It turns JIT off around the lookup with
    SELECT current_setting('jit'), set_config('jit', 'off', false) and back on after."""
    async def main():
        conn = await asyncpg_connect()
        try:
            assert await asyncio.wait_for(conn.fetchval("select '{1,2}'::integer[]"), 30) == [1, 2]
            assert await conn.fetchval("select '{3,null}'::bigint[]") == [3, None]
            assert await conn.fetchval("select current_setting('jit')") == "off"
            row = await conn.fetchrow("select current_setting('jit') as cur,"
                                      " set_config('jit', 'on', false) as new")
            assert (row["cur"], row["new"]) == ("off", "on")
            assert await conn.fetchval("show jit") == "on"
        finally:
            conn.terminate()

    run(main())
