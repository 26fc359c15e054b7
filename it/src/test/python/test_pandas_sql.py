"""pandas read_sql / to_sql through SQLAlchemy (psycopg 3 dialect)."""

import datetime
import decimal

import pandas as pd
import pytest
import sqlalchemy as sa

from conftest import unique_name


@pytest.fixture
def frame_table(engine):
    name = unique_name("pd_frame")
    yield name
    with engine.begin() as c:
        c.exec_driver_sql(f"drop table if exists {name}")


def test_read_sql_of_a_query_keeps_types_and_nulls(engine, frame_table):
    with engine.begin() as c:
        c.exec_driver_sql(f"create table {frame_table} (id integer, name text, price numeric(8,2),"
                          " day date, ts timestamp, ok boolean)")
        c.exec_driver_sql(f"insert into {frame_table} values"
                          " (1, 'a', 1.50, '2024-01-02', '2024-01-02 03:04:05', true),"
                          " (2, null, null, null, null, null)")
    frame = pd.read_sql(f"select * from {frame_table} order by id", engine)
    assert list(frame.columns) == ["id", "name", "price", "day", "ts", "ok"]
    assert frame["id"].tolist() == [1, 2]
    assert frame.loc[0, "name"] == "a" and pd.isna(frame.loc[1, "name"])
    assert frame.loc[0, "price"] == decimal.Decimal("1.50")
    assert frame.loc[0, "day"] == datetime.date(2024, 1, 2)
    assert frame.loc[0, "ts"] == pd.Timestamp("2024-01-02 03:04:05")
    assert pd.isna(frame.loc[1, "ts"])
    assert frame.loc[0, "ok"] == True  # noqa: E712 (numpy/object bool)


def test_read_sql_with_parameters(engine):
    frame = pd.read_sql(sa.text("select x, x * :k as y from generate_series(1, 4) t(x)"
                                " where x > :low order by x"), engine, params={"k": 10, "low": 1})
    assert frame.to_dict("list") == {"x": [2, 3, 4], "y": [20, 30, 40]}


def test_read_sql_table(engine, frame_table):
    pd.DataFrame({"a": [1, 2], "b": ["x", "y"]}).to_sql(frame_table, engine, index=False)
    frame = pd.read_sql_table(frame_table, engine)
    assert frame.sort_values("a").to_dict("list") == {"a": [1, 2], "b": ["x", "y"]}


def test_to_sql_creates_replaces_and_appends(engine, frame_table):
    first = pd.DataFrame({"id": [1, 2, 3], "name": ["a", "b", None],
                          "score": [1.5, 2.25, float("nan")],
                          "ts": pd.to_datetime(["2024-01-01 00:00", "2024-06-30 12:00", None])})
    # (to_sql's return value is the driver's executemany rowcount, which SQLAlchemy may not know.)
    first.to_sql(frame_table, engine, index=False)
    back = pd.read_sql(f"select * from {frame_table} order by id", engine)
    assert back["id"].tolist() == [1, 2, 3]
    assert back["name"].tolist()[:2] == ["a", "b"] and pd.isna(back["name"].iloc[2])
    assert back["score"].tolist()[:2] == [1.5, 2.25] and pd.isna(back["score"].iloc[2])
    assert back["ts"].iloc[1] == pd.Timestamp("2024-06-30 12:00")

    with pytest.raises(ValueError, match="already exists"):
        first.to_sql(frame_table, engine, index=False)

    replacement = pd.DataFrame({"other": ["only", "these"]})
    replacement.to_sql(frame_table, engine, index=False, if_exists="replace")
    assert pd.read_sql(f"select * from {frame_table} order by other", engine) \
        .to_dict("list") == {"other": ["only", "these"]}

    pd.DataFrame({"other": ["more"]}).to_sql(frame_table, engine, index=False,
                                              if_exists="append")
    assert pd.read_sql(f"select count(*) as n from {frame_table}", engine)["n"].tolist() == [3]


def test_to_sql_many_rows_in_chunks(engine, frame_table):
    frame = pd.DataFrame({"n": range(2500), "label": [f"row {i}" for i in range(2500)]})
    frame.to_sql(frame_table, engine, index=False, chunksize=1000, method="multi")
    totals = pd.read_sql(f"select count(*) as c, sum(n) as s from {frame_table}", engine)
    assert totals.to_dict("list") == {"c": [2500], "s": [sum(range(2500))]}
