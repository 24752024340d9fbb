"""In Chromium, on a phone-sized screen: a new learner signs up, confirms the e-mail address, finds an
introductory course by filter and by Japanese search, enrols, completes its lessons and opens the certificate."""

from __future__ import annotations

import re

import pytest
from django.core import mail

from courses.models import Certificate, Enrollment
from tests.factories.courses import (
    CourseIndexPageFactory,
    CoursePageFactory,
    LessonPageFactory,
    SkillCategoryFactory,
)


@pytest.fixture
def course_tree(home_page):
    catalog = CourseIndexPageFactory(parent=home_page, title="コース一覧")
    writing = SkillCategoryFactory(slug="writing", name="ライティング")
    course = CoursePageFactory(
        parent=catalog,
        title="ライティング講座の基礎",
        slug="writing-basics",
        level=1,
        category=writing,
        summary="はじめての人が、読みやすい文章の書き方を学ぶ講座です。",
        tags=["初心者歓迎"],
    )
    LessonPageFactory(
        parent=course,
        title="文章の目的を決める",
        slug="purpose",
        is_preview=True,
        body=[("paragraph", "<p>誰に何を伝えるかを最初に決めます。</p>")],
    )
    LessonPageFactory(
        parent=course,
        title="提案の組み立て",
        slug="proposal",
        body=[("paragraph", "<p>魅力的な提案文の書き方を、例文で確かめます。</p>")],
    )
    CoursePageFactory(parent=catalog, title="単価交渉の実践", slug="negotiation", level=4, category=writing)
    return course


def sign_up_and_confirm(page, username: str, email: str) -> None:
    page.goto("/accounts/signup/")
    page.fill("input[name=email]", email)
    page.fill("input[name=username]", username)
    page.fill("input[name=password1]", "kakeru-2025-learner")
    page.fill("input[name=password2]", "kakeru-2025-learner")
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state("load")
    assert len(mail.outbox) == 1
    link = re.search(r"https?://\S+/accounts/confirm-email/\S+/", mail.outbox[0].body).group(0)
    page.goto(link)
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state("load")


def test_new_learner_finishes_an_introductory_course(page, course_tree):
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.on(
        "response",
        lambda response: (
            response.status >= 400
            and not response.url.endswith("/favicon.ico")
            and errors.append(f"{response.status} {response.url}")
        ),
    )

    sign_up_and_confirm(page, "sakura", "sakura@example.jp")
    assert page.get_by_role("button", name="ログアウト").is_visible()

    # From the home page to the catalog, then filter by level without JavaScript-only controls.
    page.goto("/")
    page.get_by_role("link", name="コース", exact=True).first.click()
    page.wait_for_load_state("load")
    page.select_option("select[name=level]", "1")
    page.get_by_role("button", name="この条件で表示").click()
    page.wait_for_load_state("load")
    assert "level=1" in page.url
    cards = page.locator(".course-card__title")
    assert cards.all_inner_texts() == ["ライティング講座の基礎"]

    # Japanese search finds the word inside unspaced text, and keeps the level filter.
    page.fill("input[name=q]", "講座")
    page.get_by_role("button", name="この条件で表示").click()
    page.wait_for_load_state("load")
    assert "level=1" in page.url and "q=" in page.url
    assert cards.all_inner_texts() == ["ライティング講座の基礎"]

    page.get_by_role("link", name="ライティング講座の基礎").click()
    page.wait_for_load_state("load")
    page.get_by_role("button", name="このコースに登録する").click()
    page.wait_for_load_state("load")
    assert page.locator("h1").inner_text() == "文章の目的を決める"
    assert Enrollment.objects.filter(user__username="sakura", status="active").count() == 1

    page.get_by_role("button", name="完了にする").click()
    page.wait_for_load_state("load")
    assert page.locator("h1").inner_text() == "提案の組み立て"
    assert "魅力的な提案文" in page.locator(".lesson__body").inner_text()
    assert page.locator(".syllabus__item--done").count() == 1

    page.get_by_role("button", name="完了にする").click()
    page.wait_for_load_state("load")
    certificate = Certificate.objects.get(enrollment__user__username="sakura")
    assert page.url.endswith(certificate.get_absolute_url())
    assert page.get_by_text("この修了証は有効です。").is_visible()
    assert page.get_by_text(certificate.code).is_visible()

    page.get_by_role("link", name="印刷用ページ").click()
    page.wait_for_load_state("load")
    assert page.locator(".certificate-sheet__text").inner_text().startswith("「ライティング講座の基礎」の全課程を修了")
    assert page.get_by_role("button", name="印刷する").is_visible()

    page.goto("/learn/")
    assert page.get_by_role("link", name="ライティング講座の基礎").first.is_visible()
    assert errors == []
