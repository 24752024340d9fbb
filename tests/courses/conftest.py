"""Fixtures of the courses tests: a catalog, courses with lessons, learners. Built per test."""

from __future__ import annotations

import pytest

from tests.factories.accounts import LearnerFactory
from tests.factories.courses import (
    CourseIndexPageFactory,
    CoursePageFactory,
    LessonPageFactory,
    SkillCategoryFactory,
)


@pytest.fixture
def catalog(home_page):
    return CourseIndexPageFactory(parent=home_page)


@pytest.fixture
def category(db):
    return SkillCategoryFactory(slug="writing", name="ライティング")


@pytest.fixture
def course(catalog, category):
    return CoursePageFactory(
        parent=catalog, title="ライティング講座の基礎", slug="writing-basics", level=1, category=category
    )


@pytest.fixture
def lessons(course):
    """Three lessons: a free preview, a required one and an optional one."""
    return [
        LessonPageFactory(parent=course, title="はじめに", slug="intro", is_preview=True),
        LessonPageFactory(
            parent=course,
            title="提案を書く",
            slug="proposal",
            body=[("paragraph", "<p>魅力的な提案文の書き方を学びます。</p>")],
        ),
        LessonPageFactory(parent=course, title="発展", slug="extra", is_optional=True),
    ]


@pytest.fixture
def other_learner(db):
    return LearnerFactory()


@pytest.fixture
def shelf(catalog):
    """A small catalog over every level and three categories, with tags."""
    writing = SkillCategoryFactory(slug="writing", name="ライティング")
    design = SkillCategoryFactory(slug="web-design", name="Webデザイン")
    sales = SkillCategoryFactory(slug="sales", name="営業・提案")
    courses = {
        "writing1": CoursePageFactory(
            parent=catalog,
            title="Webライティング入門",
            slug="w1",
            level=1,
            category=writing,
            tags=["初心者歓迎", "SEO"],
        ),
        "writing3": CoursePageFactory(
            parent=catalog, title="SEO記事の構成", slug="w3", level=3, category=writing, tags=["SEO"]
        ),
        "design1": CoursePageFactory(
            parent=catalog, title="はじめてのWebデザイン", slug="d1", level=1, category=design, tags=["初心者歓迎"]
        ),
        "design2": CoursePageFactory(
            parent=catalog, title="バナー制作の基本", slug="d2", level=2, category=design, tags=["デザイン"]
        ),
        "sales4": CoursePageFactory(
            parent=catalog, title="単価交渉の実践", slug="s4", level=4, category=sales, tags=["営業"]
        ),
    }
    return courses
