"""The mentor's comment bank: reusable remarks, listed, added, edited and removed."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ..forms import CommentBankEntryForm
from ..models import CommentBankEntry
from .common import mentor_required


@mentor_required
def bank_list(request):
    """GET: the mentor's saved remarks and a form to add one. POST: add it."""
    form = CommentBankEntryForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        entry = form.save(commit=False)
        entry.mentor = request.user
        entry.save()
        messages.success(request, _("The remark “%(label)s” is saved.") % {"label": entry.label})
        return redirect("mentoring:bank")
    entries = CommentBankEntry.objects.filter(mentor=request.user)
    return TemplateResponse(
        request,
        "mentoring/bank.html",
        {"entries": entries, "form": form},
        status=400 if form.is_bound and form.errors else 200,
    )


@mentor_required
def bank_edit(request, pk: int):
    entry = get_object_or_404(CommentBankEntry, pk=pk, mentor=request.user)
    form = CommentBankEntryForm(request.POST or None, instance=entry)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("The remark “%(label)s” is updated.") % {"label": entry.label})
        return redirect("mentoring:bank")
    return TemplateResponse(
        request,
        "mentoring/bank_edit.html",
        {"entry": entry, "form": form},
        status=400 if form.is_bound and form.errors else 200,
    )


@mentor_required
@require_POST
def bank_delete(request, pk: int):
    entry = get_object_or_404(CommentBankEntry, pk=pk, mentor=request.user)
    entry.delete()
    messages.success(request, _("The remark “%(label)s” is removed.") % {"label": entry.label})
    return redirect("mentoring:bank")
