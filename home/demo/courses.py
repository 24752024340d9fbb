"""The catalog, its courses and lessons, a cohort, and the demo learners' progress.

Built from the plain data in `home.demo.content` with the factories the tests
use. Idempotent: everything is found by slug (or name) and updated in place.
"""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from django.utils import timezone
from wagtail.models import Site

from courses.models import Cohort, CourseIndexPage, CoursePage, Enrollment, LessonPage, SkillCategory
from tests.factories.courses import CohortFactory, CourseIndexPageFactory, CoursePageFactory, LessonPageFactory

from .content import CATEGORIES, COURSES

if TYPE_CHECKING:
    from . import DemoContext

CATALOG_INTRO = (
    "<p>入門から上級まで、在宅で学べるフリーランスのためのコースです。"
    "レベル・分野・タグで絞り込んだり、キーワードで探したりできます。</p>"
)
MENTOR_BY_CATEGORY = {
    "writing": "mentor",
    "sales": "mentor",
    "accounting": "mentor",
    "web-design": "mentor2",
    "programming": "mentor2",
}
COHORT = {
    "course": "web-writing-intro",
    "name": "2025年秋期 Webライティング入門ゼミ",
    "enrolment_key": "tsunagu-aki",
}
# username -> [(course slug, lessons completed, index of the last lesson visited, in the cohort)]
PROGRESS = {
    "learner": [
        ("freelance-tax-return", "all", 4, False),
        ("web-writing-intro", 3, 2, True),
        ("web-design-intro", 0, 0, False),
    ],
    "learner2": [
        ("web-writing-intro", 1, 1, True),
        ("proposal-basics", 2, 1, False),
    ],
}


def load(ctx: DemoContext) -> None:
    home = ctx.pages.get("home") or _default_home()
    categories = _load_categories()
    catalog = _load_catalog(home)
    courses = {}
    for data in COURSES:
        course = _load_course(ctx, catalog, categories, data)
        _load_lessons(course, data["lessons"])
        courses[data["slug"]] = course
    for data in COURSES:
        _set_prerequisites(courses[data["slug"]], [courses[slug] for slug in data["prerequisites"] if slug in courses])
    cohort = _load_cohort(ctx, courses)
    for username, plan in PROGRESS.items():
        user = ctx.users.get(username)
        if user is not None:
            _load_progress(user, courses, cohort, plan)
    ctx.pages["catalog"] = catalog
    ctx.pages["courses"] = courses
    lesson_count = LessonPage.objects.descendant_of(catalog).count()
    ctx.say(f"  courses: {len(courses)} courses, {lesson_count} lessons, cohort “{cohort.name}”")


def _default_home():
    return Site.objects.get(is_default_site=True).root_page.specific


def _load_categories() -> dict[str, SkillCategory]:
    categories = {}
    for order, data in enumerate(CATEGORIES):
        category, _created = SkillCategory.objects.update_or_create(
            slug=data["slug"],
            defaults={"name": data["name"], "description": data["description"], "sort_order": order},
        )
        categories[category.slug] = category
    return categories


def _load_catalog(home) -> CourseIndexPage:
    catalog = CourseIndexPage.objects.child_of(home).filter(slug="courses").first()
    if catalog is None:
        catalog = CourseIndexPageFactory(parent=home, title="コース一覧", slug="courses", intro=CATALOG_INTRO)
        catalog.save_revision().publish()
    return catalog


def _publish_if_changed(page, values: dict, *, changed: bool = False) -> None:
    """Set `values`; publish a new revision only when something differs."""
    changed = changed or any(getattr(page, name) != value for name, value in values.items())
    for name, value in values.items():
        setattr(page, name, value)
    if changed or not page.first_published_at:
        page.save_revision().publish()


def _load_course(ctx: DemoContext, catalog, categories, data) -> CoursePage:
    course = CoursePage.objects.child_of(catalog).filter(slug=data["slug"]).first()
    values = {
        "title": data["title"],
        "summary": data["summary"],
        "level": data["level"],
        "category": categories[data["category"]],
        "hours": data["hours"],
        "description": data["description"],
        "prerequisite_policy": data["prerequisite_policy"],
    }
    if course is None:
        course = CoursePageFactory(parent=catalog, slug=data["slug"], **values)
        ctx.say(f"  course {data['title']}")
    changed = False
    if [block.value for block in course.outcomes] != data["outcomes"]:
        course.outcomes = [("outcome", text) for text in data["outcomes"]]
        changed = True
    if sorted(tag.name for tag in course.tags.all()) != sorted(data["tags"]):
        course.tags.set(data["tags"])
        changed = True
    mentor = ctx.users.get(MENTOR_BY_CATEGORY.get(data["category"], "mentor"))
    if mentor is not None and list(course.mentors.all()) != [mentor]:
        course.mentors.set([mentor])
        changed = True
    _publish_if_changed(course, values, changed=changed)
    return course


def _lesson_body(blocks) -> list:
    raw = []
    for block_type, value in blocks:
        raw.append({"type": block_type, "value": value})
    return LessonPage.body.field.stream_block.to_python(raw)


def _text(stream) -> list[str]:
    return LessonPage.body.field.stream_block.get_searchable_content(stream)


def _load_lessons(course: CoursePage, lessons) -> None:
    existing = {lesson.slug: lesson for lesson in LessonPage.objects.child_of(course)}
    for data in lessons:
        values = {
            "title": data["title"],
            "summary": data["summary"],
            "minutes": data["minutes"],
            "is_preview": data.get("preview", False),
            "is_optional": data.get("optional", False),
        }
        lesson = existing.get(data["slug"])
        body = _lesson_body(data["body"])
        if lesson is None:
            lesson = LessonPageFactory(parent=course, slug=data["slug"], body=body, **values)
            lesson.save_revision().publish()
            continue
        changed = _text(lesson.body) != _text(body)
        if changed:
            lesson.body = body
        _publish_if_changed(lesson, values, changed=changed)


def _set_prerequisites(course: CoursePage, prerequisites: list[CoursePage]) -> None:
    if {page.pk for page in course.prerequisites.all()} != {page.pk for page in prerequisites}:
        course.prerequisites.set(prerequisites)
        course.save_revision().publish()


def _load_cohort(ctx: DemoContext, courses) -> Cohort:
    course = courses[COHORT["course"]]
    cohort = Cohort.objects.filter(course=course, name=COHORT["name"]).first()
    if cohort is None:
        today = timezone.localdate()
        cohort = CohortFactory(
            course=course,
            name=COHORT["name"],
            enrolment_key=COHORT["enrolment_key"],
            starts_on=today - datetime.timedelta(days=21),
            ends_on=today + datetime.timedelta(days=70),
        )
    mentors = [ctx.users[name] for name in ("mentor",) if name in ctx.users]
    if mentors:
        cohort.mentors.set(mentors)
    return cohort


def _load_progress(user, courses, cohort, plan) -> None:
    for slug, completed, last_index, in_cohort in plan:
        course = CoursePage.objects.get(pk=courses[slug].pk)
        enrollment = Enrollment.objects.filter(user=user, course=course).first()
        if enrollment is None:
            enrollment = Enrollment.objects.enroll(
                user, course, cohort=cohort if in_cohort else None, enrolment_key=cohort.enrolment_key
            )
        enrollment.course = course
        steps = [step for step in course.get_steps() if isinstance(step, LessonPage)]
        count = len(steps) if completed == "all" else completed
        for step in steps[: last_index + 1]:
            enrollment.record_view(step)
        for step in steps[:count]:
            enrollment.complete_step(step, user=user)
