"""Settings of the mentoring app, all prefixed LMS_, read at access time.

Use `from mentoring.conf import conf` and read `conf.NAME`; `override_settings`
in tests takes effect at once.

| setting | default | meaning |
|---|---|---|
| `LMS_REVIEW_LEASE_HOURS` | 8 | how long a mentor's claim on an attempt lasts |
| `LMS_REVIEW_SLA_HOURS` | 72 | work waiting longer than this triggers one reminder to the mentors in scope |
| `LMS_MENTOR_QUEUE_PAGE_SIZE` | 50 | rows per page of the queue |
| `LMS_BASE_URL` | `WAGTAILADMIN_BASE_URL` | the site's public address, used for links in e-mails |
| `LMS_MENTORING_EMAIL_SENDER` | `mentoring.notifications.send_email` | dotted path of the function that sends one e-mail |
| `LMS_REVIEW_AUTOSAVE_SECONDS` | 20 | how often the review form saves a changed draft |
"""

from __future__ import annotations

from django.conf import settings


class MentoringSettings:
    @property
    def REVIEW_LEASE_HOURS(self) -> int:  # noqa: N802 (settings are upper case)
        """How long a claim lasts before the attempt goes back to the queue."""
        return int(getattr(settings, "LMS_REVIEW_LEASE_HOURS", 8))

    @property
    def REVIEW_SLA_HOURS(self) -> int:  # noqa: N802
        """Work waiting longer than this is late for review: the mentors in scope get one reminder."""
        return int(getattr(settings, "LMS_REVIEW_SLA_HOURS", 72))

    @property
    def QUEUE_PAGE_SIZE(self) -> int:  # noqa: N802
        return int(getattr(settings, "LMS_MENTOR_QUEUE_PAGE_SIZE", 50))

    @property
    def BASE_URL(self) -> str:  # noqa: N802
        """The public address of the site, without a trailing slash, for links in e-mails."""
        base = getattr(settings, "LMS_BASE_URL", "") or getattr(settings, "WAGTAILADMIN_BASE_URL", "")
        return (base or "http://localhost:8000").rstrip("/")

    @property
    def EMAIL_SENDER(self) -> str:  # noqa: N802
        """Dotted path of `send(message: EmailMultiAlternatives) -> None`; swap it to send through another service."""
        return getattr(settings, "LMS_MENTORING_EMAIL_SENDER", "mentoring.notifications.send_email")

    @property
    def AUTOSAVE_SECONDS(self) -> int:  # noqa: N802
        return int(getattr(settings, "LMS_REVIEW_AUTOSAVE_SECONDS", 20))


conf = MentoringSettings()
