"""Interview and news pages, the article index and keyword listings, as visitors see them."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from home.models.articles import InterviewCourse
from tests.factories.courses import CohortFactory, CourseIndexPageFactory, CoursePageFactory
from tests.factories.home import (
    ArticleIndexPageFactory,
    ImageFactory,
    InterviewPageFactory,
    NewsPageFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def index(home_page):
    return ArticleIndexPageFactory(parent=home_page)


def test_interview_page_shows_profile_body_keywords_and_related(client, home_page, index):
    catalog = CourseIndexPageFactory(parent=home_page)
    course = CoursePageFactory(parent=catalog, title="Webライティング入門")
    cohort = CohortFactory(course=course, name="2026年春期")
    portrait = ImageFactory()
    interview = InterviewPageFactory(
        parent=index,
        title="町で働くライターになるまで",
        interviewee_name="青木さん",
        occupation="Webライター",
        region="岡山県和気町",
        portrait=portrait,
        tags=["地方創生", "ライティング"],
        body=[
            ("heading", "講座を受けたきっかけ"),
            ("quote", {"text": "仲間がいたから続けられました。", "attribution": "青木さん"}),
            (
                "pros_cons",
                {"heading": "", "pros_label": "", "pros": ["相談できる"], "cons_label": "", "cons": ["予定合わせ"]},
            ),
            ("question_answer", {"question": "一日の流れは？", "answer": "<p>朝に書きます。</p>"}),
            ("callout", {"style": "tip", "title": "ヒント", "text": "<p>まずは入門から。</p>"}),
            ("course_card", {"course": course, "note": "最初の一歩に"}),
        ],
    )
    InterviewCourse.objects.create(page=interview, course=course, cohort=cohort)
    related = InterviewPageFactory(parent=index, title="関連する記事", tags=["地方創生"])

    response = client.get(interview.url)

    assert response.status_code == 200
    html = response.content.decode()
    assert "青木さん" in html and "Webライター" in html and "岡山県和気町" in html
    assert f'href="{course.url}"' in html and "2026年春期" in html
    assert "仲間がいたから続けられました。" in html
    assert "相談できる" in html and "予定合わせ" in html
    assert "一日の流れは？" in html and "朝に書きます。" in html
    assert "最初の一歩に" in html
    assert "この記事に関連するワード" in html
    assert reverse("home:article_tag", args=["地方創生"]) in html
    assert "この記事に関連する記事" in html
    assert related.title in html
    # Responsive portrait with alt text from the interviewee's name.
    assert re.search(
        r'<img[^>]+srcset="[^"]+"[^>]*alt="青木さんの写真"|<img[^>]+alt="青木さんの写真"[^>]*srcset=', html
    )


def test_public_pages_have_no_inline_script_or_style(client, index):
    interview = InterviewPageFactory(
        parent=index, tags=["地方創生"], cover_image=ImageFactory(), cover_image_alt="町の風景"
    )
    for url in [interview.url, index.url, reverse("home:article_tag", args=["地方創生"]), "/"]:
        html = client.get(url).content.decode()
        assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html), url
        assert " style=" not in html, url
        assert not re.search(r"\son[a-z]+=", html), url


def test_meta_description_canonical_and_open_graph(client, index):
    interview = InterviewPageFactory(
        parent=index,
        title="Open Graphのテスト",
        lead="リードの文章です。",
        cover_image=ImageFactory(),
        cover_image_alt="川沿いの町並み",
    )

    html = client.get(interview.url).content.decode()

    assert '<meta name="description" content="リードの文章です。">' in html
    assert f'<link rel="canonical" href="http://testserver{interview.url}">' in html
    assert '<meta property="og:title" content="Open Graphのテスト">' in html
    assert '<meta property="og:type" content="article">' in html
    assert re.search(
        r'<meta property="og:image" content="http://testserver/media/images/[^"]+\.fill-1200x630\.[a-z]+">', html
    )
    assert '<meta property="og:image:alt" content="川沿いの町並み">' in html
    assert 'type="application/rss+xml"' in html


def test_search_description_wins_over_the_lead(client, index):
    interview = InterviewPageFactory(parent=index, lead="リード", search_description="検索用の説明")
    html = client.get(interview.url).content.decode()
    assert '<meta name="description" content="検索用の説明">' in html


def test_index_lists_live_articles_newest_first_and_paginates(client, index):
    import datetime

    from django.utils import timezone

    today = timezone.localdate()
    old = InterviewPageFactory(parent=index, title="古い記事", date=today - datetime.timedelta(days=30))
    new = NewsPageFactory(parent=index, title="新しいお知らせ", date=today)
    draft = InterviewPageFactory(parent=index, title="下書きの記事", live=False)

    html = client.get(index.url).content.decode()

    assert html.index(new.title) < html.index(old.title)
    assert (
        '<p class="article-card__kind">お知らせ</p>' in html
        and '<p class="article-card__kind">インタビュー</p>' in html
    )
    assert draft.title not in html

    for number in range(12):
        InterviewPageFactory(parent=index, title=f"追加記事{number}")
    page_two = client.get(index.url, {"page": 2, "utm_source": "mail"})
    assert page_two.status_code == 200
    assert old.title in page_two.content.decode()
    assert f'<link rel="canonical" href="http://testserver{index.url}?page=2">' in page_two.content.decode()
    assert f'<link rel="canonical" href="http://testserver{index.url}">' in client.get(index.url).content.decode()
    assert client.get(index.url, {"page": "abc"}).status_code == 200


def test_tag_listing_shows_articles_with_the_keyword(client, index):
    tagged = InterviewPageFactory(parent=index, title="タグ付きの記事", tags=["地方創生"])
    news = NewsPageFactory(parent=index, title="タグ付きのお知らせ", tags=["地方創生"])
    other = InterviewPageFactory(parent=index, title="別のタグの記事", tags=["デザイン"])
    draft = InterviewPageFactory(parent=index, title="非公開の記事", tags=["地方創生"], live=False)

    response = client.get(reverse("home:article_tag", args=["地方創生"]))

    assert response.status_code == 200
    html = response.content.decode()
    assert tagged.title in html and news.title in html
    assert other.title not in html and draft.title not in html
    assert "<h1>地方創生</h1>" in html


def test_tag_listing_of_an_unknown_keyword_is_404(client, db):
    assert client.get(reverse("home:article_tag", args=["ない"])).status_code == 404
