"""Models of the mentoring app: mentor profiles and scopes, reviews, meetups."""

from .meetups import (
    MeetupIndexPage,
    MeetupPage,
    MeetupRegistration,
    ProgressReport,
    RegistrationStatus,
    attach_registrations,
)
from .profiles import MentorProfile, MentorScope, NotifyMode
from .reviews import (
    Annotation,
    CommentBankEntry,
    CriterionScore,
    Decision,
    FeedbackMessage,
    Review,
    ReviewReminder,
    ReviewStatus,
    comment_to_html,
)

__all__ = [
    "Annotation",
    "CommentBankEntry",
    "CriterionScore",
    "Decision",
    "FeedbackMessage",
    "MeetupIndexPage",
    "MeetupPage",
    "MeetupRegistration",
    "MentorProfile",
    "MentorScope",
    "NotifyMode",
    "ProgressReport",
    "RegistrationStatus",
    "Review",
    "ReviewReminder",
    "ReviewStatus",
    "attach_registrations",
    "comment_to_html",
]
