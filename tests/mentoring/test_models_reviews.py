"""Reviews: opened on claim, drafts, release through the submission's state machine, refusals."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from assignments.models import Submission
from courses.models import StepProgress
from mentoring.exceptions import AnnotationInvalid, InvalidTransition, NotReviewer, ReviewIncomplete
from mentoring.models import Annotation, Review
from mentoring.queue import claim
from tests.factories.accounts import LearnerFactory
from tests.factories.assignments import RubricCriterionFactory
from tests.factories.mentoring import submitted
from tests.mentoring.conftest import TEXT

pytestmark = pytest.mark.django_db


@pytest.fixture
def work(assignment, enrolled):
    return submitted(assignment, enrolled, TEXT)


def criteria_of(review):
    return {criterion.title: criterion for criterion in review.get_criteria()}


def score_all(review, mentor, points=3, decision="approve", comment="よく書けています。"):
    criteria = review.get_criteria()
    review.save_draft(
        mentor,
        overall_comment=comment,
        decision=decision,
        scores={criterion.pk: (points, "良い点") for criterion in criteria},
    )


def test_claim_opens_the_review_for_the_claimer(work, mentor):
    claim(work, mentor)
    review = Review.objects.get(submission=work)
    assert review.mentor == mentor
    assert review.is_draft
    work.refresh_from_db()
    assert work.status == Submission.Status.IN_REVIEW
    assert work.claimed_by == mentor
    assert dt.timedelta(hours=7, minutes=59) < work.claim_expires_at - work.claimed_at <= dt.timedelta(hours=8)


def test_lease_length_comes_from_the_setting(work, mentor, settings):
    settings.LMS_REVIEW_LEASE_HOURS = 2
    claim(work, mentor)
    work.refresh_from_db()
    assert work.claim_expires_at - work.claimed_at == dt.timedelta(hours=2)


def test_release_with_approval_moves_the_submission_and_completes_the_step(work, mentor, enrolled, assignment):
    claim(work, mentor)
    review = Review.objects.get(submission=work)
    score_all(review, mentor, decision="approve")
    review.release(mentor)
    work.refresh_from_db()
    review.refresh_from_db()
    assert work.status == Submission.Status.APPROVED
    assert work.decided_by == mentor
    assert "よく書けています" in work.feedback
    assert review.is_released and review.released_at is not None
    assert list(work.events.values_list("action", flat=True)) == ["claim", "approve"]
    assert StepProgress.objects.filter(enrollment__user=enrolled, step=assignment, completed_at__isnull=False).exists()


def test_release_with_changes_requested(work, mentor):
    claim(work, mentor)
    review = Review.objects.get(submission=work)
    score_all(review, mentor, points=1, decision="request_changes", comment="結論を先に書きましょう。")
    review.release(mentor)
    work.refresh_from_db()
    assert work.status == Submission.Status.CHANGES_REQUESTED
    assert work.can_start_revision


def test_release_is_refused_naming_every_unscored_criterion_and_keeps_the_draft(work, mentor):
    claim(work, mentor)
    review = Review.objects.get(submission=work)
    criteria = criteria_of(review)
    review.save_draft(
        mentor, overall_comment="途中まで", decision="approve", scores={criteria["構成"].pk: (3, "構成は良い")}
    )
    with pytest.raises(ReviewIncomplete) as refused:
        review.release(mentor)
    assert refused.value.missing_criteria == ["表現"]
    assert "表現" in refused.value.errors[f"score_{criteria['表現'].pk}"]
    review.refresh_from_db()
    work.refresh_from_db()
    assert review.is_draft and review.overall_comment == "途中まで"
    assert review.get_scores()[criteria["構成"].pk].comment == "構成は良い"
    assert work.status == Submission.Status.IN_REVIEW


def test_requesting_changes_needs_an_overall_comment_and_a_decision(work, mentor):
    claim(work, mentor)
    review = Review.objects.get(submission=work)
    score_all(review, mentor, decision="", comment="")
    with pytest.raises(ReviewIncomplete) as refused:
        review.release(mentor)
    assert "decision" in refused.value.errors
    score_all(review, mentor, decision="request_changes", comment="")
    with pytest.raises(ReviewIncomplete) as refused:
        review.release(mentor)
    assert "overall_comment" in refused.value.errors


def test_only_the_holder_edits_and_releases(work, mentor, mentor2):
    claim(work, mentor)
    review = Review.objects.get(submission=work)
    with pytest.raises(NotReviewer):
        review.save_draft(mentor2, overall_comment="横から", decision="", scores={})
    score_all(review, mentor)
    with pytest.raises(NotReviewer):
        review.release(mentor2)


def test_an_expired_lease_stops_editing_until_claimed_again(work, mentor, mentor2):
    claim(work, mentor)
    Submission.objects.filter(pk=work.pk).update(claim_expires_at=timezone.now() - dt.timedelta(minutes=1))
    review = Review.objects.get(submission=work)
    with pytest.raises(NotReviewer):
        review.save_draft(mentor, overall_comment="", decision="", scores={})
    work.refresh_from_db()
    claim(work, mentor2)
    review.refresh_from_db()
    assert review.mentor == mentor2
    work.refresh_from_db()
    assert list(work.events.values_list("action", flat=True)) == ["claim", "expire", "claim"]


def test_a_released_review_cannot_be_released_again(work, mentor):
    claim(work, mentor)
    review = Review.objects.get(submission=work)
    score_all(review, mentor)
    review.release(mentor)
    with pytest.raises(InvalidTransition):
        review.release(mentor)
    with pytest.raises(InvalidTransition):
        review.save_draft(mentor, overall_comment="", decision="", scores={})


def test_annotation_by_offsets_and_by_quote(work, mentor):
    claim(work, mentor)
    review = Review.objects.get(submission=work)
    text = work.body_text
    start = text.index("香りがよく")
    by_offsets = review.add_annotation(mentor, comment="具体的に", quote="香りがよく", start=start, end=start + 5)
    assert (by_offsets.start, by_offsets.end, by_offsets.quote) == (start, start + 5, "香りがよく")
    by_quote = review.add_annotation(mentor, comment="言い切りましょう", quote=" 朝の一杯にぴったりです ")
    assert text[by_quote.start : by_quote.end] == "朝の一杯にぴったりです"
    # Offsets that do not match the quote: the quote wins.
    moved = review.add_annotation(mentor, comment="?", quote="春の新商品", start=0, end=3)
    assert (moved.start, moved.quote) == (0, "春の新商品")


def test_annotation_of_a_passage_that_is_not_there_is_refused(work, mentor):
    claim(work, mentor)
    review = Review.objects.get(submission=work)
    with pytest.raises(AnnotationInvalid):
        review.add_annotation(mentor, comment="?", quote="存在しない文章")
    assert Annotation.objects.count() == 0


def test_annotations_are_re_anchored_on_the_next_attempt(work, mentor, enrolled, assignment):
    claim(work, mentor)
    review = Review.objects.get(submission=work)
    text = work.body_text
    kept = review.add_annotation(mentor, comment="もっと具体的に", quote="香りがよく")
    review.add_annotation(mentor, comment="言い換えを", quote="ぴったりです")
    score_all(review, mentor, points=1, decision="request_changes", comment="二か所を直しましょう。")
    review.release(mentor)
    work.refresh_from_db()
    revision = work.start_revision(enrolled)
    new_html = "<p>新しい季節に、春の新商品を紹介します。</p><p>この紅茶は香りがよく、朝の一杯におすすめです。</p>"
    revision.save_draft(body_html=new_html, version=revision.version, by=enrolled)
    revision.submit(enrolled)
    claim(revision, mentor)
    new_review = Review.objects.get(submission=revision)
    carried = list(new_review.annotations.all())
    assert len(carried) == 1
    moved = carried[0]
    assert moved.carried_from == kept
    assert revision.body_text[moved.start : moved.end] == "香りがよく"
    assert moved.start != kept.start == text.index("香りがよく")


def test_a_decision_made_without_the_review_form_releases_the_draft_review(work, mentor):
    claim(work, mentor)
    work.refresh_from_db()
    work.request_changes(mentor, feedback="<p>結論を先に書きましょう。</p>")
    review = Review.objects.get(submission=work)
    assert review.is_released
    assert review.decision == "request_changes"
    assert review.overall_comment == "結論を先に書きましょう。"
    assert review.released_at == Submission.objects.get(pk=work.pk).decided_at


def test_an_assignment_without_a_rubric_needs_only_a_decision(other_assignment, outsider):
    learner = LearnerFactory(username="norubric")
    work = submitted(other_assignment, learner, TEXT)
    claim(work, outsider)
    review = Review.objects.get(submission=work)
    assert review.get_criteria() == []
    review.save_draft(outsider, overall_comment="", decision="approve", scores={})
    review.release(outsider)
    work.refresh_from_db()
    assert work.status == Submission.Status.APPROVED


def test_a_criterion_without_levels_is_not_required(work, mentor, rubric):
    RubricCriterionFactory(rubric=rubric, title="自由記述", levels=[], sort_order=5)
    claim(work, mentor)
    review = Review.objects.get(submission=work)
    score_all(review, mentor)
    review.release(mentor)
    assert review.is_released
