"""Template helpers of the courses app: avatars, progress bars, level badges."""

from __future__ import annotations

from django import template

from courses.models import Level
from courses.utils import display_name

register = template.Library()


def _initials(user) -> str:
    name = display_name(user).strip()
    parts = name.split()
    if len(parts) >= 2 and parts[0][:1].isascii():
        return (parts[0][:1] + parts[-1][:1]).upper()
    return name[:1].upper()


@register.inclusion_tag("courses/includes/avatar.html")
def avatar(user, size: str = "small"):
    """The user's Wagtail avatar, or their initials in a circle. No query if the profile was selected."""
    url = ""
    try:
        profile = user.wagtail_userprofile
    except Exception:  # noqa: BLE001 (no profile yet: RelatedObjectDoesNotExist)
        profile = None
    if profile is not None and profile.avatar:
        url = profile.avatar.url
    return {"user": user, "name": display_name(user), "initials": _initials(user), "url": url, "size": size}


@register.inclusion_tag("courses/includes/progress_bar.html")
def progress_bar(enrollment, label: str = ""):
    """A native <progress> with its percentage and counts as text (no inline styles, CSP-safe)."""
    return {
        "percent": enrollment.progress_percent,
        "done": enrollment.steps_completed,
        "total": enrollment.steps_required,
        "completed": enrollment.is_completed,
        "label": label,
    }


@register.inclusion_tag("courses/includes/level_badge.html")
def level_badge(level):
    try:
        level = Level(int(level))
    except (TypeError, ValueError):
        return {"level": None}
    return {"level": level.value, "label": level.label}


@register.filter
def user_name(user) -> str:
    return display_name(user)


@register.simple_tag
def page_window(page_obj, around: int = 2) -> list[int | None]:
    """The page numbers to link: first, last and current ± `around`, with None where pages are left out.

    Computed from the page count, so it costs the same for 3 pages or 3,000.
    """
    last, current = page_obj.paginator.num_pages, page_obj.number
    numbers = sorted({1, last, *range(max(1, current - around), min(last, current + around) + 1)})
    window: list[int | None] = []
    for number in numbers:
        if window and number - window[-1] > 1:
            window.append(None if number - window[-1] > 2 else number - 1)
        window.append(number)
    return window
