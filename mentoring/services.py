"""Flows run by cron (through the management commands): daily digests and SLA reminders.

Each decides whom to tell, records that it did (so a second run the same day,
or a second machine, sends nothing twice) and queues the e-mails as tasks.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.utils import timezone

from assignments.models import Submission

from . import tasks
from .conf import conf
from .models import MentorProfile, NotifyMode, ReviewReminder
from .notifications import enqueue_on_commit
from .scopes import forget, mentors_for, submissions_in_scope

# A digest goes out at most once in this many hours, however often cron runs the command.
DIGEST_MIN_INTERVAL = dt.timedelta(hours=20)


@dataclass
class DigestRun:
    queued: int = 0
    skipped: int = 0


def send_mentor_digests(*, now: dt.datetime | None = None, force: bool = False) -> DigestRun:
    """Queue one digest per mentor who chose digests and has new work since their last one."""
    now = now or timezone.now()
    run = DigestRun()
    profiles = MentorProfile.objects.accepting().filter(notify=NotifyMode.DIGEST).select_related("user")
    for profile in profiles:
        last = profile.last_digest_at
        if not force and last is not None and now - last < DIGEST_MIN_INTERVAL:
            run.skipped += 1
            continue
        since = last or now - dt.timedelta(days=1)
        forget(profile.user)
        new = (
            submissions_in_scope(profile.user)
            .filter(status=Submission.Status.SUBMITTED, submitted_at__gt=since, submitted_at__lte=now)
            .exists()
        )
        with transaction.atomic():
            # Taken by a conditional update: two cron runs at once send one digest.
            claimed = MentorProfile.objects.filter(pk=profile.pk, last_digest_at=last).update(last_digest_at=now)
            if claimed != 1:
                run.skipped += 1
                continue
            if new:
                enqueue_on_commit(tasks.send_mentor_digest, profile.user_id, since.isoformat(), now.isoformat())
                run.queued += 1
            else:
                run.skipped += 1
    return run


@dataclass
class ReminderRun:
    submissions: int = 0
    emails: int = 0
    without_mentor: int = 0


def send_review_reminders(*, now: dt.datetime | None = None, limit: int = 1000) -> ReminderRun:
    """Remind the mentors in scope of every attempt waiting longer than `LMS_REVIEW_SLA_HOURS`,
    once per attempt (a `ReviewReminder` row records it)."""
    now = now or timezone.now()
    sla = conf.REVIEW_SLA_HOURS
    threshold = now - dt.timedelta(hours=sla)
    run = ReminderRun()
    waiting = (
        Submission.objects.filter(status=Submission.Status.SUBMITTED, submitted_at__lt=threshold)
        .exclude(pk__in=ReviewReminder.objects.values("submission_id"))
        .select_related("assignment")
        .defer("body_html", "body_text", "feedback")
        .order_by("submitted_at", "pk")[:limit]
    )
    for submission in waiting:
        mentors = [
            profile
            for profile in mentors_for(submission)
            if profile.accepting and profile.notify != NotifyMode.NONE and profile.user.is_active
        ]
        try:
            with transaction.atomic():
                ReviewReminder.objects.create(
                    submission=submission, waiting_since=submission.submitted_at, recipients=len(mentors)
                )
                for profile in mentors:
                    enqueue_on_commit(tasks.send_review_reminder, submission.pk, profile.user_id, sla)
        except IntegrityError:
            continue  # another run recorded it first
        run.submissions += 1
        run.emails += len(mentors)
        run.without_mentor += 0 if mentors else 1
    return run
