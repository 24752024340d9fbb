"""The step registry and the page-type rules of the course tree."""

from __future__ import annotations

import pytest
from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from courses import steps
from courses.models import CourseIndexPage, CoursePage, LessonPage
from tests.factories.courses import CourseIndexPageFactory, LessonPageFactory, SkillCategoryFactory

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


class TestEditorsCreateTheTree(WagtailPageTestCase):
    """Editors build catalog, course and lesson through the admin forms."""

    def setUp(self):
        self.login()
        home = Page.objects.get(depth=2)
        self.catalog = CourseIndexPageFactory(parent=home)
        self.category = SkillCategoryFactory(slug="writing", name="ライティング")

    def test_create_course_and_lesson_with_every_block(self):
        course_data = nested_form_data(
            {
                "title": "はじめての提案文",
                "slug": "first-proposal",
                "summary": "提案文の基本を学ぶコースです。",
                "level": "1",
                "category": str(self.category.pk),
                "tags": "提案, 初心者歓迎",
                "hours": "4",
                "description": rich_text("<p>説明です。</p>"),
                "outcomes": streamfield([("outcome", "提案文を書ける")]),
                "prerequisite_policy": "recommend",
                "open_enrolment": "on",
            }
        )
        self.assertCanCreate(self.catalog, CoursePage, course_data)
        course = CoursePage.objects.get(slug="first-proposal")
        assert sorted(tag.name for tag in course.tags.all()) == ["初心者歓迎", "提案"]
        lesson_data = nested_form_data(
            {
                "title": "提案文の型",
                "slug": "pattern",
                "summary": "型を覚えます。",
                "minutes": "15",
                "is_preview": "on",
                "body": streamfield(
                    [
                        ("heading", "型を知る"),
                        ("paragraph", rich_text("<p>本文です。</p>")),
                        ("code", {"language": "html", "code": "<p>例</p>"}),
                        ("tip", rich_text("<p>ポイント</p>")),
                        ("warning", rich_text("<p>注意</p>")),
                        ("checklist", streamfield([("item", "宛名"), ("item", "結論")])),
                    ]
                ),
            }
        )
        self.assertCanCreate(course, LessonPage, lesson_data)
        lesson = LessonPage.objects.get(slug="pattern")
        assert [block.block_type for block in lesson.body] == [
            "heading",
            "paragraph",
            "code",
            "tip",
            "warning",
            "checklist",
        ]
        self.assertPageIsPreviewable(lesson, post_data=lesson_data)
        self.assertPageIsPreviewable(course, post_data=course_data)
        self.assertPageIsRenderable(lesson)
