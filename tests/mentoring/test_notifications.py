"""Notifications go through Django's tasks API: the right task, recipient, language and link.

A dummy task backend records what is queued; running the recorded tasks shows
the e-mails they send. The immediate backend (the test settings' default)
sends at once, after the transaction commits.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.utils import timezone
from django_tasks import default_task_backend

from assignments.models import Submission
from courses.utils import display_name
from mentoring.models import FeedbackMessage, MentorScope, Review, ReviewReminder
from mentoring.queue import claim
from tests.factories.accounts import MentorFactory
from tests.factories.assignments import SubmissionFactory
from tests.factories.courses import CohortFactory, EnrollmentFactory
from tests.factories.mentoring import MentorProfileFactory, submitted
from tests.mentoring.conftest import TEXT, set_language

pytestmark = pytest.mark.django_db

DUMMY = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}


def commit() -> None:
    """Run the on-commit callbacks registered so far, as a commit would (the test's transaction never commits)."""
    while connection.run_on_commit:
        _savepoints, callback, _robust = connection.run_on_commit.pop(0)
        callback()


@pytest.fixture
def queued(settings):
    """Record queued tasks instead of running them; `queued()` commits and lists (task name, args) so far."""
    settings.TASKS = DUMMY
    default_task_backend.clear()

    def listing():
        commit()
        return [(result.task.name, tuple(result.args)) for result in mentoring_results()]

    yield listing
    default_task_backend.clear()


def mentoring_results() -> list:
    """What the mentoring app queued (Wagtail queues its own tasks too, e.g. search indexing)."""
    return [result for result in default_task_backend.results if result.task.module_path.startswith("mentoring.")]


def run_queued() -> list:
    """Run every task the mentoring app queued (as a worker would) and return their results."""
    commit()
    return [result.task.call(*result.args, **result.kwargs) for result in mentoring_results()]


def submit(assignment, learner, text=TEXT) -> Submission:
    draft = SubmissionFactory(assignment=assignment, learner=learner, body_html=text)
    return draft.submit(learner)


def release(submission, mentor, decision="approve", comment="よく書けています。"):
    claim(submission, mentor)
    review = Review.objects.get(submission=submission)
    review.save_draft(
        mentor, overall_comment=comment, decision=decision, scores={c.pk: (2, "") for c in review.get_criteria()}
    )
    return review.release(mentor)


def test_new_work_goes_to_the_mentors_in_scope_who_want_it_at_once(
    queued, assignment, enrolled, mentor, mentor2, outsider
):
    digest_reader = MentorFactory(username="digest")
    MentorProfileFactory(user=digest_reader, scopes=[assignment.get_course()], notify="digest")
    away = MentorFactory(username="away")
    MentorProfileFactory(user=away, scopes=[assignment.get_course()], accepting=False)
    work = submit(assignment, enrolled)
    assert sorted(queued()) == sorted(
        [("notify_new_work", (work.pk, mentor.pk)), ("notify_new_work", (work.pk, mentor2.pk))]
    )


def test_new_work_e_mail_is_in_the_mentors_language_with_a_direct_link(queued, assignment, enrolled, mentor, mentor2):
    set_language(mentor, "en")
    set_language(mentor2, "ja")
    work = submit(assignment, enrolled)
    sent = run_queued()
    assert sorted(sent) == sorted([mentor.email, mentor2.email])
    by_recipient = {message.to[0]: message for message in mail.outbox}
    english, japanese = by_recipient[mentor.email], by_recipient[mentor2.email]
    link = f"http://testserver/mentor/reviews/{work.pk}/"
    assert english.subject == "New work to review: 商品紹介文を書く"
    assert english.extra_headers["Content-Language"] == "en"
    assert japanese.extra_headers["Content-Language"] == "ja"
    assert japanese.subject == "新しい提出物があります：商品紹介文を書く"
    assert f"{display_name(enrolled)} さんが「商品紹介文を書く」（1回目）を提出しました。" in japanese.body
    for message in (english, japanese):
        assert link in message.body
        html, mimetype = message.alternatives[0]
        assert mimetype == "text/html" and f'href="{link}"' in html


def test_a_cohort_scope_hears_only_about_its_cohort(queued, assignment, course, cohort, enrolled, other_learner):
    cohort_mentor = MentorFactory(username="cohort-mentor")
    profile = MentorProfileFactory(user=cohort_mentor)
    MentorScope.objects.create(profile=profile, course=course, cohort=cohort)
    in_cohort = submit(assignment, enrolled)
    submit(assignment, other_learner)  # enrolled without a cohort
    assert queued() == [("notify_new_work", (in_cohort.pk, cohort_mentor.pk))]


def test_released_review_is_announced_to_the_learner_with_a_link(queued, assignment, enrolled, mentor):
    set_language(enrolled, "en")
    work = submitted(assignment, enrolled, TEXT)
    release(work, mentor, decision="request_changes", comment="結論から書きましょう。")
    assert ("notify_review_released", (work.pk,)) in queued()
    default_task_backend.results[:] = [
        r for r in default_task_backend.results if r.task.name == "notify_review_released"
    ]
    assert run_queued() == [enrolled.email]
    message = mail.outbox[-1]
    assert message.to == [enrolled.email]
    assert message.subject == "Your mentor asks for changes: 商品紹介文を書く"
    assert f"http://testserver/assignments/submissions/{work.pk}/" in message.body


def test_approval_e_mail_in_japanese(queued, assignment, enrolled, mentor):
    set_language(enrolled, "ja")
    work = submitted(assignment, enrolled, TEXT)
    release(work, mentor)
    default_task_backend.results[:] = [
        r for r in default_task_backend.results if r.task.name == "notify_review_released"
    ]
    run_queued()
    message = mail.outbox[-1]
    assert message.extra_headers["Content-Language"] == "ja"
    assert message.subject == "合格しました：商品紹介文を書く"
    assert "「商品紹介文を書く」（1回目）が合格しました。" in message.body


def test_feedback_messages_reach_the_other_side(queued, assignment, enrolled, mentor):
    work = submitted(assignment, enrolled, TEXT)
    release(work, mentor)
    queued()
    default_task_backend.clear()
    from_learner = FeedbackMessage.post(work, enrolled, "二段落目の意味を教えてください。")
    from_mentor = FeedbackMessage.post(work, mentor, "具体例を一つ足すという意味です。")
    assert queued() == [
        ("notify_feedback_message", (from_learner.pk, mentor.pk)),
        ("notify_feedback_message", (from_mentor.pk, enrolled.pk)),
    ]
    assert run_queued() == [mentor.email, enrolled.email]
    assert f"/mentor/reviews/{work.pk}/#feedback-thread" in mail.outbox[0].body
    assert f"/assignments/submissions/{work.pk}/#feedback-thread" in mail.outbox[1].body


def test_immediate_backend_sends_after_commit(assignment, enrolled, mentor, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        submit(assignment, enrolled)
    assert [message.to for message in mail.outbox] == [[mentor.email]]


def test_daily_digest_once_a_day_with_the_new_work(queued, assignment, enrolled, other_learner, mentor):
    profile = mentor.mentor_profile
    profile.notify = "digest"
    profile.last_digest_at = timezone.now() - dt.timedelta(days=1)
    profile.save()
    first = submit(assignment, enrolled)
    second = submit(assignment, other_learner)
    assert queued() == []  # digest readers get no immediate e-mail
    call_command("send_mentor_digests", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert [name for name, _args in queued()] == ["send_mentor_digest"]
    call_command("send_mentor_digests", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert len(queued()) == 1
    run_queued()
    message = mail.outbox[-1]
    assert message.to == [mentor.email]
    for work in (first, second):
        assert f"http://testserver/mentor/reviews/{work.pk}/" in message.body


def test_sla_reminder_once_per_submission(queued, assignment, enrolled, other_learner, mentor, mentor2, settings):
    settings.LMS_REVIEW_SLA_HOURS = 72
    old = submitted(assignment, enrolled, TEXT, when=timezone.now() - dt.timedelta(hours=80))
    submitted(assignment, other_learner, TEXT, when=timezone.now() - dt.timedelta(hours=10))
    call_command("send_review_reminders", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert sorted(queued()) == sorted(
        [("send_review_reminder", (old.pk, mentor.pk, 72)), ("send_review_reminder", (old.pk, mentor2.pk, 72))]
    )
    call_command("send_review_reminders", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert len(queued()) == 2
    assert ReviewReminder.objects.get().submission == old
    run_queued()
    assert {message.to[0] for message in mail.outbox} == {mentor.email, mentor2.email}
    assert "80" in mail.outbox[0].subject


def test_no_reminder_for_work_already_claimed(queued, assignment, enrolled, mentor):
    old = submitted(assignment, enrolled, TEXT, when=timezone.now() - dt.timedelta(hours=100))
    claim(old, mentor)
    call_command("send_review_reminders", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert [name for name, _args in queued()] == []


def test_tasks_send_nothing_when_the_work_moved_on(queued, assignment, enrolled, mentor):
    work = submit(assignment, enrolled)
    work.withdraw(enrolled)
    assert run_queued() == [""]
    assert mail.outbox == []


def test_cohort_mentor_gets_no_mail_for_another_cohort(queued, course, assignment, other_learner):
    other_cohort = CohortFactory(course=course, name="別の期")
    EnrollmentFactory.reset_sequence()
    mentor = MentorFactory(username="only-other")
    profile = MentorProfileFactory(user=mentor)
    MentorScope.objects.create(profile=profile, course=course, cohort=other_cohort)
    submit(assignment, other_learner)
    assert queued() == []
