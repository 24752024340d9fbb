"""Scope rules: who reviews which submission."""

from __future__ import annotations

import pytest

from assignments.permissions import can_review, can_view
from mentoring.models import MentorScope
from mentoring.scopes import in_scope, is_mentor, mentors_for, submissions_in_scope
from tests.factories.accounts import LearnerFactory, MentorFactory, UserFactory
from tests.factories.assignments import SubmissionFactory
from tests.factories.courses import EnrollmentFactory
from tests.factories.mentoring import MentorProfileFactory, submitted

pytestmark = pytest.mark.django_db


def test_course_scope(assignment, other_assignment, enrolled, mentor, outsider):
    work = submitted(assignment, enrolled)
    assert in_scope(mentor, work) and can_review(mentor, work)
    assert not in_scope(outsider, work) and not can_review(outsider, work)
    other = submitted(other_assignment, enrolled)
    assert can_review(outsider, other) and not can_review(mentor, other)
    assert list(submissions_in_scope(mentor)) == [work]


def test_cohort_scope(assignment, course, cohort, enrolled, other_learner):
    cohort_mentor = MentorFactory(username="cohortscope")
    profile = MentorProfileFactory(user=cohort_mentor)
    MentorScope.objects.create(profile=profile, course=course, cohort=cohort)
    member_work = submitted(assignment, enrolled)
    outside_work = submitted(assignment, other_learner)
    assert in_scope(cohort_mentor, member_work)
    assert not in_scope(cohort_mentor, outside_work)
    assert list(submissions_in_scope(cohort_mentor)) == [member_work]


def test_drafts_are_nobodys_business(assignment, enrolled, mentor):
    draft = SubmissionFactory(assignment=assignment, learner=enrolled)
    assert not can_review(mentor, draft)
    assert not submissions_in_scope(mentor).exists()


def test_staff_review_everything_and_learners_nothing(assignment, enrolled, other_learner, staff):
    work = submitted(assignment, enrolled)
    assert can_review(staff, work) and is_mentor(staff)
    assert not can_review(other_learner, work) and not is_mentor(other_learner)
    assert can_view(enrolled, work) and not can_view(other_learner, work)


def test_a_mentor_without_a_profile_is_not_a_mentor_here(db):
    grouped = UserFactory(username="grouped", groups=["Mentors"])
    assert not is_mentor(grouped)


def test_inactive_mentors_see_nothing(assignment, enrolled, mentor):
    work = submitted(assignment, enrolled)
    mentor.is_active = False
    mentor.save()
    assert not can_review(mentor, work)


def test_mentors_for_a_submission(assignment, course, cohort, enrolled, mentor, mentor2, outsider):
    cohort_mentor = MentorFactory(username="cohortonly")
    MentorScope.objects.create(profile=MentorProfileFactory(user=cohort_mentor), course=course, cohort=cohort)
    newcomer = LearnerFactory(username="nocohort")
    EnrollmentFactory(user=newcomer, course=course)
    in_cohort = submitted(assignment, enrolled)
    not_in_cohort = submitted(assignment, newcomer)
    assert {p.user for p in mentors_for(in_cohort)} == {mentor, mentor2, cohort_mentor}
    assert {p.user for p in mentors_for(not_in_cohort)} == {mentor, mentor2}
