"""The catalog page at /courses/: every course, with filters, search, sorting and pagination."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page


class CourseIndexPage(Page):
    """The catalog at /courses/: every course, with filters, search, sorting and pagination."""

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    subpage_types = ["courses.CoursePage"]
    page_description = _("The course catalog. Courses are created under it.")

    class Meta:
        verbose_name = _("course catalog")
        verbose_name_plural = _("course catalogs")
