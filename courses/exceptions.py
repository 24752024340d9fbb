"""Domain errors of the courses app. Views turn them into translated messages."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _


class CoursesError(Exception):
    """Base class: `message` is a translated sentence a learner can read."""

    message = _("This action is not possible.")

    def __init__(self, message=None):
        if message is not None:
            self.message = message
        super().__init__(str(self.message))


class NotEnrolled(CoursesError):
    message = _("You are not enrolled in this course.")


class AlreadyEnrolled(CoursesError):
    message = _("You are already enrolled in this course.")


class EnrolmentClosed(CoursesError):
    message = _("This course is not open for enrolment.")


class PrerequisitesMissing(CoursesError):
    """The course requires other courses first; `missing` lists them."""

    message = _("Complete the required courses first.")

    def __init__(self, missing, message=None):
        self.missing = list(missing)
        super().__init__(message)


class InvalidCohortKey(CoursesError):
    message = _("That enrolment key is not correct. Check it and try again.")


class CohortClosed(CoursesError):
    message = _("This cohort is not accepting new members.")


class InvalidTransition(CoursesError):
    """A state change that the allowed-moves table does not permit."""

    message = _("This change is not possible in the enrolment's current state.")


class StepNotCompletable(CoursesError):
    message = _("This step is completed by another part of the course, not by hand.")
