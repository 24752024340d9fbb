"""Factories of the mentoring app, used by the tests and by the demo loader.

profile = MentorProfileFactory(user=mentor, scopes=[course])          # whole course
MentorScopeFactory(profile=profile, course=course, cohort=cohort)     # one cohort only
submission = submitted(assignment, learner, "<p>本文</p>")            # a submitted attempt
meetup = MeetupPageFactory(parent=index, capacity=2, hosts=[mentor])
"""

from __future__ import annotations

import datetime as dt

import factory
import wagtail_factories
from django.utils import timezone

from assignments.models import Submission
from mentoring.models import (
    Annotation,
    CommentBankEntry,
    FeedbackMessage,
    MeetupIndexPage,
    MeetupPage,
    MeetupRegistration,
    MentorProfile,
    MentorScope,
    ProgressReport,
    Review,
)
from tests.factories.accounts import MentorFactory, UserFactory
from tests.factories.assignments import SubmissionFactory


class MentorProfileFactory(factory.django.DjangoModelFactory):
    """A mentor's profile. `scopes=[course, ...]` gives whole-course scopes."""

    class Meta:
        model = MentorProfile
        django_get_or_create = ("user",)
        skip_postgeneration_save = True

    user = factory.SubFactory(MentorFactory)
    display_name = ""
    bio = "Webライターとして8年活動しています。"
    specialties = "Webライティング、提案文"
    capacity = 10
    accepting = True
    notify = "immediate"

    @factory.post_generation
    def scopes(self, create, extracted, **kwargs):
        if create and extracted:
            for index, course in enumerate(extracted):
                MentorScope.objects.get_or_create(
                    profile=self, course=course, cohort=None, defaults={"sort_order": index}
                )


class MentorScopeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MentorScope

    profile = factory.SubFactory(MentorProfileFactory)
    cohort = None


def submitted(
    assignment, learner, body_html: str = "<p>提出した本文です。</p>", *, when=None, attempt: int = 1, **extra
):
    """A submitted attempt (made directly, without the submit checks)."""
    return SubmissionFactory(
        assignment=assignment,
        learner=learner,
        attempt=attempt,
        body_html=body_html,
        status=Submission.Status.SUBMITTED,
        submitted_at=when or timezone.now(),
        **extra,
    )


class ReviewFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Review

    mentor = factory.SubFactory(MentorFactory)
    overall_comment = ""


class AnnotationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Annotation

    comment = "ここをもう少し具体的に。"


class CommentBankEntryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CommentBankEntry

    mentor = factory.SubFactory(MentorFactory)
    label = factory.Sequence(lambda n: f"定型コメント{n}")
    text = "結論を最初に書くと、読み手に伝わりやすくなります。"


class FeedbackMessageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FeedbackMessage

    author = factory.SubFactory(UserFactory)
    body = "ご指摘ありがとうございます。"


class MeetupIndexPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = MeetupIndexPage

    title = "もやもや相談会"
    slug = "meetups"
    intro = "<p>学習の途中で困ったことを、メンターと一緒に解決する会です。</p>"


class MeetupPageFactory(wagtail_factories.PageFactory):
    """A live meetup three days ahead, two hours long, at a community hall. `hosts=[user]`."""

    class Meta:
        model = MeetupPage
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"もやもや相談会 第{n}回")
    slug = factory.Sequence(lambda n: f"meetup-{n}")
    starts_at = factory.LazyFunction(lambda: timezone.now() + dt.timedelta(days=3))
    ends_at = factory.LazyAttribute(lambda page: page.starts_at + dt.timedelta(hours=2))
    place = "まちづくりセンター 2階 研修室"
    online_url = ""
    capacity = 10
    description = "<p>進み具合を共有して、つまずいているところを一緒に考えます。</p>"

    @factory.post_generation
    def hosts(self, create, extracted, **kwargs):
        if create and extracted:
            self.hosts.set(extracted)
            self.save()


class MeetupRegistrationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MeetupRegistration

    user = factory.SubFactory(UserFactory)
    status = "going"


class ProgressReportFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProgressReport

    user = factory.SubFactory(UserFactory)
    done = "提案文を3件書きました。"
    stuck = "見積もりの出し方がわかりません。"
    next_step = "ポートフォリオを作ります。"
