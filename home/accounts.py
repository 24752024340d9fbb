"""Account helpers shared by the site's templates, forms and e-mails."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from wagtail.users.models import UserProfile

from courses.utils import display_name as courses_display_name


def display_name(user: AbstractBaseUser) -> str:
    """The name shown to other people (allauth's ACCOUNT_USER_DISPLAY); the one rule lives in courses."""
    return courses_display_name(user)


def preferred_language(user: AbstractBaseUser) -> str:
    """The language a user reads e-mails in: their profile's choice, else the site's."""
    profile = UserProfile.get_for_user(user)
    codes = {code for code, _name in settings.LANGUAGES}
    return profile.preferred_language if profile.preferred_language in codes else settings.LANGUAGE_CODE
