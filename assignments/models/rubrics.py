"""Rubrics: criteria in order, each with levels (points, descriptor). Mentors score with them."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.fields import StreamField
from wagtail.models import Orderable


class RubricLevelBlock(blocks.StructBlock):
    points = blocks.IntegerBlock(label=_("Points"), min_value=0)
    descriptor = blocks.TextBlock(label=_("Descriptor"), help_text=_("What work at this level looks like."))

    class Meta:
        icon = "list-ol"
        label = _("Level")


class Rubric(ClusterableModel):
    """A scoring guide shared by assignments (a snippet)."""

    name = models.CharField(_("name"), max_length=120)
    description = models.TextField(_("description"), blank=True)

    panels = [FieldPanel("name"), FieldPanel("description"), InlinePanel("criteria", label=_("Criteria"))]

    class Meta:
        verbose_name = _("rubric")
        verbose_name_plural = _("rubrics")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_criteria(self) -> list[RubricCriterion]:
        """The criteria in order (uses a prefetch of `criteria` when present)."""
        return sorted(self.criteria.all(), key=lambda criterion: (criterion.sort_order or 0, criterion.pk or 0))

    @property
    def max_points(self) -> int:
        return sum(criterion.max_points for criterion in self.get_criteria())


class RubricCriterion(Orderable):
    rubric = ParentalKey(Rubric, on_delete=models.CASCADE, related_name="criteria")
    title = models.CharField(_("title"), max_length=120)
    description = models.TextField(_("description"), blank=True)
    levels = StreamField([("level", RubricLevelBlock())], verbose_name=_("levels"), blank=True)

    panels = [FieldPanel("title"), FieldPanel("description"), FieldPanel("levels")]

    class Meta(Orderable.Meta):
        verbose_name = _("criterion")
        verbose_name_plural = _("criteria")

    def __str__(self) -> str:
        return self.title

    def get_levels(self) -> list[tuple[int, str]]:
        """(points, descriptor) pairs, highest points first."""
        pairs = [(block.value["points"], block.value["descriptor"]) for block in self.levels]
        return sorted(pairs, key=lambda pair: pair[0], reverse=True)

    @property
    def max_points(self) -> int:
        return max((points for points, _descriptor in self.get_levels()), default=0)
