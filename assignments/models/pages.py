"""The assignment page: a course step where learners write and submit a task."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from courses.progress import get_enrollment, record_step_view
from courses.steps import CourseStepMixin

from ..conf import conf
from ..uploads import FILE_TYPES, parse_extensions


class SubmissionKind(models.TextChoices):
    TEXT = "text", _("Text")
    TEXT_AND_FILES = "text_files", _("Text and files")
    FILES = "files", _("Files")
    URL = "url", _("Web address (URL)")


class DueMode(models.TextChoices):
    NONE = "none", _("No due date")
    AFTER_ENROLMENT = "after_enrolment", _("Days after enrolment")
    AFTER_COHORT_START = "after_cohort_start", _("Days after the cohort starts")
    FIXED = "fixed", _("A fixed date")


@dataclass(frozen=True)
class Deadlines:
    """A learner's deadlines for one assignment: when it is due, when it closes, and whether an extension applies."""

    due_at: dt.datetime | None
    cutoff_at: dt.datetime | None
    extension: object | None = None

    def is_late(self, when: dt.datetime) -> bool:
        return self.due_at is not None and when > self.due_at

    def is_closed(self, when: dt.datetime) -> bool:
        return self.cutoff_at is not None and when > self.cutoff_at


INSTRUCTION_FEATURES = ["h2", "h3", "bold", "italic", "ol", "ul", "link", "blockquote"]


class AssignmentPage(CourseStepMixin, Page):
    """A writing task in a course: instructions, an optional client brief, limits, rubric and deadlines.

    Learners write on this page (the form posts to `assignments:save`); the
    step is complete when the learner's latest attempt is approved.
    """

    instructions = RichTextField(_("instructions"), features=INSTRUCTION_FEATURES)
    brief_client = models.CharField(
        _("client"), max_length=200, blank=True, help_text=_("Who the imagined client is. Leave empty for no brief.")
    )
    brief_deliverable = models.TextField(_("deliverable"), blank=True, help_text=_("What the client asks for."))
    brief_acceptance_criteria = models.TextField(
        _("acceptance criteria"), blank=True, help_text=_("One criterion per line.")
    )

    submission_kind = models.CharField(
        _("submission kind"), max_length=16, choices=SubmissionKind.choices, default=SubmissionKind.TEXT
    )
    min_chars = models.PositiveIntegerField(
        _("minimum characters"), null=True, blank=True, help_text=_("Counted without spaces and line breaks.")
    )
    max_chars = models.PositiveIntegerField(_("maximum characters"), null=True, blank=True)
    rubric = models.ForeignKey(
        "assignments.Rubric",
        verbose_name=_("rubric"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="assignments",
    )

    due_mode = models.CharField(_("due rule"), max_length=24, choices=DueMode.choices, default=DueMode.NONE)
    due_days = models.PositiveSmallIntegerField(
        _("days"), null=True, blank=True, help_text=_("For the rules counted in days.")
    )
    due_at = models.DateTimeField(_("due date"), null=True, blank=True, help_text=_("For a fixed date."))
    cutoff_days = models.PositiveSmallIntegerField(
        _("cut-off (days after due)"),
        null=True,
        blank=True,
        help_text=_("After this many days past the due date, work can no longer be submitted. Empty: never closes."),
    )
    attempts_allowed = models.PositiveSmallIntegerField(
        _("attempts allowed"), default=3, validators=[MinValueValidator(1), MaxValueValidator(50)]
    )

    allowed_file_types = models.CharField(
        _("allowed file types"),
        max_length=200,
        default="pdf,docx,png,jpg",
        help_text=_("File extensions separated by commas. Supported: pdf, docx, xlsx, pptx, png, jpg, gif, webp, txt."),
    )
    max_file_size_mb = models.PositiveSmallIntegerField(
        _("largest file (MB)"), default=10, validators=[MinValueValidator(1), MaxValueValidator(50)]
    )
    max_files = models.PositiveSmallIntegerField(
        _("most files"), default=3, validators=[MinValueValidator(1), MaxValueValidator(20)]
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("instructions"),
        MultiFieldPanel(
            [FieldPanel("brief_client"), FieldPanel("brief_deliverable"), FieldPanel("brief_acceptance_criteria")],
            heading=_("Client brief"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("submission_kind"),
                FieldRowPanel([FieldPanel("min_chars"), FieldPanel("max_chars")]),
                FieldPanel("rubric"),
                FieldPanel("attempts_allowed"),
                FieldPanel("is_optional"),
            ],
            heading=_("Submission"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("due_mode"),
                FieldRowPanel([FieldPanel("due_days"), FieldPanel("due_at")]),
                FieldPanel("cutoff_days"),
            ],
            heading=_("Deadlines"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("allowed_file_types"),
                FieldRowPanel([FieldPanel("max_file_size_mb"), FieldPanel("max_files")]),
            ],
            heading=_("Files"),
        ),
    ]

    search_fields = [*Page.search_fields, index.SearchField("instructions"), index.SearchField("brief_deliverable")]

    completion_mode = CourseStepMixin.COMPLETION_EXTERNAL
    template = "assignments/assignment_page.html"
    page_description = _("A task that learners write and submit, reviewed by a mentor.")

    class Meta:
        verbose_name = _("assignment")
        verbose_name_plural = _("assignments")

    # Validation -----------------------------------------------------------

    def clean(self):
        super().clean()
        errors = {}
        if self.min_chars and self.max_chars and self.min_chars > self.max_chars:
            errors["max_chars"] = _("The maximum must not be smaller than the minimum.")
        if self.due_mode in (DueMode.AFTER_ENROLMENT, DueMode.AFTER_COHORT_START) and self.due_days is None:
            errors["due_days"] = _("Give the number of days for this due rule.")
        if self.due_mode == DueMode.FIXED and self.due_at is None:
            errors["due_at"] = _("Give the due date for this due rule.")
        try:
            self.allowed_file_types = ",".join(parse_extensions(self.allowed_file_types))
        except ValueError as error:
            errors["allowed_file_types"] = str(error)
        if errors:
            raise ValidationError(errors)

    # Reading --------------------------------------------------------------

    @property
    def has_brief(self) -> bool:
        return bool(self.brief_client or self.brief_deliverable)

    def get_acceptance_criteria(self) -> list[str]:
        return [line.strip() for line in self.brief_acceptance_criteria.splitlines() if line.strip()]

    @property
    def accepts_text(self) -> bool:
        return self.submission_kind in (SubmissionKind.TEXT, SubmissionKind.TEXT_AND_FILES)

    @property
    def accepts_files(self) -> bool:
        return self.submission_kind in (SubmissionKind.FILES, SubmissionKind.TEXT_AND_FILES)

    @property
    def accepts_url(self) -> bool:
        return self.submission_kind == SubmissionKind.URL

    def get_allowed_extensions(self) -> list[str]:
        """The file extensions this task accepts (only ones the upload checks know)."""
        try:
            return parse_extensions(self.allowed_file_types)
        except ValueError:
            return [ext for ext in self.allowed_file_types.split(",") if ext.strip().lower() in FILE_TYPES]

    def get_deadlines(self, enrollment=None, extension=None) -> Deadlines:
        """Due date and cut-off for one learner, from the due rule, their enrolment and any `Extension`.

        With an extension, the later of the two due dates counts and the
        cut-off is measured from it.
        """
        due_at = self.get_base_due_at(enrollment)
        if extension is not None and (due_at is None or extension.due_at > due_at):
            due_at = extension.due_at
        cutoff_at = None
        if due_at is not None and self.cutoff_days is not None:
            cutoff_at = due_at + dt.timedelta(days=self.cutoff_days)
        return Deadlines(due_at=due_at, cutoff_at=cutoff_at, extension=extension)

    def get_base_due_at(self, enrollment=None) -> dt.datetime | None:
        """The due date by the page's rule alone, or None. Override for other rules."""
        if self.due_mode == DueMode.FIXED:
            return self.due_at
        if enrollment is None or self.due_days is None:
            return None
        if self.due_mode == DueMode.AFTER_COHORT_START:
            cohort = getattr(enrollment, "cohort", None)
            if cohort is not None and cohort.starts_on:
                day = cohort.starts_on + dt.timedelta(days=self.due_days)
                end_of_day = dt.datetime.combine(day, dt.time(23, 59, 59))
                return timezone.make_aware(end_of_day, timezone.get_current_timezone())
            return enrollment.enrolled_at + dt.timedelta(days=self.due_days)
        if self.due_mode == DueMode.AFTER_ENROLMENT:
            return enrollment.enrolled_at + dt.timedelta(days=self.due_days)
        return None

    def get_extension(self, user):
        """The learner's `Extension` for this assignment, or None."""
        from .submissions import Extension

        if not getattr(user, "is_authenticated", False):
            return None
        return Extension.objects.filter(assignment=self, learner=user).first()

    def get_submissions(self, user) -> list:
        """All attempts of `user`, oldest first, with their files."""
        from .submissions import Submission

        if not getattr(user, "is_authenticated", False):
            return []
        return list(
            Submission.objects.filter(assignment=self, learner=user).prefetch_related("files").order_by("attempt")
        )

    def get_learner_state(self, user) -> dict:
        """Everything the page shows about one learner's work here, in a fixed number of queries."""
        enrollment = get_enrollment(user, self)
        attempts = (
            self.get_submissions(user) if enrollment is not None or getattr(user, "is_authenticated", False) else []
        )
        extension = self.get_extension(user) if attempts or enrollment is not None else None
        deadlines = self.get_deadlines(enrollment, extension)
        latest = attempts[-1] if attempts else None
        now = timezone.now()
        return {
            "enrollment": enrollment,
            "attempts": attempts,
            "latest": latest,
            "draft": latest if latest is not None and latest.is_draft else None,
            "deadlines": deadlines,
            "is_closed": deadlines.is_closed(now),
            "is_late_now": deadlines.is_late(now),
            "can_write": enrollment is not None and (latest is None or latest.is_draft),
            "attempts_left": max(0, self.attempts_allowed - len(attempts)),
        }

    def get_context(self, request, *args, form=None, conflict=None, **kwargs):
        """The learner's state on this task and the writing form.

        Views that re-render the page after a failed POST pass the bound `form`
        (and `conflict`) so that nothing the learner typed is lost.
        """
        from django.urls import reverse

        from ..forms import SubmissionForm

        context = super().get_context(request, *args, **kwargs)
        state = self.get_learner_state(request.user)
        draft = state["draft"]
        if form is None and state["can_write"]:
            initial = {"version": draft.version if draft else 0}
            if draft is not None:
                initial.update({"body": draft.body_text, "url": draft.url})
            form = SubmissionForm(initial=initial, assignment=self)
        if form is not None and form.is_bound:
            editor_html = form.get_html()
        else:
            editor_html = draft.body_html if draft else ""
        context.update(state)
        context.update(
            {
                "course": self.get_course(),
                "form": form,
                "conflict": conflict,
                "editor_html": editor_html,
                "rubric": self.rubric,
                "save_url": reverse("assignments:save", args=[self.pk]),
                "autosave_url": reverse("assignments:autosave", args=[self.pk]),
                "autosave_seconds": conf.AUTOSAVE_SECONDS,
                "storage_key": f"tsunagu:draft:{self.pk}:{draft.attempt if draft else len(state['attempts']) + 1}",
            }
        )
        return context

    def serve(self, request, *args, **kwargs):
        if request.method == "GET" and getattr(request.user, "is_authenticated", False):
            record_step_view(request.user, self)
        return super().serve(request, *args, **kwargs)
