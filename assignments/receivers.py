"""How the assignments app reacts to its own moves: course progress follows approvals."""

from __future__ import annotations

from django.dispatch import receiver

from courses.exceptions import NotEnrolled
from courses.progress import mark_step_complete

from .models import Submission
from .signals import submission_approved


@receiver(submission_approved, sender=Submission, dispatch_uid="assignments_complete_step_on_approval")
def complete_step_on_approval(sender, submission, by=None, **kwargs):
    """An assignment step is complete when the learner's latest attempt is approved."""
    latest = (
        Submission.objects.filter(assignment_id=submission.assignment_id, learner_id=submission.learner_id)
        .order_by("-attempt")
        .values_list("pk", flat=True)
        .first()
    )
    if latest != submission.pk:
        return
    try:
        mark_step_complete(submission.learner, submission.assignment)
    except NotEnrolled:
        # A learner who has left the course keeps the approval; progress has no enrolment to go to.
        pass
