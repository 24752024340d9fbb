#!/usr/bin/env python
"""Load test of QUALITY.md ("Security and reliability", Load).

Starts gunicorn with 2 workers on a free loopback port against a database it
prepares (a SQLite file in a temporary folder, or PostgreSQL with
--database-url), then 8 simulated learners, each logging in through the login
form and, task after task, opening the writing page, saving the draft twice
(the editor's autosave) and submitting it (the form's POST), for 60 seconds or
a maximum number of requests, whichever comes first. Then it stops the
server and checks: no errors (5xx or connection errors) and no unexpected
answer, and every submission the server accepted is in the database as
submitted. Prints one JSON summary on stdout; exits 1 when a check fails.

    python scripts/load_test.py                       # SQLite, 60 s
    python scripts/load_test.py --seconds 30 \\
        --database-url postgres://postgres@127.0.0.1:5432/h_perf
"""

from __future__ import annotations

import argparse
import json
import math
import secrets
import statistics
import sys
import tempfile
import threading
import time
from collections import defaultdict
from pathlib import Path

import requests

sys.path.insert(0, str(Path(__file__).resolve().parent))

from perfutil import (  # noqa: E402 (the scripts folder is not a package)
    Gunicorn,
    base_env,
    free_port,
    load_fixture,
    log,
    log_in,
    prepare_postgres,
    prepare_sqlite,
    verify,
)

TEXT = (
    "地元の商店街で毎週土曜日に開かれる朝市を紹介します。"
    "とれたての野菜や手作りのパンが並び、開店前から行列ができるほどの人気です。"
    "出店者と話しながら買い物ができるので、料理のこつを教わることもあります。"
)


class Stats:
    """What the learners saw, collected from their threads."""

    def __init__(self, seconds: float, max_requests: int):
        self.lock = threading.Lock()
        self.deadline = time.monotonic() + seconds
        self.max_requests = max_requests
        self.requests = 0
        self.errors: list[str] = []
        self.unexpected: list[str] = []
        self.latencies: dict[str, list[float]] = defaultdict(list)
        self.accepted: list[list] = []
        self.stop_reason = ""

    def may_send(self) -> bool:
        with self.lock:
            if time.monotonic() >= self.deadline:
                self.stop_reason = self.stop_reason or "time"
                return False
            if self.requests >= self.max_requests:
                self.stop_reason = self.stop_reason or "request limit"
                return False
            self.requests += 1
            return True

    def record(self, kind: str, started: float, response=None, error: str | None = None, expect: int = 200):
        elapsed = (time.perf_counter() - started) * 1000
        with self.lock:
            self.latencies[kind].append(elapsed)
            if error is not None:
                self.errors.append(f"{kind}: {error}")
            elif response.status_code >= 500:
                self.errors.append(f"{kind}: {response.status_code}")
            elif response.status_code != expect:
                self.unexpected.append(f"{kind}: {response.status_code} (expected {expect})")


def call(stats: Stats, kind: str, send, expect: int):
    """Send one request (if the time and the request budget allow); returns the response or None."""
    if not stats.may_send():
        return None
    started = time.perf_counter()
    try:
        response = send()
    except requests.RequestException as error:
        stats.record(kind, started, error=type(error).__name__)
        return None
    stats.record(kind, started, response, expect=expect)
    return response if response.status_code == expect else None


def learner(stats: Stats, base: str, name: str, password: str, assignments: list[dict]) -> None:
    session = requests.Session()
    if not stats.may_send():
        return
    started = time.perf_counter()
    try:
        log_in(session, base, name, password)
    except (requests.RequestException, RuntimeError) as error:
        stats.record("login", started, error=str(error))
        return
    stats.record("login", started, type("R", (), {"status_code": 200})())
    for number, assignment in enumerate(assignments):
        page = call(stats, "page", lambda a=assignment: session.get(base + a["path"], timeout=60), 200)
        if page is None:
            return
        token = session.cookies.get("csrftoken", "")
        autosave_url = f"{base}/assignments/{assignment['id']}/autosave/"
        version = 0
        for draft in range(2):
            payload = {
                "body": f"{TEXT}\n（下書き{draft + 1}）{name} {number}",
                "body_format": "text",
                "version": version,
            }
            saved = call(
                stats,
                "autosave",
                lambda payload=payload, url=autosave_url, token=token: session.post(
                    url, json=payload, headers={"X-CSRFToken": token}, timeout=60
                ),
                200,
            )
            if saved is None:
                return
            version = saved.json()["version"]
        form = {
            "body": f"{TEXT}\n{name} {number}",
            "body_format": "text",
            "version": str(version),
            "action": "submit",
            "csrfmiddlewaretoken": token,
        }
        save_url = f"{base}/assignments/{assignment['id']}/save/"
        sent = call(
            stats,
            "submit",
            lambda form=form, url=save_url: session.post(url, data=form, allow_redirects=False, timeout=60),
            302,
        )
        if sent is None:
            return
        with stats.lock:
            stats.accepted.append([name, assignment["id"]])
    with stats.lock:
        stats.stop_reason = stats.stop_reason or "out of assignments"


def percentile(values: list[float], share: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    return round(ordered[min(len(ordered) - 1, int(share * len(ordered)))], 1)


def count_emails(folder: Path) -> int:
    if not folder.exists():
        return 0
    return sum(path.read_text(errors="replace").count("\nMessage-ID:") for path in folder.iterdir())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seconds", type=float, default=60.0, help="How long the learners work (default 60).")
    parser.add_argument("--learners", type=int, default=8, help="Concurrent learners (default 8).")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers (default 2).")
    parser.add_argument("--max-requests", type=int, default=20_000, help="Stop after this many requests.")
    parser.add_argument("--database-url", default="", help="A PostgreSQL URL; default: SQLite in a temporary folder.")
    parser.add_argument("--keep", action="store_true", help="Keep the temporary folder (database, mail, log).")
    options = parser.parse_args(argv)

    tmp = Path(tempfile.mkdtemp(prefix="tsunagu-load-"))
    env = base_env(tmp, "")
    if options.database_url:
        database_url = prepare_postgres(options.database_url, env)
        vendor = "postgresql"
    else:
        database_url = prepare_sqlite(tmp, env)
        vendor = "sqlite"
    env["DATABASE_URL"] = database_url
    run_id = secrets.token_hex(4)
    # Each cycle is four requests (page, two autosaves, submit) and uses one assignment.
    assignments = min(5_000, math.ceil(options.max_requests / options.learners / 4) + 2)
    log(f"load test {run_id}: {vendor}, {options.learners} learners, {assignments} tasks each")
    fixture = load_fixture(env, run_id, options.learners, assignments)

    server = Gunicorn(env, free_port(), workers=options.workers, log_path=tmp / "gunicorn.log")
    stats = Stats(options.seconds, options.max_requests)
    started = time.monotonic()
    try:
        server.wait_ready()
        stats.deadline = time.monotonic() + options.seconds
        started = time.monotonic()
        threads = [
            threading.Thread(
                target=learner,
                args=(stats, server.base, name, fixture["password"], fixture["assignments"]),
                name=name,
            )
            for name in fixture["learners"]
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=options.seconds + 120)
    finally:
        elapsed = time.monotonic() - started
        server.stop()

    checked = verify(env, run_id, stats.accepted, tmp)
    every = [value for values in stats.latencies.values() for value in values]
    summary = {
        "test": "load",
        "database": vendor,
        "workers": options.workers,
        "learners": options.learners,
        "seconds": round(elapsed, 1),
        "stopped_by": stats.stop_reason or "time",
        "requests": sum(len(values) for values in stats.latencies.values()),
        "requests_per_second": round(len(every) / elapsed, 1) if elapsed else 0,
        "errors": len(stats.errors),
        "unexpected": len(stats.unexpected),
        "p50_ms": percentile(every, 0.50),
        "p95_ms": percentile(every, 0.95),
        "max_ms": round(max(every), 1) if every else 0,
        "mean_ms": round(statistics.fmean(every), 1) if every else 0,
        "by_kind": {
            kind: {"count": len(values), "p50_ms": percentile(values, 0.5), "p95_ms": percentile(values, 0.95)}
            for kind, values in sorted(stats.latencies.items())
        },
        "accepted_submissions": checked["accepted"],
        "rows_found": checked["rows_found"],
        "submitted_rows_of_run": checked["submitted_rows_of_run"],
        "emails_written": count_emails(tmp / "mail"),
    }
    problems = []
    if stats.errors:
        problems.append(f"{len(stats.errors)} errors, e.g. {stats.errors[:3]}")
    if stats.unexpected:
        problems.append(f"{len(stats.unexpected)} unexpected answers, e.g. {stats.unexpected[:3]}")
    if checked["rows_found"] != checked["accepted"] or checked["submitted_rows_of_run"] != checked["accepted"]:
        problems.append(f"database check: missing {checked['missing']}, unexpected {checked['unexpected']}")
    if not stats.accepted:
        problems.append("no submission was accepted")
    summary["problems"] = problems
    summary["passed"] = not problems
    if problems:
        log((tmp / "gunicorn.log").read_text(errors="replace")[-3000:])
    print(json.dumps(summary, ensure_ascii=False))  # noqa: T201
    if options.keep:
        log(f"kept {tmp}")
    else:
        import shutil

        shutil.rmtree(tmp, ignore_errors=True)
    return 0 if summary["passed"] else 1


if __name__ == "__main__":
    sys.exit(main())
