"""SQLAlchemy 2 with the psycopg 3 dialect: connect (it asks the isolation level, the version,
standard_conforming_strings), the inspector on real tables and views, an ORM round trip, and
nested transactions (savepoints)."""

import pytest
import sqlalchemy as sa
from sqlalchemy import exc, inspect
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column

from conftest import server_bug, unique_name


@pytest.fixture
def names(engine):
    """Unique table and view names; whatever the test created is dropped afterwards."""
    made = {"table": unique_name("sa_items"), "child": unique_name("sa_child"),
            "view": unique_name("sa_view")}
    yield made
    with engine.begin() as c:
        c.exec_driver_sql(f"drop view if exists {made['view']}")
        c.exec_driver_sql(f"drop table if exists {made['child']}")
        c.exec_driver_sql(f"drop table if exists {made['table']}")


def test_connect_reads_isolation_level_and_version(engine):
    with engine.connect() as c:
        assert c.get_isolation_level() == "READ COMMITTED"
        assert c.dialect.server_version_info[0] >= 10
        assert c.execute(sa.text("select 1 + 1")).scalar_one() == 2


def test_isolation_level_execution_option(engine):
    with engine.connect().execution_options(isolation_level="SERIALIZABLE") as c:
        assert c.exec_driver_sql("show transaction isolation level").scalar_one() == "serializable"
        assert c.get_isolation_level() == "SERIALIZABLE"
    with engine.connect() as c:
        assert c.get_isolation_level() == "READ COMMITTED"


def test_inspector_sees_tables_views_columns_and_primary_key(engine, names):
    table, view = names["table"], names["view"]
    with engine.begin() as c:
        c.exec_driver_sql(f"create table {table} (id integer primary key, name varchar(40) not"
                          " null, price numeric(10, 2), created timestamp)")
        c.exec_driver_sql(f"create view {view} as select id, name from {table}")
    inspector = inspect(engine)
    assert "public" in inspector.get_schema_names()
    assert table in inspector.get_table_names()
    assert view not in inspector.get_table_names()
    assert view in inspector.get_view_names()
    assert table not in inspector.get_view_names()
    assert inspector.has_table(table)
    columns = inspector.get_columns(table)
    assert [c["name"] for c in columns] == ["id", "name", "price", "created"]
    by_name = {c["name"]: c for c in columns}
    assert isinstance(by_name["id"]["type"], sa.Integer)
    assert isinstance(by_name["name"]["type"], sa.String)
    assert by_name["name"]["nullable"] is False
    assert isinstance(by_name["price"]["type"], sa.Numeric)
    assert (by_name["price"]["type"].precision, by_name["price"]["type"].scale) == (10, 2)
    assert isinstance(by_name["created"]["type"], sa.DateTime)
    assert by_name["price"]["nullable"] is True
    assert inspector.get_pk_constraint(table)["constrained_columns"] == ["id"]
    assert [c["name"] for c in inspector.get_columns(view)] == ["id", "name"]


@server_bug("DuckDB keeps no length for varchar(n): the column reflects as TEXT")
def test_inspector_reports_varchar_length(engine, names):
    table = names["table"]
    with engine.begin() as c:
        c.exec_driver_sql(f"create table {table} (name varchar(40))")
    assert inspect(engine).get_columns(table)[0]["type"].length == 40


def test_metadata_reflection_of_a_table(engine, names):
    table = names["table"]
    with engine.begin() as c:
        c.exec_driver_sql(f"create table {table} (id bigint primary key, label text)")
        c.exec_driver_sql(f"insert into {table} values (1, 'one'), (2, 'two')")
    reflected = sa.Table(table, sa.MetaData(), autoload_with=engine)
    assert list(reflected.c.keys()) == ["id", "label"]
    with engine.connect() as c:
        rows = c.execute(sa.select(reflected).order_by(reflected.c.id)).all()
    assert [tuple(r) for r in rows] == [(1, "one"), (2, "two")]


def test_orm_create_insert_select_update_delete_drop(engine, names):
    class Base(DeclarativeBase):
        pass

    class Item(Base):
        __tablename__ = names["table"]
        # SQLAlchemy's default: an autoincrementing key, created as SERIAL.
        id: Mapped[int] = mapped_column(primary_key=True)
        name: Mapped[str] = mapped_column(sa.String(50))
        qty: Mapped[int] = mapped_column(default=0)

    Base.metadata.create_all(engine)
    assert inspect(engine).has_table(names["table"])
    with Session(engine) as session:
        session.add_all([Item(name="apple", qty=3), Item(name="pear"),
                         Item(name="plum", qty=7)])
        session.commit()
    with Session(engine) as session:
        assert session.scalars(sa.select(Item.name).order_by(Item.id)).all() == \
            ["apple", "pear", "plum"]
        pear = session.get(Item, 2)
        assert pear.qty == 0
        pear.qty = 5
        session.delete(session.get(Item, 3))
        session.commit()
    with Session(engine) as session:
        assert session.execute(sa.select(Item.id, Item.qty).order_by(Item.id)).all() == \
            [(1, 3), (2, 5)]
        session.execute(sa.update(Item).where(Item.qty > 4).values(name="big"))
        session.rollback()
        assert session.scalar(sa.select(sa.func.count()).where(Item.name == "big")) == 0
    Base.metadata.drop_all(engine)
    assert not inspect(engine).has_table(names["table"])


def test_orm_autoincrement_primary_key(engine, names):
    class Base(DeclarativeBase):
        pass

    class Row(Base):
        __tablename__ = names["child"]
        id: Mapped[int] = mapped_column(sa.BigInteger, primary_key=True)
        label: Mapped[str]

    for _ in range(2):  # drop_all drops the sequence too: the new table counts from 1 again
        Base.metadata.create_all(engine)
        with Session(engine) as session:
            first, second = Row(label="a"), Row(label="b")
            session.add_all([first, second])
            session.commit()
            assert (first.id, second.id) == (1, 2)  # from INSERT ... RETURNING
            assert session.scalars(sa.select(Row.id).order_by(Row.id)).all() == [1, 2]
        with engine.connect() as c:
            assert c.exec_driver_sql(
                f"select pg_get_serial_sequence('{names['child']}', 'id')").scalar_one() \
                == f"public.{names['child']}_id_seq"
        Base.metadata.drop_all(engine)


def test_begin_nested_release_keeps_the_work(engine, names):
    table = names["table"]
    with engine.begin() as c:
        c.exec_driver_sql(f"create table {table} (x integer)")
    with engine.begin() as c:
        c.exec_driver_sql(f"insert into {table} values (1)")
        with c.begin_nested():
            c.exec_driver_sql(f"insert into {table} values (2)")
    with engine.connect() as c:
        assert c.exec_driver_sql(f"select count(*) from {table}").scalar_one() == 2


def test_begin_nested_rollback_after_earlier_work_is_refused(engine, names):
    """DuckDB cannot undo part of a transaction: the server refuses (0A000) instead of pretending,
    and the whole transaction is rolled back."""
    table = names["table"]
    with engine.begin() as c:
        c.exec_driver_sql(f"create table {table} (x integer)")
    with pytest.raises(exc.NotSupportedError, match="ROLLBACK TO SAVEPOINT"):
        with engine.begin() as c:
            c.exec_driver_sql(f"insert into {table} values (1)")
            nested = c.begin_nested()
            c.exec_driver_sql(f"insert into {table} values (2)")
            nested.rollback()
    with engine.connect() as c:
        assert c.exec_driver_sql(f"select count(*) from {table}").scalar_one() == 0
