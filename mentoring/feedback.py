"""What a learner sees of a released review (registered with `assignments.feedback`): scores per
criterion with comments, the highlighted passages with their comments, and the feedback thread.

On the attempt's own page (`assignments:submission_detail`) the panel is shown
in full; elsewhere (the assignment page's summary) as a short summary with a link.
"""

from __future__ import annotations

from django.template.loader import render_to_string

from assignments.permissions import can_review

from .anchoring import segments
from .forms import FeedbackReplyForm
from .models import FeedbackMessage, Review


def number_annotations(annotations) -> list:
    """Number the annotations 1, 2, … in reading order (the number links a highlight to its comment)."""
    ordered = sorted(annotations, key=lambda item: (item.start, item.end, item.pk or 0))
    for number, annotation in enumerate(ordered, start=1):
        annotation.number = number
    return ordered


def annotated_text(text: str, annotations) -> list:
    """The text cut into segments, each knowing the (numbered) annotations that cover it."""
    return segments(text, number_annotations(annotations))


def released_review(submission) -> Review | None:
    return (
        Review.objects.released()
        .filter(submission=submission)
        .select_related("mentor", "mentor__mentor_profile")
        .prefetch_related("scores", "annotations__carried_from__review__submission")
        .first()
    )


def is_full_view(request) -> bool:
    match = getattr(request, "resolver_match", None)
    return bool(match and match.view_name == "assignments:submission_detail")


def review_feedback_panel(request, submission) -> str:
    """The released review of `submission` as HTML, or "" when there is none."""
    review = released_review(submission)
    if review is None:
        return ""
    user = getattr(request, "user", None)
    annotations = number_annotations(review.annotations.all())
    context = {
        "review": review,
        "submission": submission,
        "scores": list(review.scores.all()),
        "total": review.total_points(),
        "annotations": annotations,
        "full": is_full_view(request),
    }
    if context["full"]:
        can_reply = bool(user is not None and (submission.learner_id == user.pk or can_review(user, submission)))
        context.update(
            segments=segments(submission.body_text, annotations),
            thread_messages=list(FeedbackMessage.objects.for_submission(submission)),
            reply_form=FeedbackReplyForm() if can_reply else None,
        )
    return render_to_string("mentoring/includes/feedback_panel.html", context, request=request)
