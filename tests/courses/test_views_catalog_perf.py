"""The catalog's cheap paths: a windowed page list, cached tag filter kept right, links computed once."""

from __future__ import annotations

import re
from types import SimpleNamespace

import pytest
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page

from courses.models import CoursePage
from courses.templatetags.courses_tags import page_window
from tests.factories.courses import CoursePageFactory

pytestmark = pytest.mark.django_db


def _page(number: int, pages: int):
    return SimpleNamespace(number=number, paginator=SimpleNamespace(num_pages=pages))


@pytest.mark.parametrize(
    ("number", "pages", "expected"),
    [
        (1, 1, [1]),
        (1, 5, [1, 2, 3, 4, 5]),
        (1, 42, [1, 2, 3, None, 42]),
        (21, 42, [1, None, 19, 20, 21, 22, 23, None, 42]),
        (42, 42, [1, None, 40, 41, 42]),
        (5, 42, [1, 2, 3, 4, 5, 6, 7, None, 42]),  # one page left out is shown, not replaced by "…"
    ],
)
def test_page_window(number, pages, expected):
    assert page_window(_page(number, pages)) == expected


@override_settings(LMS_CATALOG_PAGE_SIZE=1)
def test_pagination_shows_a_window_with_current_page_marked(client, catalog):
    for n in range(12):
        CoursePageFactory(parent=catalog, title=f"講座{n:02d}", slug=f"c{n}")
    html = client.get("/courses/", {"page": 6}).content.decode()
    nav = re.search(r'<nav class="pagination" aria-label="[^"]+">(.*?)</nav>', html, re.S).group(1)
    numbers = re.findall(r'href="\?page=(\d+)"(?: aria-current="page")?>\d+<', nav)
    assert numbers == ["1", "4", "5", "6", "7", "8", "12"]
    assert '<a href="?page=6" aria-current="page">6</a>' in nav
    assert nav.count('<li aria-hidden="true">…</li>') == 2
    assert 'rel="prev" href="?page=5"' in nav and 'rel="next" href="?page=7"' in nav


def _tag_names(client):
    return [tag.name for tag in client.get("/courses/").context["tags"]]


def _tag_filter_queries(ctx) -> list[str]:
    return [
        q["sql"]
        for q in ctx.captured_queries
        if q["sql"].startswith('SELECT DISTINCT "taggit_tag"') and "_prefetch_related_val" not in q["sql"]
    ]


def test_tag_filter_is_cached_and_follows_changes(client, shelf):
    with CaptureQueriesContext(connection) as first:
        assert _tag_names(client) == sorted(["初心者歓迎", "SEO", "デザイン", "営業"])
    assert len(_tag_filter_queries(first)) == 1
    # Cached: the second view does not run the tag query.
    with CaptureQueriesContext(connection) as ctx:
        client.get("/courses/")
    assert _tag_filter_queries(ctx) == []

    # A published course with a new tag appears at once.
    course = CoursePage.objects.get(pk=shelf["sales4"].pk)
    course.tags.add("交渉")
    course.save_revision().publish()
    assert "交渉" in _tag_names(client)

    # Unpublishing the only course with a tag removes the tag from the filter.
    course.unpublish()
    assert "交渉" not in _tag_names(client) and "営業" not in _tag_names(client)

    # Deleting a course does too.
    Page.objects.get(pk=shelf["design2"].pk).delete()
    assert "デザイン" not in _tag_names(client)


def test_card_links_are_the_page_urls_and_filter_links(client, shelf):
    response = client.get("/courses/", {"sort": "level"})
    html = response.content.decode()
    for course in response.context["courses"]:
        assert course.card_url == course.get_url(response.wsgi_request)
        assert f'href="{course.card_url}"' in html
    assert 'href="?sort=level&amp;category=writing"' in html
    seo = next(tag for course in response.context["courses"] for tag, _url in course.tag_links if tag.name == "SEO")
    assert f'href="?sort=level&amp;tag={seo.slug}"' in html
