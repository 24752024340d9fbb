#!/usr/bin/env python
"""Scale-out check of QUALITY.md ("Security and reliability"): one machine, two app processes.

Starts two gunicorn processes (app A and app B) on two loopback ports that
share PostgreSQL and Redis (sessions and cache), plus one `manage.py
db_worker` with TASKS_BACKEND=database, and checks:

1. a session started on A (logging in through the form) is valid on B, and
   one started on B is valid on A;
2. a submission made on A is in the mentor queue served by B;
3. its notification e-mail to the mentor is sent by the worker (the task's
   result names the worker) and written to the mail folder
   (EMAIL_BACKEND=filebased, EMAIL_FILE_PATH).

Prints one JSON summary; exits 1 when a check fails.

    python scripts/scale_out.py \\
        --database-url postgres://postgres@127.0.0.1:5432/h_perf --redis-url redis://127.0.0.1:6379/14
"""

from __future__ import annotations

import argparse
import json
import secrets
import shutil
import sys
import tempfile
import time
from pathlib import Path

import requests

sys.path.insert(0, str(Path(__file__).resolve().parent))

from perfutil import (  # noqa: E402 (the scripts folder is not a package)
    PYTHON,
    Gunicorn,
    ManagedProcess,
    base_env,
    csrf_from,
    free_port,
    load_fixture,
    log,
    log_in,
    prepare_postgres,
    run,
)

TEXT = "近所のパン屋さんの新しい食パンを紹介します。外はさくっと、中はしっとりした食感で、朝食にぴったりです。" * 3


def logged_in_as(session: requests.Session, base: str) -> bool:
    """Whether `base` treats the session as logged in: /learn/ answers 200 instead of sending to the login page."""
    response = session.get(f"{base}/learn/", allow_redirects=False, timeout=30)
    return response.status_code == 200


def carry_session(source: requests.Session) -> requests.Session:
    """A new client holding only the session (and CSRF) cookie of `source`: another browser tab on another
    server. Cookies do not depend on the port, so this is what a browser behind a load balancer sends."""
    target = requests.Session()
    for cookie in source.cookies:
        target.cookies.set(cookie.name, cookie.value)
    return target


def submission_state(env: dict[str, str], run_id: str) -> dict:
    output = run([PYTHON, "-m", "home.perf.load", "submission", run_id], env, capture=True)
    return json.loads(output.strip().splitlines()[-1])


def mails_to(folder: Path, address: str) -> list[str]:
    if not folder.exists():
        return []
    return [path.name for path in sorted(folder.iterdir()) if address in path.read_text(errors="replace")]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--database-url", default="postgres://postgres@127.0.0.1:5432/h_perf")
    parser.add_argument("--redis-url", default="redis://127.0.0.1:6379/14")
    parser.add_argument("--wait", type=float, default=60.0, help="Seconds to wait for the worker's e-mail.")
    parser.add_argument("--keep", action="store_true", help="Keep the temporary folder (mail, logs).")
    options = parser.parse_args(argv)
    if not options.database_url.startswith("postgres"):
        raise SystemExit("scale-out needs PostgreSQL: pass --database-url postgres://...")

    import redis

    redis.Redis.from_url(options.redis_url).flushdb()  # the check's own Redis database
    tmp = Path(tempfile.mkdtemp(prefix="tsunagu-scale-out-"))
    env = base_env(
        tmp, options.database_url, REDIS_URL=options.redis_url, TASKS_BACKEND="database", CACHE_KEY_PREFIX="scaleout"
    )
    prepare_postgres(options.database_url, env)
    run_id = secrets.token_hex(4)
    fixture = load_fixture(env, run_id, learners=1, assignments=1)
    learner, password, mentor = fixture["learners"][0], fixture["password"], fixture["mentor"]
    assignment = fixture["assignments"][0]
    checks: dict[str, bool] = {}
    details: dict = {"run_id": run_id}
    started = time.monotonic()

    app_a = Gunicorn(env, free_port(), workers=1, log_path=tmp / "app-a.log")
    app_b = Gunicorn(env, free_port(), workers=1, log_path=tmp / "app-b.log")
    worker = ManagedProcess(
        [PYTHON, "manage.py", "db_worker", "--interval", "0.5", "--no-startup-delay", "--no-reload"],
        env,
        tmp / "worker.log",
    )
    try:
        app_a.wait_ready()
        app_b.wait_ready()
        details["ports"] = {"a": app_a.port, "b": app_b.port}

        # 1. Sessions are shared: started on A, valid on B; started on B, valid on A.
        on_a = requests.Session()
        log_in(on_a, app_a.base, learner, password)
        checks["session from A valid on B"] = logged_in_as(carry_session(on_a), app_b.base)
        on_b = requests.Session()
        log_in(on_b, app_b.base, mentor, password)
        checks["session from B valid on A"] = logged_in_as(carry_session(on_b), app_a.base)
        details["redis_keys"] = len(redis.Redis.from_url(options.redis_url).keys("*"))

        # 2. A submission made on A is in the mentor queue on B.
        page = on_a.get(app_a.base + assignment["path"], timeout=30)
        token = on_a.cookies.get("csrftoken") or csrf_from(page.text)
        saved = on_a.post(
            f"{app_a.base}/assignments/{assignment['id']}/autosave/",
            json={"body": TEXT, "body_format": "text", "version": 0},
            headers={"X-CSRFToken": token},
            timeout=30,
        )
        version = saved.json().get("version", 0) if saved.status_code == 200 else 0
        submitted = on_a.post(
            f"{app_a.base}/assignments/{assignment['id']}/save/",
            data={
                "body": TEXT,
                "body_format": "text",
                "version": version,
                "action": "submit",
                "csrfmiddlewaretoken": token,
            },
            allow_redirects=False,
            timeout=30,
        )
        state = submission_state(env, run_id)
        submission = state["submission"] or {}
        details["submission"] = submission
        checks["submitted on A"] = submitted.status_code == 302 and submission.get("status") == "submitted"
        queue = on_b.get(f"{app_b.base}/mentor/", timeout=30)
        review_link = f"/mentor/reviews/{submission.get('id')}/"
        checks["in the mentor queue on B"] = queue.status_code == 200 and review_link in queue.text

        # 3. The mentor's e-mail is sent by the worker, not by the app processes.
        deadline = time.monotonic() + options.wait
        mails: list[str] = []
        tasks: list[dict] = []
        while time.monotonic() < deadline:
            mails = mails_to(tmp / "mail", fixture["mentor_email"])
            tasks = submission_state(env, run_id)["tasks"]
            done = [
                task for task in tasks if task["task"].endswith("notify_new_work") and task["status"] == "SUCCESSFUL"
            ]
            if mails and done:
                break
            time.sleep(0.5)
        notify = [task for task in tasks if task["task"].endswith("notify_new_work")]
        details["tasks"] = tasks
        details["mails"] = mails
        checks["notification task run by the worker"] = any(
            task["status"] == "SUCCESSFUL" and task["worker_ids"] for task in notify
        )
        checks["e-mail written by the worker"] = bool(mails) and checks["notification task run by the worker"]
    finally:
        worker.stop()
        app_a.stop()
        app_b.stop()

    summary = {
        "test": "scale-out",
        "database": "postgresql",
        "redis": options.redis_url,
        "app_processes": 2,
        "seconds": round(time.monotonic() - started, 1),
        "checks": checks,
        **details,
        "passed": bool(checks) and all(checks.values()),
    }
    if not summary["passed"]:
        for name in ("app-a.log", "app-b.log", "worker.log"):
            log(f"--- {name}\n" + (tmp / name).read_text(errors="replace")[-2000:])
    print(json.dumps(summary, ensure_ascii=False))  # noqa: T201
    if options.keep:
        log(f"kept {tmp}")
    else:
        shutil.rmtree(tmp, ignore_errors=True)
    return 0 if summary["passed"] else 1


if __name__ == "__main__":
    sys.exit(main())
