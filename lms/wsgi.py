"""WSGI entry point, used by gunicorn: `gunicorn lms.wsgi`."""

import os
import sys

from django.core.wsgi import get_wsgi_application

from lms.env import ConfigError

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lms.settings.production")

try:
    application = get_wsgi_application()
except ConfigError as exc:
    sys.stderr.write(f"tsunagu: configuration error: {exc}\n")
    raise SystemExit(1) from None
