"""Fixtures of the courses tests: a catalog, a course with lessons, learners."""

from __future__ import annotations

import pytest

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
            title="提案文を書く",
            slug="proposal",
            body=[("paragraph", "<p>魅力的な提案文の書き方を学びます。</p>")],
        ),
        LessonPageFactory(parent=course, title="発展", slug="extra", is_optional=True),
    ]
