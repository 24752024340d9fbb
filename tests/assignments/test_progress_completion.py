"""An assignment step completes when the learner's latest attempt is approved."""

from __future__ import annotations

import pytest

from assignments.models import Submission
from courses.models import Enrollment, StepProgress
from courses.steps import get_step_models, is_step_model
from tests.factories.accounts import UserFactory
from tests.factories.assignments import AssignmentPageFactory, SubmissionFactory

pytestmark = pytest.mark.django_db
S = Submission.Status


@pytest.fixture
def reviewer(db):
    return UserFactory(username="reviewer", is_staff=True)


def completed(learner, step) -> bool:
    return StepProgress.objects.filter(enrollment__user=learner, step_id=step.pk, completed_at__isnull=False).exists()


def test_assignment_pages_are_registered_course_steps(course, assignment):
    from assignments.models import AssignmentPage

    assert AssignmentPage in get_step_models()
    assert is_step_model(AssignmentPage)
    assert AssignmentPage in course.specific_class.allowed_subpage_models()
    assert assignment.get_course().pk == course.pk
    assert not assignment.learner_can_mark_complete()


def test_changes_requested_does_not_complete_then_approval_does(assignment, enrolled, reviewer):
    first = SubmissionFactory(assignment=assignment, learner=enrolled, status=S.SUBMITTED)
    first.claim(by=reviewer)
    first.request_changes(by=reviewer)
    assert not completed(enrolled, assignment)
    second = first.start_revision(by=enrolled)
    second.submit(by=enrolled)
    second.claim(by=reviewer)
    second.approve(by=reviewer)
    assert completed(enrolled, assignment)


def test_approving_the_only_required_step_completes_the_course(course, enrolled, reviewer):
    only_step = AssignmentPageFactory(parent=course, slug="only-task")
    # The fixture lesson is not here: a fresh course with one required step.
    enrollment = Enrollment.objects.get(user=enrolled)
    submission = SubmissionFactory(assignment=only_step, learner=enrolled, status=S.SUBMITTED)
    submission.claim(by=reviewer)
    submission.approve(by=reviewer)
    assert completed(enrolled, only_step)
    enrollment.refresh_from_db()
    assert enrollment.steps_completed >= 1


def test_an_approval_for_a_learner_who_left_still_stands(assignment, enrolled, reviewer):
    Enrollment.objects.filter(user=enrolled).update(status=Enrollment.Status.WITHDRAWN)
    submission = SubmissionFactory(assignment=assignment, learner=enrolled, status=S.SUBMITTED)
    submission.claim(by=reviewer)
    submission.approve(by=reviewer)
    submission.refresh_from_db()
    assert submission.status == S.APPROVED
