"""Describe of a prepared statement: asyncpg trusts ParameterDescription and RowDescription to
pick its binary codecs, so both must give PostgreSQL's types before any parameter is bound."""

import datetime as dt
from decimal import Decimal

import pytest

from conftest import asyncpg_connect, run

# (id, SQL, arguments, parameter OIDs, result columns (name, OID), first row expected)
CASES = [
    ("cast_in_select", "select $1::integer * 2 as v", [21], [23], [("v", 23)], (42,)),
    ("cast_in_where", "select i from generate_series(0::bigint, 9) t(i)"
     " where i < $1::integer order by i",
     [3], [23], [("i", 20)], (0,)),
    ("column_comparison", "select count(*) as n from generate_series(0::bigint, 9) t(i) where i >= $1", [4],
     [20], [("n", 20)], (6,)),
    ("nested_cast", "select ($1::date)::text as d, ($2::integer + 1)::text as n",
     [dt.date(2020, 5, 6), 41], [1082, 23], [("d", 25), ("n", 25)],
     ("2020-05-06", "42")),
    ("table_function_argument",
     "select i::integer as i from generate_series(1, $1::integer) t(i) order by i",
     [3], [23], [("i", 23)], (1,)),
    ("table_function_arguments",
     "select i from generate_series($1::bigint, $2::bigint) t(i) order by i",
     [5, 8], [20, 20], [("i", 20)], (5,)),
    ("concat", "select $1::text || 'x' as s", ["a"], [25], [("s", 25)], ("ax",)),
    ("numeric_typmod", "select $1::numeric(10,2) as m", [Decimal("1.234")], [1700], [("m", 1700)],
     (Decimal("1.23"),)),
]


@pytest.mark.parametrize("name,sql,args,param_oids,columns,first", CASES, ids=[c.values[0] if hasattr(c, "values") else c[0] for c in CASES])
def test_describe_statement(name, sql, args, param_oids, columns, first):
    async def main():
        conn = await asyncpg_connect()
        try:
            stmt = await conn.prepare(sql)
            assert [p.oid for p in stmt.get_parameters()] == param_oids
            assert [(a.name, a.type.oid) for a in stmt.get_attributes()] == columns
            assert tuple(await stmt.fetchrow(*args)) == first
        finally:
            await conn.close()

    run(main())
