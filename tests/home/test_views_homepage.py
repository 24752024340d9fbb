"""The home page ties the site together: featured courses by level, upcoming events, latest interviews."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from courses.models import Level
from home.events import upcoming_event_page_models, upcoming_events
from home.models import HomePage, NewsPage
from home.models.pages import HomePageFeaturedCourse
from mentoring.models import MeetupPage
from tests.factories.courses import CourseIndexPageFactory, CoursePageFactory
from tests.factories.home import (
    ArticleIndexPageFactory,
    InterviewPageFactory,
    NewsPageFactory,
    SeminarPageFactory,
)
from tests.factories.mentoring import MeetupIndexPageFactory, MeetupPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def catalog(home_page):
    return CourseIndexPageFactory(parent=home_page)


@pytest.fixture
def index(home_page):
    return ArticleIndexPageFactory(parent=home_page)


def html_of(client, url="/"):
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_featured_courses_are_grouped_by_level_in_the_editors_order(client, home_page, catalog):
    advanced = CoursePageFactory(parent=catalog, title="継続案件を得るポートフォリオ", level=4)
    intro_b = CoursePageFactory(parent=catalog, title="Webライティング入門", level=1)
    intro_a = CoursePageFactory(parent=catalog, title="Webデザイン入門", level=1)
    draft = CoursePageFactory(parent=catalog, title="非公開のコース", level=2, live=False)
    not_featured = CoursePageFactory(parent=catalog, title="選ばれていないコース", level=3)
    for order, course in enumerate([advanced, intro_a, intro_b, draft]):
        HomePageFeaturedCourse.objects.create(page=home_page, course=course, sort_order=order)

    groups = HomePage.objects.get(pk=home_page.pk).get_featured_courses_by_level()

    assert [(str(label), [course.title for course in courses]) for label, courses in groups] == [
        (str(Level.INTRODUCTORY.label), ["Webデザイン入門", "Webライティング入門"]),
        (str(Level.ADVANCED.label), ["継続案件を得るポートフォリオ"]),
    ]
    html = html_of(client)
    assert "レベル別のコース" in html and "Webデザイン入門" in html
    assert draft.title not in html and not_featured.title not in html


def test_without_a_choice_the_newest_course_of_each_level_is_featured(home_page, catalog):
    CoursePageFactory(parent=catalog, title="古い入門", level=1)
    CoursePageFactory(parent=catalog, title="新しい入門", level=1)
    CoursePageFactory(parent=catalog, title="中級のコース", level=3)

    groups = home_page.get_featured_courses_by_level()

    assert [[course.title for course in courses] for _label, courses in groups] == [["新しい入門"], ["中級のコース"]]


def test_upcoming_seminars_are_listed_soonest_first(client, home_page, index):
    now = timezone.now()
    later = SeminarPageFactory(parent=index, title="来月のセミナー", starts_at=now + datetime.timedelta(days=30))
    sooner = SeminarPageFactory(
        parent=index, title="来週のセミナー", starts_at=now + datetime.timedelta(days=7), venue="", is_online=True
    )
    SeminarPageFactory(
        parent=index,
        title="終わったセミナー",
        starts_at=now - datetime.timedelta(days=1),
        ends_at=now - datetime.timedelta(hours=22),
    )
    SeminarPageFactory(parent=index, title="下書きのセミナー", live=False)
    NewsPageFactory(parent=index, title="ただのお知らせ")

    assert [event.title for event in upcoming_events(home_page)] == [sooner.title, later.title]
    html = html_of(client)
    assert html.index("来週のセミナー") < html.index("来月のセミナー")
    assert "終わったセミナー" not in html and "下書きのセミナー" not in html
    assert "オンライン" in html


def test_any_page_type_with_a_start_time_joins_the_upcoming_events(monkeypatch):
    assert NewsPage in upcoming_event_page_models()
    assert HomePage not in upcoming_event_page_models()

    monkeypatch.setattr(NewsPage, "show_in_upcoming_events", False, raising=False)
    assert NewsPage not in upcoming_event_page_models()


def test_meetups_and_seminars_are_listed_together(client, home_page, index):
    """MeetupPage (mentoring) has a `starts_at` of its own, so it joins without home importing it."""
    now = timezone.now()
    meetups = MeetupIndexPageFactory(parent=home_page)
    MeetupPageFactory(parent=meetups, title="もやもや相談会 12月", starts_at=now + datetime.timedelta(days=2))
    SeminarPageFactory(parent=index, title="体験セミナー", starts_at=now + datetime.timedelta(days=5))

    assert MeetupPage in upcoming_event_page_models()
    html = html_of(client)
    assert html.index("もやもや相談会 12月") < html.index("体験セミナー")
    assert "まちづくりセンター" in html


def test_no_events_says_so(client, home_page):
    assert "現在予定されている相談会・セミナーはありません。" in html_of(client)


def test_latest_interviews_are_the_three_newest(client, home_page, index):
    today = timezone.localdate()
    for days in range(5):
        InterviewPageFactory(
            parent=index, title=f"{days}日前のインタビュー", date=today - datetime.timedelta(days=days)
        )
    NewsPageFactory(parent=index, title="お知らせは含めない", date=today)

    html = html_of(client)

    assert "0日前のインタビュー" in html and "2日前のインタビュー" in html
    assert "3日前のインタビュー" not in html and "お知らせは含めない" not in html
    assert html.index("0日前のインタビュー") < html.index("2日前のインタビュー")
    assert f'href="{index.url}"' in html


def test_section_headings_are_editable(client, home_page):
    home_page.events_heading = "相談会とセミナーの予定"
    home_page.save_revision().publish()

    assert "相談会とセミナーの予定" in html_of(client)


def test_the_home_page_renders_in_english(client, home_page):
    client.cookies["tsunagu_language"] = "en"
    html = html_of(client)
    assert "Upcoming meetups and seminars" in html
