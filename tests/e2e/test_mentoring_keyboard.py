"""Keyboard only: a mentor claims work, comments on a passage (typing it, as without a mouse),
scores, decides and releases without touching the mouse; the learner reads the highlighted
passage and replies, also by keyboard."""

from __future__ import annotations

import pytest

from assignments.models import Submission
from mentoring.models import Annotation, FeedbackMessage
from tests.e2e.conftest import log_in
from tests.factories.accounts import LearnerFactory, MentorFactory
from tests.factories.assignments import AssignmentPageFactory, RubricCriterionFactory, RubricFactory
from tests.factories.courses import CourseIndexPageFactory, CoursePageFactory, EnrollmentFactory
from tests.factories.mentoring import MentorProfileFactory, submitted

TEXT = "<p>春の新商品をご紹介します。この紅茶は香りがよく、朝の一杯にぴったりです。</p>"


@pytest.fixture
def world(home_page):
    course = CoursePageFactory(parent=CourseIndexPageFactory(parent=home_page), slug="web-writing")
    rubric = RubricFactory(name="紹介文の評価")
    criteria = [
        RubricCriterionFactory(rubric=rubric, title="構成", sort_order=0),
        RubricCriterionFactory(rubric=rubric, title="表現", sort_order=1),
    ]
    assignment = AssignmentPageFactory(parent=course, slug="product-intro", title="商品紹介文を書く", rubric=rubric)
    learner = LearnerFactory(username="keyboard-learner")
    EnrollmentFactory(user=learner, course=course)
    mentor = MentorFactory(username="keyboard-mentor")
    MentorProfileFactory(user=mentor, scopes=[course])
    work = submitted(assignment, learner, TEXT)
    return {"work": work, "learner": learner, "mentor": mentor, "criteria": criteria}


def tab_to(page, selector: str, limit: int = 400) -> None:
    """Press Tab until the focused element matches `selector`."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("s => document.activeElement && document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"Tab never reached {selector}")


def choose_radio(page, name: str, value: str) -> None:
    """Tab into a radio group, then move with the arrow keys until `value` is checked."""
    tab_to(page, f"input[type=radio][name={name}]")
    page.keyboard.press("Space")
    for _ in range(10):
        if page.evaluate(f"() => document.querySelector('input[name={name}]:checked')?.value") == value:
            return
        page.keyboard.press("ArrowDown")
    raise AssertionError(f"{name}={value} could not be chosen")


def test_review_and_reply_by_keyboard_only(page, world, browser, live_server):
    work, mentor, criteria = world["work"], world["mentor"], world["criteria"]
    log_in(page, mentor.username)
    page.goto("/mentor/")
    tab_to(page, ".queue-item form button[type=submit]")
    page.keyboard.press("Enter")
    page.wait_for_selector("#review-form")

    tab_to(page, "textarea[name=quote]")
    page.keyboard.insert_text("香りがよく")
    tab_to(page, "textarea[name=annotation]")
    page.keyboard.insert_text("どんな香りか書きましょう。")
    tab_to(page, "button[name=action][value=annotate]")
    page.keyboard.press("Enter")
    page.wait_for_selector("mark.annotation")
    assert Annotation.objects.get().quote == "香りがよく"

    choose_radio(page, f"score_{criteria[0].pk}", "2")
    choose_radio(page, f"score_{criteria[1].pk}", "1")
    tab_to(page, "textarea[name=overall_comment]")
    page.keyboard.insert_text("香りの説明を足しましょう。")
    choose_radio(page, "decision", "request_changes")
    tab_to(page, "button[name=action][value=release]")
    page.keyboard.press("Enter")
    page.wait_for_url("**/mentor/")
    work.refresh_from_db()
    assert work.status == Submission.Status.CHANGES_REQUESTED

    context = browser.new_context(base_url=live_server.url, locale="ja-JP")
    learner_page = context.new_page()
    try:
        log_in(learner_page, world["learner"].username)
        learner_page.goto(work.get_absolute_url())
        assert learner_page.inner_text("mark.annotation") == "香りがよく"
        tab_to(learner_page, "#feedback-thread textarea[name=body]")
        learner_page.keyboard.insert_text("柑橘のような香り、と書けばよいですか？")
        tab_to(learner_page, "#feedback-thread button[type=submit]")
        learner_page.keyboard.press("Enter")
        learner_page.wait_for_selector(".thread__message")
        assert FeedbackMessage.objects.get().author == world["learner"]
    finally:
        context.close()
