"""Recording views and completions, resuming, and completion issuing exactly one certificate."""

from __future__ import annotations

import re

import pytest

from courses import progress, signals
from courses.exceptions import InvalidTransition, NotEnrolled, StepNotCompletable
from courses.models import Certificate, CoursePage, Enrollment, StepProgress
from courses.steps import CourseStepMixin
from tests.factories.courses import CoursePageFactory, EnrollmentFactory, LessonPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def collected():
    """Collect the courses signals sent during a test."""
    seen = {"step_viewed": [], "step_completed": [], "course_completed": []}
    handlers = {}
    for name in seen:

        def handler(sender, _name=name, **kwargs):
            seen[_name].append(kwargs)

        handlers[name] = handler
        getattr(signals, name).connect(handler, weak=False, dispatch_uid=f"test-{name}")
    yield seen
    for name in seen:
        getattr(signals, name).disconnect(dispatch_uid=f"test-{name}")


def test_view_records_first_and_last_view_and_last_step(course, lessons, learner, collected):
    enrollment = course.enroll(learner)
    first = progress.record_step_view(learner, lessons[1])
    again = progress.record_step_view(learner, lessons[1])
    assert first.pk == again.pk
    row = StepProgress.objects.get(pk=first.pk)
    assert row.first_viewed_at <= row.last_viewed_at
    assert row.completed_at is None
    enrollment.refresh_from_db()
    assert enrollment.last_step_id == lessons[1].pk
    assert enrollment.last_visited_at is not None
    assert len(collected["step_viewed"]) == 2


def test_view_without_enrolment_records_nothing(course, lessons, learner):
    assert progress.record_step_view(learner, lessons[0]) is None
    assert not StepProgress.objects.exists()


def test_completing_every_required_step_issues_exactly_one_certificate(course, lessons, learner, collected):
    enrollment = course.enroll(learner)
    progress.mark_step_complete(learner, lessons[0], by_learner=True)
    enrollment.refresh_from_db()
    assert (enrollment.steps_completed, enrollment.steps_required, enrollment.progress_percent) == (1, 2, 50)
    assert not Certificate.objects.exists()

    progress.mark_step_complete(learner, lessons[1], by_learner=True)
    progress.mark_step_complete(learner, lessons[1], by_learner=True)  # twice changes nothing
    progress.mark_step_complete(learner, lessons[2], by_learner=True)  # the optional one, afterwards
    enrollment.refresh_from_db()
    assert enrollment.status == Enrollment.Status.COMPLETED
    assert enrollment.completed_at is not None
    assert enrollment.progress_percent == 100
    certificate = Certificate.objects.get()
    assert certificate.enrollment == enrollment
    assert certificate.course_title == course.title
    assert certificate.learner_name == learner.get_username()
    assert re.fullmatch(r"[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}", certificate.code)
    assert [kw["certificate"] for kw in collected["course_completed"]] == [certificate]
    assert len(collected["step_completed"]) == 3

    assert Certificate.issue(enrollment) == certificate
    with pytest.raises(InvalidTransition):
        enrollment.complete()
    assert Certificate.objects.count() == 1


def test_optional_steps_do_not_block_completion(course, lessons, learner):
    enrollment = course.enroll(learner)
    enrollment.complete_step(lessons[0])
    enrollment.complete_step(lessons[1])
    enrollment.refresh_from_db()
    assert enrollment.is_completed
    assert lessons[2].pk not in enrollment.completed_step_ids()


def test_certificate_codes_differ(catalog, category, learner):
    codes = set()
    for _ in range(5):
        course = CoursePageFactory(parent=catalog, category=category)
        lesson = LessonPageFactory(parent=course)
        enrollment = course.enroll(learner)
        enrollment.complete_step(lesson)
        codes.add(enrollment.certificate.code)
    assert len(codes) == 5


def test_marking_a_step_without_enrolment_is_refused(course, lessons, learner):
    with pytest.raises(NotEnrolled):
        progress.mark_step_complete(learner, lessons[0], by_learner=True)
    assert not StepProgress.objects.exists()


def test_marking_after_withdrawal_is_refused(course, lessons, learner):
    course.enroll(learner).withdraw()
    with pytest.raises(NotEnrolled):
        progress.mark_step_complete(learner, lessons[0], by_learner=True)


def test_learner_cannot_complete_an_external_step(course, lessons, learner):
    course.enroll(learner)
    step = lessons[1]
    step.completion_mode = CourseStepMixin.COMPLETION_EXTERNAL  # as an assignment would
    with pytest.raises(StepNotCompletable):
        progress.mark_step_complete(learner, step, by_learner=True)
    # The owning app may complete it.
    assert progress.mark_step_complete(learner, step).completed_at is not None


def test_mark_incomplete_lowers_progress_but_not_a_completed_course(course, lessons, learner):
    enrollment = course.enroll(learner)
    progress.mark_step_complete(learner, lessons[0])
    progress.mark_step_incomplete(learner, lessons[0])
    enrollment.refresh_from_db()
    assert enrollment.steps_completed == 0
    progress.mark_step_complete(learner, lessons[0])
    progress.mark_step_complete(learner, lessons[1])
    progress.mark_step_incomplete(learner, lessons[1])
    enrollment.refresh_from_db()
    assert enrollment.is_completed
    assert Certificate.objects.count() == 1


def test_new_required_step_is_counted_for_active_enrolments(course, lessons, learner, other_learner):
    active = course.enroll(learner)
    active.complete_step(lessons[0])
    LessonPageFactory(parent=course)
    active.refresh_from_db()
    assert (active.steps_completed, active.steps_required) == (1, 3)


def test_unpublishing_the_last_missing_step_completes_the_course(course, lessons, learner):
    enrollment = course.enroll(learner)
    enrollment.complete_step(lessons[0])
    lessons[1].unpublish()
    enrollment.refresh_from_db()
    assert enrollment.is_completed
    assert Certificate.objects.filter(enrollment=enrollment).count() == 1


class TestResume:
    """“Continue where you left off”: the first incomplete step after the last one visited."""

    @pytest.fixture
    def five(self, course):
        return [LessonPageFactory(parent=course, slug=f"step-{n}") for n in range(5)]

    def resume(self, learner, course):
        enrollment = Enrollment.objects.get(user=learner, course=course)
        return enrollment.get_resume_step(CoursePage.objects.get(pk=course.pk).get_steps())

    def test_new_learner_starts_at_the_first_step(self, course, five, learner):
        course.enroll(learner)
        assert self.resume(learner, course) == five[0]

    def test_resumes_after_the_last_visited_completed_step(self, course, five, learner):
        enrollment = course.enroll(learner)
        for step in five[:2]:
            enrollment.record_view(step)
            enrollment.complete_step(step)
        assert self.resume(learner, course) == five[2]

    def test_resumes_on_the_last_visited_step_when_it_is_not_done(self, course, five, learner):
        enrollment = course.enroll(learner)
        enrollment.complete_step(five[0])
        enrollment.record_view(five[3])
        assert self.resume(learner, course) == five[3]

    def test_skips_completed_steps_after_the_last_visited_one(self, course, five, learner):
        enrollment = course.enroll(learner)
        enrollment.complete_step(five[3])
        enrollment.record_view(five[2])
        enrollment.complete_step(five[2])
        assert self.resume(learner, course) == five[4]

    def test_wraps_to_an_earlier_incomplete_step(self, course, five, learner):
        enrollment = course.enroll(learner)
        for step in five[1:]:
            enrollment.record_view(step)
            enrollment.complete_step(step)
        assert self.resume(learner, course) == five[0]


def test_factory_enrolment_counts_steps(course, lessons, learner):
    enrollment = EnrollmentFactory(user=learner, course=course)
    assert enrollment.steps_required == 2


def test_moving_a_lesson_to_another_course_recounts_both(course, lessons, catalog, category, learner, other_learner):
    other = CoursePageFactory(parent=catalog, category=category)
    LessonPageFactory(parent=other)
    here = course.enroll(learner)
    there = other.enroll(other_learner)
    lessons[1].move(other, pos="last-child")
    here.refresh_from_db()
    there.refresh_from_db()
    assert here.steps_required == 1
    assert there.steps_required == 2


def test_deleting_a_lesson_removes_its_progress_and_recounts(course, lessons, learner):
    enrollment = course.enroll(learner)
    enrollment.complete_step(lessons[0])
    lessons[0].delete()
    enrollment.refresh_from_db()
    assert (enrollment.steps_completed, enrollment.steps_required) == (0, 1)
    assert not StepProgress.objects.filter(enrollment=enrollment).exists()
