"""The writing page in Chromium: editor, counter, autosave, reload, offline, submit, accessibility."""

from __future__ import annotations

import json

import pytest

from assignments.models import Submission
from assignments.text import count_characters
from tests.e2e.conftest import axe_violations, log_in
from tests.factories.accounts import LearnerFactory
from tests.factories.assignments import AssignmentPageFactory
from tests.factories.courses import CourseIndexPageFactory, CoursePageFactory, EnrollmentFactory

FIRST = "新しい水筒の紹介文です。軽くて丈夫で、氷が一日もちます。"
OFFLINE_PART = "電波のない山でも書き続けます👍🏽"


@pytest.fixture
def setup(home_page, settings):
    settings.LMS_AUTOSAVE_SECONDS = 1
    course = CoursePageFactory(parent=CourseIndexPageFactory(parent=home_page), slug="writing")
    assignment = AssignmentPageFactory(
        parent=course,
        slug="product-intro",
        title="商品紹介文",
        min_chars=20,
        max_chars=200,
        brief_client="架空の雑貨店",
        brief_deliverable="新商品の紹介文",
        brief_acceptance_criteria="結論を先に書く\n特徴を三つ挙げる",
    )
    learner = LearnerFactory(username="writer")
    EnrollmentFactory(user=learner, course=course)
    return assignment, learner


def counter_value(page) -> int:
    return int(page.inner_text("#writing-counter [data-count]").replace(",", ""))


def wait_for_saved_text(assignment, learner, needle: str, page, timeout_ms: int = 10_000) -> Submission:
    page.wait_for_function(
        "() => document.querySelector('[data-status]').textContent.trim().length > 0", timeout=timeout_ms
    )
    for _attempt in range(50):
        submission = Submission.objects.filter(assignment=assignment, learner=learner).first()
        if submission is not None and needle in submission.body_text:
            return submission
        page.wait_for_timeout(200)
    raise AssertionError(f"{needle!r} was never saved")


def test_write_autosave_reload_go_offline_and_submit(page, browser_context, setup):
    assignment, learner = setup
    log_in(page, learner.username)
    page.goto(assignment.url)
    page.wait_for_selector(".ql-editor")
    assert page.is_hidden("textarea[name=body]")
    assert axe_violations(page) == []

    page.click(".ql-editor")
    page.keyboard.insert_text(FIRST)
    assert counter_value(page) == count_characters(FIRST)
    wait_for_saved_text(assignment, learner, FIRST, page)

    page.reload()
    page.wait_for_selector(".ql-editor")
    assert FIRST in page.inner_text(".ql-editor")
    assert counter_value(page) == count_characters(FIRST)

    # With the network cut the learner keeps typing; the text stays on the device.
    browser_context.set_offline(True)
    page.click(".ql-editor")
    page.keyboard.press("End")
    page.keyboard.press("Enter")
    page.keyboard.insert_text(OFFLINE_PART)
    page.wait_for_function("() => document.querySelector('[data-status]').classList.contains('is-error')")
    key = page.get_attribute("#writing-form", "data-storage-key")
    local = json.loads(page.evaluate("key => localStorage.getItem(key)", key))
    assert OFFLINE_PART in local["text"] and local["synced"] is False
    assert OFFLINE_PART not in Submission.objects.get().body_text

    # Back online: the next save carries everything typed meanwhile.
    browser_context.set_offline(False)
    saved = wait_for_saved_text(assignment, learner, OFFLINE_PART, page)
    assert FIRST in saved.body_text
    assert saved.character_count == count_characters(FIRST + OFFLINE_PART) == counter_value(page)

    page.click("button[data-submit]")
    page.wait_for_selector(".badge--submitted")
    submission = Submission.objects.get()
    assert submission.status == Submission.Status.SUBMITTED
    assert submission.attempt == 1
    assert page.query_selector("#writing-form") is None


def test_a_local_copy_is_offered_back_after_a_crash(page, browser_context, setup):
    assignment, learner = setup
    log_in(page, learner.username)
    page.goto(assignment.url)
    page.wait_for_selector(".ql-editor")
    key = page.get_attribute("#writing-form", "data-storage-key")
    # As if the tab died offline: a newer copy on the device than on the server.
    copy = {
        "body": "<p>端末だけに残った文章</p>",
        "text": "端末だけに残った文章\n",
        "format": "html",
        "url": "",
        "version": 0,
        "savedAt": 9_999_999_999_999,
        "synced": False,
    }
    # Seeded before the page's scripts run, as a copy left behind by a tab that died.
    page.add_init_script(
        "if (!sessionStorage.getItem('seeded')) {"
        f"localStorage.setItem({json.dumps(key)}, {json.dumps(json.dumps(copy))});"
        "sessionStorage.setItem('seeded', '1');}"
    )
    page.reload()
    page.wait_for_selector("[data-restore]:not([hidden])")
    assert axe_violations(page) == []
    page.click("[data-restore-accept]")
    assert "端末だけに残った文章" in page.inner_text(".ql-editor")
    wait_for_saved_text(assignment, learner, "端末だけに残った文章", page)


def test_a_stale_tab_sees_both_texts(page, browser_context, setup):
    assignment, learner = setup
    log_in(page, learner.username)
    page.goto(assignment.url)
    page.wait_for_selector(".ql-editor")
    page.click(".ql-editor")
    page.keyboard.insert_text("最初のタブの文章です。")
    wait_for_saved_text(assignment, learner, "最初のタブ", page)
    # Another device saves on top meanwhile.
    submission = Submission.objects.get()
    submission.save_draft(body_html="<p>別の端末の文章です。</p>", version=submission.version)
    page.keyboard.insert_text("続き")
    page.wait_for_selector("[data-conflict]:not([hidden])")
    assert page.input_value("[data-conflict-server]").strip() == "別の端末の文章です。"
    assert "最初のタブの文章です。続き" in page.input_value("[data-conflict-yours]")
    page.click("[data-conflict-keep]")
    wait_for_saved_text(assignment, learner, "最初のタブの文章です。続き", page)


def test_ime_composition_is_counted_when_committed(page, setup):
    assignment, learner = setup
    log_in(page, learner.username)
    page.goto(assignment.url)
    page.wait_for_selector(".ql-editor")
    page.click(".ql-editor")
    page.keyboard.insert_text("水筒")
    assert counter_value(page) == 2
    cdp = page.context.new_cdp_session(page)
    cdp.send("Input.imeSetComposition", {"text": "かんじ", "selectionStart": 3, "selectionEnd": 3})
    page.wait_for_timeout(100)
    assert counter_value(page) == 2  # the reading being composed is not yet text
    cdp.send("Input.insertText", {"text": "漢字"})
    page.wait_for_function("() => document.querySelector('#writing-counter [data-count]').textContent === '4'")
    assert "水筒漢字" in page.inner_text(".ql-editor")


def test_paste_from_word_is_cleaned(page, setup):
    assignment, learner = setup
    log_in(page, learner.username)
    page.goto(assignment.url)
    page.wait_for_selector(".ql-editor")
    page.click(".ql-editor")
    word_html = (
        '<html xmlns:o="urn:schemas-microsoft-com:office:office"><body>'
        '<p class=MsoNormal style="mso-margin-top-alt:auto;color:red;font-family:MS Mincho">'
        '<b style="mso-bidi-font-weight:normal">太字の見出し</b><o:p></o:p></p>'
        '<p class=MsoListParagraph style="mso-list:l0 level1 lfo1"><span style="mso-list:Ignore">1.</span>項目</p>'
        "<script>window.__pwned = true</script><img src=x onerror='window.__pwned = true'></body></html>"
    )
    page.evaluate(
        """html => {
            const data = new DataTransfer();
            data.setData('text/html', html);
            data.setData('text/plain', '太字の見出し 項目');
            document.querySelector('.ql-editor').dispatchEvent(
                new ClipboardEvent('paste', {clipboardData: data, bubbles: true, cancelable: true}));
        }""",
        word_html,
    )
    page.wait_for_timeout(300)
    editor_html = page.inner_html(".ql-editor")
    assert "太字の見出し" in editor_html
    assert "mso" not in editor_html and "style=" not in editor_html and "MsoNormal" not in editor_html
    assert page.evaluate("() => window.__pwned === undefined")


def test_errors_are_shown_accessibly_and_the_text_is_kept(page, setup):
    assignment, learner = setup
    log_in(page, learner.username)
    page.goto(assignment.url)
    page.wait_for_selector(".ql-editor")
    page.click(".ql-editor")
    page.keyboard.insert_text("短すぎる文章")
    page.click("button[data-submit]")
    page.wait_for_selector("#writing-errors")
    assert "短すぎる文章" in page.inner_text(".ql-editor")
    assert axe_violations(page) == []
    assert Submission.objects.get().status == Submission.Status.DRAFT


def test_the_form_works_without_javascript(browser, live_server, setup):
    assignment, learner = setup
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False, locale="ja-JP")
    try:
        page = context.new_page()
        page.goto("/accounts/login/")
        page.fill("input[name=login]", learner.username)
        page.fill("input[name=password]", "tsunagu-demo")
        page.click("form[action$='/accounts/login/'] button[type=submit]")
        page.goto(assignment.url)
        page.fill("textarea[name=body]", "スクリプトなしでも書けます。段落も保てます。\n\n二段落目です。")
        page.click("button[name=action][value=submit]")
        page.wait_for_selector(".badge--submitted")
    finally:
        context.close()
    submission = Submission.objects.get()
    assert submission.body_html == "<p>スクリプトなしでも書けます。段落も保てます。</p><p>二段落目です。</p>"
