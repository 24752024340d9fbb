"""Small helpers of the courses app."""

from __future__ import annotations

import unicodedata

from django.contrib.auth import get_user_model


def _is_cjk(text: str) -> bool:
    return any(unicodedata.east_asian_width(char) in {"W", "F"} for char in text)


def display_name(user) -> str:
    """The name shown to other people: full name when given, else the username.

    Names written in Japanese (or Chinese, Korean) put the family name first,
    as they are always written (山田 花子); others put the given name first.
    """
    first = (getattr(user, "first_name", "") or "").strip()
    last = (getattr(user, "last_name", "") or "").strip()
    if first and last:
        return f"{last} {first}" if _is_cjk(first + last) else f"{first} {last}"
    return first or last or user.get_username()


def normalize_key(key: str) -> str:
    """An enrolment key as compared: NFKC (full-width to half-width), no surrounding spaces, case folded."""
    return unicodedata.normalize("NFKC", key or "").strip().casefold()


def user_queryset_with_profiles():
    """Users with their Wagtail profile (for avatars) in the same query."""
    return get_user_model().objects.select_related("wagtail_userprofile").order_by("last_name", "first_name", "pk")
