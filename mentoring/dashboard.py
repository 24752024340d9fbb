"""The learner's upcoming meetups, as a panel of the courses dashboard (/learn/)."""

from __future__ import annotations

from django.template.loader import render_to_string

from .meetups import upcoming


def upcoming_meetups_dashboard_panel(request) -> str:
    """Registered with `courses.dashboard.register_dashboard_panel` in `MentoringConfig.ready()`."""
    user = getattr(request, "user", None)
    meetups = upcoming(user, limit=3)
    return render_to_string(
        "mentoring/includes/upcoming_meetups.html",
        {"meetups": meetups, "request": request, "heading_level": 2},
        request=request,
    )
