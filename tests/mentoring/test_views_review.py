"""The queue and review pages, through the client: claiming, drafts, passages, decisions, refusals."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import translation

from assignments.models import Submission
from courses.utils import display_name
from mentoring.models import Annotation, CommentBankEntry, Review
from mentoring.queue import claim
from tests.factories.mentoring import CommentBankEntryFactory, submitted
from tests.mentoring.conftest import TEXT

pytestmark = pytest.mark.django_db


@pytest.fixture
def work(assignment, enrolled):
    return submitted(assignment, enrolled, TEXT)


@pytest.fixture
def english():
    with translation.override("en"):
        yield


def review_url(submission):
    return reverse("mentoring:review", args=[submission.pk])


def form_data(review, *, scores=None, **extra):
    data = {"overall_comment": "", "decision": "", "quote": "", "annotation": "", "action": "save"}
    for criterion in review.get_criteria():
        points = (scores or {}).get(criterion.title)
        data[f"score_{criterion.pk}"] = "" if points is None else str(points)
        data[f"comment_{criterion.pk}"] = f"{criterion.title}について"
    data.update(extra)
    return data


def test_queue_lists_waiting_work_with_waiting_time_and_counts(client, mentor, work):
    client.force_login(mentor)
    response = client.get(reverse("mentoring:queue"), HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    body = response.content.decode()
    assert "商品紹介文を書く" in body
    assert response.context["counts"] == {"waiting": 1, "in_review": 0, "mine": 0, "done_today": 0}
    assert [row.pk for row in response.context["rows"]] == [work.pk]
    assert response.context["rows"][0].cohort.name == "2025年秋期"


def test_claim_from_the_queue_then_the_review_form_is_shown(client, mentor, work):
    client.force_login(mentor)
    response = client.post(reverse("mentoring:claim", args=[work.pk]))
    assert response.status_code == 302 and response.url == review_url(work)
    page = client.get(review_url(work))
    assert page.status_code == 200
    assert page.context["form"] is not None
    assert 'id="review-form"' in page.content.decode()


def test_claiming_work_already_claimed_says_who_holds_it(client, mentor, mentor2, work, english):
    claim(work, mentor2)
    client.force_login(mentor)
    response = client.post(reverse("mentoring:claim", args=[work.pk]), follow=True, HTTP_ACCEPT_LANGUAGE="en")
    body = response.content.decode()
    assert f"{display_name(mentor2)} is already reviewing this submission" in body
    assert response.context["form"] is None
    work.refresh_from_db()
    assert work.claimed_by == mentor2


def test_next_claims_the_oldest_waiting_work(client, mentor, assignment, enrolled, other_learner):
    from django.utils import timezone

    newer = submitted(assignment, other_learner, TEXT)
    older = submitted(assignment, enrolled, TEXT, when=timezone.now() - timezone.timedelta(days=2))
    client.force_login(mentor)
    response = client.post(reverse("mentoring:claim_next"))
    assert response.url == review_url(older)
    older.refresh_from_db()
    newer.refresh_from_db()
    assert older.claimed_by == mentor and newer.claimed_by is None


def test_a_draft_survives_a_reload(client, mentor, work):
    claim(work, mentor)
    review = Review.objects.get(submission=work)
    client.force_login(mentor)
    data = form_data(review, scores={"構成": 2}, overall_comment="途中の下書きです。", decision="approve")
    response = client.post(review_url(work), data)
    assert response.status_code == 302
    page = client.get(review_url(work))
    form = page.context["form"]
    criteria = {c.title: c for c in review.get_criteria()}
    assert form.initial["overall_comment"] == "途中の下書きです。"
    assert form.initial[f"score_{criteria['構成'].pk}"] == "2"
    assert form.initial["decision"] == "approve"
    assert "途中の下書きです。" in page.content.decode()


def test_autosave_answers_json(client, mentor, work):
    claim(work, mentor)
    review = Review.objects.get(submission=work)
    client.force_login(mentor)
    response = client.post(review_url(work), form_data(review, overall_comment="自動保存", action="autosave"))
    assert response.status_code == 200 and "saved_at" in response.json()
    review.refresh_from_db()
    assert review.overall_comment == "自動保存"


def test_release_without_a_required_score_is_refused_naming_it_and_nothing_is_lost(client, mentor, work, english):
    claim(work, mentor)
    review = Review.objects.get(submission=work)
    client.force_login(mentor)
    data = form_data(
        review, scores={"構成": 3}, overall_comment="とても丁寧な文章です。", decision="approve", action="release"
    )
    response = client.post(review_url(work), data, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400
    body = response.content.decode()
    assert "Score “表現” before releasing the review." in body
    assert "missing: 表現" in body
    assert "とても丁寧な文章です。" in body
    criteria = {c.title: c for c in review.get_criteria()}
    form = response.context["form"]
    assert form.data[f"score_{criteria['構成'].pk}"] == "3"
    assert form.data[f"comment_{criteria['表現'].pk}"] == "表現について"
    work.refresh_from_db()
    assert work.status == Submission.Status.IN_REVIEW
    review.refresh_from_db()
    assert review.overall_comment == "とても丁寧な文章です。"  # saved as a draft too


def test_release_approves_and_redirects_to_the_queue(
    client, mentor, work, mailoutbox, django_capture_on_commit_callbacks
):
    claim(work, mentor)
    review = Review.objects.get(submission=work)
    client.force_login(mentor)
    data = form_data(
        review, scores={"構成": 3, "表現": 2}, overall_comment="合格です。", decision="approve", action="release"
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(review_url(work), data)
    assert response.status_code == 302 and response.url == reverse("mentoring:queue")
    work.refresh_from_db()
    assert work.status == Submission.Status.APPROVED
    assert [message.to for message in mailoutbox] == [[work.learner.email]]


def test_annotate_with_offsets_from_a_selection(client, mentor, work):
    claim(work, mentor)
    review = Review.objects.get(submission=work)
    client.force_login(mentor)
    start = work.body_text.index("香りがよく")
    data = form_data(
        review,
        overall_comment="下書き",
        quote="香りがよく",
        quote_start=str(start),
        quote_end=str(start + 5),
        annotation="どんな香りか書きましょう。",
        action="annotate",
    )
    response = client.post(review_url(work), data)
    assert response.status_code == 302
    annotation = Annotation.objects.get()
    assert (annotation.start, annotation.end, annotation.quote) == (start, start + 5, "香りがよく")
    review.refresh_from_db()
    assert review.overall_comment == "下書き"
    page = client.get(review_url(work))
    assert f'<mark class="annotation" data-start="{start}">香りがよく</mark>' in page.content.decode()


def test_annotate_without_javascript_by_typing_the_passage(client, mentor, work):
    claim(work, mentor)
    review = Review.objects.get(submission=work)
    client.force_login(mentor)
    data = form_data(review, quote="朝の一杯", annotation="良い表現です。", action="annotate")
    assert client.post(review_url(work), data).status_code == 302
    assert Annotation.objects.get().quote == "朝の一杯"


def test_a_passage_that_is_not_in_the_text_is_refused_and_everything_typed_stays(client, mentor, work, english):
    claim(work, mentor)
    review = Review.objects.get(submission=work)
    client.force_login(mentor)
    data = form_data(
        review, overall_comment="全体の感想", quote="どこにもない文", annotation="コメント", action="annotate"
    )
    response = client.post(review_url(work), data, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400
    body = response.content.decode()
    assert "The passage could not be found in this attempt." in body
    assert "どこにもない文" in body and "全体の感想" in body
    assert not Annotation.objects.exists()


def test_remove_an_annotation(client, mentor, work):
    claim(work, mentor)
    review = Review.objects.get(submission=work)
    annotation = review.add_annotation(mentor, comment="x", quote="紅茶")
    client.force_login(mentor)
    response = client.post(review_url(work), form_data(review, delete_annotation=str(annotation.pk)))
    assert response.status_code == 302
    assert not Annotation.objects.exists()


def test_saved_remarks_are_appended_to_the_overall_comment(client, mentor, work):
    entry = CommentBankEntryFactory(mentor=mentor, text="結論を先に書きましょう。")
    claim(work, mentor)
    review = Review.objects.get(submission=work)
    client.force_login(mentor)
    client.post(review_url(work), form_data(review, overall_comment="よく書けています。", bank=[str(entry.pk)]))
    review.refresh_from_db()
    assert review.overall_comment == "よく書けています。\n\n結論を先に書きましょう。"
    assert CommentBankEntry.objects.get(pk=entry.pk).use_count == 1


def test_give_back_to_the_queue_keeps_the_draft(client, mentor, mentor2, work):
    claim(work, mentor)
    review = Review.objects.get(submission=work)
    client.force_login(mentor)
    response = client.post(review_url(work), form_data(review, overall_comment="引き継ぎます", action="unclaim"))
    assert response.url == reverse("mentoring:queue")
    work.refresh_from_db()
    assert work.status == Submission.Status.SUBMITTED and work.claimed_by is None
    claim(work, mentor2)
    review.refresh_from_db()
    assert review.mentor == mentor2 and review.overall_comment == "引き継ぎます"


def test_a_colleague_cannot_post_to_a_review_they_do_not_hold(client, mentor, mentor2, work):
    claim(work, mentor)
    review = Review.objects.get(submission=work)
    client.force_login(mentor2)
    response = client.post(review_url(work), form_data(review, overall_comment="上書き"))
    assert response.status_code == 409
    assert "上書き" in response.content.decode()
    review.refresh_from_db()
    assert review.overall_comment == ""


def test_the_diff_from_the_previous_attempt_is_shown(client, mentor, work, enrolled):
    claim(work, mentor)
    review = Review.objects.get(submission=work)
    review.save_draft(
        mentor,
        overall_comment="直しましょう",
        decision="request_changes",
        scores={c.pk: (1, "") for c in review.get_criteria()},
    )
    review.release(mentor)
    work.refresh_from_db()
    revision = work.start_revision(enrolled)
    revision.save_draft(body_html=TEXT.replace("香りがよく", "香りが華やかで"), version=revision.version, by=enrolled)
    revision.submit(enrolled)
    client.force_login(mentor)
    page = client.get(review_url(revision))
    body = page.content.decode()
    assert page.context["diff_stats"] == {"inserted": 4, "deleted": 2}
    assert "華やかで" in body and "<ins>" in body and "<del>" in body
