"""The mentor dashboard (figures and the weekly chart) and the mentor's own settings."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from ..charts import turnaround_chart
from ..conf import conf
from ..forms import MentorSettingsForm
from ..metrics import dashboard_metrics
from ..models import MeetupPage
from ..queue import open_claims
from ..scopes import get_profile, get_scopes, is_staff_reviewer, submissions_in_scope
from .common import mentor_required


@mentor_required
@require_GET
def dashboard_view(request):
    """Queue length, oldest waiting, medians over 30 days, reviews per mentor, weekly turnaround."""
    now = timezone.now()
    metrics = dashboard_metrics(submissions_in_scope(request.user), now=now)
    hosting = list(
        MeetupPage.objects.live()
        .filter(hosts=request.user, ends_at__gte=now)
        .annotate_going()
        .order_by("starts_at")[:5]
    )
    return TemplateResponse(
        request,
        "mentoring/dashboard.html",
        {
            "metrics": metrics,
            "chart": turnaround_chart(metrics["weekly"]),
            "scopes": get_scopes(request.user),
            "sees_everything": is_staff_reviewer(request.user),
            "profile": get_profile(request.user),
            "open_claims": open_claims(request.user),
            "sla_hours": conf.REVIEW_SLA_HOURS,
            "hosting": hosting,
            "now": now,
        },
    )


@mentor_required
def settings_view(request):
    """How the mentor hears about new work, and whether they take new work at all."""
    profile = get_profile(request.user)
    if profile is None:
        messages.info(request, _("Staff without a mentor profile have no settings here."))
        return redirect("mentoring:dashboard")
    form = MentorSettingsForm(request.POST or None, instance=profile)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Your settings are saved."))
        return redirect("mentoring:settings")
    return TemplateResponse(
        request,
        "mentoring/settings.html",
        {"form": form, "profile": profile, "scopes": get_scopes(request.user)},
        status=400 if form.is_bound and form.errors else 200,
    )
