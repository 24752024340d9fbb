"""Local development: DEBUG on, e-mail to the console, SQLite under var/."""

from __future__ import annotations

from lms import env

from .base import *  # noqa: F403
from .base import VAR_DIR

DEBUG = env.get_bool("DEBUG", True)
SECRET_KEY = env.get_str("SECRET_KEY") or "dev-only-secret-key-not-for-production-use-0123456789"
globals().update(env.get_mail_settings("django.core.mail.backends.console.EmailBackend"))
ALLOWED_HOSTS = env.get_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"])
STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}  # noqa: F405
VAR_DIR.mkdir(parents=True, exist_ok=True)

try:
    from .local import *  # noqa: F403
except ImportError:
    pass
