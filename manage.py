#!/usr/bin/env python
"""Django's command-line utility for Tsunagu."""

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lms.settings.dev")
    from django.core.management import execute_from_command_line

    from lms.env import ConfigError

    try:
        execute_from_command_line(sys.argv)
    except ConfigError as exc:
        # A bad environment is an operator's mistake, not a bug: one line, no traceback.
        sys.exit(f"tsunagu: configuration error: {exc}")


if __name__ == "__main__":
    main()
