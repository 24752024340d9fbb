"""The editorial demo loader: original interviews, news and a seminar notice, loaded once."""

from __future__ import annotations

from io import StringIO

import pytest
from django.utils.html import strip_tags
from wagtail.images import get_image_model
from wagtail.models import Revision

from home.demo import DemoContext, editorial
from home.models import InterviewPage, NewsPage
from tests.factories.courses import CohortFactory, CourseIndexPageFactory, CoursePageFactory

pytestmark = pytest.mark.django_db


def interview_text(page: InterviewPage) -> str:
    """What a reader reads in the body: headings, paragraphs, quotes, answers, lists, callouts, captions."""
    parts = []
    for block in page.body:
        value = block.value
        if block.block_type == "heading":
            parts.append(value)
        elif block.block_type == "paragraph":
            parts.append(strip_tags(value.source))
        elif block.block_type == "quote":
            parts.append(value["text"])
        elif block.block_type == "question_answer":
            parts += [value["question"], strip_tags(value["answer"].source)]
        elif block.block_type == "pros_cons":
            parts += [*value["pros"], *value["cons"]]
        elif block.block_type == "callout":
            parts.append(strip_tags(value["text"].source))
        elif block.block_type == "image":
            parts.append(value["caption"])
    return "".join(parts)


@pytest.fixture
def ctx(home_page):
    context = DemoContext(stdout=StringIO())
    context.pages["home"] = home_page
    catalog = CourseIndexPageFactory(parent=home_page)
    context.pages["courses"] = {
        slug: CoursePageFactory(parent=catalog, slug=slug, title=slug, level=level)
        for slug, level in [("web-writing-intro", 1), ("banner-design-basics", 2), ("proposal-basics", 1)]
    }
    CohortFactory(course=context.pages["courses"]["web-writing-intro"], name="2025年秋期 Webライティング入門ゼミ")
    return context


def test_loads_three_long_interviews_two_news_and_a_seminar_with_a_form(ctx):
    editorial.load(ctx)

    interviews = list(InterviewPage.objects.live())
    assert len(interviews) == 3
    for interview in interviews:
        assert len(interview_text(interview)) >= 2000, interview.title
        assert interview.publication_consent and interview.consent_recorded_on
        assert interview.cover_image and interview.cover_image_alt and interview.portrait
        assert interview.tags.count() >= 3
        assert interview.get_related_articles()
    writer = InterviewPage.objects.get(slug="saeki-writer")
    assert [(taken.course.slug, taken.cohort is not None) for taken in writer.get_courses_taken()] == [
        ("web-writing-intro", True)
    ]
    assert any(block.block_type == "course_card" for block in writer.body)

    news = NewsPage.objects.live()
    assert news.count() == 3
    seminar = news.get(starts_at__isnull=False)
    assert seminar.registration_state() == NewsPage.RegistrationState.OPEN
    assert [field.field_type for field in seminar.form_fields.all()] == ["singleline", "email", "radio", "multiline"]


def test_demo_images_are_drawn_and_described(ctx):
    editorial.load(ctx)

    images = get_image_model().objects.filter(title__startswith="デモ")
    assert images.count() == 10
    for image in images:
        assert image.description
        assert image.width >= 480 and image.height >= 480


def test_loading_twice_changes_nothing(ctx, client):
    editorial.load(ctx)
    counts = (InterviewPage.objects.count(), NewsPage.objects.count(), Revision.objects.count())
    editorial.load(ctx)
    assert (InterviewPage.objects.count(), NewsPage.objects.count(), Revision.objects.count()) == counts


def test_demo_pages_render(ctx, client):
    editorial.load(ctx)
    for page in [*InterviewPage.objects.all(), *NewsPage.objects.all(), ctx.pages["interviews"], ctx.pages["news"]]:
        assert client.get(page.url).status_code == 200, page.title
    home = client.get("/").content.decode()
    assert "はじめてのクラウドソーシング体験セミナー" in home
    assert "子どもが寝たあとの一時間が、仕事になった" in home
