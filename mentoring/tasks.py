"""Background tasks of the mentoring app (Django's tasks API): every e-mail goes out from here.

With the immediate backend they run at once, inside the request; with the
database backend a `manage.py db_worker` process runs them. Arguments are ids
and ISO dates (JSON), and each task reloads what it needs, so that a task that
runs later sees the current state (and sends nothing when the work is gone).
"""

from __future__ import annotations

import datetime as dt

from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone
from django_tasks import task

from assignments.models import Submission

from .models import FeedbackMessage, MeetupRegistration, Review
from .notifications import absolute_url, deliver
from .scopes import forget, submissions_in_scope

STATUS = Submission.Status


def _user(user_id: int):
    return get_user_model().objects.filter(pk=user_id, is_active=True).first()


def _submission(submission_id: int) -> Submission | None:
    return Submission.objects.select_related("assignment", "learner").filter(pk=submission_id).first()


def _review_link(submission: Submission) -> str:
    return absolute_url(reverse("mentoring:review", args=[submission.pk]))


@task()
def notify_new_work(submission_id: int, mentor_id: int) -> str:
    """Tell a mentor that work has arrived in their scope (if it is still waiting)."""
    submission = _submission(submission_id)
    mentor = _user(mentor_id)
    if submission is None or mentor is None or submission.status != STATUS.SUBMITTED:
        return ""
    course = submission.assignment.get_course()
    return deliver(
        mentor,
        "new_work",
        {
            "submission": submission,
            "assignment": submission.assignment,
            "course": course,
            "link": _review_link(submission),
            "queue_link": absolute_url(reverse("mentoring:queue")),
        },
    )


@task()
def notify_review_released(submission_id: int) -> str:
    """Tell the learner that the review of their attempt is released, with a link to it."""
    submission = _submission(submission_id)
    if submission is None or not submission.feedback_released:
        return ""
    review = Review.objects.filter(submission=submission).select_related("mentor").first()
    return deliver(
        submission.learner,
        "review_released",
        {
            "submission": submission,
            "assignment": submission.assignment,
            "review": review,
            "approved": submission.status == STATUS.APPROVED,
            "link": absolute_url(submission.get_absolute_url()),
        },
    )


@task()
def notify_feedback_message(message_id: int, recipient_id: int) -> str:
    """Tell the other side of a feedback thread that a message arrived."""
    message = FeedbackMessage.objects.select_related("author", "submission__assignment").filter(pk=message_id).first()
    recipient = _user(recipient_id)
    if message is None or recipient is None:
        return ""
    submission = message.submission
    if recipient.pk == submission.learner_id:
        link = absolute_url(submission.get_absolute_url() + "#feedback-thread")
    else:
        link = absolute_url(reverse("mentoring:review", args=[submission.pk]) + "#feedback-thread")
    return deliver(
        recipient,
        "feedback_message",
        {"message": message, "submission": submission, "assignment": submission.assignment, "link": link},
    )


@task()
def send_mentor_digest(mentor_id: int, since: str, until: str) -> str:
    """The daily digest: work that arrived in the mentor's scope between `since` and `until` (ISO)."""
    mentor = _user(mentor_id)
    if mentor is None:
        return ""
    forget(mentor)
    start, end = dt.datetime.fromisoformat(since), dt.datetime.fromisoformat(until)
    waiting = submissions_in_scope(mentor).filter(status=STATUS.SUBMITTED)
    new = list(
        waiting.filter(submitted_at__gt=start, submitted_at__lte=end)
        .select_related("assignment", "learner")
        .defer("body_html", "body_text", "feedback")
        .order_by("submitted_at", "pk")[:20]
    )
    if not new:
        return ""
    for submission in new:
        submission.link = _review_link(submission)
    new_total = waiting.filter(submitted_at__gt=start, submitted_at__lte=end).count()
    oldest = waiting.order_by("submitted_at").values_list("submitted_at", flat=True).first()
    return deliver(
        mentor,
        "digest",
        {
            "new": new,
            "new_total": new_total,
            "more": max(0, new_total - len(new)),
            "waiting_total": waiting.count(),
            "oldest": oldest,
            "since": start,
            "queue_link": absolute_url(reverse("mentoring:queue")),
        },
    )


@task()
def send_review_reminder(submission_id: int, mentor_id: int, sla_hours: int) -> str:
    """Remind a mentor that an attempt in their scope has waited longer than the SLA."""
    submission = _submission(submission_id)
    mentor = _user(mentor_id)
    if submission is None or mentor is None or submission.status != STATUS.SUBMITTED:
        return ""
    waited = timezone.now() - submission.submitted_at
    return deliver(
        mentor,
        "sla_reminder",
        {
            "submission": submission,
            "assignment": submission.assignment,
            "course": submission.assignment.get_course(),
            "hours": int(waited.total_seconds() // 3600),
            "sla_hours": sla_hours,
            "link": _review_link(submission),
        },
    )


@task()
def notify_meetup_promotion(registration_id: int) -> str:
    """Tell someone on the waiting list that a seat became free and is now theirs."""
    registration = MeetupRegistration.objects.select_related("user", "meetup").filter(pk=registration_id).first()
    if registration is None or not registration.is_going:
        return ""
    meetup = registration.meetup
    return deliver(
        registration.user,
        "meetup_promoted",
        {
            "meetup": meetup,
            "link": absolute_url(meetup.url or "/"),
            "ics_link": absolute_url((meetup.url or "/") + "calendar/"),
        },
    )
