"""With the database task backend, submitting work queues the mentor's e-mail and `db_worker` sends it.

As tests/lms/test_tasks.py: separate processes started with
TASKS_BACKEND=database, because a task binds to the backend configured when
its module is imported.
"""

from __future__ import annotations

import email
import os
import subprocess
import sys
from email.header import decode_header, make_header
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def manage(*args: str, var_dir: Path) -> str:
    environment = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "PYTEST_"))}
    environment.update(
        {
            "DJANGO_SETTINGS_MODULE": "lms.settings.dev",
            "LMS_VAR_DIR": str(var_dir),
            "TASKS_BACKEND": "database",
            "DATABASE_URL": "",
            "REDIS_URL": "",
            "EMAIL_BACKEND": "django.core.mail.backends.console.EmailBackend",
            "LMS_BASE_URL": "https://tsunagu.example.jp",
        }
    )
    result = subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=environment, capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


def console_messages(output: str) -> list[email.message.Message]:
    """The e-mails the console backend printed (each ends with a line of dashes)."""
    blocks = [block.strip("\n") for block in output.split("-" * 79) if "Subject:" in block]
    return [email.message_from_string(block.lstrip("\n")) for block in blocks]


def test_db_worker_sends_the_new_work_e_mail(tmp_path):
    manage("migrate", "--noinput", "-v", "0", var_dir=tmp_path)
    out = manage("shell", "-c", "from tests.mentoring.worker_scenario import setup; setup()", var_dir=tmp_path)
    submission_id = int(out.split("SUBMISSION", 1)[1].split()[0])
    queued = manage("shell", "-c", "from tests.mentoring.worker_scenario import report; report()", var_dir=tmp_path)
    assert "TASK mentoring.tasks.notify_new_work READY" in queued

    worker_output = manage("db_worker", "--batch", var_dir=tmp_path)
    messages = console_messages(worker_output)
    assert len(messages) == 1
    message = messages[0]
    assert message["To"] == "worker-mentor@example.com"
    assert message["Content-Language"] == "en"
    assert str(make_header(decode_header(message["Subject"]))) == "New work to review: 商品紹介文を書く"
    text = next(part for part in message.walk() if part.get_content_type() == "text/plain")
    assert f"https://tsunagu.example.jp/mentor/reviews/{submission_id}/" in text.get_payload(decode=True).decode()

    done = manage("shell", "-c", "from tests.mentoring.worker_scenario import report; report()", var_dir=tmp_path)
    assert "TASK mentoring.tasks.notify_new_work SUCCESSFUL worker-mentor@example.com" in done
