"""In Chromium: the home page in both languages, and logging in through the real form."""

from __future__ import annotations

from tests.e2e.conftest import log_in
from tests.factories.accounts import UserFactory


def test_home_page_switches_language(page):
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto("/")
    assert page.locator("html").get_attribute("lang") == "ja"
    assert page.get_by_role("link", name="コース").is_visible()
    page.click(".language-switcher button[value=en]")
    page.wait_for_load_state("load")
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.get_by_role("link", name="Courses").is_visible()
    page.click(".language-switcher button[value=ja]")
    page.wait_for_load_state("load")
    assert page.locator("html").get_attribute("lang") == "ja"
    assert errors == []


def test_skip_link_is_the_first_focus_stop(page):
    page.goto("/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.className")
    assert focused == "skip-link"
    assert page.locator(".skip-link").is_visible()


def test_log_in_and_out_through_the_forms(page):
    UserFactory(username="hanako")
    log_in(page, "hanako")
    assert page.get_by_role("button", name="ログアウト").is_visible()
    page.get_by_role("button", name="ログアウト").click()
    page.wait_for_load_state("load")
    if page.url.endswith("/accounts/logout/"):
        page.locator("main button[type=submit]").click()
        page.wait_for_load_state("load")
    assert page.get_by_role("link", name="ログイン").first.is_visible()
