"""The review queue, claiming (one attempt, or the next one) and giving work back."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from assignments.exceptions import AlreadyClaimed, InvalidTransition
from courses.utils import display_name

from ..conf import conf
from ..exceptions import CapacityReached
from ..forms import QueueFilterForm
from ..queue import COUNT_CAP, QueueFilters, ReviewQueue, claim, release_expired_claims
from .common import mentor_required, reviewable_or_404, safe_next

FILTER_PARAMS = ("state", "course", "level", "cohort", "late")


def build_queue(request, data) -> tuple[ReviewQueue, QueueFilterForm]:
    """The reviewer's queue with the filters in `data` (bad values are ignored)."""
    queue = ReviewQueue(request.user)
    form = QueueFilterForm(data, queue=queue)
    queue.filters = QueueFilters(**form.get_filters())
    queue.filters.state = queue.filters.state or "waiting"
    return queue, form


def holder_message(submission) -> str:
    """ "<name> is already reviewing this (since …, until …)" for a claim that lost."""
    holder = submission.claimed_by
    if holder is None:
        return _("Another mentor has just taken this submission.")
    return _("%(name)s is already reviewing this submission (since %(since)s; the claim lasts until %(until)s).") % {
        "name": display_name(holder),
        "since": date_format(timezone.localtime(submission.claimed_at), "SHORT_DATETIME_FORMAT"),
        "until": date_format(timezone.localtime(submission.claim_expires_at), "SHORT_DATETIME_FORMAT"),
    }


@mentor_required
@require_GET
def queue_view(request):
    """/mentor/: waiting work in scope, oldest first; filters, counts, pagination by key."""
    release_expired_claims()
    queue, form = build_queue(request, request.GET)
    page = queue.page(after=request.GET.get("after"), before=request.GET.get("before"))
    filter_query = request.GET.copy()
    for key in ("after", "before"):
        filter_query.pop(key, None)
    return TemplateResponse(
        request,
        "mentoring/queue.html",
        {
            "form": form,
            "filters": queue.filters,
            "queue_page": page,
            "rows": page.rows,
            "counts": queue.counts(),
            "count_cap": COUNT_CAP,
            "filter_query": filter_query.urlencode(),
            "filter_items": [(key, value) for key, value in filter_query.items() if key in FILTER_PARAMS],
            "sla_hours": conf.REVIEW_SLA_HOURS,
            "sla_seconds": conf.REVIEW_SLA_HOURS * 3600,
            "lease_hours": conf.REVIEW_LEASE_HOURS,
        },
    )


@mentor_required
@require_POST
def claim_next_view(request):
    """Claim the oldest unclaimed attempt that matches the queue's filters."""
    queue, _form = build_queue(request, request.POST)
    try:
        submission = queue.claim_next()
    except CapacityReached as error:
        messages.error(request, str(error.message))
        return redirect(safe_next(request, reverse("mentoring:queue")))
    if submission is None:
        messages.info(request, _("Nothing is waiting for review right now."))
        return redirect(safe_next(request, reverse("mentoring:queue")))
    messages.success(request, claimed_message(submission))
    return redirect("mentoring:review", pk=submission.pk)


def claimed_message(submission) -> str:
    return _("You are reviewing “%(title)s” by %(learner)s until %(until)s.") % {
        "title": submission.assignment.title,
        "learner": display_name(submission.learner),
        "until": date_format(timezone.localtime(submission.claim_expires_at), "SHORT_DATETIME_FORMAT"),
    }


@mentor_required
@require_POST
def claim_view(request, pk: int):
    """Claim one attempt. Losing to a colleague says who holds it."""
    submission = reviewable_or_404(request, pk)
    try:
        claim(submission, request.user)
    except CapacityReached as error:
        messages.error(request, str(error.message))
    except (AlreadyClaimed, InvalidTransition):
        submission.refresh_from_db()
        if submission.claimed_by_id == request.user.pk:
            messages.info(request, _("You are already reviewing this submission."))
        elif submission.claimed_by_id:
            messages.error(request, holder_message(submission))
        else:
            messages.error(request, _("This submission is no longer waiting for review."))
    else:
        messages.success(request, claimed_message(submission))
    return redirect("mentoring:review", pk=submission.pk)
