"""Domain errors of the mentoring app. Views turn them into translated messages."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _


class MentoringError(Exception):
    """Base class: `message` is a translated sentence the person can read."""

    message = _("This action is not possible.")

    def __init__(self, message=None):
        if message is not None:
            self.message = message
        super().__init__(str(self.message))


class InvalidTransition(MentoringError):
    """A state change that the allowed-moves table does not permit."""

    message = _("This change is not possible in the current state.")

    def __init__(self, action: str = "", status: str = "", message=None):
        self.action = action
        self.status = status
        super().__init__(message)


class NotReviewer(MentoringError):
    message = _("Claim this submission before you review it.")


class CapacityReached(MentoringError):
    message = _("You already hold as many open reviews as your profile allows. Finish or release one first.")


class ReviewIncomplete(MentoringError):
    """A review cannot be released yet; `errors` maps a field name (or None) to a sentence."""

    message = _("The review cannot be released yet.")

    def __init__(self, errors: dict, missing_criteria: list[str] | None = None, message=None):
        self.errors = errors
        self.missing_criteria = list(missing_criteria or [])
        super().__init__(message)


class AnnotationInvalid(MentoringError):
    message = _("The passage could not be found in this attempt.")


class FeedbackClosed(MentoringError):
    message = _("You can reply once the review has been released.")


class MeetupError(MentoringError):
    pass


class MeetupClosed(MeetupError):
    message = _("This meetup has already started, so replies are closed.")


class NotInCohort(MeetupError):
    message = _("This meetup is for the members of its cohort.")


class AlreadyRegistered(MeetupError):
    message = _("You have already replied to this meetup.")


class NotRegistered(MeetupError):
    message = _("You have not registered for this meetup.")
