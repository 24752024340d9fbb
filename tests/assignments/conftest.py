"""Fixtures of the assignments tests: a course with a lesson and an assignment, an enrolled learner."""

from __future__ import annotations

import pytest
from django.utils import translation

from tests.factories.accounts import LearnerFactory
from tests.factories.assignments import AssignmentPageFactory
from tests.factories.courses import (
    CourseIndexPageFactory,
    CoursePageFactory,
    EnrollmentFactory,
    LessonPageFactory,
    SkillCategoryFactory,
)


@pytest.fixture(autouse=True)
def english(settings):
    """Assertions read the English source messages; one test checks the Japanese catalogue."""
    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        yield


@pytest.fixture
def course(home_page):
    catalog = CourseIndexPageFactory(parent=home_page)
    category = SkillCategoryFactory(slug="writing", name="ライティング")
    return CoursePageFactory(parent=catalog, title="Webライティング入門", slug="web-writing", category=category)


@pytest.fixture
def lesson(course):
    return LessonPageFactory(parent=course, title="読みやすい文章", slug="readable")


@pytest.fixture
def assignment(course, lesson):
    return AssignmentPageFactory(
        parent=course, title="商品紹介文を書く", slug="product-intro", min_chars=10, max_chars=100
    )


@pytest.fixture
def enrolled(learner, course):
    """The `learner`, enrolled in `course`."""
    EnrollmentFactory(user=learner, course=course)
    return learner


@pytest.fixture
def other_learner(course):
    other = LearnerFactory(username="other-learner")
    EnrollmentFactory(user=other, course=course)
    return other
