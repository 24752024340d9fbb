"""The whole review loop in Chromium: the learner submits; the mentor claims it from the queue,
comments on a passage, scores and asks for changes; the learner reads the feedback, revises and
resubmits; the mentor sees the difference and approves; the course progress updates.

axe-core checks the mentor queue, the review form (also with its errors shown),
the feedback view and a meetup page.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from assignments.models import Submission
from courses.models import Enrollment
from mentoring.models import Annotation, Review
from tests.e2e.conftest import axe_violations, log_in
from tests.factories.accounts import LearnerFactory, MentorFactory
from tests.factories.assignments import AssignmentPageFactory, RubricCriterionFactory, RubricFactory
from tests.factories.courses import CourseIndexPageFactory, CoursePageFactory, EnrollmentFactory
from tests.factories.mentoring import (
    MeetupIndexPageFactory,
    MeetupPageFactory,
    MentorProfileFactory,
    ProgressReportFactory,
)

FIRST = "春の新商品をご紹介します。この紅茶は香りがよく、朝の一杯にぴったりです。たくさんのご注文をお待ちしています。"
REVISED = "春の新商品をご紹介します。この紅茶は香りがよく、朝の一杯にぴったりです。50名さまのご注文をお待ちしています。"
PASSAGE = "たくさんのご注文"


@pytest.fixture
def world(home_page):
    catalog = CourseIndexPageFactory(parent=home_page)
    course = CoursePageFactory(parent=catalog, title="Webライティング入門", slug="web-writing")
    rubric = RubricFactory(name="紹介文の評価")
    RubricCriterionFactory(rubric=rubric, title="構成", sort_order=0)
    RubricCriterionFactory(rubric=rubric, title="表現", sort_order=1)
    assignment = AssignmentPageFactory(parent=course, title="商品紹介文を書く", slug="product-intro", rubric=rubric)
    learner = LearnerFactory(username="hanako", first_name="花子", last_name="山田")
    EnrollmentFactory(user=learner, course=course)
    mentor = MentorFactory(username="misaki", first_name="美咲", last_name="鈴木")
    MentorProfileFactory(user=mentor, scopes=[course])
    return {"course": course, "assignment": assignment, "learner": learner, "mentor": mentor}


@pytest.fixture
def mentor_page(browser, live_server):
    context = browser.new_context(base_url=live_server.url, locale="ja-JP", viewport={"width": 390, "height": 844})
    context.set_default_timeout(15_000)
    yield context.new_page()
    context.close()


def write(page, text: str) -> None:
    editor = page.locator(".ql-editor")
    editor.click()
    page.keyboard.press("Control+A")
    page.keyboard.press("Delete")
    page.keyboard.insert_text(text)


def select_passage(page, passage: str) -> None:
    """Select `passage` in the annotated text as a mouse would, then let the page react."""
    found = page.evaluate(
        """quote => {
            const container = document.querySelector('[data-annotatable]');
            const walker = document.createTreeWalker(container, NodeFilter.SHOW_TEXT);
            let node;
            while ((node = walker.nextNode())) {
                const at = node.textContent.indexOf(quote);
                if (at >= 0) {
                    const range = document.createRange();
                    range.setStart(node, at);
                    range.setEnd(node, at + quote.length);
                    const selection = window.getSelection();
                    selection.removeAllRanges();
                    selection.addRange(range);
                    container.dispatchEvent(new MouseEvent('mouseup', {bubbles: true}));
                    return true;
                }
            }
            return false;
        }""",
        passage,
    )
    assert found


def choose_score(page, criterion_title: str, points: int) -> None:
    fieldset = page.locator("fieldset.criterion", has=page.locator("legend", has_text=criterion_title))
    fieldset.locator(f"input[type=radio][value='{points}']").check()


def claim_from_queue(page) -> None:
    page.goto("/mentor/")
    page.click(".queue-item form button[type=submit]")
    page.wait_for_selector("#review-form")


def test_submit_review_revise_approve(page, mentor_page, world):
    assignment, learner, mentor = world["assignment"], world["learner"], world["mentor"]

    # The learner writes and submits.
    log_in(page, learner.username)
    page.goto(assignment.url)
    page.wait_for_selector(".ql-editor")
    write(page, FIRST)
    page.click("[data-submit]")
    page.wait_for_load_state("load")
    first = Submission.objects.get(assignment=assignment, learner=learner, attempt=1)
    assert first.status == Submission.Status.SUBMITTED

    # The mentor finds it in the queue and claims it.
    log_in(mentor_page, mentor.username)
    mentor_page.goto("/mentor/")
    assert "商品紹介文を書く" in mentor_page.inner_text(".queue-list")
    assert axe_violations(mentor_page) == []
    claim_from_queue(mentor_page)
    assert axe_violations(mentor_page) == []

    # A comment on a selected passage.
    select_passage(mentor_page, PASSAGE)
    assert mentor_page.input_value("textarea[name=quote]") == PASSAGE
    mentor_page.fill("textarea[name=annotation]", "「たくさん」は数がわからない言葉です。")
    mentor_page.click("button[name=action][value=annotate]")
    mentor_page.wait_for_selector("mark.annotation")
    assert mentor_page.inner_text("mark.annotation") == PASSAGE
    annotation = Annotation.objects.get()
    assert first.body_text[annotation.start : annotation.end] == PASSAGE

    # Releasing with one criterion unscored is refused, naming it; nothing typed is lost.
    choose_score(mentor_page, "構成", 2)
    mentor_page.fill("textarea[name=overall_comment]", "読みやすい紹介文です。数の表現を直しましょう。")
    mentor_page.check("input[name=decision][value=request_changes]")
    mentor_page.click("button[name=action][value=release]")
    mentor_page.wait_for_selector("#review-errors")
    assert "「表現」を採点してください" in mentor_page.inner_text("#review-errors")
    assert mentor_page.input_value("textarea[name=overall_comment]") == "読みやすい紹介文です。数の表現を直しましょう。"
    assert mentor_page.is_checked("input[name=decision][value=request_changes]")
    assert axe_violations(mentor_page) == []

    choose_score(mentor_page, "表現", 1)
    mentor_page.click("button[name=action][value=release]")
    mentor_page.wait_for_url("**/mentor/")
    first.refresh_from_db()
    assert first.status == Submission.Status.CHANGES_REQUESTED

    # The learner reads the feedback: scores, the highlighted passage and its comment.
    page.goto(first.get_absolute_url())
    assert page.inner_text("mark.annotation") == PASSAGE
    feedback = page.inner_text(".mentor-feedback")
    assert "数がわからない言葉" in feedback and "1 / 3" in feedback
    assert axe_violations(page) == []
    page.fill("#feedback-thread textarea[name=body]", "「50名さま」のように書けばよいですか？")
    page.click("#feedback-thread button[type=submit]")
    page.wait_for_selector(".thread__message")

    # … revises and submits again.
    page.goto(assignment.url)
    page.click("form[action$='/revise/'] button[type=submit]")
    page.wait_for_selector(".ql-editor")
    write(page, REVISED)
    page.click("[data-submit]")
    page.wait_for_load_state("load")
    second = Submission.objects.get(assignment=assignment, learner=learner, attempt=2)
    assert second.status == Submission.Status.SUBMITTED

    # The mentor sees the difference and the comment carried over, then approves.
    claim_from_queue(mentor_page)
    inserted = "".join(mentor_page.locator("[data-diff] ins").all_inner_texts())
    deleted = "".join(mentor_page.locator("[data-diff] del").all_inner_texts())
    assert "50名" in inserted and "たく" in deleted
    assert "「50名さま」のように" not in mentor_page.content()  # the thread belongs to attempt 1
    choose_score(mentor_page, "構成", 3)
    choose_score(mentor_page, "表現", 3)
    mentor_page.fill("textarea[name=overall_comment]", "数字で伝わるようになりました。合格です。")
    mentor_page.check("input[name=decision][value=approve]")
    mentor_page.click("button[name=action][value=release]")
    mentor_page.wait_for_url("**/mentor/")
    second.refresh_from_db()
    assert second.status == Submission.Status.APPROVED
    assert Review.objects.get(submission=second).is_released

    # The course progress follows: the only step is done, so the course is completed.
    enrollment = Enrollment.objects.get(user=learner, course=world["course"])
    assert enrollment.status == Enrollment.Status.COMPLETED
    page.goto("/learn/")
    assert "Webライティング入門" in page.inner_text("main")
    assert page.locator("progress[value='100']").count() >= 1


def test_meetup_page_is_accessible_for_an_attendee_and_a_host(page, mentor_page, home_page):
    host = MentorFactory(username="host")
    MentorProfileFactory(user=host)
    attendee = LearnerFactory(username="guest")
    index = MeetupIndexPageFactory(parent=home_page)
    meetup = MeetupPageFactory(
        parent=index,
        slug="april",
        capacity=1,
        hosts=[host],
        online_url="https://meet.example.com/x",
        starts_at=timezone.now() + dt.timedelta(days=2),
    )
    log_in(page, attendee.username)
    page.goto("/meetups/april/")
    assert axe_violations(page) == []
    page.click("#rsvp button[type=submit]")
    page.wait_for_selector("#report textarea[name=done]")
    page.fill("#report textarea[name=done]", "提案文を2本書きました。")
    page.fill("#report textarea[name=stuck]", "単価の決め方に迷っています。")
    page.click("#report button[type=submit]")
    page.wait_for_load_state("load")
    assert "meet.example.com/x" in page.inner_text("main")
    assert axe_violations(page) == []
    ProgressReportFactory(meetup=meetup, user=LearnerFactory(username="other-guest"), stuck="見積もり")

    log_in(mentor_page, host.username)
    mentor_page.goto("/meetups/april/")
    assert "単価の決め方に迷っています。" in mentor_page.inner_text(".meetup__hosts")
    assert axe_violations(mentor_page) == []
    mentor_page.goto("/meetups/")
    assert axe_violations(mentor_page) == []
    mentor_page.goto("/mentor/dashboard/")
    assert axe_violations(mentor_page) == []
