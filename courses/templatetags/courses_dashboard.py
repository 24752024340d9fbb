from __future__ import annotations

from django import template

from courses.dashboard import render_dashboard_panels

register = template.Library()


@register.simple_tag(takes_context=True)
def dashboard_panels(context):
    """The panels other apps registered with `courses.dashboard.register_dashboard_panel`."""
    return render_dashboard_panels(context.get("request"))
