"""Site-level pages and settings.

`HomePage` is the site root; `StandardPage` is a plain content page (about,
privacy, access). `SiteSettings` holds what editors change about the
organisation without a deploy.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from courses.models import CoursePage, Level

from ..blocks import BaseStreamBlock
from ..events import upcoming_events
from .articles import InterviewPage, card_renditions_prefetch


class HomePage(Page):
    """The site's front page: hero, featured courses by level, upcoming events, latest interviews.

    Every section heading is editable; an empty heading shows the default text
    in the visitor's language.
    """

    hero_heading = models.CharField(_("Hero heading"), max_length=120, blank=True)
    hero_text = models.TextField(_("Hero text"), blank=True)
    hero_cta_label = models.CharField(_("Button label"), max_length=40, blank=True)
    hero_cta_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("Button link"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    courses_heading = models.CharField(
        _("Heading of the courses section"), max_length=120, blank=True, help_text=_('Empty: "Courses by level".')
    )
    events_heading = models.CharField(
        _("Heading of the events section"),
        max_length=120,
        blank=True,
        help_text=_('Empty: "Upcoming meetups and seminars".'),
    )
    interviews_heading = models.CharField(
        _("Heading of the interviews section"),
        max_length=120,
        blank=True,
        help_text=_('Empty: "Interviews with graduates".'),
    )
    body = StreamField(BaseStreamBlock(), verbose_name=_("Body"), blank=True)

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(
            [
                FieldPanel("hero_heading"),
                FieldPanel("hero_text"),
                FieldPanel("hero_cta_label"),
                FieldPanel("hero_cta_page"),
            ],
            heading=_("Hero"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("courses_heading"),
                InlinePanel("featured_courses", label=_("Featured course")),
            ],
            heading=_("Featured courses"),
            help_text=_("Shown grouped by level. Without any, the newest course of each level is shown."),
        ),
        MultiFieldPanel(
            [FieldPanel("events_heading"), FieldPanel("interviews_heading")],
            heading=_("Events and interviews"),
            help_text=_("Upcoming seminars and meetups, and the newest interviews, are listed automatically."),
        ),
        FieldPanel("body"),
    ]

    parent_page_types = ["wagtailcore.Page"]
    max_count = 1
    upcoming_events_limit = 4
    latest_interviews_limit = 3

    class Meta:
        verbose_name = _("Home page")
        verbose_name_plural = _("Home page")

    def get_featured_courses_by_level(self) -> list[tuple[str, list[CoursePage]]]:
        """Live, public featured courses grouped by level, easiest level first: `[(level label, courses)]`.

        The editor's choice in their order; without one, the newest course of
        each level. One query for the courses (two with the fallback's levels),
        plus one for their card renditions.
        """
        chosen_ids = [item.course_id for item in self.featured_courses.all()]
        courses = CoursePage.objects.live().public().defer_streamfields().select_related("cover_image", "category")
        if chosen_ids:
            position = {course_id: index for index, course_id in enumerate(chosen_ids)}
            found = sorted(
                courses.filter(pk__in=chosen_ids).prefetch_related(card_renditions_prefetch()),
                key=lambda course: position[course.pk],
            )
        else:
            newest_ids = [
                course_id
                for level in Level.values
                for course_id in courses.filter(level=level)
                .order_by("-first_published_at", "-pk")
                .values_list("pk", flat=True)[:1]
            ]
            found = list(courses.filter(pk__in=newest_ids).prefetch_related(card_renditions_prefetch()))
        groups = []
        for level in Level:
            in_level = [course for course in found if course.level == level.value]
            if in_level:
                groups.append((level.label, in_level))
        return groups

    def get_upcoming_events(self) -> list[Page]:
        """Seminars, meetups and any page type with a start time, under this site, soonest first."""
        return upcoming_events(self, limit=self.upcoming_events_limit)

    def get_latest_interviews(self) -> list[InterviewPage]:
        """The newest live, public interviews of this site, ready for cards."""
        return list(
            InterviewPage.objects.descendant_of(self).live().public().for_cards()[: self.latest_interviews_limit]
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["featured_courses_by_level"] = self.get_featured_courses_by_level()
        context["upcoming_events"] = self.get_upcoming_events()
        context["latest_interviews"] = self.get_latest_interviews()
        return context


class HomePageFeaturedCourse(Orderable):
    """A course an editor puts on the home page."""

    page = ParentalKey("home.HomePage", on_delete=models.CASCADE, related_name="featured_courses")
    course = models.ForeignKey(
        "courses.CoursePage", verbose_name=_("Course"), on_delete=models.CASCADE, related_name="+"
    )

    panels = [FieldPanel("course")]

    class Meta(Orderable.Meta):
        verbose_name = _("featured course")
        verbose_name_plural = _("featured courses")


class StandardPage(Page):
    intro = models.TextField(_("Introduction"), blank=True)
    body = StreamField(BaseStreamBlock(), verbose_name=_("Body"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    search_fields = [*Page.search_fields, index.SearchField("intro"), index.SearchField("body")]

    class Meta:
        verbose_name = _("Standard page")
        verbose_name_plural = _("Standard page")


@register_setting(icon="site")
class SiteSettings(BaseSiteSetting):
    organisation_name = models.CharField(_("Organisation name"), max_length=120, default="つなぐ")
    tagline = models.CharField(_("Tagline"), max_length=200, blank=True)
    footer_text = RichTextField(_("Footer text"), blank=True, features=["bold", "italic", "link"])
    contact_email = models.EmailField(_("Contact e-mail"), blank=True)

    panels = [
        FieldPanel("organisation_name"),
        FieldPanel("tagline"),
        FieldPanel("footer_text"),
        FieldPanel("contact_email"),
    ]

    class Meta:
        verbose_name = _("Site settings")
        verbose_name_plural = _("Site settings")
