"""Factories of the site app's pages, used by the tests and by the demo loader.

Build a tree per test::

    index = ArticleIndexPageFactory(parent=home_page)
    interview = InterviewPageFactory(parent=index, tags=["地方創生"])
    seminar = SeminarPageFactory(parent=index, capacity=2)
"""

from __future__ import annotations

import datetime

import factory
import wagtail_factories
from django.utils import timezone
from django.utils.text import slugify
from wagtail.models import Collection
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from home.models import ArticleIndexPage, HomePage, InterviewPage, NewsPage, RegistrationFormField, StandardPage


class HomePageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = HomePage

    title = "つなぐ"
    hero_heading = "地域で学ぶ、フリーランスのはじめの一歩"


class StandardPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = StandardPage

    title = factory.Sequence(lambda n: f"ページ {n}")
    intro = "このページの説明です。"


class ImageFactory(wagtail_factories.ImageFactory):
    """An image in the root collection, where Editors may choose images."""

    collection = factory.LazyFunction(Collection.get_first_root_node)
    title = factory.Sequence(lambda n: f"画像{n}")
    description = "説明のための画像"
    file = factory.django.ImageField(width=320, height=200, color="#5b8fd6")


class ArticleIndexPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = ArticleIndexPage

    title = "卒業生インタビュー"
    slug = "interviews"
    intro = "講座を修了した人たちの今を紹介します。"


class _ArticlePageFactory(wagtail_factories.PageFactory):
    """Live articles with a publication time, as if published; `tags=[...]` sets keywords."""

    class Meta:
        abstract = True
        skip_postgeneration_save = True

    slug = factory.LazyAttribute(lambda page: slugify(page.title, allow_unicode=True) or "article")
    lead = "記事のリードです。"
    date = factory.LazyFunction(timezone.localdate)
    first_published_at = factory.LazyFunction(timezone.now)
    last_published_at = factory.LazyAttribute(lambda page: page.first_published_at)

    @factory.post_generation
    def tags(self, create, extracted, **kwargs):
        if extracted:
            self.tags.set(extracted)
            if create:
                self.save()


class InterviewPageFactory(_ArticlePageFactory):
    """A live interview whose interviewee has agreed to publication."""

    class Meta:
        model = InterviewPage

    title = factory.Sequence(lambda n: f"インタビュー{n}")
    interviewee_name = factory.Sequence(lambda n: f"卒業生{n}さん")
    occupation = "Webライター"
    region = "岡山県"
    publication_consent = True
    consent_recorded_on = factory.LazyFunction(timezone.localdate)
    consent_note = "同意書に署名"


class NewsPageFactory(_ArticlePageFactory):
    """A live announcement (no seminar)."""

    class Meta:
        model = NewsPage

    title = factory.Sequence(lambda n: f"お知らせ{n}")


class SeminarPageFactory(NewsPageFactory):
    """A live seminar notice a week ahead, with a registration form (name and e-mail).

    Pass `form_fields=False` for a seminar without a form.
    """

    title = factory.Sequence(lambda n: f"セミナー{n}")
    starts_at = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=7))
    ends_at = factory.LazyAttribute(lambda page: page.starts_at + datetime.timedelta(hours=2))
    venue = "中央公民館 2階 会議室"
    capacity = 20

    @factory.post_generation
    def form_fields(self, create, extracted, **kwargs):
        if not create or extracted is False:
            return
        RegistrationFormField.objects.create(page=self, sort_order=0, label="お名前", field_type="singleline")
        RegistrationFormField.objects.create(page=self, sort_order=1, label="メールアドレス", field_type="email")


def list_block(items: list) -> dict:
    """Admin form data of a ListBlock's items (use inside `nested_form_data`)."""
    data = {
        str(index): {"value": value, "deleted": "", "order": str(index), "id": ""} for index, value in enumerate(items)
    }
    data["count"] = str(len(items))
    return data


def interview_form_data(*, body=(), consent: bool = True, courses_taken=(), **fields) -> dict:
    """The POST data of the admin's interview form, as the browser sends it.

    `body` is a list of `(block type, value)` with plain nested values (use
    `list_block` for lists); `courses_taken` a list of `{"course": pk, "cohort": pk}`.
    """
    data = {
        "title": "地元で書く仕事を見つけるまで",
        "slug": "writing-at-home",
        "date": timezone.localdate().isoformat(),
        "lead": "講座を修了した卒業生に、これまでとこれからを聞きました。",
        "interviewee_name": "森さん",
        "portrait": "",
        "occupation": "Webライター",
        "region": "岡山県",
        "consent_recorded_on": timezone.localdate().isoformat() if consent else "",
        "consent_note": "同意書に署名" if consent else "",
        "cover_image": "",
        "cover_image_alt": "",
        "tags": "",
        "seo_title": "",
        "search_description": "",
        "go_live_at": "",
        "expire_at": "",
        "body": streamfield(list(body)),
        "courses_taken": inline_formset(list(courses_taken)),
    }
    if consent:
        data["publication_consent"] = "on"
    data.update(fields)
    return nested_form_data(data)
