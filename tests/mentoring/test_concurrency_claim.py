"""Mentors claiming at the same moment: exactly one wins, on SQLite (a file, WAL, IMMEDIATE
transactions) as on PostgreSQL; nobody sees "database is locked".

Each thread has its own database connection (closed at the end), loads the
attempt before a barrier, and claims after it, so that every thread passes the
in-memory state check and the conditional UPDATE decides. Run the same tests
with DATABASE_URL pointing at PostgreSQL for the second database.
"""

from __future__ import annotations

import threading
from collections import Counter

import pytest
from django.contrib.auth import get_user_model
from django.db import connection

from assignments.exceptions import AlreadyClaimed, InvalidTransition
from assignments.models import Submission
from mentoring.models import Review
from mentoring.queue import QueueFilters, ReviewQueue, claim
from tests.factories.accounts import LearnerFactory, MentorFactory
from tests.factories.courses import EnrollmentFactory
from tests.factories.mentoring import MentorProfileFactory, submitted

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

THREADS = 8
RUNS = 25


@pytest.fixture
def mentors(course):
    users = []
    for number in range(THREADS):
        user = MentorFactory(username=f"racer{number}")
        # Room for every run: one mentor may well win all of them.
        MentorProfileFactory(user=user, scopes=[course], capacity=RUNS + 5)
        users.append(user)
    return users


def race(targets) -> tuple[list, list]:
    """Run `target()` for each callable in threads started together; return (outcomes, errors)."""
    barrier = threading.Barrier(len(targets))
    outcomes, errors = [], []
    lock = threading.Lock()

    def run(prepare):
        try:
            act = prepare()  # reads before the barrier, in this thread's own connection
            barrier.wait(timeout=30)
            outcome = act()
            with lock:
                outcomes.append(outcome)
        except BaseException as error:  # noqa: BLE001 (collected and asserted by the caller)
            with lock:
                errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(target,)) for target in targets]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return outcomes, errors


def claimer(submission_pk: int, mentor_pk: int):
    def prepare():
        submission = Submission.objects.get(pk=submission_pk)
        mentor = get_user_model().objects.get(pk=mentor_pk)

        def act():
            try:
                claim(submission, mentor)
            except (AlreadyClaimed, InvalidTransition):
                return ("lost", mentor_pk)
            return ("won", mentor_pk)

        return act

    return prepare


def test_exactly_one_mentor_wins_each_race(assignment, mentors):
    learners = [LearnerFactory(username=f"learner-race-{n}") for n in range(RUNS)]
    for learner in learners:
        EnrollmentFactory(user=learner, course=assignment.get_course())
    winners_per_run = []
    for run in range(RUNS):
        work = submitted(assignment, learners[run])
        outcomes, errors = race([claimer(work.pk, mentor.pk) for mentor in mentors])
        assert errors == [], errors
        winners = [mentor_pk for result, mentor_pk in outcomes if result == "won"]
        assert len(outcomes) == THREADS
        assert len(winners) == 1, outcomes
        work.refresh_from_db()
        assert work.status == Submission.Status.IN_REVIEW
        assert work.claimed_by_id == winners[0]
        assert work.events.filter(action="claim").count() == 1
        assert Review.objects.get(submission=work).mentor_id == winners[0]
        winners_per_run.append(winners[0])
    assert len(winners_per_run) == RUNS
    spread = sorted(Counter(winners_per_run).values(), reverse=True)
    print(f"\n{connection.vendor}: {RUNS} runs x {THREADS} threads, one winner each; wins per mentor {spread}")  # noqa: T201


def test_next_hands_out_distinct_work_to_mentors_at_once(assignment, mentors):
    learners = [LearnerFactory(username=f"learner-next-{n}") for n in range(5)]
    for learner in learners:
        EnrollmentFactory(user=learner, course=assignment.get_course())
    for learner in learners:
        submitted(assignment, learner)

    def next_claimer(mentor_pk):
        def prepare():
            mentor = get_user_model().objects.get(pk=mentor_pk)
            queue = ReviewQueue(mentor, QueueFilters())

            def act():
                taken = queue.claim_next()
                return taken.pk if taken else None

            return act

        return prepare

    outcomes, errors = race([next_claimer(mentor.pk) for mentor in mentors])
    assert errors == [], errors
    taken = [pk for pk in outcomes if pk is not None]
    assert len(taken) == 5 and len(set(taken)) == 5
    assert outcomes.count(None) == THREADS - 5
    assert Submission.objects.filter(status=Submission.Status.IN_REVIEW).count() == 5
