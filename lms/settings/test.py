"""Settings for the test suite: fast hashing, local-memory cache, immediate tasks."""

from __future__ import annotations

import os

from lms import env

from .base import *  # noqa: F403
from .base import DATABASES, VAR_DIR

SECRET_KEY = "test-secret-key-that-is-only-used-by-the-test-suite-0123456789"  # noqa: S105
DEBUG = False
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
globals().update(env.get_mail_settings("django.core.mail.backends.locmem.EmailBackend"))
STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}  # noqa: F405
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}

# One folder per test process, so that parallel runs never share a database file.
_worker = os.environ.get("PYTEST_XDIST_WORKER", "main")
_test_root = VAR_DIR / "test" / f"{_worker}-{os.getpid()}"
_test_root.mkdir(parents=True, exist_ok=True)
MEDIA_ROOT = _test_root / "media"
LMS_PRIVATE_ROOT = _test_root / "private"
STORAGES["private"] = {  # noqa: F405
    "BACKEND": "django.core.files.storage.FileSystemStorage",
    "OPTIONS": {"location": str(LMS_PRIVATE_ROOT), "base_url": None},
}

if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # A file, not memory, so that threads in concurrency tests share it and
    # the WAL and IMMEDIATE settings are exercised as in production.
    DATABASES["default"]["TEST"] = {"NAME": str(_test_root / "test.sqlite3")}

# Tests that need Redis read REDIS_URL themselves; the suite's cache is local.
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "tests"}}
ACCOUNT_RATE_LIMITS = {**ACCOUNT_RATE_LIMITS, "login_failed": "5/5m/ip,5/5m/key"}  # noqa: F405
WAGTAILADMIN_BASE_URL = "http://testserver"
STATIC_ROOT = _test_root / "static"
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
