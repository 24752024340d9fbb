"""In Chromium, in the Wagtail admin: an editor writes an interview with an image, a quote and a pros/cons
block and submits it for moderation; a moderator approves it; the interview is live with its keywords and
related articles. And when the editor forgets the consent and the alt text, the admin says so and keeps
everything that was typed."""

from __future__ import annotations

import pytest

from home.models import InterviewPage
from tests.e2e.conftest import log_in
from tests.factories.accounts import UserFactory
from tests.factories.home import ArticleIndexPageFactory, ImageFactory, InterviewPageFactory

ADMIN_VIEWPORT = {"width": 1280, "height": 900}


@pytest.fixture
def newsroom(home_page):
    index = ArticleIndexPageFactory(parent=home_page)
    InterviewPageFactory(parent=index, title="先に公開されていた卒業生の話", slug="earlier", tags=["在宅ワーク"])
    ImageFactory(title="仕事机の写真")
    UserFactory(username="editor1", groups=["Editors"])
    UserFactory(username="moderator1", groups=["Editors", "Moderators"])
    return index


@pytest.fixture
def admin_page(browser, live_server):
    """A desktop-sized page: the admin's editing screen is meant for it."""
    context = browser.new_context(base_url=live_server.url, locale="ja-JP", viewport=ADMIN_VIEWPORT)
    context.set_default_timeout(15_000)
    yield context.new_page()
    context.close()


def add_block(page, label: str) -> None:
    page.locator("#body-root .c-sf-add-button").last.click()
    page.get_by_role("option", name=label, exact=True).click()


def write_interview(page, index, *, consent: bool, alt_text: str) -> None:
    page.goto(f"/admin/pages/add/home/interviewpage/{index.pk}/")
    page.fill("#id_title", "ブラウザで書いたインタビュー")
    page.fill("#id_lead", "講座を終えた卒業生に、在宅での働き方を聞きました。")
    page.fill("#id_interviewee_name", "試験さん")
    if consent:
        page.check("#id_publication_consent")
        page.fill("#id_consent_recorded_on", "2026-11-01")
        page.keyboard.press("Escape")
    add_block(page, "キャプション付き画像")
    page.locator("#body-0-value-image-chooser").get_by_role("button").first.click()
    page.locator(".modal").get_by_text("仕事机の写真").click()
    page.locator(".modal").wait_for(state="hidden")
    page.fill("#body-0-value-alt_text", alt_text)
    page.fill("#body-0-value-caption", "自宅の仕事机")
    add_block(page, "引用")
    page.fill("#body-1-value-text", "仲間がいたから、続けられました。")
    page.fill("#body-1-value-attribution", "試験さん")
    add_block(page, "メリット・デメリット")
    page.fill("#body-2-value-pros-0-value", "相談できる仲間がいる")
    page.fill("#body-2-value-cons-0-value", "予定を合わせるのが大変")
    page.locator(".tagit-new input").fill("在宅ワーク")
    page.keyboard.press("Enter")


def submit_for_moderation(page) -> None:
    page.locator("footer .w-dropdown__toggle").click()
    page.locator("button[name=action-submit]").click()
    page.wait_for_load_state("networkidle")


def test_editor_submits_an_interview_and_a_moderator_approves_it(admin_page, browser, live_server, newsroom):
    editor = admin_page
    log_in(editor, "editor1")
    write_interview(editor, newsroom, consent=True, alt_text="ノートパソコンと湯のみが置かれた机")
    submit_for_moderation(editor)

    interview = InterviewPage.objects.get(title="ブラウザで書いたインタビュー")
    assert not interview.live
    assert interview.current_workflow_state is not None
    # Editors have no publish button at all.
    editor.goto(f"/admin/pages/{interview.pk}/edit/")
    assert editor.locator("button[name=action-publish]").count() == 0

    context = browser.new_context(base_url=live_server.url, locale="ja-JP", viewport=ADMIN_VIEWPORT)
    context.set_default_timeout(15_000)
    moderator = context.new_page()
    log_in(moderator, "moderator1")
    moderator.goto(f"/admin/pages/{interview.pk}/edit/")
    moderator.locator("footer .w-dropdown__toggle").click()
    moderator.locator("button[data-workflow-action-name=approve]:not([data-workflow-action-modal-url])").click()
    moderator.wait_for_load_state("networkidle")

    interview.refresh_from_db()
    assert interview.live

    moderator.goto(interview.url)
    assert moderator.locator("h1").inner_text() == "ブラウザで書いたインタビュー"
    assert moderator.locator("blockquote").inner_text() == "仲間がいたから、続けられました。"
    assert moderator.locator("img[alt='ノートパソコンと湯のみが置かれた机']").count() == 1
    keywords = moderator.locator("section.keywords")
    assert "この記事に関連するワード" in keywords.inner_text()
    keywords.get_by_role("link", name="在宅ワーク").click()
    moderator.wait_for_load_state("load")
    assert moderator.locator("h1").inner_text() == "在宅ワーク"
    assert moderator.get_by_role("link", name="ブラウザで書いたインタビュー").count() == 1

    moderator.goto(interview.url)
    related = moderator.locator("section.related")
    assert "この記事に関連する記事" in related.inner_text()
    assert related.get_by_role("link", name="先に公開されていた卒業生の話").count() == 1
    context.close()


def test_missing_consent_and_alt_text_are_refused_and_nothing_typed_is_lost(admin_page, newsroom):
    page = admin_page
    log_in(page, "editor1")
    write_interview(page, newsroom, consent=False, alt_text="")
    submit_for_moderation(page)

    assert not InterviewPage.objects.filter(title="ブラウザで書いたインタビュー").exists()
    body = page.locator("main").inner_text()
    assert "掲載同意を記録してください" in body
    assert "代替テキストを入力してください" in body
    assert page.input_value("#id_title") == "ブラウザで書いたインタビュー"
    assert page.input_value("#id_interviewee_name") == "試験さん"
    assert page.input_value("#body-0-value-caption") == "自宅の仕事机"
    assert page.input_value("#body-1-value-text") == "仲間がいたから、続けられました。"
    assert page.input_value("#body-2-value-pros-0-value") == "相談できる仲間がいる"

    # Fixing both and submitting again works.
    page.check("#id_publication_consent")
    page.fill("#id_consent_recorded_on", "2026-11-01")
    page.keyboard.press("Escape")
    page.fill("#body-0-value-alt_text", "ノートパソコンと湯のみが置かれた机")
    submit_for_moderation(page)

    interview = InterviewPage.objects.get(title="ブラウザで書いたインタビュー")
    assert interview.current_workflow_state is not None and not interview.live
