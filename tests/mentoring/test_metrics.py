"""Dashboard figures computed on known data, and the SVG chart."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from assignments.models import Submission, SubmissionEvent
from courses.utils import display_name
from mentoring.charts import nice_ceiling, turnaround_chart
from mentoring.metrics import WeekPoint, dashboard_metrics, week_start
from mentoring.models import Review
from mentoring.scopes import submissions_in_scope
from tests.factories.accounts import LearnerFactory
from tests.factories.courses import EnrollmentFactory
from tests.factories.mentoring import submitted

pytestmark = pytest.mark.django_db

NOW = timezone.make_aware(dt.datetime(2025, 6, 18, 12, 0))  # a Wednesday, Tokyo time


def at(days_ago: float, hours: float = 0) -> dt.datetime:
    return NOW - dt.timedelta(days=days_ago, hours=hours)


def reviewed(assignment, learner, mentor, *, submitted_at, claimed_at, released_at=None):
    """An attempt submitted, claimed and (optionally) released at the given times."""
    work = submitted(assignment, learner, when=submitted_at)
    status = Submission.Status.APPROVED if released_at else Submission.Status.IN_REVIEW
    Submission.objects.filter(pk=work.pk).update(status=status, claimed_by=mentor, decided_at=released_at)
    event = SubmissionEvent.objects.create(
        submission=work, action="claim", from_status="submitted", to_status="in_review", actor=mentor
    )
    SubmissionEvent.objects.filter(pk=event.pk).update(created_at=claimed_at)
    Review.objects.create(
        submission=work,
        mentor=mentor,
        status="released" if released_at else "draft",
        decision="approve" if released_at else "",
        released_at=released_at,
    )
    return work


@pytest.fixture
def learners(course):
    people = [LearnerFactory(username=f"m{n}") for n in range(8)]
    for person in people:
        EnrollmentFactory(user=person, course=course)
    return people


def test_figures_on_known_data(assignment, learners, mentor, mentor2):
    # First review after 2, 4 and 10 hours (median 4); released after 6, 10 and 30 hours (median 10).
    reviewed(
        assignment,
        learners[0],
        mentor,
        submitted_at=at(3),
        claimed_at=at(3) + dt.timedelta(hours=2),
        released_at=at(3) + dt.timedelta(hours=6),
    )
    reviewed(
        assignment,
        learners[1],
        mentor,
        submitted_at=at(10),
        claimed_at=at(10) + dt.timedelta(hours=4),
        released_at=at(10) + dt.timedelta(hours=10),
    )
    reviewed(
        assignment,
        learners[2],
        mentor2,
        submitted_at=at(20),
        claimed_at=at(20) + dt.timedelta(hours=10),
        released_at=at(20) + dt.timedelta(hours=30),
    )
    # Outside the 30 days: does not count in the medians.
    reviewed(
        assignment,
        learners[3],
        mentor2,
        submitted_at=at(60),
        claimed_at=at(60) + dt.timedelta(hours=1),
        released_at=at(60) + dt.timedelta(hours=1),
    )
    # Waiting work: the oldest waited 50 hours.
    submitted(assignment, learners[4], when=at(0, hours=50))
    submitted(assignment, learners[5], when=at(0, hours=5))
    metrics = dashboard_metrics(submissions_in_scope(mentor), now=NOW)
    assert metrics["queue_length"] == 2
    assert metrics["oldest_waiting_hours"] == 50.0
    assert metrics["median_hours_to_first_review"] == 4.0
    assert metrics["median_hours_to_release"] == 10.0
    assert metrics["reviews_per_mentor"] == [(display_name(mentor), 2), (display_name(mentor2), 1)]


def test_weekly_turnaround_groups_by_week(assignment, learners, mentor):
    this_monday = week_start(NOW)
    reviewed(
        assignment, learners[0], mentor, submitted_at=at(1), claimed_at=at(1), released_at=at(1) + dt.timedelta(hours=4)
    )
    reviewed(
        assignment, learners[1], mentor, submitted_at=at(1), claimed_at=at(1), released_at=at(1) + dt.timedelta(hours=8)
    )
    reviewed(
        assignment,
        learners[2],
        mentor,
        submitted_at=at(8),
        claimed_at=at(8),
        released_at=at(8) + dt.timedelta(hours=20),
    )
    weekly = dashboard_metrics(submissions_in_scope(mentor), now=NOW)["weekly"]
    assert len(weekly) == 12
    assert weekly[-1] == WeekPoint(this_monday, 6.0, 2)
    assert weekly[-2] == WeekPoint(this_monday - dt.timedelta(weeks=1), 20.0, 1)
    assert all(point.count == 0 and point.median_hours is None for point in weekly[:-2])


def test_no_data_gives_empty_figures(mentor):
    metrics = dashboard_metrics(submissions_in_scope(mentor), now=NOW)
    assert metrics["queue_length"] == 0 and metrics["oldest_waiting"] is None
    assert metrics["median_hours_to_first_review"] is None and metrics["reviews_per_mentor"] == []


def test_a_mentor_sees_only_their_scope(assignment, other_assignment, learners, mentor, outsider):
    submitted(assignment, learners[0])
    assert dashboard_metrics(submissions_in_scope(outsider), now=NOW)["queue_length"] == 0
    assert dashboard_metrics(submissions_in_scope(mentor), now=NOW)["queue_length"] == 1


def test_chart_is_svg_with_a_title_and_one_bar_per_week_with_data():
    points = [
        WeekPoint(dt.date(2025, 6, 2), 12.0, 3),
        WeekPoint(dt.date(2025, 6, 9), None, 0),
        WeekPoint(dt.date(2025, 6, 16), 30.5, 1),
    ]
    svg = str(turnaround_chart(points))
    assert svg.startswith("<svg") and 'role="img"' in svg and "<title id=" in svg
    assert svg.count("<rect") == 2
    assert "style=" not in svg and "<script" not in svg


def test_nice_ceiling():
    assert [nice_ceiling(v) for v in (0, 0.7, 3, 7, 12, 48, 130)] == [1, 1, 5, 10, 20, 50, 200]


def test_dashboard_page(client, mentor, assignment, learners):
    submitted(assignment, learners[0])
    client.force_login(mentor)
    response = client.get(reverse("mentoring:dashboard"))
    assert response.status_code == 200
    assert response.context["metrics"]["queue_length"] == 1
    assert "<svg" in response.content.decode()
