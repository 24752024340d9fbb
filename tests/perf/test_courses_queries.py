"""Query counts of the courses pages do not grow with the number of rows.

Each test builds a small and a large case in the same database, warms up once,
and compares the number of queries of the same request.
"""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories.accounts import LearnerFactory, MentorFactory
from tests.factories.courses import (
    CourseIndexPageFactory,
    CoursePageFactory,
    EnrollmentFactory,
    LessonPageFactory,
    SkillCategoryFactory,
)

pytestmark = pytest.mark.django_db

MEASURED: dict[str, tuple[int, int]] = {}


def count_queries(client, url, params=None) -> int:
    client.get(url, params)  # warm caches (content types, site root paths)
    with CaptureQueriesContext(connection) as context:
        response = client.get(url, params)
    assert response.status_code == 200
    return len(context.captured_queries)


def build_catalog(home_page, slug: str, size: int, learner, mentors):
    catalog = CourseIndexPageFactory(parent=home_page, slug=slug, title=slug)
    categories = [SkillCategoryFactory(slug=f"{slug}-cat-{n}") for n in range(3)]
    for n in range(size):
        course = CoursePageFactory(
            parent=catalog,
            title=f"講座{n} ライティングの基礎",
            slug=f"c{n}",
            level=n % 4 + 1,
            category=categories[n % 3],
            tags=["初心者歓迎", f"tag{n % 5}"],
            mentors=mentors[: n % 3],
        )
        if n % 2 == 0:
            lesson = LessonPageFactory(parent=course, slug=f"l{n}", body=[("paragraph", "<p>提案文の書き方</p>")])
            enrollment = EnrollmentFactory(user=learner, course=course)
            if n % 4 == 0:
                enrollment.complete_step(lesson)
    return catalog


@pytest.mark.parametrize("params", [{}, {"level": "1", "tag": "初心者歓迎", "sort": "popular"}, {"q": "講座"}])
def test_catalog_queries_do_not_grow_with_courses(client, home_page, params):
    learner = LearnerFactory()
    mentors = [MentorFactory(), MentorFactory()]
    small = build_catalog(home_page, "small", 10, learner, mentors)
    large = build_catalog(home_page, "large", 200, learner, mentors)
    client.force_login(learner)
    small_count = count_queries(client, small.url, params)
    large_count = count_queries(client, large.url, params)
    MEASURED[f"catalog {params}"] = (small_count, large_count)
    assert small_count == large_count


def build_course(catalog, slug: str, siblings: int, learner):
    course = CoursePageFactory(parent=catalog, slug=slug, title=slug)
    lessons = [LessonPageFactory(parent=course, slug=f"{slug}-{n}") for n in range(siblings)]
    enrollment = EnrollmentFactory(user=learner, course=course)
    for lesson in lessons[: siblings // 2]:
        enrollment.complete_step(lesson)
    return course, lessons


def test_lesson_page_queries_do_not_grow_with_siblings(client, home_page):
    learner = LearnerFactory()
    catalog = CourseIndexPageFactory(parent=home_page)
    _small, small_lessons = build_course(catalog, "five", 5, learner)
    _large, large_lessons = build_course(catalog, "fifty", 50, learner)
    client.force_login(learner)
    small_count = count_queries(client, small_lessons[3].url)
    large_count = count_queries(client, large_lessons[30].url)
    MEASURED["lesson page"] = (small_count, large_count)
    assert small_count == large_count


def test_course_page_queries_do_not_grow_with_steps(client, home_page):
    learner = LearnerFactory()
    catalog = CourseIndexPageFactory(parent=home_page)
    small, _lessons = build_course(catalog, "five", 5, learner)
    large, _lessons = build_course(catalog, "fifty", 50, learner)
    client.force_login(learner)
    small_count = count_queries(client, small.url)
    large_count = count_queries(client, large.url)
    MEASURED["course page"] = (small_count, large_count)
    assert small_count == large_count


def test_dashboard_queries_do_not_grow_with_enrolments(client, home_page):
    catalog = CourseIndexPageFactory(parent=home_page)
    few, many = LearnerFactory(), LearnerFactory()
    for n in range(20):
        course = CoursePageFactory(parent=catalog, slug=f"c{n}")
        lessons = [LessonPageFactory(parent=course, slug=f"c{n}-l{m}") for m in range(3)]
        for learner in [many] + ([few] if n < 2 else []):
            enrollment = EnrollmentFactory(user=learner, course=course)
            enrollment.record_view(lessons[0])
            enrollment.complete_step(lessons[0])
            if n % 5 == 0:
                enrollment.complete_step(lessons[1])
                enrollment.complete_step(lessons[2])  # completed, with a certificate
    client.force_login(few)
    few_count = count_queries(client, "/learn/")
    client.force_login(many)
    many_count = count_queries(client, "/learn/")
    MEASURED["dashboard"] = (few_count, many_count)
    assert few_count == many_count


def teardown_module(module):
    for name, (small, large) in MEASURED.items():
        print(f"\nqueries {name}: {small} (small) / {large} (large)")  # noqa: T201 (shown with -s)
