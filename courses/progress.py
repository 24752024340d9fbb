"""Recording progress through course steps: the functions other apps call.

- `record_step_view(user, step)`: the learner opened a step. Stamps first/last
  viewed and remembers it as the enrolment's last step. Does nothing for a
  user who is not enrolled.
- `mark_step_complete(user, step)`: the step is done. Lessons: the learner
  pressed "mark complete" (`by_learner=True`). Other step types (completion
  mode "external"): the owning app decides, e.g. assignments when the latest
  attempt is approved. Recomputes the enrolment's progress; when every
  required step is complete, the enrolment completes and exactly one
  `Certificate` is issued.
- `mark_step_incomplete(user, step)`: undo (e.g. an approval withdrawn).
- `recompute_course(course)`: recount every active enrolment after the
  course's steps changed.

Signals: `courses.signals.step_viewed`, `step_completed`, `course_completed`.
The state changes themselves are methods of `Enrollment` (`record_view`,
`complete_step`, `uncomplete_step`, `complete`).
"""

from __future__ import annotations

from django.db import transaction

from .exceptions import NotEnrolled, StepNotCompletable
from .models import Enrollment, StepProgress


def get_enrollment(user, step, *, lock: bool = False) -> Enrollment | None:
    """The user's current (active or completed) enrolment in the step's course, or None."""
    course = step.get_course()
    if course is None or not getattr(user, "is_authenticated", False):
        return None
    queryset = Enrollment.objects.current().filter(user=user, course=course)
    if lock:
        queryset = queryset.select_for_update()
    enrollment = queryset.first()
    if enrollment is not None:
        enrollment.course = course  # the specific page the step already holds
    return enrollment


def record_step_view(user, step, *, enrollment: Enrollment | None = None) -> StepProgress | None:
    """Remember that `user` viewed `step`. Returns the progress row, or None when not enrolled."""
    enrollment = enrollment or get_enrollment(user, step)
    if enrollment is None:
        return None
    return enrollment.record_view(step)


@transaction.atomic
def mark_step_complete(user, step, *, by_learner: bool = False) -> StepProgress:
    """Record that `user` completed `step`; complete the course when it was the last required step.

    `by_learner=True` when the learner asks (the "mark complete" button): then
    only steps with completion mode "manual" are accepted. Raises `NotEnrolled`
    when the user has no active or completed enrolment in the step's course,
    `StepNotCompletable` when a learner tries to complete an "external" step.
    Completing a completed step again changes nothing.
    """
    if by_learner and not step.learner_can_mark_complete():
        raise StepNotCompletable()
    enrollment = get_enrollment(user, step, lock=True)
    if enrollment is None:
        raise NotEnrolled()
    return enrollment.complete_step(step, user=user)


@transaction.atomic
def mark_step_incomplete(user, step) -> StepProgress | None:
    """Undo a completion. A completed enrolment stays completed (its certificate stands)."""
    enrollment = get_enrollment(user, step, lock=True)
    if enrollment is None:
        raise NotEnrolled()
    return enrollment.uncomplete_step(step)


def recompute_course(course) -> int:
    """Recount every active enrolment of `course` after its steps changed (published, moved, deleted).

    Returns how many enrolments were looked at.
    """
    course.clear_steps_cache()
    required_ids = [step.pk for step in course.get_required_steps()]
    enrollments = list(Enrollment.objects.filter(course=course, status=Enrollment.Status.ACTIVE))
    for enrollment in enrollments:
        enrollment.course = course
        enrollment.recompute_progress(required_ids=required_ids)
    return len(enrollments)
