"""Settings of the courses app, all prefixed LMS_, read at access time.

Use `from courses.conf import conf` and read `conf.NAME`; `override_settings`
in tests takes effect at once.
"""

from __future__ import annotations

from django.conf import settings


class CoursesSettings:
    @property
    def CATALOG_PAGE_SIZE(self) -> int:  # noqa: N802 (settings are upper case)
        return getattr(settings, "LMS_CATALOG_PAGE_SIZE", 24)

    @property
    def SITE_NAME(self) -> str:  # noqa: N802
        """The name printed on certificates when the Wagtail site has none."""
        return getattr(settings, "LMS_CERTIFICATE_ISSUER", "") or getattr(settings, "WAGTAIL_SITE_NAME", "")


conf = CoursesSettings()
