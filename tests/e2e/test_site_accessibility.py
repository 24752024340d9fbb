"""axe-core finds no WCAG 2.2 AA violations on the site's shell pages, in both languages."""

from __future__ import annotations

import pytest

from tests.e2e.conftest import axe_violations


@pytest.mark.parametrize("path", ["/", "/accounts/login/", "/accounts/signup/", "/accounts/password/reset/"])
@pytest.mark.parametrize("language", ["ja", "en"])
def test_no_axe_violations(page, browser_context, live_server, path, language):
    browser_context.add_cookies([{"name": "tsunagu_language", "value": language, "url": live_server.url}])
    page.goto(path)
    assert page.locator("html").get_attribute("lang") == language
    assert axe_violations(page) == []


def test_no_axe_violations_with_form_errors(page):
    page.goto("/accounts/login/")
    page.fill("input[name=login]", "nobody")
    page.fill("input[name=password]", "wrong")
    page.click("main button[type=submit]")
    page.wait_for_load_state("load")
    assert page.locator(".errorlist").count() > 0
    assert axe_violations(page) == []
