"""Enrolment rules: open enrolment, prerequisites, cohorts and keys, withdrawal and re-enrolment."""

from __future__ import annotations

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from courses import signals
from courses.exceptions import (
    AlreadyEnrolled,
    CohortClosed,
    EnrolmentClosed,
    InvalidCohortKey,
    InvalidTransition,
    NotEnrolled,
    PrerequisitesMissing,
)
from courses.models import CoursePage, Enrollment, EnrollmentEvent, PrerequisitePolicy
from tests.factories.courses import CohortFactory, CoursePageFactory, EnrollmentFactory

pytestmark = pytest.mark.django_db


def test_open_enrolment_creates_an_active_enrolment(course, lessons, learner):
    received = []
    signals.enrolled.connect(lambda **kw: received.append(kw["enrollment"]), weak=False, dispatch_uid="t-enrolled")
    try:
        enrollment = course.enroll(learner)
    finally:
        signals.enrolled.disconnect(dispatch_uid="t-enrolled")
    assert enrollment.status == Enrollment.Status.ACTIVE
    assert enrollment.steps_required == 2  # the optional lesson does not count
    assert received == [enrollment]
    assert CoursePage.objects.get(pk=course.pk).enrolment_count == 1
    assert list(EnrollmentEvent.objects.values_list("action", flat=True)) == ["enrol"]
    assert Enrollment.objects.active_for(learner, course) == enrollment


def test_enrolling_twice_is_refused_and_creates_nothing(course, learner):
    course.enroll(learner)
    with pytest.raises(AlreadyEnrolled):
        course.enroll(learner)
    assert Enrollment.objects.count() == 1


def test_anonymous_cannot_enrol(course):
    with pytest.raises(NotEnrolled):
        course.enroll(AnonymousUser())


def test_unpublished_course_cannot_be_joined(course, learner):
    course.live = False
    with pytest.raises(EnrolmentClosed):
        course.enroll(learner)


def test_closed_course_needs_a_cohort(course, learner):
    course.open_enrolment = False
    course.save()
    with pytest.raises(EnrolmentClosed):
        course.enroll(learner)
    cohort = CohortFactory(course=course, enrolment_key="abc")
    assert course.enroll(learner, cohort=cohort, enrolment_key="abc").cohort == cohort


class TestPrerequisites:
    @pytest.fixture
    def basics(self, catalog, category):
        return CoursePageFactory(parent=catalog, title="基礎", category=category)

    def test_recommend_lets_the_learner_enrol(self, course, basics, learner):
        course.prerequisites.set([basics])
        course.save()
        assert course.get_missing_prerequisites(learner) == [basics]
        assert course.enroll(learner).is_active

    def test_require_blocks_with_the_missing_courses(self, course, basics, catalog, category, learner):
        other = CoursePageFactory(parent=catalog, title="応用", category=category)
        course.prerequisites.set([basics, other])
        course.prerequisite_policy = PrerequisitePolicy.REQUIRE
        course.save()
        with pytest.raises(PrerequisitesMissing) as error:
            course.enroll(learner)
        assert {page.pk for page in error.value.missing} == {basics.pk, other.pk}
        assert not Enrollment.objects.exists()

    def test_require_passes_once_the_prerequisites_are_completed(self, course, basics, learner):
        course.prerequisites.set([basics])
        course.prerequisite_policy = PrerequisitePolicy.REQUIRE
        course.save()
        EnrollmentFactory(user=learner, course=basics, status=Enrollment.Status.COMPLETED)
        assert course.get_missing_prerequisites(learner) == []
        assert course.enroll(learner).is_active

    def test_an_active_enrolment_in_the_prerequisite_is_not_enough(self, course, basics, learner):
        course.prerequisites.set([basics])
        course.prerequisite_policy = PrerequisitePolicy.REQUIRE
        course.save()
        EnrollmentFactory(user=learner, course=basics)
        with pytest.raises(PrerequisitesMissing):
            course.enroll(learner)


class TestCohorts:
    def test_right_key_joins_the_cohort(self, course, learner, mentor):
        cohort = CohortFactory(course=course, enrolment_key="Aki-2025", mentors=[mentor])
        enrollment = course.enroll(learner, cohort=cohort, enrolment_key="  aki-2025 ")
        assert enrollment.cohort == cohort
        assert cohort.member_count == 1
        assert list(cohort.mentors.all()) == [mentor]

    def test_full_width_key_matches(self, course, learner):
        cohort = CohortFactory(course=course, enrolment_key="KEY2025")
        assert course.enroll(learner, cohort=cohort, enrolment_key="ＫＥＹ２０２５").cohort == cohort

    def test_wrong_key_is_refused(self, course, learner):
        cohort = CohortFactory(course=course, enrolment_key="right")
        with pytest.raises(InvalidCohortKey):
            course.enroll(learner, cohort=cohort, enrolment_key="wrong")
        assert not Enrollment.objects.exists()

    def test_cohort_without_key_is_joined_only_by_invite(self, course, learner):
        cohort = CohortFactory(course=course, enrolment_key="")
        with pytest.raises(InvalidCohortKey):
            course.enroll(learner, cohort=cohort, enrolment_key="")
        assert course.enroll(learner, cohort=cohort, via_invite=True).cohort == cohort

    def test_cohort_of_another_course_is_refused(self, course, catalog, category, learner):
        other = CoursePageFactory(parent=catalog, category=category)
        cohort = CohortFactory(course=other, enrolment_key="k")
        with pytest.raises(InvalidCohortKey):
            course.enroll(learner, cohort=cohort, enrolment_key="k")

    def test_ended_or_closed_cohort_is_refused(self, course, learner, other_learner):
        ended = CohortFactory(
            course=course, enrolment_key="k", ends_on=timezone.localdate() - datetime.timedelta(days=1)
        )
        with pytest.raises(CohortClosed):
            course.enroll(learner, cohort=ended, enrolment_key="k")
        closed = CohortFactory(course=course, enrolment_key="k2", is_open=False)
        with pytest.raises(CohortClosed):
            course.enroll(other_learner, cohort=closed, enrolment_key="k2")

    def test_enrolled_learner_can_join_a_cohort_later(self, course, learner):
        enrollment = course.enroll(learner)
        cohort = CohortFactory(course=course, enrolment_key="k")
        assert course.enroll(learner, cohort=cohort, enrolment_key="k").pk == enrollment.pk
        enrollment.refresh_from_db()
        assert enrollment.cohort == cohort

    def test_invite_code_is_long_random_and_regenerable(self, course):
        cohort = CohortFactory(course=course)
        old = cohort.invite_code
        assert len(old) >= 20
        cohort.regenerate_invite_code()
        assert cohort.invite_code != old
        assert cohort.get_invite_url().endswith(f"/learn/join/{cohort.invite_code}/")


class TestWithdrawal:
    def test_withdraw_and_reenrol_keeps_progress(self, course, lessons, learner):
        enrollment = course.enroll(learner)
        enrollment.complete_step(lessons[0])
        enrollment.withdraw()
        assert enrollment.status == Enrollment.Status.WITHDRAWN
        assert CoursePage.objects.get(pk=course.pk).enrolment_count == 0
        assert Enrollment.objects.active_for(learner, course) is None

        again = CoursePage.objects.get(pk=course.pk).enroll(learner)
        assert again.pk == enrollment.pk
        assert again.is_active
        assert again.steps_completed == 1
        assert lessons[0].pk in again.completed_step_ids()
        assert CoursePage.objects.get(pk=course.pk).enrolment_count == 1
        assert list(EnrollmentEvent.objects.filter(enrollment=enrollment).values_list("action", flat=True)) == [
            "enrol",
            "withdraw",
            "reactivate",
        ]

    def test_reenrolment_checks_prerequisites_again(self, course, catalog, category, learner):
        enrollment = course.enroll(learner)
        enrollment.withdraw()
        basics = CoursePageFactory(parent=catalog, category=category)
        course.prerequisites.set([basics])
        course.prerequisite_policy = PrerequisitePolicy.REQUIRE
        course.save()
        with pytest.raises(PrerequisitesMissing):
            course.enroll(learner)

    def test_only_allowed_moves(self, course, learner):
        enrollment = course.enroll(learner)
        with pytest.raises(InvalidTransition):
            enrollment.reactivate()
        enrollment.withdraw()
        with pytest.raises(InvalidTransition):
            enrollment.withdraw()
        with pytest.raises(InvalidTransition):
            enrollment.complete()

    def test_completed_enrolment_cannot_be_withdrawn(self, course, learner):
        enrollment = EnrollmentFactory(user=learner, course=course, status=Enrollment.Status.COMPLETED)
        with pytest.raises(InvalidTransition):
            enrollment.withdraw()


def test_course_ids_for_and_current(course, catalog, category, learner):
    other = CoursePageFactory(parent=catalog, category=category)
    course.enroll(learner)
    other.enroll(learner).withdraw()
    assert Enrollment.objects.course_ids_for(learner) == {course.pk}
