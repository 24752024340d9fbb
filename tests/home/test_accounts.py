"""Account flows through django-allauth: sign-up with e-mail confirmation, login, rate limits, reset, profile."""

from __future__ import annotations

import re

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from wagtail.users.models import UserProfile

pytestmark = pytest.mark.django_db

LINK = re.compile(r"https?://[^\s]+")


def link_in(message) -> str:
    return LINK.search(message.body).group(0)


def test_sign_up_confirm_email_then_log_in(client, home_page):
    response = client.post(
        "/accounts/signup/",
        {
            "email": "hanako@example.jp",
            "username": "hanako",
            "password1": "kasumi-sou-2026",
            "password2": "kasumi-sou-2026",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == "/accounts/confirm-email/"
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["hanako@example.jp"]

    # Before confirming, the account cannot log in.
    client.logout()
    response = client.post("/accounts/login/", {"login": "hanako", "password": "kasumi-sou-2026"})
    assert "_auth_user_id" not in client.session

    confirm_url = link_in(mail.outbox[-1]).replace("http://testserver", "")
    response = client.get(confirm_url)
    assert response.status_code == 200
    response = client.post(confirm_url)
    assert response.status_code == 302
    assert int(client.session["_auth_user_id"]) == get_user_model().objects.get(username="hanako").pk

    client.post("/accounts/logout/")
    assert "_auth_user_id" not in client.session
    response = client.post("/accounts/login/", {"login": "hanako@example.jp", "password": "kasumi-sou-2026"})
    assert response.status_code == 302
    assert "_auth_user_id" in client.session


def test_sign_up_errors_keep_what_was_typed(client, home_page):
    response = client.post(
        "/accounts/signup/",
        {"email": "not-an-email", "username": "taro", "password1": "short", "password2": "other"},
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert 'value="taro"' in html
    assert 'value="not-an-email"' in html
    assert get_user_model().objects.filter(username="taro").count() == 0


def test_sign_up_page_is_japanese(client, home_page):
    html = client.get("/accounts/signup/").content.decode()
    assert '<html lang="ja">' in html
    assert "ユーザー登録" in html
    assert "パスワード" in html


def test_repeated_bad_logins_are_rate_limited(client, home_page, user):
    for _attempt in range(5):
        response = client.post("/accounts/login/", {"login": user.username, "password": "wrong-password"})
        assert response.status_code == 200
        assert "_auth_user_id" not in client.session
    # The sixth attempt is refused even with the right password.
    response = client.post("/accounts/login/", {"login": user.username, "password": "tsunagu-demo"})
    assert "_auth_user_id" not in client.session
    assert response.status_code in (200, 429)
    html = response.content.decode()
    assert "ログイン" in html
    assert "ログイン失敗が連続しています" in html


def test_a_good_login_after_few_failures_still_works(client, home_page, user):
    for _attempt in range(2):
        client.post("/accounts/login/", {"login": user.username, "password": "wrong-password"})
    client.post("/accounts/login/", {"login": user.username, "password": "tsunagu-demo"})
    assert int(client.session["_auth_user_id"]) == user.pk


def test_password_reset_by_email(client, home_page, user):
    response = client.post("/accounts/password/reset/", {"email": user.email})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    reset_url = link_in(mail.outbox[0]).replace("http://testserver", "")
    response = client.get(reset_url)
    assert response.status_code == 302  # allauth moves the key into the session
    response = client.post(response["Location"], {"password1": "new-pass-tsunagu-9", "password2": "new-pass-tsunagu-9"})
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password("new-pass-tsunagu-9")


def test_profile_edit(client, home_page, user):
    client.force_login(user)
    response = client.get("/accounts/profile/")
    assert response.status_code == 200
    response = client.post(
        "/accounts/profile/", {"last_name": "山田", "first_name": "花子", "preferred_language": "en"}, follow=True
    )
    assert response.status_code == 200
    user.refresh_from_db()
    assert (user.last_name, user.first_name) == ("山田", "花子")
    assert UserProfile.get_for_user(user).preferred_language == "en"


def test_profile_needs_login(client, home_page):
    response = client.get("/accounts/profile/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_admin_login_goes_through_the_rate_limited_form(client, home_page, superuser):
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
    assert client.get("/admin/login/?next=/admin/")["Location"] == "/accounts/login/?next=/admin/"
    response = client.post("/accounts/login/?next=/admin/", {"login": "root", "password": "tsunagu-demo"})
    assert response["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200
