"""axe-core finds no WCAG 2.2 AA violations on the editorial pages: home, article index, interview,
keyword listing, seminar notice (also with registration errors and when full), in both languages."""

from __future__ import annotations

import pytest
from django.urls import reverse
from wagtail.rich_text import RichText

from tests.e2e.conftest import axe_violations
from tests.factories.courses import CourseIndexPageFactory, CoursePageFactory
from tests.factories.home import (
    ArticleIndexPageFactory,
    ImageFactory,
    InterviewPageFactory,
    NewsPageFactory,
    SeminarPageFactory,
)


@pytest.fixture
def editorial(home_page):
    catalog = CourseIndexPageFactory(parent=home_page)
    course = CoursePageFactory(parent=catalog, title="Webライティング入門", level=1)
    index = ArticleIndexPageFactory(parent=home_page)
    image = ImageFactory()
    interview = InterviewPageFactory(
        parent=index,
        slug="interview",
        portrait=image,
        cover_image=image,
        cover_image_alt="丘の風景",
        tags=["在宅ワーク"],
        body=[
            ("heading", "講座を受けたきっかけ"),
            ("paragraph", RichText("<p>広報誌で知りました。</p>")),
            ("image", {"image": image, "alt_text": "机の上のノートパソコン", "caption": "仕事机", "credit": "事務局"}),
            ("quote", {"text": "仲間がいたから続けられました。", "attribution": "卒業生"}),
            (
                "pros_cons",
                {
                    "heading": "感じたこと",
                    "pros_label": "",
                    "pros": ["相談できる"],
                    "cons_label": "",
                    "cons": ["予定合わせ"],
                },
            ),
            ("question_answer", {"question": "一日の流れは？", "answer": RichText("<p>朝に書きます。</p>")}),
            ("callout", {"style": "tip", "title": "ヒント", "text": RichText("<p>入門から始めましょう。</p>")}),
            ("course_card", {"course": course, "note": "最初の一歩に"}),
        ],
    )
    InterviewPageFactory(parent=index, slug="other", tags=["在宅ワーク"], cover_image=image, cover_image_alt="丘")
    seminar = SeminarPageFactory(parent=index, slug="seminar", capacity=5)
    full = SeminarPageFactory(parent=index, slug="full", capacity=1)
    full.process_form_submission(type("Form", (), {"cleaned_data": {"name": "a"}})())
    NewsPageFactory(parent=index, slug="news")
    return {"index": index, "interview": interview, "seminar": seminar, "full": full}


PATHS = {
    "home": lambda pages: "/",
    "index": lambda pages: pages["index"].url,
    "interview": lambda pages: pages["interview"].url,
    "tag": lambda pages: reverse("home:article_tag", args=["在宅ワーク"]),
    "seminar": lambda pages: pages["seminar"].url,
    "full seminar": lambda pages: pages["full"].url,
}


@pytest.mark.parametrize("name", list(PATHS))
@pytest.mark.parametrize("language", ["ja", "en"])
def test_no_axe_violations(page, browser_context, live_server, editorial, name, language):
    browser_context.add_cookies([{"name": "tsunagu_language", "value": language, "url": live_server.url}])
    page.goto(PATHS[name](editorial))
    assert page.locator("html").get_attribute("lang") == language
    assert axe_violations(page) == []


def test_no_axe_violations_on_a_registration_with_errors(page, editorial):
    page.goto(editorial["seminar"].url)
    form = page.locator("section.registration form")
    form.locator("input[type=email]").fill("not-an-address")
    form.locator("button[type=submit]").click()
    page.wait_for_load_state("load")
    assert page.locator(".field--error").count() > 0
    assert axe_violations(page) == []
