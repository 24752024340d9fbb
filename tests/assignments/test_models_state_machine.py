"""Every allowed and every refused move of the submission state machine, with its event and signals."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from assignments import signals
from assignments.exceptions import AlreadyClaimed, AttemptsExhausted, InvalidTransition
from assignments.models import Submission, SubmissionEvent
from tests.factories.accounts import UserFactory
from tests.factories.assignments import SubmissionFactory

S = Submission.Status
BODY = "<p>新しい水筒は、軽くて丈夫で、一日中冷たさが続きます。</p>"


@pytest.fixture
def reviewer(db):
    return UserFactory(username="reviewer", is_staff=True)


def make(assignment, learner, status, reviewer, **extra):
    claimed = (
        {"claimed_by": reviewer, "claimed_at": timezone.now(), "claim_expires_at": timezone.now()}
        if (status == S.IN_REVIEW)
        else {}
    )
    return SubmissionFactory(assignment=assignment, learner=learner, status=status, body_html=BODY, **claimed, **extra)


def perform(action, submission, learner, reviewer):
    if action == "submit":
        return submission.submit(by=learner)
    if action == "withdraw":
        return submission.withdraw(by=learner)
    if action == "claim":
        return submission.claim(by=reviewer)
    if action == "release":
        return submission.release(by=reviewer)
    if action == "expire":
        return submission.expire_claim(now=timezone.now() + dt.timedelta(days=1))
    if action == "approve":
        return submission.approve(by=reviewer, feedback="<p>よくできました。</p>")
    if action == "request_changes":
        return submission.request_changes(by=reviewer, feedback="<p>結論を先に書きましょう。</p>")
    if action == "start_revision":
        return submission.start_revision(by=learner)
    raise AssertionError(action)


MOVES = [(action, status) for action in Submission.TRANSITIONS for status in S.values]


def test_the_table_is_the_design():
    table = {action: (set(sources), target) for action, (sources, target) in Submission.TRANSITIONS.items()}
    assert table == {
        "submit": ({S.DRAFT}, S.SUBMITTED),
        "withdraw": ({S.SUBMITTED}, S.DRAFT),
        "claim": ({S.SUBMITTED}, S.IN_REVIEW),
        "release": ({S.IN_REVIEW}, S.SUBMITTED),
        "expire": ({S.IN_REVIEW}, S.SUBMITTED),
        "approve": ({S.IN_REVIEW}, S.APPROVED),
        "request_changes": ({S.IN_REVIEW}, S.CHANGES_REQUESTED),
        "start_revision": ({S.CHANGES_REQUESTED}, S.CHANGES_REQUESTED),
    }


@pytest.mark.django_db
@pytest.mark.parametrize(("action", "status"), MOVES, ids=[f"{a}-from-{s}" for a, s in MOVES])
def test_every_move_from_every_state(action, status, assignment, enrolled, reviewer):
    submission = make(assignment, enrolled, status, reviewer)
    sources, target = Submission.TRANSITIONS[action]
    received = []

    def listener(sender, **kwargs):
        received.append(kwargs)

    signals.submission_transitioned.connect(listener)
    try:
        if status in sources:
            result = perform(action, submission, enrolled, reviewer)
            if action == "start_revision":
                assert result.attempt == 2
                assert result.status == S.DRAFT
                assert result.body_html == submission.body_html
                submission.refresh_from_db()
                assert submission.status == S.CHANGES_REQUESTED
                assert submission.revised_at is not None
            else:
                submission.refresh_from_db()
                assert submission.status == target
                event = submission.events.get(action=action)
                assert (event.from_status, event.to_status) == (status, target)
            assert [kwargs["action"] for kwargs in received] == [action]
        else:
            before = SubmissionEvent.objects.count()
            with pytest.raises(InvalidTransition):
                perform(action, submission, enrolled, reviewer)
            submission.refresh_from_db()
            assert submission.status == status
            assert SubmissionEvent.objects.count() == before
            assert received == []
    finally:
        signals.submission_transitioned.disconnect(listener)


@pytest.mark.django_db
def test_a_full_round_with_a_revision(assignment, enrolled, reviewer):
    first = Submission.start_draft(assignment, enrolled)
    first.save_draft(body_html=BODY, version=first.version)
    first.submit(by=enrolled)
    first.claim(by=reviewer)
    first.request_changes(by=reviewer, feedback="<p>もう少し具体的に。</p><script>x</script>")
    assert first.feedback == "<p>もう少し具体的に。</p>"
    assert first.feedback_released
    second = first.start_revision(by=enrolled)
    assert (second.attempt, second.status, second.body_text) == (2, S.DRAFT, first.body_text)
    second.save_draft(body_html=BODY.replace("水筒", "魔法瓶"), version=second.version)
    second.submit(by=enrolled)
    second.claim(by=reviewer)
    second.approve(by=reviewer)
    assert [e.action for e in first.events.all()] == ["create", "submit", "claim", "request_changes", "start_revision"]
    assert [e.action for e in second.events.all()] == ["create", "submit", "claim", "approve"]


@pytest.mark.django_db
def test_per_action_signals_fire(assignment, enrolled, reviewer):
    seen = []

    def on_submitted(sender, submission, **kwargs):
        seen.append(("submitted", submission.pk))

    def on_revision(sender, submission, previous, **kwargs):
        seen.append(("revision", submission.attempt, previous.attempt))

    signals.submission_submitted.connect(on_submitted)
    signals.revision_started.connect(on_revision)
    try:
        submission = make(assignment, enrolled, S.DRAFT, reviewer)
        submission.submit(by=enrolled)
        submission.claim(by=reviewer)
        submission.request_changes(by=reviewer)
        submission.start_revision(by=enrolled)
    finally:
        signals.submission_submitted.disconnect(on_submitted)
        signals.revision_started.disconnect(on_revision)
    assert seen == [("submitted", submission.pk), ("revision", 2, 1)]


@pytest.mark.django_db
def test_a_second_claim_loses(assignment, enrolled, reviewer):
    submission = make(assignment, enrolled, S.SUBMITTED, reviewer)
    other = UserFactory(username="reviewer2", is_staff=True)
    stale_copy = Submission.objects.get(pk=submission.pk)
    submission.claim(by=reviewer)
    with pytest.raises(AlreadyClaimed):
        stale_copy.claim(by=other)
    submission.refresh_from_db()
    assert submission.claimed_by == reviewer


@pytest.mark.django_db
def test_only_the_claimer_decides(assignment, enrolled, reviewer):
    submission = make(assignment, enrolled, S.IN_REVIEW, reviewer)
    outsider = UserFactory(username="outsider")
    with pytest.raises(InvalidTransition):
        submission.approve(by=outsider)
    with pytest.raises(InvalidTransition):
        submission.release(by=outsider)


@pytest.mark.django_db
def test_only_the_learner_submits_withdraws_and_revises(assignment, enrolled, other_learner, reviewer):
    draft = make(assignment, enrolled, S.DRAFT, reviewer)
    with pytest.raises(InvalidTransition):
        draft.submit(by=other_learner)
    submitted = make(assignment, other_learner, S.SUBMITTED, reviewer)
    with pytest.raises(InvalidTransition):
        submitted.withdraw(by=enrolled)


@pytest.mark.django_db
def test_withdraw_is_refused_once_claimed(assignment, enrolled, reviewer):
    submission = make(assignment, enrolled, S.SUBMITTED, reviewer)
    stale_copy = Submission.objects.get(pk=submission.pk)
    submission.claim(by=reviewer)
    with pytest.raises(InvalidTransition):
        stale_copy.withdraw(by=enrolled)


@pytest.mark.django_db
def test_expired_claims_go_back_to_the_queue(assignment, enrolled, reviewer):
    submission = make(assignment, enrolled, S.SUBMITTED, reviewer)
    submission.claim(by=reviewer, lease_hours=1)
    assert Submission.objects.release_expired_claims(now=timezone.now()) == 0
    assert Submission.objects.release_expired_claims(now=timezone.now() + dt.timedelta(hours=2)) == 1
    submission.refresh_from_db()
    assert (submission.status, submission.claimed_by) == (S.SUBMITTED, None)
    assert submission.events.last().action == "expire"


@pytest.mark.django_db
def test_revision_is_refused_when_attempts_are_used_up(assignment, enrolled, reviewer):
    assignment.attempts_allowed = 1
    assignment.save()
    submission = make(assignment, enrolled, S.CHANGES_REQUESTED, reviewer, decided_at=timezone.now())
    assert not submission.can_start_revision
    with pytest.raises(AttemptsExhausted):
        submission.start_revision(by=enrolled)


@pytest.mark.django_db
def test_starting_a_revision_twice_gives_the_same_attempt(assignment, enrolled, reviewer):
    submission = make(assignment, enrolled, S.CHANGES_REQUESTED, reviewer)
    stale_copy = Submission.objects.get(pk=submission.pk)
    first = submission.start_revision(by=enrolled)
    second = stale_copy.start_revision(by=enrolled)
    assert first.pk == second.pk
    assert Submission.objects.filter(learner=enrolled).count() == 2


@pytest.mark.django_db
def test_events_are_append_only(assignment, enrolled, reviewer):
    submission = make(assignment, enrolled, S.DRAFT, reviewer)
    submission.submit(by=enrolled)
    event = submission.events.get()
    event.note = "changed"
    with pytest.raises(ValueError, match="append-only"):
        event.save()
