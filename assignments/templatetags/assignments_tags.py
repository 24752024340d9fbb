from __future__ import annotations

from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from ..feedback import render_feedback_panels
from ..sanitize import to_plain_text
from ..text import count_characters

register = template.Library()


@register.simple_tag
def status_badge(submission) -> str:
    """A coloured label with the attempt's state (text, not colour alone, carries the meaning)."""
    return format_html('<span class="badge badge--{}">{}</span>', submission.status, submission.get_status_display())


@register.simple_tag
def char_range(minimum, maximum) -> str:
    """ "800–1,200 characters", "at least 800 characters" or "at most 1,200 characters"."""
    if minimum and maximum:
        return _("%(min)s–%(max)s characters") % {"min": f"{minimum:,}", "max": f"{maximum:,}"}
    if minimum:
        return _("at least %(min)s characters") % {"min": f"{minimum:,}"}
    if maximum:
        return _("at most %(max)s characters") % {"max": f"{maximum:,}"}
    return ""


@register.simple_tag
def current_count(html: str) -> int:
    """The character count of sanitized HTML, as the server counts it on save."""
    return count_characters(to_plain_text(html or "", already_clean=True))


@register.simple_tag(takes_context=True)
def feedback_panels(context, submission) -> str:
    return mark_safe(render_feedback_panels(context.get("request"), submission))  # noqa: S308 (panels return safe HTML)
