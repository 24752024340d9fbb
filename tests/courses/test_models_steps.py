"""The step registry and the page-type rules of the course tree."""

from __future__ import annotations

import pytest
from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase

from courses import steps
from courses.models import CourseIndexPage, CoursePage, LessonPage
from tests.factories.courses import LessonPageFactory

pytestmark = pytest.mark.django_db


class TestPageTypeRules(WagtailPageTestCase):
    """Lessons and steps only under courses, courses only under the catalog."""

    def test_course_only_under_catalog(self):
        self.assertAllowedParentPageTypes(CoursePage, {CourseIndexPage})

    def test_catalog_accepts_only_courses(self):
        self.assertAllowedSubpageTypes(CourseIndexPage, {CoursePage})

    def test_lesson_only_under_course(self):
        self.assertAllowedParentPageTypes(LessonPage, {CoursePage})
        self.assertAllowedSubpageTypes(LessonPage, set())

    def test_course_accepts_lessons_and_registered_steps(self):
        allowed = set(CoursePage.allowed_subpage_models())
        assert LessonPage in allowed
        assert allowed == set(steps.get_step_models())

    def test_cannot_create_lesson_under_catalog_or_home(self):
        home = Page.objects.get(depth=2)
        self.assertCanNotCreateAt(Page, LessonPage)
        self.assertCanNotCreateAt(CourseIndexPage, LessonPage)
        self.assertCanNotCreateAt(type(home.specific), CoursePage)
        self.assertCanCreateAt(CoursePage, LessonPage)
        self.assertCanCreateAt(CourseIndexPage, CoursePage)


def test_lesson_knows_its_course(course, lessons):
    lesson = LessonPage.objects.get(pk=lessons[1].pk)
    assert lesson.get_course().pk == course.pk
    assert isinstance(lesson.get_course(), CoursePage)


def test_steps_in_tree_order_and_required(course, lessons):
    assert [step.pk for step in course.get_steps()] == [lesson.pk for lesson in lessons]
    assert [step.pk for step in course.get_required_steps()] == [lessons[0].pk, lessons[1].pk]


def test_unpublished_steps_are_not_listed(course, lessons):
    draft = LessonPageFactory(parent=course, live=False)
    assert draft.pk not in [step.pk for step in CoursePage.objects.get(pk=course.pk).get_steps()]


def test_register_step_type_without_import(course):
    """A registered label becomes an allowed child type; unregistering removes it again."""
    steps.register_step_type("courses.LessonPage")  # twice is harmless
    assert steps.get_step_models().count(LessonPage) == 1
    assert steps.is_step_model(LessonPage)
    assert not steps.is_step_model(CoursePage)
