"""Fixtures shared by every test. App-specific fixtures live in tests/<app>/conftest.py."""

from __future__ import annotations

import os

import pytest
from django.core.cache import cache
from wagtail.models import Site

# Playwright's sync API runs an event loop in the test thread; the ORM calls
# the tests make around it are still synchronous.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def pytest_collection_modifyitems(items):
    """Every transactional test restores the migrated data (root page, site, groups) afterwards.

    A transactional test ends with a flush. Without a serialized rollback the
    flush re-runs post_migrate, and the next test that restores the serialized
    data would collide with the content types created again. So all of them
    use `serialized_rollback=True`.
    """
    for item in items:
        marker = item.get_closest_marker("django_db")
        if marker is not None and marker.kwargs.get("transaction") and not marker.kwargs.get("serialized_rollback"):
            kwargs = {**marker.kwargs, "serialized_rollback": True}
            item.add_marker(pytest.mark.django_db(*marker.args, **kwargs), append=False)


@pytest.fixture(autouse=True)
def _clear_cache():
    """Rate limits and cached fragments live in the cache: start each test empty."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def site(db) -> Site:
    return Site.objects.get(is_default_site=True)


@pytest.fixture
def home_page(site):
    return site.root_page.specific


@pytest.fixture
def user(db):
    from tests.factories.accounts import UserFactory

    return UserFactory()


@pytest.fixture
def learner(db):
    from tests.factories.accounts import LearnerFactory

    return LearnerFactory()


@pytest.fixture
def mentor(db):
    from tests.factories.accounts import MentorFactory

    return MentorFactory()


@pytest.fixture
def superuser(db):
    from tests.factories.accounts import UserFactory

    return UserFactory(username="root", is_superuser=True, is_staff=True)


def running_in_ci() -> bool:
    return os.environ.get("CI", "").lower() in {"1", "true", "yes"}


def require_service(reason: str) -> None:
    """A missing service fails the test in CI and skips it, with the reason, elsewhere."""
    if running_in_ci():
        pytest.fail(f"CI needs this: {reason}")
    pytest.skip(reason)
