"""Learner views: saving and submitting work, autosave, withdraw, revise, files, "my submissions".

The writing page itself is the `AssignmentPage` (see its `get_context`); the
form posts here. Failed posts re-render that page with the bound form, so
nothing the learner typed is lost.
"""

from __future__ import annotations

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.db import transaction
from django.http import FileResponse, Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from courses.progress import get_enrollment

from .diff import char_diff, diff_stats
from .exceptions import (
    AssignmentsError,
    DeadlinePassed,
    InvalidTransition,
    NotEnrolled,
    StaleVersion,
    SubmissionInvalid,
    UploadRefused,
)
from .forms import FORMAT_HTML, SubmissionForm
from .models import AssignmentPage, Submission, SubmissionFile
from .permissions import can_view
from .sanitize import clean, to_plain_text


def _assignment_or_404(page_id: int) -> AssignmentPage:
    page = get_object_or_404(AssignmentPage.objects.live(), pk=page_id)
    # One query for the usual case; a subclass of AssignmentPage is loaded as itself.
    return page if page.specific_class in (None, type(page)) else page.specific


def render_assignment(request, page: AssignmentPage, *, status: int = 200, **context) -> TemplateResponse:
    """Render the assignment page as Wagtail would, with extra context (a bound form, a conflict)."""
    request.is_preview = False
    return TemplateResponse(request, page.get_template(request), page.get_context(request, **context), status=status)


def _page_url(request, page: AssignmentPage) -> str:
    return page.get_url(request) or "/"


def _draft_version(draft: Submission, posted_version: int) -> int:
    """Version 0 means "there was no draft when the page was opened": that is the fresh, empty draft."""
    if posted_version == 0 and draft.version == 1 and not draft.body_html and not draft.url:
        return 1
    return posted_version


@login_required
@require_POST
def save(request, page_id: int):
    """Save the draft (button "Save draft") or save and submit it (button "Submit")."""
    page = _assignment_or_404(page_id)
    enrollment = get_enrollment(request.user, page)
    if enrollment is None:
        messages.error(request, NotEnrolled.message)
        return redirect(_page_url(request, page))
    action = request.POST.get("action", "save")
    form = SubmissionForm(request.POST, request.FILES, assignment=page)
    if not form.is_valid():
        return render_assignment(request, page, form=form, status=400)

    with transaction.atomic():
        try:
            draft = Submission.start_draft(page, request.user)
            version = _draft_version(draft, form.cleaned_data["version"])
            draft.save_draft(body_html=form.get_html(), url=form.get_url(), version=version, by=request.user)
        except StaleVersion as conflict:
            # Keep the learner's text in the form; saving again replaces the stored version.
            data = request.POST.copy()
            data["version"] = str(conflict.submission.version)
            form = SubmissionForm(data, assignment=page)
            form.is_valid()
            return render_assignment(request, page, form=form, conflict={"server": conflict.submission}, status=409)
        except InvalidTransition:
            messages.info(request, _("This work has already been submitted."))
            return redirect(_page_url(request, page))

    # The text is saved from here on: the next post must carry the new version.
    data = request.POST.copy()
    data["version"] = str(draft.version)
    if form.cleaned_data.get("body_format") != FORMAT_HTML and "body" in form.fields:
        data["body"] = form.cleaned_data.get("body", "")
    form = SubmissionForm(data, assignment=page)
    form.is_valid()

    uploads = request.FILES.getlist("files") if page.accepts_files else []
    if uploads:
        try:
            draft.add_files(uploads, by=request.user)
        except UploadRefused as refusal:
            form.add_error("files", str(refusal.message))
            messages.warning(request, _("Your text was saved, but a file was refused."))
            return render_assignment(request, page, form=form, status=400)

    if action != "submit":
        messages.success(request, _("Your draft was saved."))
        return redirect(_page_url(request, page) + "#work")

    try:
        with transaction.atomic():
            draft.submit(by=request.user, enrollment=enrollment)
    except SubmissionInvalid as invalid:
        for error in invalid.errors:
            form.add_error(None, error)
        return render_assignment(request, page, form=form, status=400)
    except DeadlinePassed as closed:
        form.add_error(None, str(closed.message))
        return render_assignment(request, page, form=form, status=400)
    except InvalidTransition:
        messages.info(request, _("This work has already been submitted."))
        return redirect(_page_url(request, page))
    if draft.is_late:
        messages.warning(request, _("Your work was submitted after the due date and is marked late."))
    else:
        messages.success(request, _("Your work was submitted. A mentor will review it."))
    return redirect(_page_url(request, page))


def _read_payload(request) -> dict:
    if request.content_type == "application/json":
        try:
            payload = json.loads(request.body.decode("utf-8") or "{}")
        except (UnicodeDecodeError, json.JSONDecodeError):
            return {}
        return payload if isinstance(payload, dict) else {}
    return request.POST.dict()


def _json_error(message: str, status: int, **extra) -> JsonResponse:
    return JsonResponse({"error": message, **extra}, status=status)


@require_POST
def autosave(request, page_id: int):
    """Save a draft from the editor: JSON or form data with the version it was based on.

    200 with the new version; 409 with both texts when another tab or device
    saved in between (nothing is lost: the learner chooses).
    """
    if not request.user.is_authenticated:
        return _json_error(_("Log in again to keep saving."), 401)
    page = _assignment_or_404(page_id)
    if get_enrollment(request.user, page) is None:
        return _json_error(str(NotEnrolled.message), 403)
    payload = _read_payload(request)
    form = SubmissionForm(
        {
            "body": payload.get("body", ""),
            "body_format": payload.get("body_format", "text"),
            "url": payload.get("url", ""),
            "version": payload.get("version", ""),
        },
        assignment=page,
    )
    if not form.is_valid():
        return _json_error(_("The draft could not be read."), 400, fields=form.errors.get_json_data())
    yours_html = form.get_html()
    with transaction.atomic():
        try:
            draft = Submission.start_draft(page, request.user)
            version = _draft_version(draft, form.cleaned_data["version"])
            draft.save_draft(body_html=yours_html, url=form.get_url(), version=version, by=request.user)
        except StaleVersion as conflict:
            server = conflict.submission
            return _json_error(
                _("This draft was changed in another window or device. Both versions are shown below."),
                409,
                conflict=True,
                server={
                    "version": server.version,
                    "html": clean(server.body_html),
                    "text": server.body_text,
                    "character_count": server.character_count,
                    "updated_at": server.updated_at.isoformat(),
                },
                yours={"html": yours_html, "text": to_plain_text(yours_html, already_clean=True)},
            )
        except InvalidTransition as refused:
            return _json_error(_("This work has already been submitted."), 409, conflict=False, state=refused.status)
    return JsonResponse(
        {
            "version": draft.version,
            "attempt": draft.attempt,
            "character_count": draft.character_count,
            "saved_at": draft.updated_at.isoformat(),
            "saved_at_display": timezone.localtime(draft.updated_at).strftime("%H:%M:%S"),
        }
    )


def _own_submission_or_404(request, pk: int) -> Submission:
    submission = get_object_or_404(Submission.objects.select_related("assignment"), pk=pk)
    if submission.learner_id != request.user.pk:
        raise Http404
    return submission


def _do_move(request, pk: int, move, success: str):
    submission = _own_submission_or_404(request, pk)
    page = submission.assignment
    try:
        with transaction.atomic():
            move(submission)
    except AssignmentsError as error:
        messages.error(request, str(error.message))
    else:
        messages.success(request, success)
    return redirect(_page_url(request, page) + "#work")


@login_required
@require_POST
def withdraw(request, pk: int):
    """Take submitted work back to draft while no mentor has started reviewing it."""
    return _do_move(
        request, pk, lambda s: s.withdraw(by=request.user), _("Your work is a draft again. Submit it when ready.")
    )


@login_required
@require_POST
def start_revision(request, pk: int):
    """Open the next attempt with the reviewed text copied in."""
    return _do_move(
        request,
        pk,
        lambda s: s.start_revision(by=request.user),
        _("A new attempt has started with your previous text. Revise it and submit again."),
    )


@login_required
@require_POST
def remove_file(request, key):
    record = get_object_or_404(SubmissionFile.objects.select_related("submission__assignment"), key=key)
    submission = record.submission
    if submission.learner_id != request.user.pk:
        raise Http404
    try:
        submission.remove_file(record, by=request.user)
    except AssignmentsError as error:
        messages.error(request, str(error.message))
    else:
        messages.success(request, _("The file “%(name)s” was removed.") % {"name": record.original_name})
    return redirect(_page_url(request, submission.assignment) + "#work")


@require_GET
def download(request, key):
    """Send a learner's file: only to its author and to reviewers; as an attachment that never runs."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    record = get_object_or_404(SubmissionFile.objects.select_related("submission"), key=key)
    if not can_view(request.user, record.submission):
        raise Http404
    try:
        handle = record.file.open("rb")
    except FileNotFoundError as missing:
        raise Http404 from missing
    response = FileResponse(handle, as_attachment=True, filename=record.original_name)
    response["Content-Type"] = "application/octet-stream"
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'"
    response["Cache-Control"] = "private, no-store"
    response._csp_exempt = True  # the middleware must not replace this policy with the site's
    return response


@login_required
@require_GET
def my_submissions(request):
    """Every attempt of the learner, grouped by assignment, newest assignment first."""
    submissions = list(
        Submission.objects.for_learner(request.user).select_related("assignment").order_by("-updated_at", "-attempt")
    )
    groups: dict[int, dict] = {}
    for submission in submissions:
        group = groups.setdefault(submission.assignment_id, {"assignment": submission.assignment, "attempts": []})
        group["attempts"].append(submission)
    for group in groups.values():
        group["attempts"].sort(key=lambda s: s.attempt)
        group["latest"] = group["attempts"][-1]
    return TemplateResponse(request, "assignments/my_submissions.html", {"groups": list(groups.values())})


@login_required
@require_GET
def submission_detail(request, pk: int):
    """One attempt: its text, files, timeline, feedback once released, and the diff from the previous attempt."""
    submission = get_object_or_404(
        Submission.objects.select_related("assignment", "learner").prefetch_related("files", "events__actor"), pk=pk
    )
    if not can_view(request.user, submission):
        raise Http404
    previous = submission.get_previous_attempt()
    diff = char_diff(previous.body_text, submission.body_text) if previous is not None else None
    siblings = list(
        Submission.objects.filter(assignment_id=submission.assignment_id, learner_id=submission.learner_id)
        .only("pk", "attempt", "status")
        .order_by("attempt")
    )
    return TemplateResponse(
        request,
        "assignments/submission_detail.html",
        {
            "submission": submission,
            "assignment": submission.assignment,
            "previous": previous,
            "diff": diff,
            "diff_stats": diff_stats(diff) if diff is not None else None,
            "siblings": siblings,
            "is_owner": submission.learner_id == request.user.pk,
        },
    )
