"""The review page: the attempt, its history and diff, the brief and rubric, and the review form
(scores, comments, passages, decision). Also the feedback thread."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.db import transaction
from django.db.models import F
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from assignments.diff import char_diff, diff_stats
from assignments.exceptions import AssignmentsError
from assignments.models import Submission
from assignments.permissions import can_review
from courses.utils import display_name

from ..conf import conf
from ..exceptions import AnnotationInvalid, MentoringError, NotReviewer, ReviewIncomplete
from ..feedback import annotated_text, number_annotations
from ..forms import FeedbackReplyForm, ReviewForm
from ..models import Annotation, CommentBankEntry, Decision, FeedbackMessage, Review
from ..queue import holder_is
from .common import mentor_required, reviewable_or_404, safe_next
from .queue import holder_message

ACTIONS = ("save", "annotate", "release", "unclaim", "autosave")


def _submission_queryset():
    return Submission.objects.select_related("assignment", "assignment__rubric", "learner", "claimed_by")


def _review_of(submission) -> Review | None:
    return (
        Review.objects.filter(submission=submission)
        .select_related("mentor")
        .prefetch_related("scores", "annotations__author")
        .first()
    )


def _criteria(submission) -> list:
    rubric = submission.assignment.rubric
    return rubric.get_criteria() if rubric is not None else []


def _bank(user):
    return CommentBankEntry.objects.filter(mentor=user)


def review_context(request, submission: Submission, review: Review | None, form: ReviewForm | None) -> dict:
    """Everything the review page shows, in a fixed number of queries."""
    assignment = submission.assignment
    attempts = list(
        Submission.objects.filter(assignment_id=submission.assignment_id, learner_id=submission.learner_id)
        .exclude(status=Submission.Status.DRAFT)
        .only("pk", "attempt", "status", "submitted_at", "decided_at", "is_late")
        .order_by("attempt")
    )
    previous = next((a for a in attempts if a.attempt == submission.attempt - 1), None)
    if previous is not None:
        previous = Submission.objects.only("pk", "attempt", "body_text").get(pk=previous.pk)
    diff = char_diff(previous.body_text, submission.body_text) if previous is not None else None
    annotations = number_annotations(review.annotations.all()) if review is not None else []
    lost = []
    if previous is not None and review is not None:
        carried = {a.carried_from_id for a in annotations if a.carried_from_id}
        lost = [
            a
            for a in Annotation.objects.filter(review__submission=previous, review__status=Review.Status.RELEASED)
            if a.pk not in carried
        ]
    is_holder = holder_is(submission, request.user)
    now = timezone.now()
    return {
        "submission": submission,
        "assignment": assignment,
        "course": assignment.get_course(),
        "learner_name": display_name(submission.learner),
        "attempts": attempts,
        "previous": previous,
        "diff": diff,
        "diff_stats": diff_stats(diff) if diff is not None else None,
        "review": review,
        "segments": annotated_text(submission.body_text, annotations),
        "annotations": annotations,
        "lost_annotations": lost,
        "criteria": _criteria(submission),
        "form": form,
        "can_edit": form is not None,
        "is_holder": is_holder,
        "holder_name": display_name(submission.claimed_by) if submission.claimed_by_id else "",
        "lease_expired": bool(submission.claim_expires_at and submission.claim_expires_at < now),
        "bank_entries": list(_bank(request.user)) if form is not None else [],
        "events": list(submission.events.select_related("actor")),
        "thread": list(FeedbackMessage.objects.for_submission(submission)) if submission.feedback_released else [],
        "reply_form": FeedbackReplyForm() if submission.feedback_released else None,
        "autosave_seconds": conf.AUTOSAVE_SECONDS,
        "now": now,
    }


def _render(request, submission, review, form, *, status=200):
    return TemplateResponse(
        request, "mentoring/review.html", review_context(request, submission, review, form), status=status
    )


def _rebound(form: ReviewForm, request, criteria, *, overall_comment: str | None = None, clear_annotation=False):
    """A fresh bound form with what was posted (saved remarks already merged), for showing errors."""
    data = request.POST.copy()
    if overall_comment is not None:
        data["overall_comment"] = overall_comment
        data.setlist("bank", [])
    if clear_annotation:
        for name in ("quote", "quote_start", "quote_end", "annotation"):
            data[name] = ""
    rebound = ReviewForm(data, criteria=criteria, bank_entries=_bank(request.user))
    rebound.is_valid()
    return rebound


@mentor_required
def review_view(request, pk: int):
    """GET: the attempt and (for the mentor holding the claim) the review form. POST: the form's buttons."""
    submission = reviewable_or_404(request, pk, _submission_queryset())
    review = _review_of(submission)
    criteria = _criteria(submission)
    editable = review is not None and review.is_draft and holder_is(submission, request.user, unexpired=True)

    if request.method != "POST":
        form = None
        if editable:
            form = ReviewForm(
                initial=ReviewForm.initial_from(review), criteria=criteria, bank_entries=_bank(request.user)
            )
        return _render(request, submission, review, form)

    action = request.POST.get("action", "save")
    action = action if action in ACTIONS else "save"
    wants_json = action == "autosave"
    form = ReviewForm(request.POST, criteria=criteria, bank_entries=_bank(request.user))
    if not editable:
        message = _("You no longer hold this submission, so the review cannot be changed. Your text is shown below.")
        if submission.claimed_by_id and submission.claimed_by_id != request.user.pk:
            message = holder_message(submission)
        elif review is not None and review.is_released:
            message = _("This review has already been released.")
        if wants_json:
            return JsonResponse({"error": message}, status=409)
        form.is_valid()
        form.add_error(None, message)
        return _render(request, submission, review, form, status=409)
    if not form.is_valid():
        if wants_json:
            return JsonResponse(
                {"error": _("The draft could not be saved."), "fields": form.errors.get_json_data()}, status=400
            )
        return _render(request, submission, review, form, status=400)

    overall = form.get_overall_comment()
    chosen = list(form.cleaned_data.get("bank") or [])
    try:
        with transaction.atomic():
            review.save_draft(
                request.user,
                overall_comment=overall,
                decision=form.cleaned_data.get("decision") or "",
                scores=form.get_scores(),
            )
            if chosen:
                CommentBankEntry.objects.filter(pk__in=[entry.pk for entry in chosen]).update(
                    use_count=F("use_count") + 1
                )
    except (NotReviewer, MentoringError) as error:
        if wants_json:
            return JsonResponse({"error": str(error.message)}, status=409)
        rebound = _rebound(form, request, criteria)
        rebound.add_error(None, str(error.message))
        return _render(request, submission, review, rebound, status=409)
    if wants_json:
        return JsonResponse({"saved_at": timezone.localtime(review.updated_at).strftime("%H:%M:%S")})

    delete_id = request.POST.get("delete_annotation")
    if delete_id:
        annotation = get_object_or_404(Annotation, pk=delete_id, review=review)
        review.remove_annotation(request.user, annotation)
        messages.success(request, _("The comment on the passage was removed. Your draft is saved."))
        return redirect(reverse("mentoring:review", args=[pk]) + "#passages")

    if form.has_annotation():
        data = form.cleaned_data
        error_field, error = None, None
        if not (data.get("quote") or "").strip() and data.get("quote_start") is None:
            error_field, error = "quote", _("Select or copy the passage you are commenting on.")
        elif not (data.get("annotation") or "").strip():
            error_field, error = "annotation", _("Write your comment on the passage.")
        else:
            try:
                review.add_annotation(
                    request.user,
                    comment=data["annotation"].strip(),
                    quote=data.get("quote") or "",
                    start=data.get("quote_start"),
                    end=data.get("quote_end"),
                )
            except AnnotationInvalid as invalid:
                error_field, error = "quote", str(invalid.message)
        if error:
            rebound = _rebound(form, request, criteria, overall_comment=overall)
            rebound.add_error(error_field, error)
            return _render(request, submission, _review_of(submission), rebound, status=400)
        if action in ("save", "annotate"):
            messages.success(request, _("Your comment on the passage was added. Your draft is saved."))
            return redirect(reverse("mentoring:review", args=[pk]) + "#passages")

    if action == "release":
        review = _review_of(submission)
        try:
            review.release(request.user)
        except ReviewIncomplete as incomplete:
            rebound = _rebound(form, request, criteria, overall_comment=overall, clear_annotation=True)
            for field, message in incomplete.errors.items():
                rebound.add_error(field if field in rebound.fields else None, message)
            if incomplete.missing_criteria:
                rebound.add_error(
                    None,
                    _("Not released: score every criterion first (missing: %(criteria)s). Your draft is saved.")
                    % {"criteria": "、".join(incomplete.missing_criteria)},
                )
            return _render(request, submission, review, rebound, status=400)
        except (MentoringError, AssignmentsError) as error:
            rebound = _rebound(form, request, criteria, overall_comment=overall, clear_annotation=True)
            rebound.add_error(None, str(error.message))
            return _render(request, submission, review, rebound, status=409)
        if review.decision == Decision.APPROVE:
            messages.success(request, _("Approved. The learner has been told and can read your review."))
        else:
            messages.success(request, _("Changes requested. The learner has been told and can read your review."))
        return redirect("mentoring:queue")

    if action == "unclaim":
        try:
            with transaction.atomic():
                submission.release(request.user, note=_("Returned to the queue by the mentor."))
        except AssignmentsError as error:
            messages.error(request, str(error.message))
            return redirect("mentoring:review", pk=pk)
        messages.success(request, _("The submission is back in the queue. Your draft is kept for whoever takes it."))
        return redirect("mentoring:queue")

    messages.success(request, _("Your draft is saved."))
    return redirect("mentoring:review", pk=pk)


def thread_submission_or_404(request, pk: int) -> Submission:
    """A released attempt whose thread the user may read: its learner, or a reviewer in scope."""
    submission = get_object_or_404(Submission.objects.select_related("assignment", "learner"), pk=pk)
    user = request.user
    if not submission.feedback_released:
        raise Http404
    if submission.learner_id != user.pk and not can_review(user, submission):
        raise Http404
    return submission


def feedback_thread_view(request, pk: int):
    """GET: the conversation about a reviewed attempt. POST: a reply (the other side is told by e-mail)."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    submission = thread_submission_or_404(request, pk)
    is_learner = submission.learner_id == request.user.pk
    default_next = (
        submission.get_absolute_url() if is_learner else reverse("mentoring:review", args=[submission.pk])
    ) + "#feedback-thread"
    form = FeedbackReplyForm(request.POST or None)
    if request.method == "POST":
        if form.is_valid():
            FeedbackMessage.post(submission, request.user, form.cleaned_data["body"])
            messages.success(request, _("Your message was sent."))
            return redirect(safe_next(request, default_next))
        status = 400
    else:
        status = 200
    return TemplateResponse(
        request,
        "mentoring/feedback_thread.html",
        {
            "submission": submission,
            "assignment": submission.assignment,
            "thread": list(FeedbackMessage.objects.for_submission(submission)),
            "reply_form": form,
            "back_url": default_next,
            "is_learner": is_learner,
        },
        status=status,
    )
