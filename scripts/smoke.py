"""Serve a fresh demo site with production settings and look at its home page in a browser.

Run by .ci/run. It migrates a new SQLite database in a temporary folder,
collects static files, loads the demo, starts gunicorn on a free loopback
port, and has Debian's chromium load the home page in Japanese, switch to
English with the language switcher, and back. Screenshots go to var/smoke/.
"""

from __future__ import annotations

import os
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
CHROMIUM = os.environ.get("LMS_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def run(args: list[str], env: dict[str, str]) -> None:
    print("$", " ".join(args), flush=True)  # noqa: T201
    subprocess.run(args, cwd=ROOT, env=env, check=True)  # noqa: S603


def wait_for(url: str, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:  # noqa: S310 (loopback only)
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise SystemExit(f"the server did not answer at {url} within {seconds} s")


def check_page(page, expect_lang: str, expect_text: str) -> None:
    lang = page.locator("html").get_attribute("lang")
    if lang != expect_lang:
        raise SystemExit(f"expected <html lang={expect_lang!r}>, got {lang!r}")
    body = page.locator("body").inner_text()
    if expect_text not in body:
        raise SystemExit(f"expected {expect_text!r} on the page in {expect_lang}")
    print(f"ok: lang={lang}, found {expect_text!r}")  # noqa: T201


def main() -> int:
    from playwright.sync_api import sync_playwright

    port = free_port()
    base = f"http://localhost:{port}"
    shots = ROOT / "var" / "smoke"
    shots.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="tsunagu-smoke-") as tmp:
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "lms.settings.production",
            "SECRET_KEY": secrets.token_urlsafe(64),
            "ALLOWED_HOSTS": "localhost,127.0.0.1",
            "SECURE_SSL_REDIRECT": "false",
            "LMS_VAR_DIR": tmp,
            "STATIC_ROOT": str(Path(tmp) / "static"),
            "LMS_SERVE_MEDIA": "true",
            "DATABASE_URL": "",
            "REDIS_URL": "",
        }
        run([PYTHON, "manage.py", "migrate", "--noinput", "-v", "0"], env)
        run([PYTHON, "manage.py", "collectstatic", "--noinput", "-v", "0"], env)
        run([PYTHON, "manage.py", "load_demo", "--force"], env)
        gunicorn = subprocess.Popen(  # noqa: S603
            [PYTHON, "-m", "gunicorn", "lms.wsgi", "--bind", f"127.0.0.1:{port}", "--workers", "2", "--timeout", "60"],
            cwd=ROOT,
            env=env,
        )
        try:
            wait_for(f"{base}/healthz")
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS, headless=True)
                page = browser.new_page(locale="ja-JP")
                errors: list[str] = []
                page.on("pageerror", lambda exc: errors.append(str(exc)))
                response = page.goto(f"{base}/")
                if response is None or response.status != 200:
                    raise SystemExit(f"home page answered {response.status if response else 'nothing'}")
                check_page(page, "ja", "コース")
                page.screenshot(path=str(shots / "home-ja.png"), full_page=True)
                page.click(".language-switcher button[value=en]")
                page.wait_for_load_state("load")
                check_page(page, "en", "Courses")
                page.screenshot(path=str(shots / "home-en.png"), full_page=True)
                page.click(".language-switcher button[value=ja]")
                page.wait_for_load_state("load")
                check_page(page, "ja", "コース")
                if errors:
                    raise SystemExit(f"script errors on the page: {errors}")
                browser.close()
        finally:
            gunicorn.terminate()
            gunicorn.wait(timeout=20)
    print("smoke test passed: home page served in Japanese and English")  # noqa: T201
    return 0


if __name__ == "__main__":
    sys.exit(main())
