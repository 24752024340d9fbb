"""E-mails of the mentoring app: rendered in the recipient's language, as text and HTML, with
absolute links to the site.

The tasks in `mentoring.tasks` call `deliver()`; views and receivers only
enqueue those tasks (after the transaction commits), so that a worker sends the
mail when one is configured. The function that finally sends a message is
swappable: `LMS_MENTORING_EMAIL_SENDER` (default `send_email` below).
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.module_loading import import_string
from wagtail.models import Site
from wagtail.users.models import UserProfile

from courses.utils import display_name

from .conf import conf

logger = logging.getLogger(__name__)


def preferred_language(user) -> str:
    """The language the user reads e-mails in: their Wagtail profile's choice, else the site's."""
    codes = {code for code, _name in settings.LANGUAGES}
    language = UserProfile.get_for_user(user).preferred_language
    return language if language in codes else settings.LANGUAGE_CODE


def absolute_url(path: str) -> str:
    """`path` on the public site (`LMS_BASE_URL`, else `WAGTAILADMIN_BASE_URL`)."""
    if path.startswith(("http://", "https://")):
        return path
    return conf.BASE_URL + (path if path.startswith("/") else "/" + path)


def site_name() -> str:
    site = Site.objects.filter(is_default_site=True).only("site_name").first()
    return (site.site_name if site else "") or getattr(settings, "WAGTAIL_SITE_NAME", "")


def render_email(user, template: str, context: dict) -> EmailMultiAlternatives:
    """Render `mentoring/email/<template>_subject.txt`, `.txt` and `.html` in the user's language."""
    language = preferred_language(user)
    with translation.override(language):
        full_context = {
            **context,
            "recipient": user,
            "recipient_name": display_name(user),
            "site_name": site_name(),
            "site_url": conf.BASE_URL + "/",
            "language": language,
        }
        subject = " ".join(render_to_string(f"mentoring/email/{template}_subject.txt", full_context).split())
        text = render_to_string(f"mentoring/email/{template}.txt", full_context)
        html = render_to_string(f"mentoring/email/{template}.html", full_context)
    message = EmailMultiAlternatives(subject, text, to=[user.email], headers={"Content-Language": language})
    message.attach_alternative(html, "text/html")
    return message


def send_email(message: EmailMultiAlternatives) -> None:
    """The default sender: Django's configured mail backend."""
    message.send()


def deliver(user, template: str, context: dict) -> str:
    """Render and send one e-mail to `user`; returns the address it went to ("" when the user has none)."""
    if user is None or not user.email or not user.is_active:
        return ""
    message = render_email(user, template, context)
    import_string(conf.EMAIL_SENDER)(message)
    return user.email


def enqueue_on_commit(task, *args) -> None:
    """Queue `task(*args)` once the current transaction commits (at once outside one).

    A failure to queue is logged, never turned into an error page for the person who acted.
    """
    transaction.on_commit(lambda: task.enqueue(*args), robust=True)
