"""Small helpers of the courses app."""

from __future__ import annotations

import unicodedata

from django.contrib.auth import get_user_model


def display_name(user) -> str:
    """The name shown to other people: full name when given, else the username."""
    full = user.get_full_name().strip() if hasattr(user, "get_full_name") else ""
    return full or user.get_username()


def normalize_key(key: str) -> str:
    """An enrolment key as compared: NFKC (full-width to half-width), no surrounding spaces, case folded."""
    return unicodedata.normalize("NFKC", key or "").strip().casefold()


def user_queryset_with_profiles():
    """Users with their Wagtail profile (for avatars) in the same query."""
    return get_user_model().objects.select_related("wagtail_userprofile").order_by("last_name", "first_name", "pk")
