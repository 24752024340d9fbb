"""Every URL of the mentoring app times every role: anonymous, the learner who wrote the work,
another learner, a mentor in scope, a mentor out of scope, an editor, an admin.

Work outside a mentor's scope answers 404; people who are not mentors get 403;
anonymous visitors go to the login page. A URL pattern missing from the matrix
fails the test.
"""

from __future__ import annotations

import pytest
from django.urls import URLPattern, get_resolver, reverse

from mentoring import urls as mentoring_urls
from mentoring.models import Review
from mentoring.queue import claim
from tests.factories.accounts import UserFactory
from tests.factories.mentoring import CommentBankEntryFactory, submitted
from tests.mentoring.conftest import TEXT

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "learner", "other_learner", "mentor", "outsider", "editor", "admin"]

# name -> (method, args key, {role: status})
MATRIX = {
    "queue": (
        "get",
        None,
        {
            "anonymous": 302,
            "learner": 403,
            "other_learner": 403,
            "mentor": 200,
            "outsider": 200,
            "editor": 403,
            "admin": 200,
        },
    ),
    "claim_next": (
        "post",
        None,
        {
            "anonymous": 302,
            "learner": 403,
            "other_learner": 403,
            "mentor": 302,
            "outsider": 302,
            "editor": 403,
            "admin": 302,
        },
    ),
    "review": (
        "get",
        "waiting",
        {
            "anonymous": 302,
            "learner": 403,
            "other_learner": 403,
            "mentor": 200,
            "outsider": 404,
            "editor": 403,
            "admin": 200,
        },
    ),
    "claim": (
        "post",
        "waiting",
        {
            "anonymous": 302,
            "learner": 403,
            "other_learner": 403,
            "mentor": 302,
            "outsider": 404,
            "editor": 403,
            "admin": 302,
        },
    ),
    "feedback_thread": (
        "get",
        "released",
        {
            "anonymous": 302,
            "learner": 200,
            "other_learner": 404,
            "mentor": 200,
            "outsider": 404,
            "editor": 404,
            "admin": 200,
        },
    ),
    "dashboard": (
        "get",
        None,
        {
            "anonymous": 302,
            "learner": 403,
            "other_learner": 403,
            "mentor": 200,
            "outsider": 200,
            "editor": 403,
            "admin": 200,
        },
    ),
    "settings": (
        "get",
        None,
        {
            "anonymous": 302,
            "learner": 403,
            "other_learner": 403,
            "mentor": 200,
            "outsider": 200,
            "editor": 403,
            "admin": 302,
        },
    ),
    "bank": (
        "get",
        None,
        {
            "anonymous": 302,
            "learner": 403,
            "other_learner": 403,
            "mentor": 200,
            "outsider": 200,
            "editor": 403,
            "admin": 200,
        },
    ),
    "bank_edit": (
        "get",
        "entry",
        {
            "anonymous": 302,
            "learner": 403,
            "other_learner": 403,
            "mentor": 200,
            "outsider": 404,
            "editor": 403,
            "admin": 404,
        },
    ),
    "bank_delete": (
        "post",
        "entry",
        {
            "anonymous": 302,
            "learner": 403,
            "other_learner": 403,
            "mentor": 302,
            "outsider": 404,
            "editor": 403,
            "admin": 404,
        },
    ),
}


def test_every_url_pattern_is_in_the_matrix():
    names = {pattern.name for pattern in mentoring_urls.urlpatterns if isinstance(pattern, URLPattern)}
    assert names == set(MATRIX)
    assert "mentoring" in get_resolver().namespace_dict


@pytest.fixture
def people(enrolled, other_learner, mentor, outsider):
    return {
        "anonymous": None,
        "learner": enrolled,
        "other_learner": other_learner,
        "mentor": mentor,
        "outsider": outsider,
        "editor": UserFactory(username="editor", groups=["Editors"]),
        "admin": UserFactory(username="admin", is_staff=True, is_superuser=True),
    }


@pytest.fixture
def objects(assignment, enrolled, mentor, other_learner):
    released = submitted(assignment, enrolled, TEXT)
    claim(released, mentor)
    review = Review.objects.get(submission=released)
    review.save_draft(
        mentor, overall_comment="合格です", decision="approve", scores={c.pk: (3, "") for c in review.get_criteria()}
    )
    review.release(mentor)
    return {
        "waiting": submitted(assignment, other_learner, TEXT),
        "released": released,
        "entry": CommentBankEntryFactory(mentor=mentor),
    }


@pytest.mark.parametrize("name", sorted(MATRIX))
@pytest.mark.parametrize("role", ROLES)
def test_status_for_every_role(client, people, objects, name, role):
    method, key, expected = MATRIX[name]
    args = [objects[key].pk] if key else []
    user = people[role]
    if user is not None:
        client.force_login(user)
    response = getattr(client, method)(reverse(f"mentoring:{name}", args=args))
    assert response.status_code == expected[role], (name, role)
    if expected[role] == 404:
        assert "商品紹介文" not in response.content.decode()
    if role == "anonymous":
        assert response.url.startswith(reverse("account_login"))
