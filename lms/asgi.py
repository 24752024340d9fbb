"""ASGI entry point."""

import os
import sys

from django.core.asgi import get_asgi_application

from lms.env import ConfigError

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lms.settings.production")

try:
    application = get_asgi_application()
except ConfigError as exc:
    sys.stderr.write(f"tsunagu: configuration error: {exc}\n")
    raise SystemExit(1) from None
