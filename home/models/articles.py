"""Interviews with graduates and news, and the index that lists them.

`ArticlePage` holds what interviews and news share (date, lead, cover image,
body, tags), so that one query lists, relates and feeds both kinds.
"""

from __future__ import annotations

from typing import NamedTuple

from django import forms
from django.core.exceptions import ValidationError
from django.core.paginator import Page as PaginatorPage
from django.core.paginator import Paginator
from django.db import models
from django.db.models import Prefetch
from django.http import HttpRequest
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.images import get_image_model
from wagtail.models import Orderable, Page, PageManager
from wagtail.query import PageQuerySet
from wagtail.search import index

from ..blocks import ArticleStreamBlock

# Renditions of a card's cover image (see home/includes/article_card.html).
CARD_RENDITIONS = ("fill-480x270", "fill-960x540")
# The Open Graph image (see home/includes/page_meta.html).
SHARE_RENDITION = "fill-1200x630"

CONSENT_REQUIRED = _(
    "Record the interviewee's publication consent (tick the box and enter the date) "
    "before this interview is published or submitted for review."
)


class ShareImage(NamedTuple):
    """The image of a page's Open Graph card, and its alt text."""

    image: object | None
    alt: str = ""


def card_renditions_prefetch(lookup: str = "cover_image__renditions") -> Prefetch:
    """Prefetch only the renditions a card uses, onto the attribute Wagtail's image tags read."""
    rendition_model = get_image_model().get_rendition_model()
    return Prefetch(
        lookup,
        queryset=rendition_model.objects.filter(filter_spec__in=CARD_RENDITIONS),
        to_attr="prefetched_renditions",
    )


class ArticlePageQuerySet(PageQuerySet):
    def for_cards(self) -> ArticlePageQuerySet:
        """Newest first, without StreamFields, cover image and its card renditions included.

        On `ArticlePage` (interviews and news mixed) each row comes back as its
        specific class, with one query per class; either way the number of
        queries does not depend on the number of rows.
        """
        queryset = self.order_by("-date", "-pk").defer_streamfields()
        if self.model is ArticlePage:
            return (
                queryset.specific()
                .select_related("cover_image", for_specific_subqueries=True)
                .prefetch_related(card_renditions_prefetch(), for_specific_subqueries=True)
            )
        return queryset.select_related("cover_image").prefetch_related(card_renditions_prefetch())


ArticlePageManager = PageManager.from_queryset(ArticlePageQuerySet)

ARTICLES_PER_PAGE = 12


def paginate_articles(request: HttpRequest, queryset, per_page: int = ARTICLES_PER_PAGE) -> PaginatorPage:
    """One page of `queryset` from `?page=`; a bad or too high number gives the nearest page."""
    return Paginator(queryset, per_page).get_page(request.GET.get("page"))


def canonical_query(page_obj: PaginatorPage) -> str:
    """`?page=N` from the second page on: each page of a list is its own canonical URL, without other parameters."""
    return f"?page={page_obj.number}" if page_obj.number > 1 else ""


class ArticleIndexPage(Page):
    """A list of articles, newest first: /interviews/ for interviews, and one for news if wanted."""

    intro = models.TextField(_("Introduction"), blank=True)

    articles_per_page = ARTICLES_PER_PAGE

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["home.InterviewPage", "home.NewsPage"]
    page_description = _("A list of interviews or news, newest first. Articles are created under it.")

    class Meta:
        verbose_name = _("Article index")
        verbose_name_plural = _("Article indexes")

    def get_articles(self) -> ArticlePageQuerySet:
        """This index's live, public articles, ready for cards."""
        return ArticlePage.objects.child_of(self).live().public().for_cards()

    def paginate(self, request: HttpRequest, queryset) -> PaginatorPage:
        """One page of `queryset` from `?page=`, `articles_per_page` long."""
        return paginate_articles(request, queryset, self.articles_per_page)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["articles"] = articles = self.paginate(request, self.get_articles())
        context["canonical_query"] = canonical_query(articles)
        return context


class ArticlePageTag(TaggedItemBase):
    """Tags of articles, shown as "related keywords"; tags are shared with courses (taggit's Tag)."""

    content_object = ParentalKey("home.ArticlePage", on_delete=models.CASCADE, related_name="tagged_items")

    class Meta:
        verbose_name = _("article tag")
        verbose_name_plural = _("article tags")


class ArticlePage(Page):
    """What interviews and news share. Not created by itself: see InterviewPage and NewsPage."""

    date = models.DateField(
        _("Date"), default=timezone.localdate, help_text=_("Shown on the article and used to order lists.")
    )
    lead = models.TextField(
        _("Lead"),
        max_length=400,
        help_text=_("One or two sentences under the title; also used in lists, feeds and search results."),
    )
    cover_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("Cover image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    cover_image_alt = models.CharField(
        _("Cover image alt text"),
        max_length=250,
        blank=True,
        help_text=_("Describe the cover image for people who cannot see it. Required with a cover image."),
    )
    body = StreamField(ArticleStreamBlock(), verbose_name=_("Body"), blank=True)
    tags = ClusterTaggableManager(
        through=ArticlePageTag,
        blank=True,
        verbose_name=_("Related keywords"),
        help_text=_("Keywords link to a list of every article with the same keyword and choose related articles."),
    )

    objects = ArticlePageManager()

    search_fields = [
        *Page.search_fields,
        index.SearchField("lead"),
        index.SearchField("body"),
        index.RelatedFields("tags", [index.SearchField("name")]),
        index.FilterField("date"),
    ]

    is_creatable = False
    parent_page_types = ["home.ArticleIndexPage"]
    subpage_types: list[str] = []
    related_articles_limit = 3

    class Meta:
        verbose_name = _("Article")
        verbose_name_plural = _("Articles")

    def clean(self):
        super().clean()
        if self.cover_image_id and not self.cover_image_alt.strip():
            raise ValidationError(
                {"cover_image_alt": _("Describe the cover image for people who cannot see it (alt text).")}
            )

    def get_meta_description(self) -> str:
        """The page's search description, or its lead cut to the length search engines show."""
        return self.search_description or Truncator(self.lead).chars(120)

    def get_share_image(self) -> ShareImage:
        """The image for Open Graph cards, with its alt text."""
        if self.cover_image_id:
            return ShareImage(self.cover_image, self.cover_image_alt)
        return ShareImage(None)

    def get_related_articles(self) -> list[ArticlePage]:
        """Other live, public articles that share a tag with this one, newest first.

        When none shares a tag, the newest articles of the same index instead,
        so the section is never empty on a site with more than one article.
        Tags are read from the instance, so previews of unsaved changes work.
        """
        others = ArticlePage.objects.live().public()
        if self.pk:
            others = others.exclude(pk=self.pk)
        tag_ids = [tag.pk for tag in self.tags.all() if tag.pk]
        if tag_ids:
            sharing = ArticlePageTag.objects.filter(tag_id__in=tag_ids).values("content_object_id")
            related = list(others.filter(pk__in=sharing).for_cards()[: self.related_articles_limit])
            if related:
                return related
        if not self.pk:
            return []
        return list(others.sibling_of(self, inclusive=False).for_cards()[: self.related_articles_limit])

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["related_articles"] = self.get_related_articles()
        return context


class InterviewCourse(Orderable):
    """A course the interviewee took, and the cohort (seminar batch) they took it with, if known."""

    page = ParentalKey("home.InterviewPage", on_delete=models.CASCADE, related_name="courses_taken")
    course = models.ForeignKey(
        "courses.CoursePage", verbose_name=_("Course"), on_delete=models.CASCADE, related_name="+"
    )
    cohort = models.ForeignKey(
        "courses.Cohort",
        verbose_name=_("Cohort"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    panels = [FieldPanel("course"), FieldPanel("cohort")]

    class Meta(Orderable.Meta):
        verbose_name = _("course taken")
        verbose_name_plural = _("courses taken")

    def clean(self):
        super().clean()
        if self.cohort_id and self.course_id and self.cohort.course_id != self.course_id:
            raise ValidationError({"cohort": _("Choose a cohort of the selected course, or none.")})


class InterviewPageForm(WagtailAdminPageForm):
    """Refuses to publish or submit an interview without recorded consent, keeping what was typed."""

    PUBLISHING_ACTIONS = ("action-publish", "action-submit", "action-restart-workflow")

    def requests_publication(self) -> bool:
        """Whether the button pressed publishes the page now or leads to publishing (review, approval)."""
        if any(self.data.get(name) for name in self.PUBLISHING_ACTIONS):
            return True
        return bool(self.data.get("action-workflow-action")) and self.data.get("workflow-action-name") == "approve"

    def clean(self):
        cleaned_data = super().clean()
        if self.requests_publication() and not cleaned_data.get("publication_consent"):
            self.add_error("publication_consent", forms.ValidationError(CONSENT_REQUIRED, code="consent_required"))
        return cleaned_data


class InterviewPage(ArticlePage):
    """An interview with a graduate: who they are, what they took, and their story."""

    interviewee_name = models.CharField(
        _("Interviewee's display name"),
        max_length=60,
        help_text=_("The name shown on the page. A pseudonym is fine, for example 青木さん."),
    )
    portrait = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("Portrait"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    occupation = models.CharField(_("Occupation"), max_length=120, blank=True)
    region = models.CharField(_("Region"), max_length=120, blank=True, help_text=_("Where they live and work."))
    publication_consent = models.BooleanField(
        _("The interviewee agreed to publication"),
        default=False,
        help_text=_("Of this text and these photos. Without it the interview cannot be published."),
    )
    consent_recorded_on = models.DateField(_("Consent given on"), null=True, blank=True)
    consent_note = models.CharField(
        _("How consent was recorded"),
        max_length=255,
        blank=True,
        help_text=_("For example: signed consent form kept at the office, or an e-mail reply."),
    )

    base_form_class = InterviewPageForm
    template = "home/interview_page.html"

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel([FieldPanel("date"), FieldPanel("lead")], heading=_("Introduction")),
        MultiFieldPanel(
            [
                FieldPanel("interviewee_name"),
                FieldPanel("portrait"),
                FieldRowPanel([FieldPanel("occupation"), FieldPanel("region")]),
            ],
            heading=_("Interviewee"),
        ),
        InlinePanel("courses_taken", label=_("Courses taken"), heading=_("Courses taken")),
        MultiFieldPanel(
            [FieldPanel("publication_consent"), FieldPanel("consent_recorded_on"), FieldPanel("consent_note")],
            heading=_("Publication consent"),
        ),
        MultiFieldPanel([FieldPanel("cover_image"), FieldPanel("cover_image_alt")], heading=_("Cover image")),
        FieldPanel("body"),
        FieldPanel("tags"),
    ]

    search_fields = [
        *ArticlePage.search_fields,
        index.SearchField("interviewee_name"),
        index.SearchField("occupation"),
        index.SearchField("region"),
    ]

    page_description = _("An interview with a graduate, published after the interviewee's consent is recorded.")

    class Meta:
        verbose_name = _("Interview")
        verbose_name_plural = _("Interviews")

    def get_courses_taken(self) -> list[InterviewCourse]:
        """The courses taken, in the editor's order, with course and cohort fetched in the same query."""
        return list(self.courses_taken.select_related("course", "cohort").order_by("sort_order"))

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["courses_taken"] = self.get_courses_taken()
        return context

    @property
    def portrait_alt(self) -> str:
        return _("Portrait of %(name)s") % {"name": self.interviewee_name}

    def get_share_image(self) -> ShareImage:
        """The cover image, or the portrait when there is no cover."""
        if not self.cover_image_id and self.portrait_id:
            return ShareImage(self.portrait, self.portrait_alt)
        return super().get_share_image()

    def is_being_published(self) -> bool:
        """True while Wagtail saves this page as live with a live revision (publishing, or editing a live page)."""
        return self.live and self.live_revision_id is not None

    def clean(self):
        """The consent gate, for every way of publishing (admin form, workflow approval, scheduled publishing).

        The admin form checks first (`InterviewPageForm`) so that editors see the
        message next to the field; this check stops anything that gets past it.
        """
        errors = {}
        try:
            super().clean()
        except ValidationError as error:
            errors.update(error.update_error_dict({}))
        if self.publication_consent and not self.consent_recorded_on:
            errors.setdefault("consent_recorded_on", []).append(
                ValidationError(_("Enter the date the interviewee agreed to publication."))
            )
        if self.is_being_published() and not self.publication_consent:
            errors.setdefault("publication_consent", []).append(ValidationError(CONSENT_REQUIRED))
        if errors:
            raise ValidationError(errors)
