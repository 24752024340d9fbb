"""`manage.py load_demo`: refuses without DEBUG, creates the demo users, and is idempotent."""

from __future__ import annotations

from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.test import override_settings
from wagtail.models import Page, Revision

from courses.models import CourseIndexPage
from home.demo.users import DEMO_USERS
from home.models import HomePage

pytestmark = pytest.mark.django_db

USERNAMES = [username for username, *_rest in DEMO_USERS]


def load(*args: str) -> str:
    out = StringIO()
    call_command("load_demo", *args, stdout=out)
    return out.getvalue()


def test_refuses_when_debug_is_off():
    with pytest.raises(CommandError, match="DEBUG"):
        load()
    assert not get_user_model().objects.filter(username="learner").exists()


def test_loads_users_prints_them_and_is_idempotent():
    output = load("--force")
    User = get_user_model()
    assert sorted(User.objects.filter(username__in=USERNAMES).values_list("username", flat=True)) == sorted(USERNAMES)
    for username in USERNAMES:
        assert f"{username}" in output
        assert User.objects.get(username=username).check_password("tsunagu-demo")
    assert "tsunagu-demo" in output
    assert User.objects.get(username="admin").is_superuser
    assert User.objects.get(username="mentor").groups.filter(name="Mentors").exists()
    assert User.objects.get(username="editor").groups.filter(name="Editors").exists()
    assert User.objects.get(username="moderator").groups.filter(name="Moderators").exists()
    assert User.objects.get(username="learner").emailaddress_set.filter(verified=True).exists()

    counts = (User.objects.count(), Page.objects.count(), Revision.objects.count())
    load("--force")
    assert (User.objects.count(), Page.objects.count(), Revision.objects.count()) == counts


@override_settings(DEBUG=True)
def test_runs_with_debug_on_and_if_empty_skips_a_used_database(user):
    output = load("--if-empty")
    assert "already has users" in output
    assert not get_user_model().objects.filter(username="learner").exists()


def test_home_page_button_leads_to_the_catalog():
    load("--force")
    home = HomePage.objects.get()
    assert home.hero_cta_page_id == CourseIndexPage.objects.get().pk
    assert home.hero_cta_label == "コースを探す"
