"""The learner dashboard (/learn/, courses) shows upcoming meetups through courses' panel hook."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from courses.dashboard import register_dashboard_panel, render_dashboard_panels, unregister_dashboard_panel
from tests.factories.mentoring import MeetupIndexPageFactory, MeetupPageFactory

pytestmark = pytest.mark.django_db


def test_upcoming_meetups_show_on_the_learner_dashboard(client, home_page, learner):
    index = MeetupIndexPageFactory(parent=home_page)
    MeetupPageFactory(parent=index, title="春のもやもや相談会")
    MeetupPageFactory(parent=index, title="終わった相談会", starts_at=timezone.now() - dt.timedelta(days=3))
    client.force_login(learner)
    html = client.get("/learn/").content.decode()
    assert "春のもやもや相談会" in html
    assert "終わった相談会" not in html


def test_the_dashboard_says_when_no_meetup_is_planned(client, home_page, learner):
    client.force_login(learner)
    html = client.get("/learn/").content.decode()
    assert 'id="upcoming-meetups-heading"' in html


def test_panels_render_in_registration_order(rf, learner):
    def first(request):
        return "<p>first</p>"

    def second(request):
        return "<p>second</p>"

    register_dashboard_panel(first)
    register_dashboard_panel(second)
    register_dashboard_panel(first)
    try:
        request = rf.get("/learn/")
        request.user = learner
        html = render_dashboard_panels(request)
        assert html.count("<p>first</p>") == 1
        assert html.index("<p>first</p>") < html.index("<p>second</p>")
    finally:
        unregister_dashboard_panel(first)
        unregister_dashboard_panel(second)
