"""Lists of articles cost the same number of queries with 10 articles as with 200."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories.home import (
    ArticleIndexPageFactory,
    ImageFactory,
    InterviewPageFactory,
    NewsPageFactory,
)

pytestmark = pytest.mark.django_db


def add_articles(index, count: int, images: list, start: int = 0) -> None:
    """Interviews and news mixed, each with a cover image and keywords."""
    for number in range(start, start + count):
        factory = InterviewPageFactory if number % 3 else NewsPageFactory
        factory(
            parent=index,
            title=f"記事{index.pk}-{number}",
            cover_image=images[number % len(images)],
            cover_image_alt="町の風景",
            tags=["地方創生", f"タグ{number % 7}"],
        )


def queries_for(client, url: str) -> int:
    client.get(url)  # warm up: renditions are generated on the first view
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


@pytest.fixture
def images(db):
    return [ImageFactory() for _ in range(4)]


def test_article_index_queries_do_not_grow_from_10_to_200_articles(client, home_page, images):
    small = ArticleIndexPageFactory(parent=home_page, slug="small")
    large = ArticleIndexPageFactory(parent=home_page, slug="large")
    add_articles(small, 10, images)
    add_articles(large, 200, images)

    small_count = queries_for(client, small.url)
    large_count = queries_for(client, large.url)

    assert small_count == large_count, (small_count, large_count)
    assert queries_for(client, large.url + "?page=7") == large_count


def test_tag_listing_queries_do_not_grow_from_10_to_200_articles(client, home_page, images):
    index = ArticleIndexPageFactory(parent=home_page)
    add_articles(index, 10, images)
    small_count = queries_for(client, reverse("home:article_tag", args=["地方創生"]))
    add_articles(index, 190, images, start=10)
    large_count = queries_for(client, reverse("home:article_tag", args=["地方創生"]))

    assert small_count == large_count, (small_count, large_count)


def test_interview_and_home_page_queries_do_not_grow_with_the_number_of_articles(client, home_page, images):
    index = ArticleIndexPageFactory(parent=home_page)
    add_articles(index, 10, images)
    interview = InterviewPageFactory(parent=index, tags=["地方創生"])
    small = (queries_for(client, interview.url), queries_for(client, "/"))
    add_articles(index, 190, images, start=10)
    large = (queries_for(client, interview.url), queries_for(client, "/"))

    assert small == large
