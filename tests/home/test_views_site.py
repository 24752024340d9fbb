"""The site shell: both languages, the language switcher, error pages, health check and headers."""

from __future__ import annotations

from unittest import mock

import pytest
from django.db import OperationalError
from django.test import override_settings
from django.urls import path

pytestmark = pytest.mark.django_db


def test_home_page_is_japanese_by_default(client, home_page):
    response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="ja">' in html
    assert "コース" in html
    assert "本文へスキップ" in html


def test_home_page_in_english_from_accept_language(client, home_page):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    html = response.content.decode()
    assert '<html lang="en">' in html
    assert ">Courses<" in html
    assert "Skip to main content" in html


def test_language_switcher_sets_the_language_and_returns_to_the_page(client, home_page):
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert response.status_code == 302
    assert response["Location"] == "/"
    assert response.cookies["tsunagu_language"].value == "en"
    assert '<html lang="en">' in client.get("/").content.decode()
    client.post("/i18n/setlang/", {"language": "ja", "next": "/"})
    assert '<html lang="ja">' in client.get("/").content.decode()


def test_language_switcher_is_a_form_that_works_without_javascript(client, home_page):
    html = client.get("/").content.decode()
    assert 'action="/i18n/setlang/" method="post"' in html
    assert 'name="language" value="en"' in html
    assert 'name="language" value="ja"' in html


def test_language_switcher_ignores_unknown_languages_and_foreign_next(client, home_page):
    response = client.post("/i18n/setlang/", {"language": "xx", "next": "https://evil.example/"})
    assert response.status_code == 302
    assert "evil.example" not in response["Location"]
    assert '<html lang="ja">' in client.get("/").content.decode()


@pytest.mark.parametrize(("language", "text"), [("ja", "ページが見つかりません"), ("en", "Page not found")])
def test_404_page_in_both_languages(client, home_page, language, text):
    client.cookies["tsunagu_language"] = language
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    html = response.content.decode()
    assert text in html
    assert f'<html lang="{language}">' in html


def boom(request):
    raise RuntimeError("secret internals")


urlpatterns = [path("boom/", boom)]


@pytest.mark.parametrize(("language", "text"), [("ja", "エラーが発生しました"), ("en", "Something went wrong")])
def test_500_page_shows_no_traceback(client, language, text):
    client.raise_request_exception = False
    client.cookies["tsunagu_language"] = language
    with override_settings(ROOT_URLCONF=__name__, DEBUG=False):
        response = client.get("/boom/")
    assert response.status_code == 500
    html = response.content.decode()
    assert text in html
    assert "Traceback" not in html
    assert "secret internals" not in html


def test_healthz_answers_when_the_database_does(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}
    assert "no-cache" in response["Cache-Control"]


def test_healthz_is_503_when_the_database_does_not(client):
    with mock.patch("home.views.connection.cursor", side_effect=OperationalError("down")):
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["database"] == "unavailable"


def test_public_pages_have_a_content_security_policy(client, home_page):
    policy = client.get("/")["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert "script-src 'self'" in policy
    assert "object-src 'none'" in policy
    assert "unsafe-inline" not in policy


def test_security_headers(client, home_page):
    response = client.get("/")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "same-origin"


def test_base_template_landmarks_and_skip_link(client, home_page):
    html = client.get("/").content.decode()
    assert 'class="skip-link" href="#main"' in html
    assert '<main id="main"' in html
    assert "<header" in html and "<footer" in html and "<nav" in html
    assert 'name="viewport"' in html


def test_navigation_for_a_logged_in_learner(client, home_page, learner):
    client.force_login(learner)
    html = client.get("/").content.decode()
    assert 'href="/learn/"' in html
    assert 'href="/mentor/"' not in html


def test_navigation_for_a_mentor(client, home_page, mentor):
    client.force_login(mentor)
    assert 'href="/mentor/"' in client.get("/").content.decode()


def test_language_switcher_names_each_language_in_itself(client, home_page):
    for language in ("ja", "en"):
        client.cookies["tsunagu_language"] = language
        html = client.get("/").content.decode()
        assert 'lang="ja" aria-pressed' in html and ">日本語</button>" in html
        assert ">English</button>" in html
