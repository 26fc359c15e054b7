"""Server errors arrive as the psycopg.errors class for their SQLSTATE, with a usable message,
and the session goes on afterwards."""

import pytest
from psycopg import errors


def test_undefined_table(autoconn):
    with pytest.raises(errors.UndefinedTable) as failure:
        autoconn.execute("select * from no_such_table_here")
    assert failure.value.sqlstate == "42P01"
    assert "no_such_table_here" in failure.value.diag.message_primary
    assert failure.value.diag.severity == "ERROR"
    assert autoconn.execute("select 1").fetchone() == (1,)


def test_undefined_column(autoconn, table):
    autoconn.execute(f"create table {table} (x integer)")
    with pytest.raises(errors.UndefinedColumn) as failure:
        autoconn.execute(f"select no_such_column from {table}")
    assert failure.value.sqlstate == "42703"
    assert "no_such_column" in failure.value.diag.message_primary


def test_syntax_error(autoconn):
    with pytest.raises(errors.SyntaxError) as failure:
        autoconn.execute("selec 1")
    assert failure.value.sqlstate == "42601"


def test_syntax_error_with_parameters(autoconn):
    with pytest.raises(errors.SyntaxError):
        autoconn.execute("select %s from from", [1])


def test_unique_violation(autoconn, table):
    autoconn.execute(f"create table {table} (id integer primary key)")
    autoconn.execute(f"insert into {table} values (1)")
    with pytest.raises(errors.UniqueViolation) as failure:
        autoconn.execute(f"insert into {table} values (%s)", [1])
    assert failure.value.sqlstate == "23505"
    assert autoconn.execute(f"select count(*) from {table}").fetchone() == (1,)


def test_not_null_violation(autoconn, table):
    autoconn.execute(f"create table {table} (id integer not null)")
    with pytest.raises(errors.NotNullViolation) as failure:
        autoconn.execute(f"insert into {table} values (%s)", [None])
    assert failure.value.sqlstate == "23502"


def test_undefined_function(autoconn):
    with pytest.raises(errors.UndefinedFunction) as failure:
        autoconn.execute("select no_such_function_xyz(1)")
    assert failure.value.sqlstate == "42883"


def test_invalid_text_representation(autoconn):
    with pytest.raises(errors.InvalidTextRepresentation) as failure:
        autoconn.execute("select 'abc'::integer")
    assert failure.value.sqlstate == "22P02"


def test_numeric_value_out_of_range(autoconn):
    with pytest.raises(errors.NumericValueOutOfRange) as failure:
        autoconn.execute("select 40000::smallint")
    assert failure.value.sqlstate == "22003"


def test_duplicate_table(autoconn, table):
    autoconn.execute(f"create table {table} (x integer)")
    with pytest.raises(errors.DuplicateTable) as failure:
        autoconn.execute(f"create table {table} (x integer)")
    assert failure.value.sqlstate == "42P07"


def test_session_survives_many_errors(autoconn):
    for _ in range(20):
        with pytest.raises(errors.UndefinedTable):
            autoconn.execute("select * from still_no_such_table")
    assert autoconn.execute("select 'ok'").fetchone() == ("ok",)
