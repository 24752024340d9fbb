"""Compile every gettext catalogue of the project with polib (no GNU gettext needed).

The compiled .mo files are committed so that `make run` works on a machine
without gettext; tests/lms/test_translations.py checks that they match.
"""

from __future__ import annotations

import sys
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent
SKIP = {".venv", "var", "node_modules", "staticfiles", ".git"}


def catalogues() -> list[Path]:
    return sorted(
        path
        for path in ROOT.rglob("locale/*/LC_MESSAGES/*.po")
        if not any(part in SKIP or part.startswith(".venv") for part in path.relative_to(ROOT).parts)
    )


def main() -> int:
    for po_path in catalogues():
        polib.pofile(str(po_path)).save_as_mofile(str(po_path.with_suffix(".mo")))
        print(f"compiled {po_path.relative_to(ROOT)}")  # noqa: T201
    return 0


if __name__ == "__main__":
    sys.exit(main())
