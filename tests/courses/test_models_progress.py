"""Recording views and completions; completion issues exactly one certificate."""

from __future__ import annotations

import pytest

from courses import progress, signals
from courses.exceptions import NotEnrolled
from courses.models import Certificate, Enrollment, StepProgress

pytestmark = pytest.mark.django_db


def test_view_records_progress_and_last_step(course, lessons, learner):
    enrollment = course.enroll(learner)
    row = progress.record_step_view(learner, lessons[1])
    assert row.first_viewed_at is not None
    enrollment.refresh_from_db()
    assert enrollment.last_step_id == lessons[1].pk


def test_view_without_enrolment_records_nothing(course, lessons, learner):
    assert progress.record_step_view(learner, lessons[0]) is None
    assert not StepProgress.objects.exists()


def test_completing_all_required_steps_issues_one_certificate(course, lessons, learner):
    completed = []
    signals.course_completed.connect(lambda **kw: completed.append(kw["enrollment"].pk), weak=False, dispatch_uid="t")
    try:
        enrollment = course.enroll(learner)
        progress.mark_step_complete(learner, lessons[0], by_learner=True)
        enrollment.refresh_from_db()
        assert enrollment.progress_percent == 50
        progress.mark_step_complete(learner, lessons[1], by_learner=True)
        progress.mark_step_complete(learner, lessons[1], by_learner=True)
        progress.mark_step_complete(learner, lessons[2], by_learner=True)
    finally:
        signals.course_completed.disconnect(dispatch_uid="t")
    enrollment.refresh_from_db()
    assert enrollment.status == Enrollment.Status.COMPLETED
    assert Certificate.objects.filter(enrollment=enrollment).count() == 1
    assert completed == [enrollment.pk]


def test_marking_a_step_without_enrolment_is_refused(course, lessons, learner):
    with pytest.raises(NotEnrolled):
        progress.mark_step_complete(learner, lessons[0], by_learner=True)
