"""Drafts with optimistic locking, submission rules, due dates, cut-off and extensions."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from assignments.exceptions import DeadlinePassed, InvalidTransition, StaleVersion, SubmissionInvalid
from assignments.models import DueMode, Submission
from courses.models import Enrollment
from tests.factories.assignments import ExtensionFactory, SubmissionFactory

pytestmark = pytest.mark.django_db
S = Submission.Status
TEXT = "<p>この水筒は軽くて丈夫です。</p>"


def test_start_draft_creates_attempt_one_once(assignment, enrolled):
    first = Submission.start_draft(assignment, enrolled)
    again = Submission.start_draft(assignment, enrolled)
    assert first.pk == again.pk
    assert (first.attempt, first.status, first.version) == (1, S.DRAFT, 1)
    assert first.events.get().action == "create"


def test_start_draft_is_refused_after_submitting(assignment, enrolled):
    SubmissionFactory(assignment=assignment, learner=enrolled, status=S.SUBMITTED)
    with pytest.raises(InvalidTransition):
        Submission.start_draft(assignment, enrolled)


def test_save_draft_sanitizes_counts_and_bumps_the_version(assignment, enrolled):
    draft = Submission.start_draft(assignment, enrolled)
    draft.save_draft(body_html='<p onclick="x">水筒　です</p><script>alert(1)</script>', version=1)
    assert draft.version == 2
    assert draft.body_html == "<p>水筒　です</p>"
    assert draft.body_text == "水筒　です"
    assert draft.character_count == 4


def test_a_stale_save_is_a_conflict_and_keeps_the_stored_text(assignment, enrolled):
    draft = Submission.start_draft(assignment, enrolled)
    tab_a = Submission.objects.get(pk=draft.pk)
    tab_b = Submission.objects.get(pk=draft.pk)
    tab_a.save_draft(body_html="<p>タブAの文章</p>", version=1)
    with pytest.raises(StaleVersion) as conflict:
        tab_b.save_draft(body_html="<p>タブBの文章</p>", version=1)
    assert conflict.value.submission.body_text == "タブAの文章"
    assert conflict.value.submission.version == 2
    # The learner chooses their own text: saving on top of the version they were shown wins.
    tab_b.save_draft(body_html="<p>タブBの文章</p>", version=conflict.value.submission.version)
    assert Submission.objects.get(pk=draft.pk).body_text == "タブBの文章"


def test_a_submitted_attempt_is_never_edited_in_place(assignment, enrolled):
    submission = SubmissionFactory(assignment=assignment, learner=enrolled, status=S.SUBMITTED, body_html=TEXT)
    with pytest.raises(InvalidTransition):
        submission.save_draft(body_html="<p>書き換え</p>", version=submission.version)
    submission.refresh_from_db()
    assert submission.body_html == TEXT


@pytest.mark.parametrize(
    ("body", "message"),
    [("", "Write your text"), ("<p>短い</p>", "at least 10"), ("<p>" + "あ" * 101 + "</p>", "at most 100")],
)
def test_limits_are_checked_on_submit(assignment, enrolled, body, message):
    draft = SubmissionFactory(assignment=assignment, learner=enrolled, body_html=body)
    with pytest.raises(SubmissionInvalid) as invalid:
        draft.submit(by=enrolled)
    assert any(message in error for error in invalid.value.errors)
    draft.refresh_from_db()
    assert draft.status == S.DRAFT


def test_url_and_file_kinds_need_their_part(assignment, enrolled):
    assignment.submission_kind = "url"
    assignment.save()
    draft = SubmissionFactory(assignment=assignment, learner=enrolled, body_html="")
    with pytest.raises(SubmissionInvalid) as invalid:
        draft.submit(by=enrolled)
    assert "web address" in invalid.value.errors[0]
    assignment.submission_kind = "files"
    assignment.save()
    draft.refresh_from_db()
    with pytest.raises(SubmissionInvalid) as invalid:
        draft.submit(by=enrolled)
    assert "Attach at least one file" in invalid.value.errors[0]


def _due_in(assignment, days: float, cutoff_days: int | None):
    assignment.due_mode = DueMode.FIXED
    assignment.due_at = timezone.now() + dt.timedelta(days=days)
    assignment.cutoff_days = cutoff_days
    assignment.save()


def test_on_time_work_is_not_late(assignment, enrolled):
    _due_in(assignment, 1, 0)
    draft = SubmissionFactory(assignment=assignment, learner=enrolled, body_html=TEXT)
    draft.submit(by=enrolled)
    assert draft.is_late is False


def test_work_after_the_due_date_is_flagged_late(assignment, enrolled):
    _due_in(assignment, -1, 3)
    draft = SubmissionFactory(assignment=assignment, learner=enrolled, body_html=TEXT)
    draft.submit(by=enrolled)
    assert (draft.status, draft.is_late) == (S.SUBMITTED, True)


def test_the_cut_off_blocks(assignment, enrolled):
    _due_in(assignment, -5, 2)
    draft = SubmissionFactory(assignment=assignment, learner=enrolled, body_html=TEXT)
    with pytest.raises(DeadlinePassed):
        draft.submit(by=enrolled)
    draft.refresh_from_db()
    assert draft.status == S.DRAFT


def test_an_extension_lifts_the_cut_off(assignment, enrolled):
    _due_in(assignment, -5, 2)
    ExtensionFactory(assignment=assignment, learner=enrolled, due_at=timezone.now() + dt.timedelta(days=1))
    draft = SubmissionFactory(assignment=assignment, learner=enrolled, body_html=TEXT)
    draft.submit(by=enrolled)
    assert (draft.status, draft.is_late) == (S.SUBMITTED, False)


def test_an_expired_extension_is_late_then_closes(assignment, enrolled):
    _due_in(assignment, -10, 2)
    ExtensionFactory(assignment=assignment, learner=enrolled, due_at=timezone.now() - dt.timedelta(days=1))
    draft = SubmissionFactory(assignment=assignment, learner=enrolled, body_html=TEXT)
    draft.submit(by=enrolled)
    assert draft.is_late is True
    other = ExtensionFactory(assignment=assignment, due_at=timezone.now() - dt.timedelta(days=3))
    Enrollment.objects.create(user=other.learner, course=assignment.get_course())
    closed = SubmissionFactory(assignment=assignment, learner=other.learner, body_html=TEXT)
    with pytest.raises(DeadlinePassed):
        closed.submit(by=other.learner)


def test_another_learners_extension_does_not_help(assignment, enrolled, other_learner):
    _due_in(assignment, -5, 2)
    ExtensionFactory(assignment=assignment, learner=other_learner, due_at=timezone.now() + dt.timedelta(days=1))
    draft = SubmissionFactory(assignment=assignment, learner=enrolled, body_html=TEXT)
    with pytest.raises(DeadlinePassed):
        draft.submit(by=enrolled)


def test_due_days_after_enrolment(assignment, enrolled):
    enrollment = Enrollment.objects.get(user=enrolled)
    assignment.due_mode = DueMode.AFTER_ENROLMENT
    assignment.due_days = 7
    assignment.cutoff_days = 3
    deadlines = assignment.get_deadlines(enrollment)
    assert deadlines.due_at == enrollment.enrolled_at + dt.timedelta(days=7)
    assert deadlines.cutoff_at == enrollment.enrolled_at + dt.timedelta(days=10)


def test_due_days_after_the_cohort_starts(assignment, enrolled):
    from tests.factories.courses import CohortFactory

    enrollment = Enrollment.objects.get(user=enrolled)
    enrollment.cohort = CohortFactory(course=assignment.get_course(), starts_on=dt.date(2026, 4, 1))
    assignment.due_mode = DueMode.AFTER_COHORT_START
    assignment.due_days = 14
    due = timezone.localtime(assignment.get_deadlines(enrollment).due_at)
    assert (due.date(), due.hour, due.minute) == (dt.date(2026, 4, 15), 23, 59)


def test_no_due_rule_means_never_late_never_closed(assignment, enrolled):
    deadlines = assignment.get_deadlines(Enrollment.objects.get(user=enrolled))
    assert deadlines.due_at is None and deadlines.cutoff_at is None
    assert not deadlines.is_late(timezone.now()) and not deadlines.is_closed(timezone.now())
