"""Levels, skill categories and prerequisite policies: the vocabulary of the catalog."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel


class Level(models.IntegerChoices):
    """The four fixed levels of a course."""

    INTRODUCTORY = 1, _("Introductory")
    BEGINNER = 2, _("Beginner")
    INTERMEDIATE = 3, _("Intermediate")
    ADVANCED = 4, _("Advanced")


class SkillCategory(models.Model):
    """A field of skills a course belongs to (writing, web design, ...). Managed as a snippet."""

    name = models.CharField(_("name"), max_length=80)
    slug = models.SlugField(_("slug"), max_length=80, unique=True, allow_unicode=True)
    description = models.TextField(_("description"), blank=True)
    sort_order = models.IntegerField(_("sort order"), default=0, help_text=_("Lower numbers come first."))

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("description"), FieldPanel("sort_order")]

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = _("skill category")
        verbose_name_plural = _("skill categories")

    def __str__(self) -> str:
        return self.name


class PrerequisitePolicy(models.TextChoices):
    RECOMMEND = "recommend", _("Recommend (show a warning)")
    REQUIRE = "require", _("Require (block enrolment)")
