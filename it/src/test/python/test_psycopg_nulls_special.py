"""NULLs of every type, and the special values: NaN and ±Infinity for floats, 'infinity' for
dates and timestamps (which Python cannot represent, so those are read as the raw wire value)."""

import math
import struct

import pytest
from psycopg.adapt import Loader
from psycopg.pq import Format
from psycopg.types.numeric import Float4

from conftest import server_bug

FORMATS = ["text", "binary"]

NULL_TYPES = [
    ("boolean", 16), ("smallint", 21), ("integer", 23), ("bigint", 20), ("real", 700),
    ("double precision", 701), ("numeric(10,2)", 1700), ("text", 25), ("bytea", 17),
    ("date", 1082), ("time", 1083), ("timestamp", 1114), ("timestamptz", 1184),
    ("interval", 1186), ("uuid", 2950), ("json", 114), ("integer[]", 1007), ("text[]", 1009),
]


def _cursor(conn, fmt):
    return conn.cursor(binary=(fmt == "binary"))


def _ph(fmt):
    return "%b" if fmt == "binary" else "%s"


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("sqltype,oid", NULL_TYPES, ids=[t[0] for t in NULL_TYPES])
def test_null_of_every_type(autoconn, fmt, sqltype, oid):
    cur = _cursor(autoconn, fmt)
    cur.execute(f"select {_ph(fmt)}::{sqltype}, null::{sqltype}", [None])
    assert [d.type_code for d in cur.description] == [oid, oid]
    assert cur.fetchone() == (None, None)


@pytest.mark.parametrize("fmt", FORMATS)
def test_null_parameters_in_a_table(autoconn, table, fmt):
    autoconn.execute(f"create table {table} (a integer, b text, c date)")
    cur = _cursor(autoconn, fmt)
    ph = _ph(fmt)
    cur.execute(f"insert into {table} values ({ph}, {ph}, {ph})", [None, None, None])
    cur.execute(f"select a, b, c, a is null from {table}")
    assert cur.fetchall() == [(None, None, None, True)]


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("sqltype", ["double precision", "real"])
@pytest.mark.parametrize("value", ["nan", "inf", "-inf"])
def test_float_special_values_as_parameters(autoconn, fmt, sqltype, value):
    py = float(value)
    param = Float4(py) if sqltype == "real" else py
    cur = _cursor(autoconn, fmt)
    cur.execute(f"select {_ph(fmt)}::{sqltype}", [param])
    got = cur.fetchone()[0]
    if math.isnan(py):
        assert math.isnan(got)
    else:
        assert got == py


@pytest.mark.parametrize("fmt", FORMATS)
def test_float_special_values_from_sql(autoconn, fmt):
    cur = _cursor(autoconn, fmt)
    cur.execute("select 'NaN'::float8, 'Infinity'::float8, '-Infinity'::float8,"
                " 'NaN'::float4, 'Infinity'::float4")
    nan, inf, ninf, nan4, inf4 = cur.fetchone()
    assert math.isnan(nan) and math.isnan(nan4)
    assert inf == math.inf and inf4 == math.inf
    assert ninf == -math.inf


@server_bug("'NaN'::float8::text gives 'nan', 'Infinity'::float8::text 'inf', '-Infinity'::float8::text"
            " '-inf'; PostgreSQL gives 'NaN', 'Infinity', '-Infinity'")
def test_float_special_values_text_spelling(autoconn):
    row = autoconn.execute("select 'NaN'::float8::text, 'Infinity'::float8::text,"
                           " '-Infinity'::float8::text").fetchone()
    assert row == ("NaN", "Infinity", "-Infinity")


class _RawText(Loader):
    format = Format.TEXT

    def load(self, data):
        return bytes(data).decode()


class _RawBinary(Loader):
    format = Format.BINARY

    def load(self, data):
        return bytes(data)


INT32_MAX = struct.pack("!i", 2**31 - 1)
INT32_MIN = struct.pack("!i", -(2**31))
INT64_MAX = struct.pack("!q", 2**63 - 1)
INT64_MIN = struct.pack("!q", -(2**63))


INFINITIES = [
    ("date", "infinity", INT32_MAX),
    ("date", "-infinity", INT32_MIN),
    ("timestamp", "infinity", INT64_MAX),
    ("timestamp", "-infinity", INT64_MIN),
    ("timestamptz", "infinity", INT64_MAX),
    ("timestamptz", "-infinity", INT64_MIN),
]


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("sqltype,literal,wire", INFINITIES, ids=lambda v: v if isinstance(v, str) else "")
def test_infinity_dates_and_timestamps(autoconn, fmt, sqltype, literal, wire):
    cur = _cursor(autoconn, fmt)
    cur.adapters.register_loader(sqltype, _RawBinary if fmt == "binary" else _RawText)
    cur.execute(f"select '{literal}'::{sqltype}")
    assert cur.description[0].type_code == {"date": 1082, "timestamp": 1114, "timestamptz": 1184}[sqltype]
    assert cur.fetchone() == ((wire if fmt == "binary" else literal),)


def test_infinity_dates_stored_in_a_table(autoconn, table):
    autoconn.execute(f"create table {table} (d date, ts timestamp)")
    autoconn.execute(f"insert into {table} values ('infinity', '-infinity')")
    row = autoconn.execute(
        f"select d::text, ts::text, d > '2100-01-01'::date, isfinite(d) from {table}").fetchone()
    assert row == ("infinity", "-infinity", True, False)
