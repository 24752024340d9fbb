"""The load test (scripts/load_test.py), short: gunicorn with 2 workers on loopback, 4 learners saving
drafts and submitting for a few seconds on SQLite. No errors, and every accepted submission is in
the database. CI runs the full one (8 learners, 30 s, SQLite and PostgreSQL) in its leg 5."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_short_load_test_on_sqlite_has_no_errors_and_keeps_every_submission():
    completed = subprocess.run(
        [
            sys.executable,
            "scripts/load_test.py",
            "--seconds",
            "6",
            "--learners",
            "4",
            "--max-requests",
            "600",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert completed.stdout.strip(), completed.stderr[-3000:]
    summary = json.loads(completed.stdout.strip().splitlines()[-1])
    assert summary["errors"] == 0, summary
    assert summary["unexpected"] == 0, summary
    assert summary["accepted_submissions"] > 0
    assert summary["rows_found"] == summary["accepted_submissions"] == summary["submitted_rows_of_run"]
    assert summary["workers"] == 2 and summary["database"] == "sqlite"
    assert summary["requests"] <= 600
    assert completed.returncode == 0 and summary["passed"] is True
