"""asyncpg connects over TLS (SCRAM) and runs simple queries."""

import asyncpg
import pytest

from conftest import asyncpg_connect, no_verify_context, run


def test_connects_with_ssl_require():
    async def main():
        conn = await asyncpg_connect()
        try:
            assert conn.get_server_pid() > 0
            assert conn.get_server_version().major >= 14
            assert conn.get_settings().server_encoding == "UTF8"
            assert conn._transport.get_extra_info("sslcontext") is not None
            assert await conn.fetchval("select current_database()") == "postgres"
            assert await conn.fetchval("select 1") == 1
        finally:
            await conn.close()
        assert conn.is_closed()

    run(main())


def test_client_encoding_is_reported_normalised():
    async def main():
        conn = await asyncpg_connect()
        try:
            assert conn.get_settings().client_encoding == "UTF8"
        finally:
            await conn.close()

    run(main())


def test_connects_with_an_unverified_ssl_context():
    async def main():
        conn = await asyncpg_connect(ssl=no_verify_context())
        try:
            assert await conn.fetchval("select 'tls'") == "tls"
        finally:
            await conn.close()

    run(main())


def test_wrong_password_is_refused():
    async def main():
        with pytest.raises(asyncpg.InvalidPasswordError):
            await asyncpg_connect(password="wrong")

    run(main())


def test_execute_returns_the_command_tag():
    async def main():
        conn = await asyncpg_connect()
        try:
            assert await conn.execute("select 1") == "SELECT 1"
            assert await conn.execute("set timezone = 'UTC'") == "SET"
        finally:
            await conn.close()

    run(main())


def test_simple_query_with_several_statements():
    async def main():
        conn = await asyncpg_connect()
        try:
            # execute() without arguments uses the simple query protocol.
            await conn.execute("select 1; select 2; set timezone = 'UTC'")
            assert await conn.fetchval("select current_setting('timezone')") == "UTC"
        finally:
            await conn.close()

    run(main())


def test_show_through_the_extended_protocol():
    async def main():
        conn = await asyncpg_connect()
        try:
            await conn.execute("set timezone = 'UTC'")
            # fetchval() always uses the extended protocol.
            assert await conn.fetchval("show timezone") == "UTC"
        finally:
            await conn.close()

    run(main())
