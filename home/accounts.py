"""Account helpers shared by the site's templates, forms and e-mails."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from wagtail.users.models import UserProfile


def display_name(user: AbstractBaseUser) -> str:
    """The name shown to other people: full name when given, else the username."""
    full = user.get_full_name().strip() if hasattr(user, "get_full_name") else ""
    return full or user.get_username()


def preferred_language(user: AbstractBaseUser) -> str:
    """The language a user reads e-mails in: their profile's choice, else the site's."""
    profile = UserProfile.get_for_user(user)
    codes = {code for code, _name in settings.LANGUAGES}
    return profile.preferred_language if profile.preferred_language in codes else settings.LANGUAGE_CODE
