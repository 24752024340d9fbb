"""Two submits of one draft at once make one attempt; two saves of one version, one conflict.

Threads with their own database connections against the file database (SQLite
with WAL and IMMEDIATE transactions in the test settings, or PostgreSQL with
DATABASE_URL), as two browser tabs or a double click would.
"""

from __future__ import annotations

import threading

import pytest
from django.db import connection, connections
from django.test import Client

from assignments.exceptions import InvalidTransition, StaleVersion
from assignments.models import Submission, SubmissionEvent
from tests.factories.assignments import SubmissionFactory

TEXT = "<p>この水筒は軽くて丈夫です。</p>"


def run_at_once(functions):
    """Run each function in its own thread, released together; return results or exceptions in order."""
    barrier = threading.Barrier(len(functions))
    results: list[object] = [None] * len(functions)

    def worker(index, function):
        try:
            barrier.wait()
            results[index] = function()
        except Exception as error:  # noqa: BLE001 (the test inspects what each thread raised)
            results[index] = error
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker, args=(i, f)) for i, f in enumerate(functions)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_submits_of_one_draft_make_one_attempt(assignment, enrolled):
    draft = SubmissionFactory(assignment=assignment, learner=enrolled, body_html=TEXT)

    def submit():
        return Submission.objects.get(pk=draft.pk).submit(by=enrolled)

    results = run_at_once([submit, submit, submit])
    assert sum(isinstance(result, Submission) for result in results) == 1
    assert all(isinstance(result, Submission | InvalidTransition) for result in results), results
    assert Submission.objects.filter(learner=enrolled).count() == 1
    assert Submission.objects.get().status == Submission.Status.SUBMITTED
    assert SubmissionEvent.objects.filter(action="submit").count() == 1


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_double_click_on_submit_makes_one_attempt(assignment, enrolled):
    url = f"/assignments/{assignment.pk}/save/"

    def post():
        client = Client()
        client.force_login(enrolled)
        return client.post(url, {"body": "この水筒は軽くて丈夫です。", "version": "0", "action": "submit"})

    responses = run_at_once([post, post])
    assert [getattr(response, "status_code", response) for response in responses] == [302, 302]
    assert Submission.objects.filter(learner=enrolled).count() == 1
    assert Submission.objects.get().status == Submission.Status.SUBMITTED
    assert SubmissionEvent.objects.filter(action="submit").count() == 1


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_tabs_saving_one_version_one_gets_a_conflict(assignment, enrolled):
    draft = Submission.start_draft(assignment, enrolled)

    def save(text):
        return lambda: Submission.objects.get(pk=draft.pk).save_draft(body_html=f"<p>{text}</p>", version=1)

    results = run_at_once([save("タブA"), save("タブB")])
    winners = [result for result in results if isinstance(result, Submission)]
    conflicts = [result for result in results if isinstance(result, StaleVersion)]
    assert len(winners) == 1 and len(conflicts) == 1, results
    stored = Submission.objects.get(pk=draft.pk)
    assert stored.version == 2
    # The loser was told the stored text; its own text is still in its hands.
    assert conflicts[0].submission.body_text == stored.body_text


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_first_drafts_started_at_once_are_one_draft(assignment, enrolled):
    results = run_at_once([lambda: Submission.start_draft(assignment, enrolled)] * 3)
    assert all(isinstance(result, Submission) for result in results), results
    assert len({result.pk for result in results}) == 1
    assert Submission.objects.count() == 1


def test_database_vendor_is_reported():
    # A marker for the log: which database this run used.
    assert connection.vendor in {"sqlite", "postgresql"}
