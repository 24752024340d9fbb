"""Factories of the courses app, used by the tests and by the demo loader.

Build a tree per test::

    catalog = CourseIndexPageFactory(parent=home_page)
    course = CoursePageFactory(parent=catalog, level=1)
    lesson = LessonPageFactory(parent=course)
    enrollment = EnrollmentFactory(user=learner, course=course)
"""

from __future__ import annotations

import factory
import wagtail_factories
from django.utils.text import slugify

from courses.models import (
    Certificate,
    Cohort,
    CourseIndexPage,
    CoursePage,
    Enrollment,
    LessonPage,
    SkillCategory,
    StepProgress,
)
from tests.factories.accounts import UserFactory


class SkillCategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SkillCategory
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"カテゴリー{n}")
    slug = factory.Sequence(lambda n: f"category-{n}")
    description = "このカテゴリーの説明です。"


class CourseIndexPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = CourseIndexPage

    title = "コース一覧"
    slug = "courses"


class CoursePageFactory(wagtail_factories.PageFactory):
    """A published course. Pass `tags=["..."]`, `mentors=[user]`, `prerequisites=[course]` to set relations."""

    class Meta:
        model = CoursePage
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"テストコース{n}")
    slug = factory.LazyAttribute(lambda page: slugify(page.title, allow_unicode=True) or "course")
    summary = "コースの概要です。"
    level = 1
    hours = 3
    category = factory.SubFactory(SkillCategoryFactory)
    description = "<p>このコースで学ぶことの説明です。</p>"

    @factory.post_generation
    def tags(self, create, extracted, **kwargs):
        if extracted:
            self.tags.set(extracted)
            if create:
                self.save()

    @factory.post_generation
    def mentors(self, create, extracted, **kwargs):
        if extracted:
            self.mentors.set(extracted)
            if create:
                self.save()

    @factory.post_generation
    def prerequisites(self, create, extracted, **kwargs):
        if extracted:
            self.prerequisites.set(extracted)
            if create:
                self.save()


class LessonPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = LessonPage

    title = factory.Sequence(lambda n: f"レッスン{n}")
    slug = factory.Sequence(lambda n: f"lesson-{n}")
    summary = "レッスンの概要です。"
    minutes = 10
    is_preview = False
    is_optional = False
    body = factory.LazyFunction(lambda: [("paragraph", "<p>レッスンの本文です。</p>")])


class CohortFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Cohort
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"第{n}期")
    enrolment_key = "tsunagu-key"

    @factory.post_generation
    def mentors(self, create, extracted, **kwargs):
        if create and extracted:
            self.mentors.set(extracted)


class EnrollmentFactory(factory.django.DjangoModelFactory):
    """An enrolment created directly (no rules checked). Use `course.enroll(user)` to test the rules."""

    class Meta:
        model = Enrollment

    user = factory.SubFactory(UserFactory)
    status = Enrollment.Status.ACTIVE

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        enrollment = super()._create(model_class, *args, **kwargs)
        enrollment.recompute_progress()
        return enrollment


class StepProgressFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = StepProgress


class CertificateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Certificate

    learner_name = "山田 花子"
    course_title = "テストコース"
