"""The catalog at /courses/: every filter, their combinations, sorting, pagination and bad input."""

from __future__ import annotations

import itertools

import pytest
from django.test import override_settings
from django.utils import timezone

from courses.models import CoursePage
from tests.factories.courses import CoursePageFactory, EnrollmentFactory, LessonPageFactory

pytestmark = pytest.mark.django_db


def titles(client, **params) -> list[str]:
    response = client.get("/courses/", params)
    assert response.status_code == 200
    return sorted(course.title for course in response.context["courses"])


def expected(shelf, keys) -> list[str]:
    return sorted(shelf[key].title for key in keys)


def test_catalog_lists_every_live_course(client, shelf, catalog):
    CoursePageFactory(parent=catalog, title="下書き", live=False)
    assert titles(client) == expected(shelf, shelf)


@pytest.mark.parametrize(
    ("level", "keys"), [(1, ["writing1", "design1"]), (2, ["design2"]), (3, ["writing3"]), (4, ["sales4"])]
)
def test_filter_by_level(client, shelf, level, keys):
    assert titles(client, level=level) == expected(shelf, keys)


@pytest.mark.parametrize(
    ("category", "keys"),
    [("writing", ["writing1", "writing3"]), ("web-design", ["design1", "design2"]), ("sales", ["sales4"])],
)
def test_filter_by_category(client, shelf, category, keys):
    assert titles(client, category=category) == expected(shelf, keys)


@pytest.mark.parametrize(
    ("tag", "keys"),
    [("seo", ["writing1", "writing3"]), ("初心者歓迎", ["writing1", "design1"]), ("営業", ["sales4"])],
)
def test_filter_by_tag(client, shelf, tag, keys):
    assert titles(client, tag=tag) == expected(shelf, keys)


def test_filter_by_text(client, shelf):
    assert titles(client, q="はじめて") == expected(shelf, ["design1"])
    assert titles(client, q="デザイン") == expected(shelf, ["design1", "design2"])  # one by title, one by tag


FILTERS = {
    "level": {"writing1": 1, "writing3": 3, "design1": 1, "design2": 2, "sales4": 4},
    "category": {
        "writing1": "writing",
        "writing3": "writing",
        "design1": "web-design",
        "design2": "web-design",
        "sales4": "sales",
    },
    "tag": {
        "writing1": {"seo", "初心者歓迎"},
        "writing3": {"seo"},
        "design1": {"初心者歓迎"},
        "design2": {"デザイン"},
        "sales4": {"営業"},
    },
}
VALUES = {"level": ["1", "3"], "category": ["writing", "web-design"], "tag": ["seo", "初心者歓迎"]}


def _matches(key, params) -> bool:
    for name, value in params.items():
        actual = FILTERS[name][key]
        if name == "tag":
            if value not in actual:
                return False
        elif str(actual) != value:
            return False
    return True


@pytest.mark.parametrize(
    "params",
    [
        dict(zip(names, values, strict=True))
        for size in (2, 3)
        for names in itertools.combinations(VALUES, size)
        for values in itertools.product(*(VALUES[name] for name in names))
    ],
    ids=lambda params: "&".join(f"{k}={v}" for k, v in params.items()),
)
def test_filter_combinations(client, shelf, params):
    keys = [key for key in shelf if _matches(key, params)]
    assert titles(client, **params) == expected(shelf, keys)


def test_text_combined_with_filters(client, shelf):
    assert titles(client, q="SEO", level=3) == expected(shelf, ["writing3"])
    assert titles(client, q="Web", category="web-design", tag="初心者歓迎") == expected(shelf, ["design1"])
    assert titles(client, q="Web", category="sales") == []


@pytest.mark.parametrize(
    "params",
    [
        {"level": "9"},
        {"level": "入門"},
        {"level": "1; DROP TABLE"},
        {"category": "no-such-category"},
        {"tag": "<script>alert(1)</script>"},
        {"sort": "price"},
        {"page": "abc"},
        {"page": "999"},
        {"q": "x" * 500},
    ],
)
def test_unknown_values_are_ignored_and_the_catalog_still_shows(client, shelf, params):
    response = client.get("/courses/", params)
    assert response.status_code == 200
    html = response.content.decode()
    assert "<script>alert(1)</script>" not in html
    if "q" not in params:
        assert len(response.context["courses"]) == len(shelf)
    if set(params) & {"level", "category", "tag", "sort"}:
        assert response.context["filters"].ignored


def test_unknown_value_is_ignored_but_the_other_filters_still_apply(client, shelf):
    assert titles(client, level="7", category="writing") == expected(shelf, ["writing1", "writing3"])


def test_sort_new_level_and_popular(client, shelf):
    now = timezone.now()
    for offset, key in enumerate(["sales4", "writing3", "design2", "design1", "writing1"]):
        CoursePage.objects.filter(pk=shelf[key].pk).update(
            first_published_at=now - timezone.timedelta(days=offset), enrolment_count=offset * 3 % 5
        )

    def order(sort):
        return [course.title for course in client.get("/courses/", {"sort": sort}).context["courses"]]

    assert order("new") == [shelf[key].title for key in ["sales4", "writing3", "design2", "design1", "writing1"]]
    levels = [course.level for course in client.get("/courses/", {"sort": "level"}).context["courses"]]
    assert levels == [1, 1, 2, 3, 4]
    popular = [
        course.title
        for course in sorted(shelf.values(), key=lambda c: (-CoursePage.objects.get(pk=c.pk).enrolment_count, c.title))
    ]
    assert order("popular") == popular


@override_settings(LMS_CATALOG_PAGE_SIZE=2)
def test_pagination_keeps_the_filters(client, shelf):
    response = client.get("/courses/", {"level": "1", "page": "1"})
    assert response.context["page_obj"].paginator.num_pages == 1
    response = client.get("/courses/", {"sort": "level"})
    page_obj = response.context["page_obj"]
    assert page_obj.paginator.num_pages == 3
    html = response.content.decode()
    assert "?sort=level&amp;page=2" in html
    second = client.get("/courses/", {"sort": "level", "page": 2}).context["courses"]
    assert [course.title for course in second] == [shelf["design2"].title, shelf["writing3"].title]


def test_filter_links_keep_the_other_filters(client, shelf):
    html = client.get("/courses/", {"category": "writing", "q": "SEO"}).content.decode()
    # The level links keep the category and the text; removing one filter keeps the others.
    assert "?category=writing&amp;q=SEO&amp;level=1" in html
    assert 'href="?q=SEO"' in html


def test_filter_form_works_without_javascript(client, shelf):
    html = client.get("/courses/", {"level": "2"}).content.decode()
    assert 'method="get"' in html
    assert '<option value="2" selected>' in html
    for name in ("q", "level", "category", "tag", "sort"):
        assert f'name="{name}"' in html
    assert 'type="submit"' in html


def test_card_shows_level_category_hours_and_mentor_initials(client, shelf, mentor):
    course = shelf["writing1"]
    course.mentors.set([mentor])
    mentor.first_name, mentor.last_name = "美咲", "鈴木"
    mentor.save()
    course.save()
    html = client.get("/courses/", {"level": 1}).content.decode()
    assert "level-badge--1" in html
    assert "ライティング" in html
    assert 'class="course-card__hours"' in html
    assert 'aria-label="鈴木 美咲"' in html


def test_card_shows_progress_of_an_enrolled_learner(client, shelf, learner):
    course = shelf["writing1"]
    lesson_a = LessonPageFactory(parent=course)
    LessonPageFactory(parent=course)
    enrollment = EnrollmentFactory(user=learner, course=course)
    enrollment.complete_step(lesson_a)
    client.force_login(learner)
    response = client.get("/courses/")
    cards = {card.title: card for card in response.context["courses"]}
    assert cards[course.title].enrollment.progress_percent == 50
    assert cards[shelf["sales4"].title].enrollment is None
    html = response.content.decode()
    assert '<progress class="progress__bar" max="100" value="50"' in html
    assert html.count("<progress") == 1


@pytest.mark.parametrize(
    ("language", "words"),
    [
        ("ja", ["入門", "初級", "中級", "上級", "この条件で表示"]),
        ("en", ["Introductory", "Beginner", "Intermediate", "Advanced", "Show courses"]),
    ],
)
def test_catalog_in_both_languages(client, shelf, language, words):
    html = client.get("/courses/", HTTP_ACCEPT_LANGUAGE=language).content.decode()
    for word in words:
        assert word in html
