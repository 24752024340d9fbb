"""Mentor profiles and their scopes: which courses (optionally which cohorts) a mentor reviews."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.models import Orderable

from courses.utils import display_name


class NotifyMode(models.TextChoices):
    IMMEDIATE = "immediate", _("At once, one e-mail per submission")
    DIGEST = "digest", _("Once a day, as a digest")
    NONE = "none", _("No e-mail")


class MentorProfileQuerySet(models.QuerySet):
    def accepting(self):
        """Mentors who take new work (and hear about it)."""
        return self.filter(accepting=True, user__is_active=True)


class MentorProfile(ClusterableModel):
    """A mentor: who they are to learners, how much they take on, how they hear about new work.

    Staff manage profiles and scopes in the admin. A user with a profile reviews
    the submissions inside its scopes; everything else does not exist for them.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.CASCADE, related_name="mentor_profile"
    )
    display_name = models.CharField(
        _("display name"), max_length=120, blank=True, help_text=_("Shown to learners. Empty: the user's name.")
    )
    bio = models.TextField(_("introduction"), blank=True)
    specialties = models.CharField(
        _("specialties"), max_length=200, blank=True, help_text=_("For example: web writing, proposals, taxes.")
    )
    capacity = models.PositiveSmallIntegerField(
        _("open reviews at most"),
        default=10,
        help_text=_("How many submissions this mentor may hold in review at once."),
    )
    accepting = models.BooleanField(
        _("accepting new work"), default=True, help_text=_("Without it, the mentor gets no e-mail about new work.")
    )
    notify = models.CharField(
        _("new work e-mails"), max_length=16, choices=NotifyMode.choices, default=NotifyMode.IMMEDIATE
    )
    last_digest_at = models.DateTimeField(_("last digest sent at"), null=True, blank=True, editable=False)
    created_at = models.DateTimeField(_("created at"), default=timezone.now, editable=False)

    objects = MentorProfileQuerySet.as_manager()

    class Meta:
        verbose_name = _("mentor profile")
        verbose_name_plural = _("mentor profiles")
        ordering = ["user__username"]

    def __str__(self) -> str:
        return self.get_display_name()

    def get_display_name(self) -> str:
        return self.display_name or display_name(self.user)

    def scope_summary(self) -> str:
        """The scopes in one line, for the admin's list."""
        return ", ".join(str(scope) for scope in self.scopes.all())

    scope_summary.short_description = _("scope")


class MentorScope(Orderable):
    """One course (optionally only one of its cohorts) that a mentor reviews."""

    profile = ParentalKey(MentorProfile, on_delete=models.CASCADE, related_name="scopes")
    course = models.ForeignKey(
        "courses.CoursePage", verbose_name=_("course"), on_delete=models.CASCADE, related_name="+"
    )
    cohort = models.ForeignKey(
        "courses.Cohort",
        verbose_name=_("cohort"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        help_text=_("Empty: every learner of the course. Otherwise only the members of this cohort."),
    )

    class Meta(Orderable.Meta):
        verbose_name = _("scope")
        verbose_name_plural = _("scopes")

    def __str__(self) -> str:
        if self.cohort_id:
            return f"{self.course.title} ({self.cohort.name})"
        return self.course.title if self.course_id else ""

    def clean(self):
        super().clean()
        if self.cohort_id and self.course_id and self.cohort.course_id != self.course_id:
            raise ValidationError({"cohort": _("This cohort belongs to another course.")})
