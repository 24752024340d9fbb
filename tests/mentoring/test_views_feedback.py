"""What the learner sees of a released review, and the feedback thread."""

from __future__ import annotations

import pytest
from django.urls import reverse

from mentoring.models import FeedbackMessage, Review
from mentoring.queue import claim
from tests.factories.mentoring import submitted
from tests.mentoring.conftest import TEXT

pytestmark = pytest.mark.django_db


@pytest.fixture
def released(assignment, enrolled, mentor):
    work = submitted(assignment, enrolled, TEXT)
    claim(work, mentor)
    review = Review.objects.get(submission=work)
    criteria = review.get_criteria()
    review.save_draft(
        mentor,
        overall_comment="全体としてわかりやすい文章です。\n結びをもう一工夫しましょう。",
        decision="request_changes",
        scores={criteria[0].pk: (3, "段落の順番が良い"), criteria[1].pk: (1, "言い回しが単調")},
    )
    review.add_annotation(mentor, comment="どんな香りか具体的に", quote="香りがよく")
    review.release(mentor)
    work.refresh_from_db()
    return work


def test_learner_reads_scores_comments_and_highlights(client, released, enrolled):
    client.force_login(enrolled)
    response = client.get(reverse("assignments:submission_detail", args=[released.pk]))
    assert response.status_code == 200
    body = response.content.decode()
    assert "段落の順番が良い" in body and "言い回しが単調" in body
    assert "4 / 6" in body  # total
    assert "全体としてわかりやすい文章です。" in body
    assert ">香りがよく</mark>" in body and "どんな香りか具体的に" in body
    assert 'id="feedback-thread"' in body
    assert f'action="{reverse("mentoring:feedback_thread", args=[released.pk])}"' in body


def test_assignment_page_shows_a_short_summary(client, released, enrolled, assignment):
    client.force_login(enrolled)
    body = client.get(assignment.url).content.decode()
    assert "言い回しが単調" in body
    assert "<mark" not in body
    assert released.get_absolute_url() in body


def test_nothing_is_shown_before_release(client, assignment, enrolled, mentor):
    work = submitted(assignment, enrolled, TEXT)
    claim(work, mentor)
    review = Review.objects.get(submission=work)
    review.save_draft(mentor, overall_comment="まだ下書き", decision="", scores={})
    client.force_login(enrolled)
    body = client.get(reverse("assignments:submission_detail", args=[work.pk])).content.decode()
    assert "まだ下書き" not in body
    assert client.get(reverse("mentoring:feedback_thread", args=[work.pk])).status_code == 404


def test_learner_replies_and_the_mentor_reads_it(client, released, enrolled, mentor):
    client.force_login(enrolled)
    detail = reverse("assignments:submission_detail", args=[released.pk])
    response = client.post(
        reverse("mentoring:feedback_thread", args=[released.pk]),
        {"body": "結びはどう変えればよいですか？", "next": detail + "#feedback-thread"},
    )
    assert response.status_code == 302 and response.url == detail + "#feedback-thread"
    message = FeedbackMessage.objects.get()
    assert (message.author, message.body) == (enrolled, "結びはどう変えればよいですか？")
    client.force_login(mentor)
    page = client.get(reverse("mentoring:review", args=[released.pk])).content.decode()
    assert "結びはどう変えればよいですか？" in page
    client.post(reverse("mentoring:feedback_thread", args=[released.pk]), {"body": "行動を促す一文で締めましょう。"})
    assert FeedbackMessage.objects.count() == 2


def test_an_empty_reply_is_refused_on_a_page_that_keeps_nothing_lost(client, released, enrolled):
    client.force_login(enrolled)
    response = client.post(reverse("mentoring:feedback_thread", args=[released.pk]), {"body": "   "})
    assert response.status_code == 400
    assert FeedbackMessage.objects.count() == 0


def test_next_must_stay_on_the_site(client, released, enrolled):
    client.force_login(enrolled)
    response = client.post(
        reverse("mentoring:feedback_thread", args=[released.pk]), {"body": "質問です", "next": "https://evil.example/"}
    )
    assert response.url.startswith(released.get_absolute_url())


def test_mentor_html_is_escaped(client, assignment, enrolled, mentor):
    work = submitted(assignment, enrolled, TEXT)
    claim(work, mentor)
    review = Review.objects.get(submission=work)
    review.save_draft(
        mentor,
        overall_comment='<script>alert(1)</script><img src=x onerror="alert(2)">',
        decision="approve",
        scores={c.pk: (3, "<b onmouseover=alert(3)>x</b>") for c in review.get_criteria()},
    )
    review.add_annotation(mentor, comment="<script>alert(4)</script>", quote="紅茶")
    review.release(mentor)
    client.force_login(enrolled)
    body = client.get(reverse("assignments:submission_detail", args=[work.pk])).content.decode()
    assert "<script>alert" not in body
    assert "<img" not in body
    assert "<b onmouseover" not in body
    assert "&lt;script&gt;alert(4)&lt;/script&gt;" in body
