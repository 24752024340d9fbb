"""Shared pieces of the mentor views: who may enter, and finding a submission in scope."""

from __future__ import annotations

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.utils.http import url_has_allowed_host_and_scheme

from assignments.models import Submission
from assignments.permissions import can_review

from ..scopes import is_mentor


def mentor_required(view):
    """Logged-in mentors (a mentor profile) and staff; others get a page saying so (403)."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not is_mentor(request.user):
            return TemplateResponse(request, "mentoring/not_mentor.html", status=403)
        return view(request, *args, **kwargs)

    return wrapped


def reviewable_or_404(request, pk: int, queryset=None) -> Submission:
    """A submitted attempt the user may review; anything else (drafts, out of scope) is a 404."""
    queryset = queryset if queryset is not None else Submission.objects.select_related("assignment", "learner")
    submission = get_object_or_404(queryset, pk=pk)
    if submission.status == Submission.Status.DRAFT or not can_review(request.user, submission):
        raise Http404
    return submission


def safe_next(request, default: str) -> str:
    """The `next` parameter when it points to this site, else `default`."""
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return default
