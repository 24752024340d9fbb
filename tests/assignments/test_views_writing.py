"""The writing page and its form: save, submit, bad input kept, autosave and conflicts, withdraw, revise."""

from __future__ import annotations

import json

import pytest
from django.urls import reverse

from assignments.models import Submission
from tests.factories.accounts import UserFactory
from tests.factories.assignments import SubmissionFactory

pytestmark = pytest.mark.django_db
S = Submission.Status


def save_url(assignment):
    return reverse("assignments:save", args=[assignment.pk])


def autosave_url(assignment):
    return reverse("assignments:autosave", args=[assignment.pk])


def test_the_page_shows_the_form_to_an_enrolled_learner(client, enrolled, assignment):
    client.force_login(enrolled)
    response = client.get(assignment.url)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="writing-form"' in html
    assert 'name="body"' in html  # the plain textarea, for browsers without JavaScript
    assert "<script>" not in html and "style=" not in html


def test_the_page_asks_others_to_enrol_or_log_in(client, learner, assignment):
    assert "writing-form" not in client.get(assignment.url).content.decode()
    client.force_login(learner)
    html = client.get(assignment.url).content.decode()
    assert "writing-form" not in html
    assert "Enrol in the course" in html or "登録" in html


def test_saving_without_javascript_keeps_paragraphs(client, enrolled, assignment):
    client.force_login(enrolled)
    response = client.post(
        save_url(assignment),
        {"body": "一段落目の文。\n二行目。\n\n二段落目 <b>です</b>", "version": "0", "action": "save"},
    )
    assert response.status_code == 302
    draft = Submission.objects.get()
    assert draft.body_html == "<p>一段落目の文。<br>二行目。</p><p>二段落目 &lt;b&gt;です&lt;/b&gt;</p>"
    assert draft.status == S.DRAFT


def test_over_limit_text_is_kept_in_the_form_with_the_message(client, enrolled, assignment):
    client.force_login(enrolled)
    long_text = "長" * 150
    response = client.post(save_url(assignment), {"body": long_text, "version": "0", "action": "submit"})
    assert response.status_code == 400
    html = response.content.decode()
    assert long_text in html
    assert "150" in html and "100" in html
    assert 'role="alert"' in html
    draft = Submission.objects.get()
    assert (draft.status, draft.character_count) == (S.DRAFT, 150)
    # The form now carries the saved version, so the next post is not a conflict.
    assert f'name="version" value="{draft.version}"' in html


def test_submitting_from_the_editor(client, enrolled, assignment):
    client.force_login(enrolled)
    html = '<h2>見出し</h2><p>新しい<strong>水筒</strong>の紹介文です。</p><img src=x onerror="alert(1)">'
    response = client.post(
        save_url(assignment), {"body": html, "body_format": "html", "version": "0", "action": "submit"}
    )
    assert response.status_code == 302
    submission = Submission.objects.get()
    assert submission.status == S.SUBMITTED
    assert submission.body_html == "<h2>見出し</h2><p>新しい<strong>水筒</strong>の紹介文です。</p>"
    page = client.get(assignment.url).content.decode()
    assert "writing-form" not in page
    assert "badge--submitted" in page


def test_a_stale_form_shows_both_texts(client, enrolled, assignment):
    draft = SubmissionFactory(assignment=assignment, learner=enrolled, body_html="<p>別の端末で書いた文章</p>")
    draft.save_draft(body_html="<p>別の端末で書き直した文章</p>", version=draft.version)
    client.force_login(enrolled)
    response = client.post(save_url(assignment), {"body": "この端末の文章", "version": "1", "action": "save"})
    assert response.status_code == 409
    html = response.content.decode()
    assert "別の端末で書き直した文章" in html and "この端末の文章" in html
    assert f'name="version" value="{draft.version}"' in html
    draft.refresh_from_db()
    assert draft.body_text == "別の端末で書き直した文章"


def test_autosave_json_saves_and_returns_the_new_version(client, enrolled, assignment):
    client.force_login(enrolled)
    payload = {"version": 0, "body": "<p>自動保存の文章</p>", "body_format": "html"}
    response = client.post(autosave_url(assignment), json.dumps(payload), content_type="application/json")
    assert response.status_code == 200
    data = response.json()
    assert data["version"] == 2 and data["character_count"] == 7
    payload = {"version": data["version"], "body": "<p>続きを書いた</p>", "body_format": "html"}
    response = client.post(autosave_url(assignment), json.dumps(payload), content_type="application/json")
    assert response.json()["version"] == 3
    assert Submission.objects.get().body_text == "続きを書いた"


def test_autosave_with_a_stale_version_is_a_409_with_both_texts(client, enrolled, assignment):
    draft = SubmissionFactory(assignment=assignment, learner=enrolled, body_html="<p>保存済みの文章</p>", version=5)
    client.force_login(enrolled)
    payload = {"version": 4, "body": "<p>古い版からの文章</p>", "body_format": "html"}
    response = client.post(autosave_url(assignment), json.dumps(payload), content_type="application/json")
    assert response.status_code == 409
    data = response.json()
    assert data["conflict"] is True
    assert data["server"] == {
        "version": 5,
        "html": "<p>保存済みの文章</p>",
        "text": "保存済みの文章",
        "character_count": 7,
        "updated_at": data["server"]["updated_at"],
    }
    assert data["yours"]["text"] == "古い版からの文章"
    draft.refresh_from_db()
    assert draft.body_text == "保存済みの文章"


def test_autosave_accepts_form_data(client, enrolled, assignment):
    client.force_login(enrolled)
    response = client.post(autosave_url(assignment), {"version": "0", "body": "フォームで保存"})
    assert response.status_code == 200
    assert Submission.objects.get().body_html == "<p>フォームで保存</p>"


def test_autosave_refuses_strangers(client, learner, assignment):
    response = client.post(autosave_url(assignment), {"version": "0", "body": "x"})
    assert response.status_code == 401
    client.force_login(learner)
    response = client.post(autosave_url(assignment), {"version": "0", "body": "x"})
    assert response.status_code == 403
    assert not Submission.objects.exists()


def test_saving_is_refused_to_learners_not_enrolled(client, learner, assignment):
    client.force_login(learner)
    response = client.post(save_url(assignment), {"body": "x", "version": "0", "action": "save"})
    assert response.status_code == 302
    assert not Submission.objects.exists()


def test_autosave_after_submitting_is_refused(client, enrolled, assignment):
    SubmissionFactory(assignment=assignment, learner=enrolled, status=S.SUBMITTED)
    client.force_login(enrolled)
    response = client.post(autosave_url(assignment), {"version": "1", "body": "x"})
    assert response.status_code == 409
    assert response.json()["conflict"] is False


def test_withdraw_then_edit_again(client, enrolled, assignment):
    submission = SubmissionFactory(assignment=assignment, learner=enrolled, status=S.SUBMITTED)
    client.force_login(enrolled)
    response = client.post(reverse("assignments:withdraw", args=[submission.pk]))
    assert response.status_code == 302
    submission.refresh_from_db()
    assert submission.status == S.DRAFT
    assert "writing-form" in client.get(assignment.url).content.decode()


def test_withdraw_of_someone_elses_work_is_404(client, enrolled, other_learner, assignment):
    submission = SubmissionFactory(assignment=assignment, learner=other_learner, status=S.SUBMITTED)
    client.force_login(enrolled)
    assert client.post(reverse("assignments:withdraw", args=[submission.pk])).status_code == 404
    submission.refresh_from_db()
    assert submission.status == S.SUBMITTED


def test_revision_copies_the_text_into_the_next_attempt(client, enrolled, assignment):
    reviewer = UserFactory(username="staff-reviewer", is_staff=True)
    submission = SubmissionFactory(
        assignment=assignment, learner=enrolled, status=S.SUBMITTED, body_html="<p>初稿の文章</p>"
    )
    submission.claim(by=reviewer)
    submission.request_changes(by=reviewer, feedback="<p>具体例を足しましょう。</p>")
    client.force_login(enrolled)
    page = client.get(assignment.url).content.decode()
    assert "具体例を足しましょう。" in page
    response = client.post(reverse("assignments:start_revision", args=[submission.pk]))
    assert response.status_code == 302
    revision = Submission.objects.get(attempt=2)
    assert (revision.status, revision.body_text) == (S.DRAFT, "初稿の文章")
    page = client.get(assignment.url).content.decode()
    assert "writing-form" in page and "初稿の文章" in page


def test_my_submissions_and_the_detail_with_timeline_and_diff(client, enrolled, assignment):
    reviewer = UserFactory(username="staff-reviewer", is_staff=True)
    first = SubmissionFactory(
        assignment=assignment, learner=enrolled, body_html="<p>今日は晴れです。公園へ行きます。</p>"
    )
    first.submit(by=enrolled)
    first.claim(by=reviewer)
    first.request_changes(by=reviewer, feedback="<p>天気の後に予定を書きましょう。</p>")
    second = first.start_revision(by=enrolled)
    second.save_draft(body_html="<p>今日は快晴です。公園へ散歩に行きます。</p>", version=second.version)
    client.force_login(enrolled)
    listing = client.get(reverse("assignments:my_submissions")).content.decode()
    assert assignment.title in listing and listing.count("badge--") >= 2
    detail = client.get(second.get_absolute_url())
    html = detail.content.decode()
    assert detail.status_code == 200
    assert "<del>" in html and "<ins>" in html and "快" in html
    first_detail = client.get(first.get_absolute_url()).content.decode()
    assert "天気の後に予定を書きましょう。" in first_detail  # feedback, released
    assert first_detail.count("<time") >= 4  # the timeline


def test_feedback_is_not_shown_before_release(client, enrolled, assignment):
    reviewer = UserFactory(username="staff-reviewer", is_staff=True)
    submission = SubmissionFactory(assignment=assignment, learner=enrolled, status=S.SUBMITTED)
    submission.claim(by=reviewer)
    Submission.objects.filter(pk=submission.pk).update(feedback="<p>下書きのコメント</p>")
    client.force_login(enrolled)
    assert "下書きのコメント" not in client.get(submission.get_absolute_url()).content.decode()


def test_the_detail_of_someone_elses_attempt_is_404(client, enrolled, other_learner, assignment):
    submission = SubmissionFactory(assignment=assignment, learner=other_learner)
    client.force_login(enrolled)
    assert client.get(submission.get_absolute_url()).status_code == 404


def test_messages_are_in_japanese_by_default(client, enrolled, assignment, settings):
    settings.LANGUAGE_CODE = "ja"
    client.force_login(enrolled)
    response = client.post(save_url(assignment), {"body": "長" * 150, "version": "0", "action": "submit"})
    html = response.content.decode()
    assert "文章は150文字です。この課題は100文字までです。" in html
    assert "下書きを保存" in html and "提出する" in html
