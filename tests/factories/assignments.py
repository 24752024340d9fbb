"""Factories of the assignments app, used by the tests and by the demo loader.

assignment = AssignmentPageFactory(parent=course, min_chars=10, max_chars=100)
draft = SubmissionFactory(assignment=assignment, learner=learner, body_html="<p>本文</p>")
"""

from __future__ import annotations

import factory
import wagtail_factories
from django.utils import timezone

from assignments.models import AssignmentPage, Extension, Rubric, RubricCriterion, Submission
from assignments.sanitize import clean, to_plain_text
from assignments.text import count_characters
from tests.factories.accounts import UserFactory


class RubricFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Rubric

    name = factory.Sequence(lambda n: f"評価基準{n}")
    description = "課題の評価に使う基準です。"


class RubricCriterionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RubricCriterion

    rubric = factory.SubFactory(RubricFactory)
    title = factory.Sequence(lambda n: f"観点{n}")
    description = "この観点で見るところです。"
    levels = factory.LazyFunction(
        lambda: [
            ("level", {"points": 3, "descriptor": "十分にできている"}),
            ("level", {"points": 2, "descriptor": "おおむねできている"}),
            ("level", {"points": 1, "descriptor": "改善が必要"}),
        ]
    )


class AssignmentPageFactory(wagtail_factories.PageFactory):
    """A published assignment. Pass `parent=course`."""

    class Meta:
        model = AssignmentPage

    title = factory.Sequence(lambda n: f"課題{n}")
    slug = factory.Sequence(lambda n: f"assignment-{n}")
    instructions = "<p>指示に従って文章を書いてください。</p>"
    submission_kind = "text"
    min_chars = None
    max_chars = None
    attempts_allowed = 3
    allowed_file_types = "pdf,docx,png,jpg"
    max_file_size_mb = 10
    max_files = 3


class SubmissionFactory(factory.django.DjangoModelFactory):
    """An attempt. `body_html` is sanitized and counted as the app does on save."""

    class Meta:
        model = Submission

    assignment = None
    learner = factory.SubFactory(UserFactory)
    attempt = 1
    status = Submission.Status.DRAFT
    body_html = "<p>下書きの本文です。読みやすく書きました。</p>"
    body_text = factory.LazyAttribute(lambda s: to_plain_text(s.body_html))
    character_count = factory.LazyAttribute(lambda s: count_characters(s.body_text))
    submitted_at = factory.LazyAttribute(lambda s: None if s.status == Submission.Status.DRAFT else timezone.now())

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        kwargs["body_html"] = clean(kwargs.get("body_html", ""))
        return super()._create(model_class, *args, **kwargs)


class ExtensionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Extension

    learner = factory.SubFactory(UserFactory)
    due_at = factory.LazyFunction(lambda: timezone.now() + timezone.timedelta(days=7))
    reason = "体調不良のため"
