"""The queue: scope, order, filters, counts, keyset pages, "next", leases that expire."""

from __future__ import annotations

import datetime as dt
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from assignments.models import Submission
from mentoring.models import MentorScope, Review
from mentoring.queue import IN_REVIEW, MINE, Cursor, QueueFilters, ReviewQueue, claim
from tests.factories.accounts import LearnerFactory, MentorFactory
from tests.factories.assignments import SubmissionFactory
from tests.factories.courses import CohortFactory, EnrollmentFactory
from tests.factories.mentoring import MentorProfileFactory, submitted

pytestmark = pytest.mark.django_db

NOW = timezone.now()


def ago(hours: float) -> dt.datetime:
    return NOW - dt.timedelta(hours=hours)


@pytest.fixture
def learners(course):
    people = [LearnerFactory(username=f"q{n}") for n in range(6)]
    for person in people:
        EnrollmentFactory(user=person, course=course)
    return people


def test_oldest_first_and_only_submitted_work_in_scope(assignment, other_assignment, learners, mentor):
    newest = submitted(assignment, learners[0], when=ago(1))
    oldest = submitted(assignment, learners[1], when=ago(30))
    middle = submitted(assignment, learners[2], when=ago(5))
    submitted(other_assignment, learners[3], when=ago(50))  # another course
    SubmissionFactory(assignment=assignment, learner=learners[4])  # a draft
    page = ReviewQueue(mentor, now=NOW).page()
    assert [row.pk for row in page.rows] == [oldest.pk, middle.pk, newest.pk]
    assert page.rows[0].waiting == dt.timedelta(hours=30)
    assert page.rows[0].course.title == "Webライティング入門"


def test_late_filter_and_state_filters(assignment, learners, mentor, mentor2):
    on_time = submitted(assignment, learners[0], when=ago(3))
    late = submitted(assignment, learners[1], when=ago(2), is_late=True)
    mine = submitted(assignment, learners[2], when=ago(4))
    theirs = submitted(assignment, learners[3], when=ago(5))
    claim(mine, mentor)
    claim(theirs, mentor2)
    assert [r.pk for r in ReviewQueue(mentor, QueueFilters(late=True)).page().rows] == [late.pk]
    assert [r.pk for r in ReviewQueue(mentor, QueueFilters(state=IN_REVIEW)).page().rows] == [theirs.pk, mine.pk]
    assert [r.pk for r in ReviewQueue(mentor, QueueFilters(state=MINE)).page().rows] == [mine.pk]
    assert [r.pk for r in ReviewQueue(mentor).page().rows] == [on_time.pk, late.pk]


def test_course_level_and_cohort_filters(assignment, other_assignment, course, other_course, learners, staff):
    cohort = CohortFactory(course=course, name="春期")
    in_cohort = LearnerFactory(username="cohortmember")
    EnrollmentFactory(user=in_cohort, course=course, cohort=cohort)
    a = submitted(assignment, learners[0], when=ago(3))
    b = submitted(other_assignment, learners[1], when=ago(2))  # level 2
    c = submitted(assignment, in_cohort, when=ago(1))
    assert [r.pk for r in ReviewQueue(staff).page().rows] == [a.pk, b.pk, c.pk]
    assert [r.pk for r in ReviewQueue(staff, QueueFilters(course=other_course)).page().rows] == [b.pk]
    assert [r.pk for r in ReviewQueue(staff, QueueFilters(level=1)).page().rows] == [a.pk, c.pk]
    assert [r.pk for r in ReviewQueue(staff, QueueFilters(cohort=cohort)).page().rows] == [c.pk]


def test_a_cohort_scope_sees_only_its_cohort(assignment, course, learners):
    cohort = CohortFactory(course=course, name="夏期")
    member = LearnerFactory(username="member")
    EnrollmentFactory(user=member, course=course, cohort=cohort)
    cohort_mentor = MentorFactory(username="cohortonly")
    profile = MentorProfileFactory(user=cohort_mentor)
    MentorScope.objects.create(profile=profile, course=course, cohort=cohort)
    submitted(assignment, learners[0])
    theirs = submitted(assignment, member)
    assert [r.pk for r in ReviewQueue(cohort_mentor).page().rows] == [theirs.pk]


def test_counts(assignment, learners, mentor, mentor2):
    submitted(assignment, learners[0])
    submitted(assignment, learners[1])
    held = submitted(assignment, learners[2])
    other = submitted(assignment, learners[3])
    done = submitted(assignment, learners[4])
    claim(held, mentor)
    claim(other, mentor2)
    claim(done, mentor)
    review = Review.objects.get(submission=done)
    review.save_draft(
        mentor, overall_comment="ok", decision="approve", scores={c.pk: (3, "") for c in review.get_criteria()}
    )
    review.release(mentor)
    assert ReviewQueue(mentor).counts() == {"waiting": 2, "in_review": 2, "mine": 1, "done_today": 1}


def test_keyset_pages_forward_and_back(assignment, course, mentor, settings):
    people = [LearnerFactory(username=f"p{n}") for n in range(7)]
    rows = []
    same_time = ago(10)
    for index, person in enumerate(people):
        EnrollmentFactory(user=person, course=course)
        # Three share one timestamp: the pk breaks the tie.
        rows.append(submitted(assignment, person, when=same_time if index in (2, 3, 4) else ago(20 - index)))
    expected = [s.pk for s in sorted(rows, key=lambda s: (s.submitted_at, s.pk))]
    queue = ReviewQueue(mentor)
    first = queue.page(size=3)
    second = queue.page(after=first.next_cursor, size=3)
    third = queue.page(after=second.next_cursor, size=3)
    assert [r.pk for r in first.rows + second.rows + third.rows] == expected
    assert first.previous_cursor is None and third.next_cursor is None
    back = queue.page(before=third.previous_cursor, size=3)
    assert [r.pk for r in back.rows] == [r.pk for r in second.rows]


def test_cursor_round_trip_keeps_microseconds():
    moment = dt.datetime(2025, 4, 1, 9, 30, 15, 123456, tzinfo=dt.UTC)
    decoded = Cursor.decode(Cursor(moment, 42).encode())
    assert (decoded.submitted_at, decoded.pk) == (moment, 42)
    assert Cursor.decode("garbage") is None


def test_expired_lease_returns_to_the_queue(client, assignment, learners, mentor, mentor2):
    work = submitted(assignment, learners[0])
    claim(work, mentor)
    Submission.objects.filter(pk=work.pk).update(claim_expires_at=timezone.now() - dt.timedelta(seconds=1))
    client.force_login(mentor2)
    response = client.get(reverse("mentoring:queue"))
    assert [row.pk for row in response.context["rows"]] == [work.pk]
    work.refresh_from_db()
    assert work.status == Submission.Status.SUBMITTED and work.claimed_by is None
    assert list(work.events.values_list("action", flat=True)) == ["claim", "expire"]


def test_release_expired_claims_command(assignment, learners, mentor):
    work = submitted(assignment, learners[0])
    fresh = submitted(assignment, learners[1])
    claim(work, mentor)
    claim(fresh, mentor)
    Submission.objects.filter(pk=work.pk).update(claim_expires_at=timezone.now() - dt.timedelta(minutes=5))
    out = StringIO()
    call_command("release_expired_claims", stdout=out)
    assert "1" in out.getvalue()
    assert Submission.objects.get(pk=work.pk).status == Submission.Status.SUBMITTED
    assert Submission.objects.get(pk=fresh.pk).status == Submission.Status.IN_REVIEW


def test_capacity_limits_claims(client, assignment, learners, mentor):
    profile = mentor.mentor_profile
    profile.capacity = 1
    profile.save()
    first = submitted(assignment, learners[0])
    second = submitted(assignment, learners[1])
    claim(first, mentor)
    client.force_login(mentor)
    client.post(reverse("mentoring:claim", args=[second.pk]))
    second.refresh_from_db()
    assert second.status == Submission.Status.SUBMITTED


def test_next_with_filters_and_an_empty_queue(client, assignment, learners, mentor):
    submitted(assignment, learners[0], when=ago(5))
    late = submitted(assignment, learners[1], when=ago(1), is_late=True)
    client.force_login(mentor)
    response = client.post(reverse("mentoring:claim_next"), {"late": "on"})
    assert response.url == reverse("mentoring:review", args=[late.pk])
    response = client.post(reverse("mentoring:claim_next"), {"late": "on"})
    assert response.url == reverse("mentoring:queue")


def test_bad_filter_values_are_ignored(client, mentor, assignment, learners):
    work = submitted(assignment, learners[0])
    client.force_login(mentor)
    response = client.get(reverse("mentoring:queue"), {"course": "999999", "level": "x", "after": "nonsense"})
    assert response.status_code == 200
    assert [row.pk for row in response.context["rows"]] == [work.pk]
