"""Domain errors of the assignments app. Views turn them into translated messages."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _


class AssignmentsError(Exception):
    """Base class: `message` is a translated sentence a learner can read."""

    message = _("This action is not possible.")

    def __init__(self, message=None):
        if message is not None:
            self.message = message
        super().__init__(str(self.message))


class InvalidTransition(AssignmentsError):
    """A state change that the allowed-moves table does not permit."""

    message = _("This change is not possible in the submission's current state.")

    def __init__(self, action: str = "", status: str = "", message=None):
        self.action = action
        self.status = status
        super().__init__(message)


class AlreadyClaimed(InvalidTransition):
    message = _("Another mentor is already reviewing this submission.")


class StaleVersion(AssignmentsError):
    """A draft save based on an older version than the one stored."""

    message = _("This draft was changed in another window or device since you opened it.")

    def __init__(self, submission=None, message=None):
        self.submission = submission
        super().__init__(message)


class SubmissionInvalid(AssignmentsError):
    """The work does not meet the task's rules (length, files, URL); `errors` lists each broken rule."""

    message = _("The work cannot be submitted yet.")

    def __init__(self, errors, message=None):
        self.errors = list(errors)
        super().__init__(message)


class DeadlinePassed(AssignmentsError):
    message = _("The cut-off for this task has passed, so it can no longer be submitted.")


class AttemptsExhausted(AssignmentsError):
    message = _("You have used every attempt this task allows.")


class NotEnrolled(AssignmentsError):
    message = _("Enrol in the course to work on its tasks.")


class UploadRefused(AssignmentsError):
    """A file broke one of the upload rules; the message names the file and the rule."""
