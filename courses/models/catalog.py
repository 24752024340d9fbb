"""The catalog page at /courses/: every course, with filters, search, sorting and pagination."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field

from django.core.cache import cache
from django.core.paginator import Paginator
from django.db.models import Prefetch, Q
from django.utils.translation import gettext_lazy as _
from taggit.models import Tag
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.images import get_image_model
from wagtail.models import Page

from ..conf import conf
from ..search import search_query, text_matches
from ..syllabus import step_urls
from ..utils import user_queryset_with_profiles
from .courses import CoursePage
from .enrolment import Enrollment
from .lessons import LessonPage
from .taxonomy import Level, SkillCategory

CARD_RENDITION = "fill-640x360"
TAGS_VERSION_KEY = "courses:catalog-tags:version"
TAGS_CACHE_SECONDS = 60 * 60


def catalog_tags_changed() -> None:
    """Forget every catalog's cached tag list (a course was published, unpublished, moved or deleted,
    or tags changed). Called from `courses.signal_handlers`."""
    cache.set(TAGS_VERSION_KEY, uuid.uuid4().hex, None)


def _catalog_tags_version() -> str:
    version = cache.get(TAGS_VERSION_KEY)
    if version is None:
        version = uuid.uuid4().hex
        cache.add(TAGS_VERSION_KEY, version, None)
        version = cache.get(TAGS_VERSION_KEY, version)
    return version


def querystring_for(query_dict, **changes) -> str:
    """What `{% querystring %}` gives for `query_dict` with `changes` (None removes a key)."""
    params = query_dict.copy()
    for key, value in changes.items():
        if value is None:
            params.pop(key, None)
        else:
            params[key] = value
    if not params and not query_dict:
        return ""
    return f"?{params.urlencode()}"


@dataclass
class CatalogFilters:
    """What the learner asked for. Values that do not exist are dropped, never an error."""

    level: int | None = None
    category: SkillCategory | None = None
    tag: Tag | None = None
    q: str = ""
    sort: str = "new"
    ignored: list[str] = field(default_factory=list)
    # Lessons that matched the text, by their course's tree path (for "matching lessons" on the cards).
    lesson_hits: dict[str, list] = field(default_factory=dict)

    @property
    def active(self) -> bool:
        return bool(self.level or self.category or self.tag or self.q)


class CourseIndexPage(Page):
    """The catalog: lists its child courses with `?level=&category=&tag=&q=&sort=&page=`.

    The steps of `get_context` are separate methods so that a site can override one:
    `parse_filters`, `filter_courses`, `search_courses`, `sort_courses`, `paginate`,
    `decorate_courses`.
    """

    SORTS = {
        "new": (_("Newest"), ["-first_published_at", "-pk"]),
        "level": (_("Level"), ["level", "title", "pk"]),
        "popular": (_("Most popular"), ["-enrolment_count", "title", "pk"]),
    }
    MAX_QUERY_LENGTH = 100

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    subpage_types = ["courses.CoursePage"]
    page_description = _("The course catalog. Courses are created under it.")

    class Meta:
        verbose_name = _("course catalog")
        verbose_name_plural = _("course catalogs")

    def get_courses(self):
        """The live courses of this catalog."""
        return CoursePage.objects.live().child_of(self)

    def get_tags(self):
        """Tags used by at least one live course of this catalog, for the tag filter."""
        return (
            Tag.objects.filter(courses_coursepagetag_items__content_object__in=self.get_courses())
            .distinct()
            .order_by("name")
        )

    def get_cached_tags(self) -> list[Tag]:
        """`get_tags()` as a list, from the cache: the query reads every tagged course of the catalog.
        The cache is forgotten whenever a course or a tag changes (`catalog_tags_changed`)."""
        if self.pk is None:
            return list(self.get_tags())
        key = f"courses:catalog-tags:{self.pk}:{_catalog_tags_version()}"
        tags = cache.get(key)
        if tags is None:
            tags = list(self.get_tags())
            cache.set(key, tags, TAGS_CACHE_SECONDS)
        return tags

    def parse_filters(self, request, categories, tags) -> CatalogFilters:
        """Read the query string. Unknown or malformed values are ignored (and listed in `ignored`)."""
        params = request.GET
        filters = CatalogFilters()
        level = params.get("level", "")
        if level:
            if level in {str(value) for value in Level.values}:
                filters.level = int(level)
            else:
                filters.ignored.append("level")
        category = params.get("category", "")
        if category:
            filters.category = next((item for item in categories if item.slug == category), None)
            if filters.category is None:
                filters.ignored.append("category")
        tag = params.get("tag", "")
        if tag:
            filters.tag = next((item for item in tags if item.slug == tag), None)
            if filters.tag is None:
                filters.ignored.append("tag")
        filters.q = " ".join(params.get("q", "").split())[: self.MAX_QUERY_LENGTH]
        sort = params.get("sort", "")
        if sort in self.SORTS:
            filters.sort = sort
        elif sort:
            filters.ignored.append("sort")
        return filters

    def filter_courses(self, courses, filters: CatalogFilters, request):
        """Apply level, category, tag and text search."""
        if filters.level:
            courses = courses.filter(level=filters.level)
        if filters.category:
            courses = courses.filter(category=filters.category)
        if filters.tag:
            courses = courses.filter(tagged_items__tag=filters.tag)
        if filters.q:
            matching, filters.lesson_hits = self.search_courses(filters.q, request)
            courses = courses.filter(matching)
        return courses

    def search_courses(self, text: str, request) -> tuple[Q, dict[str, list[LessonPage]]]:
        """A filter for the courses matching `text` in their own text or in one of their lessons,
        and the matching lessons by their course's path.

        Lessons match by title and summary for everyone, and by body only for
        free previews and for courses the user is enrolled in, so that a search
        never reveals what a locked lesson says. Japanese is matched by
        character bigrams (`courses.search`). A fixed number of queries,
        however many courses or lessons match.
        """
        query = search_query(text)
        if query is None:
            return Q(pk__in=[]), {}
        course_ids = [course.pk for course in self.get_courses().only("pk").search(query, order_by_relevance=False)]
        lessons = (
            LessonPage.objects.live()
            .descendant_of(self)
            .only("pk", "path", "depth", "title", "summary", "is_preview")
            .search(query, order_by_relevance=False)
        )
        enrolled_paths = set(Enrollment.objects.for_user(request.user).current().values_list("course__path", flat=True))
        lesson_hits: dict[str, list[LessonPage]] = {}
        for lesson in lessons:
            course_path = lesson.path[: -lesson.steplen]
            if lesson.is_preview or course_path in enrolled_paths or text_matches(text, lesson.title_text()):
                lesson_hits.setdefault(course_path, []).append(lesson)
        return Q(pk__in=course_ids) | Q(path__in=list(lesson_hits)), lesson_hits

    def sort_courses(self, courses, filters: CatalogFilters):
        return courses.order_by(*self.SORTS[filters.sort][1])

    def paginate(self, request, courses):
        """One page of courses (`conf.CATALOG_PAGE_SIZE` per page). A bad page number gives the nearest page."""
        paginator = Paginator(courses, conf.CATALOG_PAGE_SIZE)
        return paginator.get_page(request.GET.get("page"))

    def decorate_courses(self, courses: list[CoursePage], request, filters: CatalogFilters) -> list[CoursePage]:
        """Attach to each course the learner's enrolment (for the progress bar) and matching lessons."""
        enrollments = {}
        if request.user.is_authenticated and courses:
            enrollments = {
                enrollment.course_id: enrollment
                for enrollment in Enrollment.objects.filter(user=request.user, course__in=[c.pk for c in courses])
            }
        # Each link is computed once per page, not once per card in the template.
        links: dict[tuple[str, str], str] = {}

        def link(key: str, value: str) -> str:
            if (key, value) not in links:
                links[key, value] = querystring_for(request.GET, **{key: value, "page": None})
            return links[key, value]

        for course, url in zip(courses, step_urls(courses, request), strict=True):
            course.enrollment = enrollments.get(course.pk)
            course.matching_lessons = filters.lesson_hits.get(course.path, [])[:3]
            course.card_url = url
            course.category_url = link("category", course.category.slug) if course.category else ""
            course.tag_links = [(tag, link("tag", tag.slug)) for tag in course.tags.all()]
        return courses

    def get_course_queryset(self):
        """Courses with everything a card shows, in a fixed number of queries."""
        return (
            self.get_courses()
            .defer_streamfields()
            .select_related("category")
            .prefetch_related(
                "tags",
                Prefetch("mentors", queryset=user_queryset_with_profiles()),
                Prefetch("cover_image", queryset=get_image_model().objects.prefetch_renditions(CARD_RENDITION)),
            )
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        categories = list(SkillCategory.objects.all())
        tags = self.get_cached_tags()
        filters = self.parse_filters(request, categories, tags)
        courses = self.sort_courses(self.filter_courses(self.get_course_queryset(), filters, request), filters)
        page_obj = self.paginate(request, courses)
        context.update(
            filters=filters,
            categories=categories,
            tags=tags,
            levels=Level.choices,
            sorts=[(key, label) for key, (label, _order) in self.SORTS.items()],
            page_obj=page_obj,
            courses=self.decorate_courses(list(page_obj.object_list), request, filters),
        )
        return context
