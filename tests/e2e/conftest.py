"""Browser tests: Playwright for Python driving Debian's chromium (never a downloaded browser)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from tests.conftest import require_service

CHROMIUM = os.environ.get("LMS_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
AXE_JS = Path(__file__).resolve().parent / "vendor" / "axe.min.js"


def pytest_collection_modifyitems(items):
    """Browser tests talk to a live server thread, so they need real transactions; the
    serialized rollback restores what migrations created (root page, site, groups)
    after each test's flush."""
    for item in items:
        if "tests/e2e/" in str(item.fspath):
            item.add_marker(pytest.mark.e2e)
            item.add_marker(pytest.mark.django_db(transaction=True, serialized_rollback=True), append=False)


@pytest.fixture(scope="session")
def browser(django_db_setup):
    if not Path(CHROMIUM).exists():
        require_service("Debian's chromium is not installed (apt-get install chromium)")
    from django.db import connections
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in this thread, and from then on
    # Django keeps database connections per async context: the tests get new
    # connection objects that lack the data serialized when the test database
    # was created. Hand it over so serialized rollbacks keep working.
    serialized = {
        alias: connections[alias]._test_serialized_contents
        for alias in connections
        if hasattr(connections[alias], "_test_serialized_contents")
    }
    with sync_playwright() as playwright:
        for alias, contents in serialized.items():
            connections[alias]._test_serialized_contents = contents
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS, headless=True)
        yield browser
        browser.close()


@pytest.fixture
def browser_context(browser, live_server):
    context = browser.new_context(base_url=live_server.url, locale="ja-JP", viewport={"width": 390, "height": 844})
    context.set_default_timeout(15_000)
    yield context
    context.close()


@pytest.fixture
def page(browser_context):
    return browser_context.new_page()


def log_in(page, username: str, password: str = "tsunagu-demo") -> None:
    """Log in through the real login form."""
    page.goto("/accounts/login/")
    page.fill("input[name=login]", username)
    page.fill("input[name=password]", password)
    page.click("form[action$='/accounts/login/'] button[type=submit]")
    page.wait_for_load_state("networkidle")


AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


def axe_violations(page) -> list[dict]:
    """Run axe-core (vendored from npm) in the page and return its violations for the WCAG tags of QUALITY.md."""
    # Evaluated through the DevTools protocol, so the site's strict CSP need not allow it.
    page.evaluate(AXE_JS.read_text(encoding="utf-8"))
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})",
        AXE_TAGS,
    )
    return [
        {"id": violation["id"], "help": violation["help"], "targets": [node["target"] for node in violation["nodes"]]}
        for violation in result["violations"]
    ]
