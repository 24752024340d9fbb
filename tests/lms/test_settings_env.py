"""Configuration comes from the environment, and bad values stop start-up with one clear line."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from lms import env

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def clean_env(monkeypatch):
    for name in ("DATABASE_URL", "REDIS_URL", "DEBUG", "ALLOWED_HOSTS", "SECRET_KEY", "TASKS_BACKEND"):
        monkeypatch.delenv(name, raising=False)
    return monkeypatch


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("1", True),
        ("true", True),
        ("Yes", True),
        ("on", True),
        ("0", False),
        ("false", False),
        ("off", False),
        ("", False),
    ],
)
def test_bool_words(clean_env, raw, expected):
    clean_env.setenv("DEBUG", raw)
    assert env.get_bool("DEBUG") is expected


def test_bool_rejects_other_words(clean_env):
    clean_env.setenv("DEBUG", "maybe")
    with pytest.raises(env.ConfigError, match="DEBUG"):
        env.get_bool("DEBUG")


def test_list_splits_on_commas_and_ignores_blanks(clean_env):
    clean_env.setenv("ALLOWED_HOSTS", " example.jp, www.example.jp ,,")
    assert env.get_list("ALLOWED_HOSTS", []) == ["example.jp", "www.example.jp"]
    clean_env.delenv("ALLOWED_HOSTS")
    assert env.get_list("ALLOWED_HOSTS", ["localhost"]) == ["localhost"]


def test_int_rejects_words(clean_env):
    clean_env.setenv("EMAIL_PORT", "twenty-five")
    with pytest.raises(env.ConfigError, match="EMAIL_PORT"):
        env.get_int("EMAIL_PORT", 25)


def test_required_names_the_variable(clean_env):
    with pytest.raises(env.ConfigError, match="^SECRET_KEY must be set"):
        env.get_required("SECRET_KEY")


def test_default_database_is_sqlite_with_wal_immediate_and_busy_timeout(clean_env, tmp_path):
    config = env.get_database("DATABASE_URL", tmp_path / "db.sqlite3")
    assert config["ENGINE"] == "django.db.backends.sqlite3"
    assert config["NAME"] == str(tmp_path / "db.sqlite3")
    assert config["OPTIONS"]["transaction_mode"] == "IMMEDIATE"
    assert config["OPTIONS"]["timeout"] == 20
    assert "journal_mode=WAL" in config["OPTIONS"]["init_command"]


def test_postgres_url(clean_env, tmp_path):
    clean_env.setenv("DATABASE_URL", "postgres://tsunagu:secret@db.internal:5433/tsunagu")
    config = env.get_database("DATABASE_URL", tmp_path / "unused.sqlite3")
    assert config["ENGINE"] == "django.db.backends.postgresql"
    assert (config["HOST"], config["PORT"], config["NAME"], config["USER"]) == (
        "db.internal",
        5433,
        "tsunagu",
        "tsunagu",
    )
    assert config["CONN_HEALTH_CHECKS"] is True


def test_sqlite_url_keeps_the_pragmas(clean_env, tmp_path):
    clean_env.setenv("DATABASE_URL", f"sqlite:///{tmp_path}/other.sqlite3")
    config = env.get_database("DATABASE_URL", tmp_path / "unused.sqlite3")
    assert config["NAME"].endswith("other.sqlite3")
    assert config["OPTIONS"]["transaction_mode"] == "IMMEDIATE"


@pytest.mark.parametrize("raw", ["mysql://root@localhost/db", "nonsense", "postgres://", "sqlite://"])
def test_bad_database_url_names_the_variable(clean_env, tmp_path, raw):
    clean_env.setenv("DATABASE_URL", raw)
    with pytest.raises(env.ConfigError, match="DATABASE_URL"):
        env.get_database("DATABASE_URL", tmp_path / "db.sqlite3")


def test_cache_is_local_memory_without_redis_url(clean_env):
    assert env.get_cache("REDIS_URL")["BACKEND"].endswith("LocMemCache")


def test_cache_is_redis_with_redis_url(clean_env):
    clean_env.setenv("REDIS_URL", "redis://127.0.0.1:6379/3")
    cache = env.get_cache("REDIS_URL")
    assert cache["BACKEND"] == "django.core.cache.backends.redis.RedisCache"
    assert cache["LOCATION"] == "redis://127.0.0.1:6379/3"


def test_bad_redis_url_names_the_variable(clean_env):
    clean_env.setenv("REDIS_URL", "http://127.0.0.1:6379")
    with pytest.raises(env.ConfigError, match="REDIS_URL"):
        env.get_cache("REDIS_URL")


def run_manage(args: list[str], **overrides: str) -> subprocess.CompletedProcess:
    environment = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "PYTEST_"))}
    environment.pop("DATABASE_URL", None)
    environment.pop("SECRET_KEY", None)
    environment.update(overrides)
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=environment, capture_output=True, text=True, timeout=120
    )


def test_production_without_secret_key_stops_with_one_line():
    result = run_manage(["check"], DJANGO_SETTINGS_MODULE="lms.settings.production", ALLOWED_HOSTS="example.jp")
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert "SECRET_KEY" in lines[0]
    assert "Traceback" not in result.stderr


def test_production_with_bad_database_url_stops_with_one_line():
    result = run_manage(
        ["check"],
        DJANGO_SETTINGS_MODULE="lms.settings.production",
        SECRET_KEY="x" * 60,
        ALLOWED_HOSTS="example.jp",
        DATABASE_URL="mysql://root@localhost/tsunagu",
    )
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert "DATABASE_URL" in lines[0]
    assert "Traceback" not in result.stderr


def test_production_settings_read_the_environment():
    result = run_manage(
        [
            "shell",
            "-c",
            "from django.conf import settings as s; print(s.DEBUG, s.ALLOWED_HOSTS, s.SECURE_SSL_REDIRECT, s.CACHES['default']['BACKEND'])",
        ],
        DJANGO_SETTINGS_MODULE="lms.settings.production",
        SECRET_KEY="y" * 60,
        ALLOWED_HOSTS="a.example.jp,b.example.jp",
        REDIS_URL="redis://127.0.0.1:6379/9",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1].split() == [
        "False",
        "['a.example.jp',",
        "'b.example.jp']",
        "True",
        "django.core.cache.backends.redis.RedisCache",
    ]


def test_unknown_tasks_backend_is_refused():
    result = run_manage(["check"], TASKS_BACKEND="celery")
    assert result.returncode == 1
    assert "TASKS_BACKEND" in result.stderr
    assert "Traceback" not in result.stderr


def test_database_tasks_backend_is_selectable():
    result = run_manage(
        ["shell", "-c", "from django.conf import settings as s; print(s.TASKS['default']['BACKEND'])"],
        TASKS_BACKEND="database",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "django_tasks_db.DatabaseBackend"


def test_plugin_settings_come_from_the_environment():
    result = run_manage(
        [
            "shell",
            "-c",
            "from mentoring.conf import conf; from assignments.conf import conf as a; print(conf.REVIEW_SLA_HOURS, a.SANITIZER)",
        ],
        LMS_REVIEW_SLA_HOURS="24",
        LMS_SANITIZER="bleach",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1].split()[0] == "24"
    assert result.stdout.strip().splitlines()[-1].split()[1] == "assignments.sanitize.BleachEngine"


def test_a_bad_plugin_setting_names_the_variable():
    result = run_manage(["check"], LMS_REVIEW_SLA_HOURS="three days")
    assert result.returncode == 1
    assert "LMS_REVIEW_SLA_HOURS" in result.stderr
    assert "Traceback" not in result.stderr
