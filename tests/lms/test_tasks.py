"""Background work goes through Django's tasks API: immediate by default, or queued for db_worker.

A task's class is bound to the configured backend when its module is imported,
so the database backend is tested as it runs in production: separate processes
started with TASKS_BACKEND=database, one enqueuing and one `db_worker`.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.lms.tasks_for_tests import write_file

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.django_db
def test_immediate_backend_runs_the_task_at_once(tmp_path):
    target = tmp_path / "immediate.txt"
    result = write_file.enqueue(str(target), "ran")
    assert result.return_value == "ran"
    assert target.read_text(encoding="utf-8") == "ran"


def manage(*args: str, var_dir: Path) -> str:
    environment = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "PYTEST_"))}
    environment.update(
        {
            "DJANGO_SETTINGS_MODULE": "lms.settings.dev",
            "LMS_VAR_DIR": str(var_dir),
            "TASKS_BACKEND": "database",
            "DATABASE_URL": "",
            "REDIS_URL": "",
        }
    )
    result = subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=environment, capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_database_backend_queues_until_db_worker_runs_it(tmp_path):
    target = tmp_path / "from-worker.txt"
    manage("migrate", "--noinput", "-v", "0", var_dir=tmp_path)
    out = manage(
        "shell",
        "-c",
        "from tests.lms.tasks_for_tests import write_file;"
        "from django_tasks_db.models import DBTaskResult;"
        f"write_file.enqueue({str(target)!r}, 'ran by the worker');"
        "print('READY', DBTaskResult.objects.filter(status='READY').count())",
        var_dir=tmp_path,
    )
    assert out.strip().splitlines()[-1] == "READY 1"
    assert not target.exists()
    manage("db_worker", "--batch", var_dir=tmp_path)
    assert target.read_text(encoding="utf-8") == "ran by the worker"
    out = manage(
        "shell",
        "-c",
        "from django_tasks_db.models import DBTaskResult;print(*DBTaskResult.objects.values_list('status', flat=True))",
        var_dir=tmp_path,
    )
    assert out.strip().splitlines()[-1] == "SUCCESSFUL"
