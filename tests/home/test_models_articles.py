"""Page-type rules of the editorial pages, and how related articles are chosen."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from courses.models import CourseIndexPage
from home.models import ArticleIndexPage, ArticlePage, HomePage, InterviewPage, NewsPage, StandardPage
from home.models.articles import InterviewCourse
from tests.factories.courses import CohortFactory, CourseIndexPageFactory, CoursePageFactory
from tests.factories.home import ArticleIndexPageFactory, ImageFactory, InterviewPageFactory, NewsPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def index(home_page):
    return ArticleIndexPageFactory(parent=home_page)


def test_article_index_lives_under_the_home_page_and_holds_interviews_and_news(home_page):
    assert ArticleIndexPage.allowed_parent_page_models() == [HomePage]
    assert set(ArticleIndexPage.allowed_subpage_models()) == {InterviewPage, NewsPage}
    assert ArticleIndexPage in home_page.specific_class.creatable_subpage_models()


@pytest.mark.parametrize("page_type", [InterviewPage, NewsPage])
def test_articles_live_only_in_an_article_index_and_have_no_children(page_type):
    assert page_type.allowed_parent_page_models() == [ArticleIndexPage]
    assert page_type.allowed_subpage_models() == []
    assert page_type.is_creatable


def test_the_shared_article_base_cannot_be_created():
    assert not ArticlePage.is_creatable


def test_articles_cannot_be_created_elsewhere(home_page):
    catalog = CourseIndexPageFactory(parent=home_page)
    assert not InterviewPage.can_create_at(home_page)
    assert not NewsPage.can_create_at(catalog)
    assert not ArticleIndexPage.can_create_at(catalog)
    assert isinstance(catalog, CourseIndexPage)


def test_standard_pages_still_go_under_the_home_page(home_page):
    assert StandardPage.can_create_at(home_page)


def test_related_articles_share_a_tag_newest_first_without_the_page_itself(index):
    today = timezone.localdate()
    page = InterviewPageFactory(parent=index, tags=["地方創生", "ライティング"])
    older = InterviewPageFactory(
        parent=index, title="古い関連記事", tags=["地方創生"], date=today - datetime.timedelta(days=9)
    )
    newer = NewsPageFactory(parent=index, title="新しい関連記事", tags=["ライティング"], date=today)
    InterviewPageFactory(parent=index, title="関係のない記事", tags=["デザイン"])
    InterviewPageFactory(parent=index, title="非公開の関連記事", tags=["地方創生"], live=False)

    related = page.get_related_articles()

    assert [article.title for article in related] == ["新しい関連記事", "古い関連記事"]
    assert isinstance(related[0], NewsPage) and isinstance(related[1], InterviewPage)
    assert older.pk != page.pk and newer.pk != page.pk


def test_related_articles_are_limited(index):
    page = InterviewPageFactory(parent=index, tags=["地方創生"])
    for number in range(5):
        InterviewPageFactory(parent=index, title=f"関連{number}", tags=["地方創生"])
    assert len(page.get_related_articles()) == ArticlePage.related_articles_limit == 3


def test_without_shared_tags_related_articles_fall_back_to_the_newest_siblings(home_page, index):
    today = timezone.localdate()
    page = InterviewPageFactory(parent=index, tags=["ひとりだけのタグ"])
    InterviewPageFactory(parent=index, title="兄弟の新しい記事", date=today)
    InterviewPageFactory(parent=index, title="兄弟の古い記事", date=today - datetime.timedelta(days=3))
    elsewhere = ArticleIndexPageFactory(parent=home_page, title="お知らせ", slug="news")
    NewsPageFactory(parent=elsewhere, title="別の一覧の記事", date=today)

    assert [article.title for article in page.get_related_articles()] == ["兄弟の新しい記事", "兄弟の古い記事"]


def test_an_article_without_tags_also_gets_the_fallback(index):
    page = InterviewPageFactory(parent=index)
    sibling = NewsPageFactory(parent=index)
    assert page.get_related_articles() == [sibling]


def test_a_lonely_article_has_no_related_articles(index):
    assert InterviewPageFactory(parent=index).get_related_articles() == []


def test_a_cover_image_needs_alt_text(index):
    page = InterviewPageFactory.build(cover_image=ImageFactory(), cover_image_alt=" ")
    with pytest.raises(ValidationError) as error:
        page.clean()
    assert "cover_image_alt" in error.value.message_dict


def test_a_cohort_taken_must_belong_to_the_course_taken(home_page, index):
    catalog = CourseIndexPageFactory(parent=home_page)
    course = CoursePageFactory(parent=catalog)
    other = CoursePageFactory(parent=catalog)
    taken = InterviewCourse(page=InterviewPageFactory(parent=index), course=course, cohort=CohortFactory(course=other))
    with pytest.raises(ValidationError) as error:
        taken.clean()
    assert "cohort" in error.value.message_dict


def test_share_image_is_the_cover_or_else_the_portrait(index):
    portrait = ImageFactory()
    cover = ImageFactory()
    page = InterviewPageFactory.build(interviewee_name="青木さん", portrait=portrait)
    assert page.get_share_image() == (portrait, "青木さんの写真")
    page.cover_image, page.cover_image_alt = cover, "町の風景"
    assert page.get_share_image() == (cover, "町の風景")


def test_meta_description_is_the_search_description_or_the_lead():
    page = InterviewPageFactory.build(lead="あ" * 200, search_description="")
    assert page.get_meta_description() == "あ" * 119 + "…"
    page.search_description = "検索用"
    assert page.get_meta_description() == "検索用"
