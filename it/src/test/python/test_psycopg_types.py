"""Every common type round-trips through psycopg 3 parameters and results, in text and binary.

Text format: a plain cursor with %s placeholders. Binary: cursor(binary=True) with %b
placeholders, so both the parameters and the results travel in binary.
"""

import datetime as dt
import uuid
from decimal import Decimal

import pytest
from psycopg.types.json import Json
from psycopg.types.numeric import Float4, Int2, Int4, Int8

from conftest import server_bug

UTC = dt.timezone.utc

# (id, column type, parameter value, value expected back, result type OID)
CASES = [
    ("bool_true", "boolean", True, True, 16),
    ("bool_false", "boolean", False, False, 16),
    ("int2", "smallint", Int2(-32768), -32768, 21),
    ("int4", "integer", Int4(2147483647), 2147483647, 23),
    ("int8", "bigint", Int8(-9223372036854775808), -9223372036854775808, 20),
    ("float4", "real", Float4(1.5), 1.5, 700),
    ("float8", "double precision", 3.141592653589793, 3.141592653589793, 701),
    ("numeric_scale", "numeric(12,3)", Decimal("-123456789.125"), Decimal("-123456789.125"), 1700),
    ("numeric_pads_scale", "numeric(10,2)", Decimal("1.5"), Decimal("1.50"), 1700),
    ("numeric_rounds", "numeric(10,2)", Decimal("2.345"), Decimal("2.35"), 1700),
    ("text", "text", "héllo 'wörld' \"✓\"\t\\n", "héllo 'wörld' \"✓\"\t\\n", 25),
    ("text_empty", "text", "", "", 25),
    ("bytea", "bytea", b"\x00\x01\xfe\xff \\ '", b"\x00\x01\xfe\xff \\ '", 17),
    ("date", "date", dt.date(2024, 2, 29), dt.date(2024, 2, 29), 1082),
    ("date_bc_edge", "date", dt.date(1, 1, 1), dt.date(1, 1, 1), 1082),
    ("time", "time", dt.time(13, 45, 30, 123456), dt.time(13, 45, 30, 123456), 1083),
    ("timestamp", "timestamp", dt.datetime(2024, 2, 29, 13, 45, 30, 123456),
     dt.datetime(2024, 2, 29, 13, 45, 30, 123456), 1114),
    ("timestamp_pre_epoch", "timestamp", dt.datetime(1969, 7, 20, 20, 17, 40),
     dt.datetime(1969, 7, 20, 20, 17, 40), 1114),
    ("timestamptz", "timestamptz",
     dt.datetime(2024, 2, 29, 13, 45, 30, 123456, tzinfo=dt.timezone(dt.timedelta(hours=2))),
     dt.datetime(2024, 2, 29, 11, 45, 30, 123456, tzinfo=UTC), 1184),
    ("interval", "interval", dt.timedelta(days=3, hours=4, minutes=5, seconds=6, microseconds=7),
     dt.timedelta(days=3, hours=4, minutes=5, seconds=6, microseconds=7), 1186),
    ("interval_negative", "interval", dt.timedelta(days=-2, seconds=30),
     dt.timedelta(days=-2, seconds=30), 1186),
    ("uuid", "uuid", uuid.UUID("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11"),
     uuid.UUID("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11"), 2950),
    ("json", "json", Json({"a": [1, 2.5, None, "x"], "b": {"c": True}}),
     {"a": [1, 2.5, None, "x"], "b": {"c": True}}, 114),
    ("int_array", "integer[]", [1, -2, None, 2147483647], [1, -2, None, 2147483647], 1007),
    ("bigint_array", "bigint[]", [Int8(1), Int8(2**40)], [1, 2**40], 1016),
    ("text_array", "text[]", ["a", "b c", '"q"', "{}", None, ""],
     ["a", "b c", '"q"', "{}", None, ""], 1009),
    ("empty_array", "integer[]", [], [], 1007),
]

FORMATS = ["text", "binary"]


def _cursor(conn, fmt):
    return conn.cursor(binary=(fmt == "binary"))


def _ph(fmt):
    return "%b" if fmt == "binary" else "%s"


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("name,sqltype,value,expected,oid", CASES, ids=[c[0] for c in CASES])
def test_parameter_cast_round_trip(autoconn, fmt, name, sqltype, value, expected, oid):
    autoconn.execute("set timezone = 'UTC'")
    cur = _cursor(autoconn, fmt)
    cur.execute(f"select {_ph(fmt)}::{sqltype} as v", [value])
    assert cur.description[0].type_code == oid
    got = cur.fetchone()[0]
    assert got == expected
    assert type(got) is type(expected)


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("name,sqltype,value,expected,oid", CASES, ids=[c[0] for c in CASES])
def test_table_round_trip(autoconn, table, fmt, name, sqltype, value, expected, oid):
    autoconn.execute("set timezone = 'UTC'")
    autoconn.execute(f"create table {table} (id integer, v {sqltype})")
    cur = _cursor(autoconn, fmt)
    ph = _ph(fmt)
    cur.execute(f"insert into {table} (id, v) values ({ph}, {ph})", [1, value])
    assert cur.rowcount == 1
    cur.execute(f"select v from {table} where id = {ph}", [1])
    assert cur.description[0].type_code == oid
    assert cur.fetchall() == [(expected,)]


UNTYPED = [
    ("int", 42),
    ("str", "text"),
    ("float", 2.5),
    ("decimal", Decimal("1.25")),
    ("date", dt.date(2020, 1, 2)),
    ("bool", True),
    ("bytes", b"\x00b"),
]


@pytest.mark.parametrize("fmt,value", [
    pytest.param(fmt, value, id=f"{name}-{fmt}") for name, value in UNTYPED for fmt in FORMATS])
def test_untyped_python_values_keep_their_types(autoconn, fmt, value):
    """Without casts the server must take the parameter type from the OID psycopg sends."""
    cur = _cursor(autoconn, fmt)
    cur.execute(f"select {_ph(fmt)}", [value])
    got = cur.fetchone()[0]
    assert got == value
    assert type(got) is type(value)


@pytest.mark.parametrize("fmt", FORMATS)
def test_untyped_decimal_in_arithmetic(autoconn, fmt):
    cur = _cursor(autoconn, fmt)
    cur.execute(f"select {_ph(fmt)} + 1", [Decimal("1.25")])
    assert cur.fetchone() == (Decimal("2.25"),)


@pytest.mark.parametrize("fmt", FORMATS)
def test_parameter_used_in_arithmetic_and_comparison(autoconn, fmt):
    cur = _cursor(autoconn, fmt)
    ph = _ph(fmt)
    cur.execute(f"select count(*) from generate_series(0, 99) t(i) where i >= {ph} and i < {ph}", [10, 20])
    assert cur.fetchone() == (10,)


@pytest.mark.parametrize("fmt", FORMATS)
def test_many_rows_of_mixed_types(autoconn, fmt):
    cur = _cursor(autoconn, fmt)
    cur.execute("select i::int as n, i::text as s, i * 0.5::double precision as d, (i % 2 = 0) as b"
                " from generate_series(1, 1000) t(i) order by n")
    rows = cur.fetchall()
    assert len(rows) == 1000
    assert rows[999] == (1000, "1000", 500.0, True)
