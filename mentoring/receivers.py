"""How the mentoring app reacts to submissions' moves and to its own events.

- submitted: the mentors whose scope covers the work (and who chose "at once") get an e-mail;
- claimed: the attempt's `Review` is opened for the mentor holding the claim;
- approved / changes requested: the learner gets an e-mail with a link to the feedback (and a draft
  review left open by a decision made elsewhere is marked released);
- a feedback message: the other side gets an e-mail;
- a seat freed for someone on a meetup's waiting list: they get an e-mail.

E-mails are tasks queued after the transaction commits (`notifications.enqueue_on_commit`).
"""

from __future__ import annotations

from django.dispatch import receiver

from assignments.models import Submission
from assignments.signals import (
    submission_approved,
    submission_changes_requested,
    submission_claimed,
    submission_submitted,
)

from . import tasks
from .models import FeedbackMessage, MeetupRegistration, NotifyMode, Review
from .notifications import enqueue_on_commit
from .scopes import mentors_for
from .signals import feedback_posted, registration_changed


@receiver(submission_submitted, sender=Submission, dispatch_uid="mentoring_announce_new_work")
def announce_new_work(sender, submission, **kwargs):
    """E-mail at once the mentors in scope who asked for it; digest readers hear about it daily."""
    for profile in mentors_for(submission):
        if profile.accepting and profile.notify == NotifyMode.IMMEDIATE and profile.user.is_active:
            enqueue_on_commit(tasks.notify_new_work, submission.pk, profile.user_id)


@receiver(submission_claimed, sender=Submission, dispatch_uid="mentoring_open_review")
def open_review(sender, submission, by=None, **kwargs):
    """The claimer works on the attempt's review (created on the first claim)."""
    Review.open_for(submission, by)


@receiver(submission_approved, sender=Submission, dispatch_uid="mentoring_announce_approval")
@receiver(submission_changes_requested, sender=Submission, dispatch_uid="mentoring_announce_changes")
def announce_review(sender, submission, **kwargs):
    """Tell the learner; a draft review left open by a decision made elsewhere is marked released."""
    Review.adopt_decision(submission)
    enqueue_on_commit(tasks.notify_review_released, submission.pk)


@receiver(feedback_posted, sender=FeedbackMessage, dispatch_uid="mentoring_announce_feedback_message")
def announce_feedback_message(sender, message, **kwargs):
    """A learner's message goes to the mentor who released the review; a mentor's to the learner."""
    submission = message.submission
    if message.author_id == submission.learner_id:
        review = Review.objects.filter(submission=submission).values_list("mentor_id", flat=True).first()
        recipient_id = review or submission.decided_by_id
    else:
        recipient_id = submission.learner_id
    if recipient_id and recipient_id != message.author_id:
        enqueue_on_commit(tasks.notify_feedback_message, message.pk, recipient_id)


@receiver(registration_changed, sender=MeetupRegistration, dispatch_uid="mentoring_announce_promotion")
def announce_promotion(sender, registration, action, **kwargs):
    if action == "promote":
        enqueue_on_commit(tasks.notify_meetup_promotion, registration.pk)
