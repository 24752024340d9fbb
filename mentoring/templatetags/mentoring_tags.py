"""Template tags of the mentoring app.

{% load mentoring_tags %}
{% upcoming_meetups_panel %}        the learner's next meetups (for a dashboard)
{{ row.waiting|duration }}          "3 days 4 hours"
"""

from __future__ import annotations

import datetime as dt

from django import template
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from courses.utils import display_name

from ..meetups import upcoming

register = template.Library()


@register.filter
def duration(value) -> str:
    """A waiting time in hours (under two days) or days and hours."""
    if value is None:
        return ""
    if isinstance(value, int | float):
        value = dt.timedelta(hours=value)
    hours = int(value.total_seconds() // 3600)
    if hours < 1:
        return _("less than an hour")
    if hours < 48:
        return ngettext("%(count)d hour", "%(count)d hours", hours) % {"count": hours}
    days, rest = divmod(hours, 24)
    day_text = ngettext("%(count)d day", "%(count)d days", days) % {"count": days}
    if not rest:
        return day_text
    return _("%(days)s %(hours)s") % {
        "days": day_text,
        "hours": ngettext("%(count)d hour", "%(count)d hours", rest) % {"count": rest},
    }


@register.inclusion_tag("mentoring/includes/upcoming_meetups.html", takes_context=True)
def upcoming_meetups_panel(context, limit: int = 3, heading_level: int = 2):
    """The next meetups the current user may join, with their reply. For the learner dashboard."""
    request = context.get("request")
    user = getattr(request, "user", None)
    return {
        "meetups": upcoming(user, limit=limit),
        "request": request,
        "heading_level": heading_level,
    }


@register.filter
def person(user) -> str:
    """The name shown for a person (full name, else user name)."""
    return display_name(user) if user is not None else ""
