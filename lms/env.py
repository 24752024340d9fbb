"""Read the project's configuration from the environment.

Every setting that differs between machines comes from an environment
variable. A value that cannot be used stops start-up with a `ConfigError`
whose message names the variable, so an operator sees one clear line.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

TRUE_WORDS = {"1", "true", "yes", "on"}
FALSE_WORDS = {"0", "false", "no", "off", ""}
SUPPORTED_DATABASE_ENGINES = {
    "django.db.backends.sqlite3",
    "django.db.backends.postgresql",
}


class ConfigError(ImproperlyConfigured):
    """A configuration value from the environment is missing or unusable."""


def get_str(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def get_required(name: str, why: str = "") -> str:
    value = os.environ.get(name, "").strip()
    if not value:
        raise ConfigError(f"{name} must be set{': ' + why if why else ''}.")
    return value


def get_bool(name: str, default: bool = False) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    word = raw.strip().lower()
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    raise ConfigError(f"{name} must be one of 1/0, true/false, yes/no, on/off (got {raw!r}).")


def get_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        return int(raw)
    except ValueError:
        raise ConfigError(f"{name} must be a whole number (got {raw!r}).") from None


def get_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None:
        return list(default)
    return [item.strip() for item in raw.split(",") if item.strip()]


def sqlite_options() -> dict[str, Any]:
    """Options that make SQLite fit for a small multi-user site.

    WAL lets readers work while one writer writes; IMMEDIATE transactions take
    the write lock at BEGIN, so two writers queue on the busy timeout instead
    of failing with "database is locked" half-way through a transaction.
    """
    return {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": (
            "PRAGMA journal_mode=WAL;PRAGMA synchronous=NORMAL;PRAGMA foreign_keys=ON;PRAGMA busy_timeout=20000;"
        ),
    }


def get_database(name: str, default_sqlite_path: Path) -> dict[str, Any]:
    """The `default` database from `DATABASE_URL`, or a SQLite file under var/."""
    raw = os.environ.get(name, "").strip()
    if not raw:
        return {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": str(default_sqlite_path),
            "OPTIONS": sqlite_options(),
        }
    try:
        config = dj_database_url.parse(raw, conn_max_age=get_int("DATABASE_CONN_MAX_AGE", 60))
    except Exception as exc:  # noqa: BLE001 (dj-database-url raises several types for bad URLs)
        raise ConfigError(f"{name} is not a usable database URL ({exc}).") from None
    engine = config.get("ENGINE", "")
    if engine not in SUPPORTED_DATABASE_ENGINES:
        raise ConfigError(f"{name} must start with postgres:// or sqlite:/// (got scheme of {raw.split(':', 1)[0]!r}).")
    if engine == "django.db.backends.sqlite3":
        if not config.get("NAME") or config["NAME"] == ":memory:":
            raise ConfigError(f"{name} must name a SQLite file, for example sqlite:///var/db.sqlite3.")
        config["CONN_MAX_AGE"] = 0
        config["OPTIONS"] = {**sqlite_options(), **config.get("OPTIONS", {})}
    else:
        if not config.get("NAME"):
            raise ConfigError(f"{name} must name a database, for example postgres://user@host:5432/tsunagu.")
        config["CONN_HEALTH_CHECKS"] = True
    return config


def get_cache(name: str) -> dict[str, Any]:
    """Redis when `REDIS_URL` is set, otherwise local memory."""
    raw = os.environ.get(name, "").strip()
    if not raw:
        return {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "tsunagu"}
    if not raw.startswith(("redis://", "rediss://", "unix://")):
        raise ConfigError(f"{name} must start with redis://, rediss:// or unix:// (got {raw!r}).")
    return {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": raw,
        "KEY_PREFIX": get_str("CACHE_KEY_PREFIX", "tsunagu"),
    }


SMTP_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
FILE_BACKEND = "django.core.mail.backends.filebased.EmailBackend"


def get_mail_settings(default_backend: str) -> dict[str, Any]:
    """E-mail settings from the environment, in the form the running Django expects.

    Django 6.1 configures mail through `MAILERS` and deprecates the `EMAIL_*`
    settings; Django 5.2 only knows `EMAIL_*`. The environment variables are
    the same for both. `EMAIL_FILE_PATH` is the folder of the file backend
    (each message a file), e.g. for the scale-out check.
    """
    import django

    backend = get_str("EMAIL_BACKEND", default_backend)
    file_path = get_str("EMAIL_FILE_PATH")
    smtp = {
        "host": get_str("EMAIL_HOST", "localhost"),
        "port": get_int("EMAIL_PORT", 25),
        "username": get_str("EMAIL_HOST_USER"),
        "password": get_str("EMAIL_HOST_PASSWORD"),
        "use_tls": get_bool("EMAIL_USE_TLS", False),
        "use_ssl": get_bool("EMAIL_USE_SSL", False),
        "timeout": get_int("EMAIL_TIMEOUT", 30),
    }
    if django.VERSION >= (6, 1):
        options = smtp if backend == SMTP_BACKEND else {}
        if backend == FILE_BACKEND and file_path:
            options = {"file_path": file_path}
        return {"MAILERS": {"default": {"BACKEND": backend, "OPTIONS": options}}}
    extra = {"EMAIL_FILE_PATH": file_path} if file_path else {}
    return {
        **extra,
        "EMAIL_BACKEND": backend,
        "EMAIL_HOST": smtp["host"],
        "EMAIL_PORT": smtp["port"],
        "EMAIL_HOST_USER": smtp["username"],
        "EMAIL_HOST_PASSWORD": smtp["password"],
        "EMAIL_USE_TLS": smtp["use_tls"],
        "EMAIL_USE_SSL": smtp["use_ssl"],
        "EMAIL_TIMEOUT": smtp["timeout"],
    }
