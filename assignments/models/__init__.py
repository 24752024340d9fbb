"""Models of the assignments app: the task page, rubrics, submissions, their files and events, extensions."""

from .pages import AssignmentPage, DueMode, SubmissionKind
from .rubrics import Rubric, RubricCriterion
from .submissions import Extension, Submission, SubmissionEvent, SubmissionFile, SubmissionStatus

__all__ = [
    "AssignmentPage",
    "DueMode",
    "Extension",
    "Rubric",
    "RubricCriterion",
    "Submission",
    "SubmissionEvent",
    "SubmissionFile",
    "SubmissionKind",
    "SubmissionStatus",
]
