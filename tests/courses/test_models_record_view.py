"""Opening a lesson again costs one UPDATE; the syllabus links are what Wagtail's `get_url` gives."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from courses.models import Enrollment, StepProgress
from courses.syllabus import step_urls
from tests.factories.accounts import LearnerFactory

pytestmark = pytest.mark.django_db


def _writes(queries) -> list[str]:
    return [q["sql"] for q in queries if q["sql"].split(" ", 1)[0] in {"INSERT", "UPDATE", "DELETE"}]


def test_repeat_view_is_one_update_and_no_insert(course, lessons):
    learner = LearnerFactory()
    course.enroll(learner)
    Enrollment.objects.get(user=learner).record_view(lessons[1])
    enrollment = Enrollment.objects.get(user=learner)
    before = StepProgress.objects.get(enrollment=enrollment, step_id=lessons[1].pk)
    with CaptureQueriesContext(connection) as ctx:
        progress = enrollment.record_view(lessons[1])
    writes = _writes(ctx.captured_queries)
    assert len(writes) == 1, writes
    assert "courses_stepprogress" in writes[0]
    assert progress.pk == before.pk
    assert StepProgress.objects.filter(enrollment=enrollment).count() == 1
    row = StepProgress.objects.get(pk=before.pk)
    assert row.last_viewed_at >= before.last_viewed_at
    assert row.first_viewed_at == before.first_viewed_at


def test_moving_to_another_step_or_after_a_while_updates_the_enrolment(course, lessons):
    learner = LearnerFactory()
    enrollment = course.enroll(learner)
    enrollment.record_view(lessons[0])
    enrollment = Enrollment.objects.get(pk=enrollment.pk)
    enrollment.record_view(lessons[1])
    enrollment.refresh_from_db()
    assert enrollment.last_step_id == lessons[1].pk
    stale = enrollment.last_visited_at - Enrollment.VISIT_RESOLUTION - timedelta(seconds=1)
    Enrollment.objects.filter(pk=enrollment.pk).update(last_visited_at=stale)
    enrollment = Enrollment.objects.get(pk=enrollment.pk)
    enrollment.record_view(lessons[1])
    enrollment.refresh_from_db()
    assert enrollment.last_visited_at > stale


def test_view_after_completion_keeps_the_step_done(course, lessons):
    learner = LearnerFactory()
    enrollment = course.enroll(learner)
    enrollment.record_view(lessons[1])
    enrollment.complete_step(lessons[1])
    enrollment.record_view(lessons[1])
    assert lessons[1].pk in enrollment.completed_step_ids()
    assert StepProgress.objects.get(enrollment=enrollment, step_id=lessons[1].pk).completed_at is not None


def test_step_urls_match_get_url(course, lessons, rf):
    steps = course.get_steps()
    request = rf.get("/")
    assert step_urls(steps, request) == [step.get_url(request) for step in steps]
    assert step_urls(steps) == [step.get_url() for step in steps]
