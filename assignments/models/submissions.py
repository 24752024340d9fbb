"""Submissions: one row per attempt, moved between states only by the named methods below.

```
draft --submit--> submitted --claim--> in_review --approve--> approved
  ^                 |   ^                |
  |--withdraw-------|   |--release/expiry|
                                          --request_changes--> changes_requested
changes_requested --start_revision--> (new attempt n+1, draft, text copied)
```

Each move is atomic, checked against `Submission.TRANSITIONS`, taken by a
conditional UPDATE (so two requests never both move one row, on SQLite as on
PostgreSQL), logged as a `SubmissionEvent` and signalled (`assignments.signals`).
Submitted text is never edited in place: a revision is a new attempt.
"""

from __future__ import annotations

import datetime as dt
import uuid

from django.conf import settings
from django.db import IntegrityError, models, transaction
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from courses.progress import get_enrollment

from .. import signals
from ..conf import conf
from ..exceptions import (
    AlreadyClaimed,
    AttemptsExhausted,
    DeadlinePassed,
    InvalidTransition,
    StaleVersion,
    SubmissionInvalid,
    UploadRefused,
)
from ..permissions import staff_can_review
from ..sanitize import clean, to_plain_text
from ..text import count_characters
from ..uploads import display_name, extension_of, generated_name, private_storage, validate_uploads
from .pages import SubmissionKind


class SubmissionStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    IN_REVIEW = "in_review", _("In review")
    APPROVED = "approved", _("Approved")
    CHANGES_REQUESTED = "changes_requested", _("Changes requested")


class SubmissionQuerySet(models.QuerySet):
    def for_learner(self, user):
        if not getattr(user, "is_authenticated", False):
            return self.none()
        return self.filter(learner=user)

    def awaiting_review(self):
        """Submitted and not claimed, oldest first (the mentors' queue)."""
        return self.filter(status=SubmissionStatus.SUBMITTED).order_by("submitted_at", "pk")

    def release_expired_claims(self, now: dt.datetime | None = None) -> int:
        """Put every claim whose lease has run out back in the queue; return how many."""
        now = now or timezone.now()
        expired = list(self.filter(status=SubmissionStatus.IN_REVIEW, claim_expires_at__lt=now))
        released = 0
        for submission in expired:
            try:
                submission.expire_claim(now=now)
                released += 1
            except InvalidTransition:
                continue  # taken care of by someone else meanwhile
        return released


def submission_file_path(instance: SubmissionFile, filename: str) -> str:
    """Storage names are made by the server; only the (checked) extension comes from the learner."""
    return generated_name(instance.submission.assignment_id, extension_of(filename))


# "The caller did not say": look the enrolment up (None means "not enrolled").
_UNKNOWN = object()


class Submission(models.Model):
    """One attempt of one learner at one assignment."""

    Status = SubmissionStatus

    # action -> (states it may start from, state it ends in)
    TRANSITIONS: dict[str, tuple[frozenset[str], str]] = {
        "submit": (frozenset({Status.DRAFT}), Status.SUBMITTED),
        "withdraw": (frozenset({Status.SUBMITTED}), Status.DRAFT),
        "claim": (frozenset({Status.SUBMITTED}), Status.IN_REVIEW),
        "release": (frozenset({Status.IN_REVIEW}), Status.SUBMITTED),
        "expire": (frozenset({Status.IN_REVIEW}), Status.SUBMITTED),
        "approve": (frozenset({Status.IN_REVIEW}), Status.APPROVED),
        "request_changes": (frozenset({Status.IN_REVIEW}), Status.CHANGES_REQUESTED),
        # The attempt keeps its state; the new attempt n+1 starts as a draft.
        "start_revision": (frozenset({Status.CHANGES_REQUESTED}), Status.CHANGES_REQUESTED),
    }

    assignment = models.ForeignKey(
        "assignments.AssignmentPage",
        verbose_name=_("assignment"),
        on_delete=models.PROTECT,
        related_name="submissions",
    )
    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("learner"),
        on_delete=models.PROTECT,
        related_name="assignment_submissions",
    )
    attempt = models.PositiveSmallIntegerField(_("attempt"), default=1)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.DRAFT)
    body_html = models.TextField(_("text (HTML)"), blank=True)
    body_text = models.TextField(_("text"), blank=True)
    character_count = models.PositiveIntegerField(_("characters"), default=0)
    url = models.URLField(_("web address"), max_length=500, blank=True)
    version = models.PositiveIntegerField(_("version"), default=1)
    is_late = models.BooleanField(_("late"), default=False)

    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated at"), default=timezone.now)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    claimed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("claimed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    claimed_at = models.DateTimeField(_("claimed at"), null=True, blank=True)
    claim_expires_at = models.DateTimeField(_("claim expires at"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    feedback = models.TextField(_("feedback"), blank=True, help_text=_("The reviewer's overall comment (HTML)."))
    revised_at = models.DateTimeField(_("revision started at"), null=True, blank=True)

    objects = SubmissionQuerySet.as_manager()

    class Meta:
        verbose_name = _("submission")
        verbose_name_plural = _("submissions")
        ordering = ["assignment_id", "learner_id", "attempt"]
        constraints = [
            models.UniqueConstraint(
                fields=["assignment", "learner", "attempt"], name="assignments_submission_unique_attempt"
            ),
            models.UniqueConstraint(
                fields=["assignment", "learner"],
                condition=Q(status="draft"),
                name="assignments_submission_one_draft",
            ),
        ]
        indexes = [
            models.Index(fields=["status", "submitted_at"], name="assignments_sub_status_sub"),
            models.Index(fields=["learner", "assignment"], name="assignments_sub_learner"),
        ]

    def __str__(self) -> str:
        return gettext("%(assignment)s, attempt %(attempt)s") % {"assignment": self.assignment, "attempt": self.attempt}

    def get_absolute_url(self) -> str:
        return reverse("assignments:submission_detail", args=[self.pk])

    # Reading --------------------------------------------------------------

    @property
    def is_draft(self) -> bool:
        return self.status == self.Status.DRAFT

    @property
    def is_editable(self) -> bool:
        return self.status == self.Status.DRAFT

    @property
    def can_withdraw(self) -> bool:
        return self.status == self.Status.SUBMITTED and self.claimed_by_id is None

    @property
    def feedback_released(self) -> bool:
        """Feedback is shown to the learner once a decision is made."""
        return self.status in (self.Status.APPROVED, self.Status.CHANGES_REQUESTED) and self.decided_at is not None

    def get_safe_html(self) -> str:
        """The text as HTML, sanitized again on render."""
        return clean(self.body_html)

    def get_safe_feedback(self) -> str:
        return clean(self.feedback)

    def get_previous_attempt(self):
        """Attempt n-1 of the same learner and assignment, or None."""
        if self.attempt <= 1:
            return None
        return Submission.objects.filter(
            assignment_id=self.assignment_id, learner_id=self.learner_id, attempt=self.attempt - 1
        ).first()

    def validation_errors(self) -> list[str]:
        """What keeps this attempt from being submitted, as sentences a learner can read."""
        assignment = self.assignment
        kind = assignment.submission_kind
        count = self.character_count
        has_files = kind in (SubmissionKind.FILES, SubmissionKind.TEXT_AND_FILES) and self.files.exists()
        errors = []
        if kind == SubmissionKind.TEXT and count == 0:
            errors.append(gettext("Write your text before submitting."))
        if kind == SubmissionKind.TEXT_AND_FILES and count == 0 and not has_files:
            errors.append(gettext("Write your text or attach a file before submitting."))
        if assignment.accepts_text and count > 0:
            if assignment.min_chars and count < assignment.min_chars:
                errors.append(
                    gettext("Your text has %(count)s characters; this task needs at least %(min)s.")
                    % {"count": f"{count:,}", "min": f"{assignment.min_chars:,}"}
                )
            if assignment.max_chars and count > assignment.max_chars:
                errors.append(
                    gettext("Your text has %(count)s characters; this task allows at most %(max)s.")
                    % {"count": f"{count:,}", "max": f"{assignment.max_chars:,}"}
                )
        if kind == SubmissionKind.FILES and not has_files:
            errors.append(gettext("Attach at least one file before submitting."))
        if kind == SubmissionKind.URL and not self.url:
            errors.append(gettext("Enter the web address of your work before submitting."))
        return errors

    def get_deadlines(self, enrollment=_UNKNOWN):
        """This learner's deadlines for the assignment (enrolment, cohort and extension applied).

        Pass the learner's `enrollment` (or None) when the caller has it already."""
        assignment = self.assignment
        if enrollment is _UNKNOWN:
            enrollment = get_enrollment(self.learner, assignment)
        return assignment.get_deadlines(enrollment, assignment.get_extension(self.learner))

    # Drafts ---------------------------------------------------------------

    @classmethod
    def start_draft(cls, assignment, learner) -> Submission:
        """The learner's open draft for `assignment`, created as attempt 1 when they have none.

        Raises `InvalidTransition` when their latest attempt is no longer a draft
        (submitted, in review, decided): work on it goes through its own moves.
        Two requests at once get the same draft.
        """
        latest = cls.objects.filter(assignment=assignment, learner=learner).order_by("-attempt").first()
        if latest is not None:
            if latest.is_draft:
                # The caller's page and user: no query for them later (and the page knows its course).
                latest.assignment, latest.learner = assignment, learner
                return latest
            raise InvalidTransition("start_draft", latest.status)
        try:
            with transaction.atomic():
                draft = cls.objects.create(assignment=assignment, learner=learner, attempt=1)
                draft.log("create", "", cls.Status.DRAFT, by=learner)
        except IntegrityError:
            draft = cls.objects.get(assignment=assignment, learner=learner, attempt=1)
            if not draft.is_draft:
                raise InvalidTransition("start_draft", draft.status) from None
        return draft

    @transaction.atomic
    def save_draft(self, *, body_html: str, version: int, url: str | None = None, by=None) -> Submission:
        """Store new text for this draft if `version` is the stored one; return self with the next version.

        Raises `StaleVersion` (with the stored submission) when another tab or
        device saved different text since, and `InvalidTransition` when this is no longer a draft.
        """
        cleaned = clean(body_html)  # free when the form has cleaned it already (`CleanHTML`)
        text = to_plain_text(cleaned, already_clean=True)
        now = timezone.now()
        updates = {
            "body_html": str(cleaned),
            "body_text": text,
            "character_count": count_characters(text),
            "version": F("version") + 1,
            "updated_at": now,
        }
        if url is not None:
            updates["url"] = url
        rows = Submission.objects.filter(pk=self.pk, status=self.Status.DRAFT, version=version).update(**updates)
        if rows != 1:
            stored = Submission.objects.get(pk=self.pk)
            if stored.status != self.Status.DRAFT:
                raise InvalidTransition("save_draft", stored.status)
            if stored.body_html == cleaned and (url is None or stored.url == url):
                # The same text again (a double click, a retried request): nothing to choose between.
                self._reload()
                return self
            raise StaleVersion(stored)
        self._reload()
        return self

    def _reload(self) -> None:
        """`refresh_from_db()`, keeping the assignment and learner already loaded (they cannot change)."""
        kept = {
            name: getattr(self, name)
            for name in ("assignment", "learner")
            if self._meta.get_field(name).is_cached(self)
        }
        self.refresh_from_db()
        for name, value in kept.items():
            if getattr(self, f"{name}_id") == value.pk:
                setattr(self, name, value)

    # Files ----------------------------------------------------------------

    @transaction.atomic
    def add_files(self, files, *, by) -> list[SubmissionFile]:
        """Check and attach uploaded files to this draft. Raises `UploadRefused` naming the broken rule."""
        if not self.is_draft:
            raise InvalidTransition("add_files", self.status)
        # Lock the row so that two uploads at once cannot pass the count limit together.
        Submission.objects.filter(pk=self.pk).update(updated_at=timezone.now())
        assignment = self.assignment
        checked = validate_uploads(
            files,
            existing_count=self.files.count(),
            allowed_extensions=assignment.get_allowed_extensions(),
            max_size_mb=assignment.max_file_size_mb,
            max_files=assignment.max_files,
        )
        stored = []
        for upload, file_type in checked:
            record = SubmissionFile(
                submission=self,
                original_name=display_name(upload.name),
                content_type=file_type.content_type,
                size=upload.size,
            )
            record.file.save(upload.name, upload, save=False)
            record.save()
            stored.append(record)
        return stored

    @transaction.atomic
    def remove_file(self, record: SubmissionFile, *, by) -> None:
        """Detach a file from this draft. The stored file goes when no attempt refers to it any more."""
        if not self.is_draft:
            raise InvalidTransition("remove_file", self.status)
        if record.submission_id != self.pk:
            raise UploadRefused(gettext("This file does not belong to this draft."))
        name = record.file.name
        record.delete()
        if not SubmissionFile.objects.filter(file=name).exists():
            transaction.on_commit(lambda: private_storage().delete(name))

    # State moves ----------------------------------------------------------

    def _move(self, action: str, by, *, note: str = "", updates: dict | None = None, conditions: dict | None = None):
        sources, target = self.TRANSITIONS[action]
        if self.status not in sources:
            raise InvalidTransition(action, self.status)
        from_status = self.status
        now = timezone.now()
        rows = Submission.objects.filter(pk=self.pk, status__in=sources, **(conditions or {})).update(
            status=target, updated_at=now, **(updates or {})
        )
        if rows != 1:
            self._reload()
            if action == "claim" and self.status == self.Status.IN_REVIEW:
                raise AlreadyClaimed(action, self.status)
            raise InvalidTransition(action, self.status)
        self._reload()
        event = self.log(action, from_status, target, by=by, note=note)
        self._signal(action, from_status, target, by, event)
        return self

    def _signal(self, action, from_status, to_status, by, event, **extra) -> None:
        arguments = {
            "submission": self,
            "action": action,
            "from_status": from_status,
            "to_status": to_status,
            "by": by,
            "event": event,
            **extra,
        }
        signals.submission_transitioned.send(sender=Submission, **arguments)
        signals.BY_ACTION[action].send(sender=Submission, **arguments)

    def log(self, action: str, from_status: str, to_status: str, *, by=None, note: str = "") -> SubmissionEvent:
        """Append an event to this attempt's timeline."""
        return SubmissionEvent.objects.create(
            submission=self,
            action=action,
            from_status=from_status,
            to_status=to_status,
            actor=by if getattr(by, "is_authenticated", False) else None,
            note=note,
        )

    def _require_learner(self, by, action: str) -> None:
        if getattr(by, "pk", None) != self.learner_id:
            raise InvalidTransition(action, self.status, gettext("Only the learner who wrote this can do that."))

    @transaction.atomic
    def submit(self, by, *, now: dt.datetime | None = None, enrollment=_UNKNOWN) -> Submission:
        """Hand the draft in: checks the limits and the cut-off, flags it late after the due date.

        Raises `SubmissionInvalid` (with every broken rule), `DeadlinePassed`
        after the cut-off (unless an `Extension` moves it), `InvalidTransition`
        when the draft was already submitted (a second click or tab).
        """
        self._require_learner(by, "submit")
        if self.status not in self.TRANSITIONS["submit"][0]:
            raise InvalidTransition("submit", self.status)
        now = now or timezone.now()
        deadlines = self.get_deadlines(enrollment)
        if deadlines.is_closed(now):
            raise DeadlinePassed()
        errors = self.validation_errors()
        if errors:
            raise SubmissionInvalid(errors)
        return self._move(
            "submit",
            by,
            updates={"submitted_at": now, "is_late": deadlines.is_late(now)},
            conditions={"version": self.version},
        )

    @transaction.atomic
    def withdraw(self, by) -> Submission:
        """Take a submitted attempt back to draft, while no mentor has claimed it."""
        self._require_learner(by, "withdraw")
        return self._move(
            "withdraw",
            by,
            updates={"submitted_at": None, "is_late": False, "version": F("version") + 1},
            conditions={"claimed_by__isnull": True},
        )

    @transaction.atomic
    def claim(self, by, *, lease_hours: int | None = None) -> Submission:
        """A reviewer takes the attempt (a lease). Exactly one of two reviewers at once wins;
        the other gets `AlreadyClaimed`."""
        now = timezone.now()
        hours = conf.CLAIM_LEASE_HOURS if lease_hours is None else lease_hours
        return self._move(
            "claim",
            by,
            updates={"claimed_by": by, "claimed_at": now, "claim_expires_at": now + dt.timedelta(hours=hours)},
            conditions={"claimed_by__isnull": True},
        )

    def _require_claimer(self, by, action: str) -> None:
        if self.claimed_by_id != getattr(by, "pk", None) and not staff_can_review(by, self):
            raise InvalidTransition(action, self.status, gettext("Another reviewer holds this submission."))

    @transaction.atomic
    def release(self, by, *, note: str = "") -> Submission:
        """The reviewer gives the attempt back to the queue."""
        self._require_claimer(by, "release")
        return self._move(
            "release",
            by,
            note=note,
            updates={"claimed_by": None, "claimed_at": None, "claim_expires_at": None},
            conditions={"claimed_by": self.claimed_by_id},
        )

    @transaction.atomic
    def expire_claim(self, *, now: dt.datetime | None = None) -> Submission:
        """The claim's lease ran out: back to the queue (no actor)."""
        now = now or timezone.now()
        return self._move(
            "expire",
            None,
            updates={"claimed_by": None, "claimed_at": None, "claim_expires_at": None},
            conditions={"claim_expires_at__lt": now},
        )

    @transaction.atomic
    def approve(self, by, *, feedback: str = "", note: str = "") -> Submission:
        """The reviewer approves: feedback is released and the course step completes."""
        self._require_claimer(by, "approve")
        return self._move(
            "approve",
            by,
            note=note,
            updates={"decided_by": by, "decided_at": timezone.now(), "feedback": clean(feedback)},
            conditions={"claimed_by": self.claimed_by_id},
        )

    @transaction.atomic
    def request_changes(self, by, *, feedback: str = "", note: str = "") -> Submission:
        """The reviewer asks for a revision: feedback is released; the learner may start attempt n+1."""
        self._require_claimer(by, "request_changes")
        return self._move(
            "request_changes",
            by,
            note=note,
            updates={"decided_by": by, "decided_at": timezone.now(), "feedback": clean(feedback)},
            conditions={"claimed_by": self.claimed_by_id},
        )

    @property
    def can_start_revision(self) -> bool:
        return (
            self.status == self.Status.CHANGES_REQUESTED
            and self.revised_at is None
            and self.attempt < self.assignment.attempts_allowed
        )

    @transaction.atomic
    def start_revision(self, by) -> Submission:
        """Open attempt n+1 as a draft with this attempt's text and files copied; return it.

        A second call (double click) returns the same new attempt. Raises
        `AttemptsExhausted` when the assignment allows no more attempts.
        """
        self._require_learner(by, "start_revision")
        sources, _target = self.TRANSITIONS["start_revision"]
        if self.status not in sources:
            raise InvalidTransition("start_revision", self.status)
        if self.attempt >= self.assignment.attempts_allowed:
            raise AttemptsExhausted()
        now = timezone.now()
        rows = Submission.objects.filter(pk=self.pk, status__in=sources, revised_at__isnull=True).update(revised_at=now)
        if rows != 1:
            existing = Submission.objects.filter(
                assignment_id=self.assignment_id, learner_id=self.learner_id, attempt=self.attempt + 1
            ).first()
            if existing is None:
                self.refresh_from_db()
                raise InvalidTransition("start_revision", self.status)
            return existing
        self.revised_at = now
        revision = Submission.objects.create(
            assignment_id=self.assignment_id,
            learner_id=self.learner_id,
            attempt=self.attempt + 1,
            status=self.Status.DRAFT,
            body_html=self.body_html,
            body_text=self.body_text,
            character_count=self.character_count,
            url=self.url,
        )
        SubmissionFile.objects.bulk_create(
            SubmissionFile(
                submission=revision,
                file=record.file.name,
                original_name=record.original_name,
                content_type=record.content_type,
                size=record.size,
            )
            for record in self.files.all()
        )
        self.log("start_revision", self.status, self.status, by=by, note=str(revision.attempt))
        event = revision.log("create", "", self.Status.DRAFT, by=by, note=str(self.attempt))
        revision._signal("start_revision", "", self.Status.DRAFT, by, event, previous=self)
        return revision


class SubmissionFile(models.Model):
    """A file attached to an attempt, on private storage, served only by the permission-checked view."""

    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="files")
    key = models.UUIDField(_("key"), default=uuid.uuid4, unique=True, editable=False)
    file = models.FileField(_("file"), storage=private_storage, upload_to=submission_file_path, max_length=255)
    original_name = models.CharField(_("file name"), max_length=140)
    content_type = models.CharField(_("content type"), max_length=120)
    size = models.PositiveBigIntegerField(_("size"))
    uploaded_at = models.DateTimeField(_("uploaded at"), default=timezone.now)

    class Meta:
        verbose_name = _("submission file")
        verbose_name_plural = _("submission files")
        ordering = ["uploaded_at", "pk"]

    def __str__(self) -> str:
        return self.original_name

    def get_download_url(self) -> str:
        return reverse("assignments:file_download", args=[self.key])


class SubmissionEvent(models.Model):
    """The append-only timeline of an attempt: who moved it, when, from which state to which."""

    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="events")
    action = models.CharField(_("action"), max_length=32)
    from_status = models.CharField(_("from"), max_length=20, blank=True)
    to_status = models.CharField(_("to"), max_length=20, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    note = models.TextField(_("note"), blank=True)
    created_at = models.DateTimeField(_("at"), default=timezone.now)

    class Meta:
        verbose_name = _("submission event")
        verbose_name_plural = _("submission events")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.action}: {self.from_status} → {self.to_status}"

    def save(self, *args, **kwargs):
        if self.pk is not None and not self._state.adding:
            raise ValueError("Submission events are append-only.")
        super().save(*args, **kwargs)

    ACTION_LABELS = {
        "create": _("Draft started"),
        "submit": _("Submitted"),
        "withdraw": _("Withdrawn to draft"),
        "claim": _("A mentor started the review"),
        "release": _("Returned to the queue"),
        "expire": _("Review lease expired; returned to the queue"),
        "approve": _("Approved"),
        "request_changes": _("Changes requested"),
        "start_revision": _("Revision started"),
    }

    @property
    def label(self) -> str:
        return str(self.ACTION_LABELS.get(self.action, self.action))


class Extension(models.Model):
    """A later due date for one learner on one assignment, granted by staff or a mentor."""

    assignment = models.ForeignKey(
        "assignments.AssignmentPage", verbose_name=_("assignment"), on_delete=models.PROTECT, related_name="extensions"
    )
    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("learner"),
        on_delete=models.PROTECT,
        related_name="assignment_extensions",
    )
    due_at = models.DateTimeField(_("new due date"))
    reason = models.CharField(_("reason"), max_length=300, blank=True)
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("granted by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("granted at"), default=timezone.now)

    class Meta:
        verbose_name = _("extension")
        verbose_name_plural = _("extensions")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["assignment", "learner"], name="assignments_extension_unique_learner")
        ]

    def __str__(self) -> str:
        return gettext("%(learner)s until %(date)s") % {
            "learner": self.learner,
            "date": timezone.localtime(self.due_at).strftime("%Y-%m-%d %H:%M"),
        }
