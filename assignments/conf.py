"""Settings of the assignments app, all prefixed LMS_, read at access time.

Use `from assignments.conf import conf` and read `conf.NAME`; `override_settings`
in tests takes effect at once.
"""

from __future__ import annotations

from django.conf import settings

SANITIZER_ENGINES = {
    "nh3": "assignments.sanitize.Nh3Engine",
    "bleach": "assignments.sanitize.BleachEngine",
}


class AssignmentsSettings:
    @property
    def SANITIZER(self) -> str:  # noqa: N802 (settings are upper case)
        """The HTML sanitizer engine: "nh3" (default), "bleach", or a dotted path to an engine class."""
        name = getattr(settings, "LMS_SANITIZER", "nh3")
        return SANITIZER_ENGINES.get(name, name)

    @property
    def AUTOSAVE_SECONDS(self) -> int:  # noqa: N802
        """How often the writing page saves a changed draft to the server."""
        return int(getattr(settings, "LMS_AUTOSAVE_SECONDS", 30))

    @property
    def CLAIM_LEASE_HOURS(self) -> int:  # noqa: N802
        """How long a mentor's claim on a submission lasts before it can be taken by another."""
        return int(getattr(settings, "LMS_CLAIM_LEASE_HOURS", 8))

    @property
    def UPLOAD_MAX_PIXELS(self) -> int:  # noqa: N802
        """The largest image (width x height) accepted in an upload: a guard against pixel floods."""
        return int(getattr(settings, "LMS_UPLOAD_MAX_PIXELS", 40_000_000))

    @property
    def UPLOAD_HARD_MAX_MB(self) -> int:  # noqa: N802
        """An upper bound on any single file, whatever an assignment allows."""
        return int(getattr(settings, "LMS_UPLOAD_HARD_MAX_MB", 50))

    @property
    def MAX_BODY_CHARS(self) -> int:  # noqa: N802
        """The longest HTML body accepted from a learner, as a guard on request size (not the task's limit)."""
        return int(getattr(settings, "LMS_MAX_BODY_CHARS", 400_000))


conf = AssignmentsSettings()
