"""pgcli against duckgres, through pgcli's own modules rather than its terminal UI: what pgcli
runs at startup, backslash commands through pgspecial, a query, and every completion refresher
(the catalog queries pgcli sends in the background to fill its completions).

Run by StockToolsTest with DUCKGRES_HOST / DUCKGRES_PORT / DUCKGRES_PASSWORD set. Prints one
line per step; exits non-zero when any step fails.
"""
import os
import sys

from pgcli.completion_refresher import CompletionRefresher
from pgcli.pgcompleter import PGCompleter
from pgcli.pgexecute import PGExecute
from pgspecial.main import PGSpecial

failures = []


def step(name, action):
    try:
        result = action()
        print(f"ok   {name}: {result}")
    except Exception as error:  # every failure is reported, then the run fails
        failures.append(name)
        print(f"FAIL {name}: {type(error).__name__}: {str(error).splitlines()[0]}")


executor = PGExecute(database="postgres", user="postgres",
                     password=os.environ["DUCKGRES_PASSWORD"], host=os.environ["DUCKGRES_HOST"],
                     port=int(os.environ["DUCKGRES_PORT"]), dsn=None, sslmode="require")
special = PGSpecial()


def run(sql):
    """Runs one input line as pgcli does; returns the statuses and row counts."""
    out = []
    for title, cur, headers, status, _sql, success, _special in executor.run(sql, pgspecial=special):
        if not success:
            raise RuntimeError(f"{sql!r} failed")
        rows = list(cur) if cur is not None else []
        out.append((status, len(rows)))
    return out


step("server version", lambda: executor.server_version)
step("create table", lambda: run("create table if not exists pgcli_t(id int primary key, name text)"))
step("create view", lambda: run("create or replace view pgcli_v as select id from pgcli_t"))
step("query", lambda: run("select 1 as one"))
for command in [r"\dt", r"\dv", r"\df", r"\dn", r"\d pgcli_t", r"\l"]:
    step(command, lambda command=command: run(command))
step("show time zone", lambda: run("show time zone"))
step("set time zone", lambda: run('set time zone "Etc/UTC"'))

completer = PGCompleter(smart_completion=True, pgspecial=special)
refresher = CompletionRefresher()
for name, refresh in refresher.refreshers.items():
    step(f"completion refresh {name}", lambda refresh=refresh: refresh(completer, executor) or "done")

if failures:
    print(f"{len(failures)} step(s) failed: {', '.join(failures)}")
    sys.exit(1)
print("all steps passed")
