"""The dashboard's links are computed in the view and are the pages' own URLs."""

from __future__ import annotations

import pytest

from tests.factories.accounts import LearnerFactory

pytestmark = pytest.mark.django_db


def test_dashboard_links_are_the_page_urls(client, course, lessons):
    learner = LearnerFactory()
    enrollment = course.enroll(learner)
    enrollment.record_view(lessons[0])
    client.force_login(learner)
    response = client.get("/learn/")
    html = response.content.decode()
    (card,) = response.context["active"]
    assert card.course_url == course.get_url()
    assert card.next_step.pk == lessons[0].pk
    assert card.next_step_url == lessons[0].get_url()
    assert f'href="{course.get_url()}"' in html and f'href="{lessons[0].get_url()}"' in html
    assert str(card.course.level_label) in html
