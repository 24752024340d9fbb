"""Fixtures of the mentoring tests: two courses, an assignment with a rubric, learners, mentors in
and out of scope, a cohort."""

from __future__ import annotations

import pytest
from wagtail.users.models import UserProfile

from tests.factories.accounts import LearnerFactory, MentorFactory, UserFactory
from tests.factories.assignments import AssignmentPageFactory, RubricCriterionFactory, RubricFactory
from tests.factories.courses import (
    CohortFactory,
    CourseIndexPageFactory,
    CoursePageFactory,
    EnrollmentFactory,
    SkillCategoryFactory,
)
from tests.factories.mentoring import MentorProfileFactory

TEXT = "<p>春の新商品を紹介します。</p><p>この紅茶は香りがよく、朝の一杯にぴったりです。</p>"


@pytest.fixture
def catalog(home_page):
    return CourseIndexPageFactory(parent=home_page)


@pytest.fixture
def course(catalog):
    category = SkillCategoryFactory(slug="writing", name="ライティング")
    return CoursePageFactory(
        parent=catalog, title="Webライティング入門", slug="web-writing", level=1, category=category
    )


@pytest.fixture
def other_course(catalog):
    return CoursePageFactory(parent=catalog, title="はじめての提案文", slug="proposals", level=2)


@pytest.fixture
def rubric(db):
    rubric = RubricFactory(name="紹介文の評価")
    RubricCriterionFactory(rubric=rubric, title="構成", sort_order=0)
    RubricCriterionFactory(rubric=rubric, title="表現", sort_order=1)
    return rubric


@pytest.fixture
def assignment(course, rubric):
    return AssignmentPageFactory(
        parent=course,
        title="商品紹介文を書く",
        slug="product-intro",
        rubric=rubric,
        brief_client="地元の紅茶店",
        brief_deliverable="新商品の紹介文（200字程度）",
    )


@pytest.fixture
def other_assignment(other_course):
    return AssignmentPageFactory(parent=other_course, title="提案文を書く", slug="proposal")


@pytest.fixture
def cohort(course):
    return CohortFactory(course=course, name="2025年秋期")


@pytest.fixture
def learner(db):
    user = LearnerFactory(username="hanako", first_name="花子", last_name="山田")
    return user


@pytest.fixture
def enrolled(learner, course, cohort):
    """The learner, enrolled in `course` as a member of `cohort`."""
    EnrollmentFactory(user=learner, course=course, cohort=cohort)
    return learner


@pytest.fixture
def other_learner(course):
    other = LearnerFactory(username="kenta")
    EnrollmentFactory(user=other, course=course)
    return other


@pytest.fixture
def mentor(course):
    user = MentorFactory(username="misaki", first_name="美咲", last_name="鈴木")
    MentorProfileFactory(user=user, scopes=[course])
    return user


@pytest.fixture
def mentor2(course):
    user = MentorFactory(username="sho", first_name="翔", last_name="高橋")
    MentorProfileFactory(user=user, scopes=[course])
    return user


@pytest.fixture
def outsider(other_course):
    """A mentor whose scope is another course."""
    user = MentorFactory(username="outsider")
    MentorProfileFactory(user=user, scopes=[other_course])
    return user


@pytest.fixture
def staff(db):
    return UserFactory(username="staff", is_staff=True)


def set_language(user, language: str) -> None:
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save(update_fields=["preferred_language"])
