"""Shared by scripts/load_test.py and scripts/scale_out.py: a prepared database, gunicorn, logging in.

Nothing here imports Django: the scripts start Django processes (manage.py,
gunicorn, `python -m home.perf.load`) with an environment they build.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import secrets
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.parse
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
CACHE = ROOT / "var" / "perf"
CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)  # noqa: T201


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def base_env(tmp: Path, database_url: str, **extra: str) -> dict[str, str]:
    """The servers' environment: development settings with DEBUG off (plain-HTTP cookies work on
    loopback), a database, e-mail written to files, no Redis unless asked."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "lms.settings.dev",
        "DEBUG": "false",
        "SECRET_KEY": secrets.token_urlsafe(64),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "LMS_VAR_DIR": str(tmp / "var"),
        "DATABASE_URL": database_url,
        "REDIS_URL": "",
        "TASKS_BACKEND": "immediate",
        "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
        "EMAIL_FILE_PATH": str(tmp / "mail"),
        "LOG_LEVEL": "WARNING",
        "PYTHONUNBUFFERED": "1",
    }
    env.update(extra)
    return env


def run(args: list[str], env: dict[str, str], *, capture: bool = False) -> str:
    completed = subprocess.run(  # noqa: S603 (our own Python and manage.py)
        args, cwd=ROOT, env=env, check=False, text=True, capture_output=True
    )
    if completed.returncode != 0:
        log(completed.stdout[-4000:])
        log(completed.stderr[-4000:])
        raise SystemExit(f"failed ({completed.returncode}): {' '.join(args)}")
    return completed.stdout if capture else ""


def migrations_fingerprint() -> str:
    """Changes when a migration of the project or a dependency's version changes."""
    digest = hashlib.sha256()
    for path in sorted(ROOT.glob("*/migrations/*.py")):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    digest.update((ROOT / "requirements.txt").read_bytes())
    digest.update(sys.version.encode())
    return digest.hexdigest()[:16]


def prepare_sqlite(tmp: Path, env: dict[str, str]) -> str:
    """A migrated SQLite file in `tmp`: a copy of a migrated template kept in var/perf/ (made once per set
    of migrations, which saves a minute of migrating on every run)."""
    CACHE.mkdir(parents=True, exist_ok=True)
    template = CACHE / f"migrated-{migrations_fingerprint()}.sqlite3"
    if not template.exists():
        log(f"migrating a template database ({template.name}); later runs copy it")
        building = template.with_suffix(".building")
        building.unlink(missing_ok=True)
        run([PYTHON, "manage.py", "migrate", "--noinput", "-v", "0"], {**env, "DATABASE_URL": f"sqlite:///{building}"})
        with sqlite3.connect(building) as connection:
            connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            connection.execute("PRAGMA journal_mode=DELETE")
        for stale in CACHE.glob("migrated-*.sqlite3"):
            stale.unlink()
        building.rename(template)
    target = tmp / "db.sqlite3"
    shutil.copyfile(template, target)
    return f"sqlite:///{target}"


def prepare_postgres(database_url: str, env: dict[str, str]) -> str:
    """The PostgreSQL database of `database_url`, created when missing, migrated."""
    import psycopg

    parts = urllib.parse.urlsplit(database_url)
    name = parts.path.lstrip("/")
    admin = urllib.parse.urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as connection:
        exists = connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if not exists:
            log(f"creating database {name}")
            connection.execute(f'CREATE DATABASE "{name}"')
    log(f"migrating {name} (a no-op when it is up to date)")
    run([PYTHON, "manage.py", "migrate", "--noinput", "-v", "0"], {**env, "DATABASE_URL": database_url})
    return database_url


def load_fixture(env: dict[str, str], run_id: str, learners: int, assignments: int) -> dict:
    output = run(
        [PYTHON, "-m", "home.perf.load", "prepare", run_id, str(learners), str(assignments)], env, capture=True
    )
    return json.loads(output.strip().splitlines()[-1])


def verify(env: dict[str, str], run_id: str, accepted: list, tmp: Path) -> dict:
    path = tmp / "accepted.json"
    path.write_text(json.dumps(accepted))
    output = run([PYTHON, "-m", "home.perf.load", "verify", run_id, str(path)], env, capture=True)
    return json.loads(output.strip().splitlines()[-1])


class Gunicorn:
    """A gunicorn master with `workers` sync workers on 127.0.0.1:`port`; stopped with SIGTERM."""

    def __init__(self, env: dict[str, str], port: int, *, workers: int = 2, log_path: Path | None = None):
        self.port = port
        self.base = f"http://127.0.0.1:{port}"
        self.log_path = log_path
        output = open(log_path, "w") if log_path else subprocess.DEVNULL  # noqa: SIM115 (closed in stop)
        self._output = output
        self.process = subprocess.Popen(  # noqa: S603
            [
                PYTHON,
                "-m",
                "gunicorn",
                "lms.wsgi",
                "--bind",
                f"127.0.0.1:{port}",
                "--workers",
                str(workers),
                "--timeout",
                "60",
                "--graceful-timeout",
                "10",
            ],
            cwd=ROOT,
            env=env,
            stdout=output,
            stderr=output,
        )

    def wait_ready(self, seconds: float = 60) -> None:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise SystemExit(f"gunicorn on port {self.port} exited with {self.process.returncode}")
            try:
                if requests.get(f"{self.base}/healthz", timeout=2).status_code == 200:
                    return
            except requests.RequestException:
                pass
            time.sleep(0.3)
        raise SystemExit(f"gunicorn did not answer on port {self.port} within {seconds} s")

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)
        if self._output is not subprocess.DEVNULL:
            self._output.close()


class ManagedProcess:
    """Another child process (the task worker), stopped with SIGTERM."""

    def __init__(self, args: list[str], env: dict[str, str], log_path: Path):
        self._output = open(log_path, "w")  # noqa: SIM115 (closed in stop)
        self.process = subprocess.Popen(args, cwd=ROOT, env=env, stdout=self._output, stderr=self._output)  # noqa: S603

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)
        self._output.close()


def csrf_from(html: str) -> str:
    match = CSRF_INPUT.search(html)
    if match is None:
        raise RuntimeError("no CSRF token in the page")
    return match.group(1)


def log_in(session: requests.Session, base: str, username: str, password: str, timeout: float = 30) -> None:
    """Log in through the site's login form, as a browser would."""
    page = session.get(f"{base}/accounts/login/", timeout=timeout)
    page.raise_for_status()
    response = session.post(
        f"{base}/accounts/login/",
        data={"login": username, "password": password, "csrfmiddlewaretoken": csrf_from(page.text)},
        headers={"Referer": f"{base}/accounts/login/"},
        allow_redirects=False,
        timeout=timeout,
    )
    if response.status_code != 302:
        raise RuntimeError(f"login of {username} answered {response.status_code}")
