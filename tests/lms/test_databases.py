"""The embedded SQLite database runs with its pragmas; PostgreSQL is used when DATABASE_URL says so."""

from __future__ import annotations

import os
import threading

import pytest
from django.db import connection, connections, transaction
from django.db.backends.sqlite3.base import DatabaseWrapper as SQLiteWrapper

from lms import env
from tests.conftest import require_service


@pytest.fixture
def unblocked(django_db_blocker):
    """These tests open their own connections, outside the test database."""
    with django_db_blocker.unblock():
        yield


def sqlite_wrapper(path) -> SQLiteWrapper:
    config = env.get_database("UNSET_DATABASE_URL_FOR_TEST", path)
    config.update({"ATOMIC_REQUESTS": False, "AUTOCOMMIT": True, "CONN_MAX_AGE": 0, "CONN_HEALTH_CHECKS": False})
    config.setdefault("TIME_ZONE", None)
    return SQLiteWrapper(config, alias="pragma-check")


def test_sqlite_pragmas_are_in_effect(tmp_path, unblocked):
    wrapper = sqlite_wrapper(tmp_path / "pragmas.sqlite3")
    try:
        with wrapper.cursor() as cursor:
            cursor.execute("PRAGMA journal_mode")
            assert cursor.fetchone()[0] == "wal"
            cursor.execute("PRAGMA busy_timeout")
            assert cursor.fetchone()[0] == 20000
            cursor.execute("PRAGMA foreign_keys")
            assert cursor.fetchone()[0] == 1
            cursor.execute("PRAGMA synchronous")
            assert cursor.fetchone()[0] == 1  # NORMAL
        assert wrapper.transaction_mode == "IMMEDIATE"
    finally:
        wrapper.close()


def test_two_writers_queue_instead_of_failing(tmp_path, unblocked):
    """IMMEDIATE transactions plus the busy timeout: concurrent writers never see 'database is locked'."""
    path = tmp_path / "writers.sqlite3"
    setup = sqlite_wrapper(path)
    with setup.cursor() as cursor:
        cursor.execute("CREATE TABLE counter (n INTEGER)")
        cursor.execute("INSERT INTO counter VALUES (0)")
    setup.close()
    errors: list[BaseException] = []

    def bump():
        wrapper = sqlite_wrapper(path)
        connections["pragma-check"] = wrapper  # thread-local, like Django's own connections
        try:
            for _ in range(25):
                # A read-modify-write: without BEGIN IMMEDIATE two writers would lose updates
                # or fail with "database is locked" when upgrading their read lock.
                with transaction.atomic(using="pragma-check"), wrapper.cursor() as cursor:
                    cursor.execute("SELECT n FROM counter")
                    value = cursor.fetchone()[0]
                    cursor.execute("UPDATE counter SET n = %s", [value + 1])
        except BaseException as exc:  # noqa: BLE001 (collected and asserted below)
            errors.append(exc)
        finally:
            wrapper.close()

    threads = [threading.Thread(target=bump) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    check = sqlite_wrapper(path)
    with check.cursor() as cursor:
        cursor.execute("SELECT n FROM counter")
        assert cursor.fetchone()[0] == 100
    check.close()


def test_test_suite_database_matches_database_url(db):
    url = os.environ.get("DATABASE_URL", "")
    expected = "postgresql" if url.startswith(("postgres://", "postgresql://")) else "sqlite"
    assert connection.vendor == expected


def test_postgresql_connection_from_database_url():
    """A real PostgreSQL server answers with the settings built from a postgres:// URL."""
    import psycopg

    url = os.environ.get("DATABASE_URL") or "postgres://postgres@127.0.0.1:5432/postgres"
    if not url.startswith(("postgres://", "postgresql://")):
        url = "postgres://postgres@127.0.0.1:5432/postgres"
    os.environ["LMS_PG_CHECK_URL"] = url
    try:
        config = env.get_database("LMS_PG_CHECK_URL", None)
    finally:
        del os.environ["LMS_PG_CHECK_URL"]
    assert config["ENGINE"] == "django.db.backends.postgresql"
    try:
        with (
            psycopg.connect(
                host=config["HOST"],
                port=config["PORT"] or 5432,
                dbname=config["NAME"],
                user=config["USER"],
                password=config["PASSWORD"] or None,
                connect_timeout=5,
            ) as pg,
            pg.cursor() as cursor,
        ):
            cursor.execute("SELECT version()")
            version = cursor.fetchone()[0]
    except psycopg.OperationalError as exc:
        require_service(f"PostgreSQL at {url} did not answer: {exc}")
    assert version.startswith("PostgreSQL")


def test_redis_cache_from_redis_url():
    from django.core.cache.backends.redis import RedisCache

    url = os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/15"
    cache = RedisCache(url, {"KEY_PREFIX": "tsunagu-test"})
    try:
        cache.set("ping", "pong", 30)
        value = cache.get("ping")
    except Exception as exc:  # noqa: BLE001
        require_service(f"Redis at {url} did not answer: {exc}")
    assert value == "pong"
    cache.delete("ping")
