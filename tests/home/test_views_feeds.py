"""Publishing hygiene: RSS and Atom feeds, sitemap.xml and robots.txt."""

from __future__ import annotations

import datetime
import xml.etree.ElementTree as ET

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tests.factories.home import ArticleIndexPageFactory, InterviewPageFactory, NewsPageFactory

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def articles(home_page):
    index = ArticleIndexPageFactory(parent=home_page)
    today = timezone.localdate()
    return {
        "interview": InterviewPageFactory(
            parent=index,
            title="古いインタビュー",
            lead="インタビューのリード",
            date=today - datetime.timedelta(days=3),
            tags=["地方創生"],
        ),
        "news": NewsPageFactory(parent=index, title="新しいお知らせ", lead="お知らせのリード", date=today),
        "draft": InterviewPageFactory(parent=index, title="下書き", live=False),
        "index": index,
    }


def test_rss_feed_lists_live_articles_newest_first(client, articles):
    response = client.get("/feeds/articles/")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    channel = ET.fromstring(response.content).find("channel")  # noqa: S314 (our own feed)
    items = channel.findall("item")
    assert [item.findtext("title") for item in items] == ["新しいお知らせ", "古いインタビュー"]
    interview = items[1]
    assert interview.findtext("link") == f"http://testserver{articles['interview'].url}"
    assert interview.findtext("description") == "インタビューのリード"
    assert [category.text for category in interview.findall("category")] == ["地方創生"]
    assert interview.findtext("pubDate")
    assert "つなぐ" in channel.findtext("title")


def test_atom_feed_has_the_same_entries(client, articles):
    response = client.get("/feeds/articles/atom/")

    assert response.status_code == 200
    feed = ET.fromstring(response.content)  # noqa: S314 (our own feed)
    titles = [entry.findtext(f"{ATOM}title") for entry in feed.findall(f"{ATOM}entry")]
    assert titles == ["新しいお知らせ", "古いインタビュー"]
    assert feed.find(f"{ATOM}entry").find(f"{ATOM}updated") is not None


def test_feed_query_count_does_not_grow_with_articles(client, articles):
    def count_queries() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/feeds/articles/").status_code == 200
        return len(queries)

    count_queries()  # the first request creates the site's settings row
    few = count_queries()
    for number in range(10):
        InterviewPageFactory(parent=articles["index"], title=f"記事{number}", tags=["地方創生", f"タグ{number}"])
    assert count_queries() == few


def test_sitemap_lists_live_articles_with_last_modified(client, articles):
    response = client.get("/sitemap.xml")

    assert response.status_code == 200
    sitemap = response.content.decode()
    assert f"http://localhost{articles['interview'].url}" in sitemap
    assert f"http://localhost{articles['news'].url}" in sitemap
    assert f"http://localhost{articles['index'].url}" in sitemap
    assert "下書き" not in sitemap and articles["draft"].slug not in sitemap
    assert "<lastmod>" in sitemap


def test_robots_txt_points_to_the_sitemap_and_keeps_crawlers_out_of_private_areas(client, db):
    response = client.get("/robots.txt")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    text = response.content.decode()
    assert "User-agent: *" in text
    for path in ["/admin/", "/accounts/", "/learn/", "/mentor/"]:
        assert f"Disallow: {path}" in text
    assert "Sitemap: http://testserver/sitemap.xml" in text
