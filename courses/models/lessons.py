"""Lesson pages: the reading steps of a course."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from ..blocks import LessonBodyBlock
from ..search import bigram_text
from ..steps import CourseStepMixin


class LessonPage(CourseStepMixin, Page):
    """A lesson the learner reads and then marks complete. A free-preview lesson is readable without enrolment."""

    summary = models.TextField(_("summary"), blank=True, max_length=400)
    minutes = models.PositiveSmallIntegerField(
        _("minutes"), default=10, help_text=_("About how long it takes to read.")
    )
    is_preview = models.BooleanField(
        _("free preview"), default=False, help_text=_("Anyone can read this lesson without enrolling.")
    )
    body = StreamField(LessonBodyBlock(), verbose_name=_("body"), blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        MultiFieldPanel(
            [FieldPanel("minutes"), FieldPanel("is_preview"), FieldPanel("is_optional")], heading=_("Settings")
        ),
        FieldPanel("body"),
    ]

    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("body"),
        index.SearchField("search_bigrams"),
        index.FilterField("is_preview"),
    ]

    completion_mode = CourseStepMixin.COMPLETION_MANUAL
    page_description = _("A lesson of a course: text, images, video, code and checklists.")

    class Meta:
        verbose_name = _("lesson")
        verbose_name_plural = _("lessons")

    def body_text(self) -> str:
        """The body's readable text, without markup."""
        return " ".join(self.body.stream_block.get_searchable_content(self.body))

    def search_bigrams(self) -> str:
        """Title, summary and body as character bigrams (see `courses.search`)."""
        return bigram_text(" ".join([self.title, self.summary, self.body_text()]))

    def title_text(self) -> str:
        """The text that anyone may search, enrolled or not: title and summary."""
        return f"{self.title} {self.summary}"
