"""Query counts of the learners' lists stay flat as rows grow."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from assignments.models import Submission
from tests.factories.assignments import AssignmentPageFactory, SubmissionFactory
from tests.factories.courses import CourseIndexPageFactory, CoursePageFactory, EnrollmentFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def course(home_page):
    return CoursePageFactory(parent=CourseIndexPageFactory(parent=home_page), slug="perf-course")


@pytest.fixture
def assignment(course):
    return AssignmentPageFactory(parent=course, slug="perf-task")


@pytest.fixture
def enrolled(learner, course):
    EnrollmentFactory(user=learner, course=course)
    return learner


def count_queries(client, url) -> int:
    client.get(url)  # warm up: site settings and caches are made on the first request
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def add_assignments(course, learner, how_many: int, start: int) -> None:
    for index in range(start, start + how_many):
        page = AssignmentPageFactory(parent=course, slug=f"task-{index}")
        first = SubmissionFactory(assignment=page, learner=learner, status=Submission.Status.CHANGES_REQUESTED)
        SubmissionFactory(assignment=page, learner=learner, attempt=2, body_html=first.body_html)


def test_my_submissions_is_flat(client, course, enrolled):
    client.force_login(enrolled)
    url = reverse("assignments:my_submissions")
    add_assignments(course, enrolled, 2, 0)
    small = count_queries(client, url)
    add_assignments(course, enrolled, 10, 2)
    assert count_queries(client, url) == small


def test_the_assignment_page_is_flat_in_attempts(client, assignment, enrolled):
    client.force_login(enrolled)
    SubmissionFactory(assignment=assignment, learner=enrolled, status=Submission.Status.CHANGES_REQUESTED)
    SubmissionFactory(assignment=assignment, learner=enrolled, attempt=2)
    small = count_queries(client, assignment.url)
    Submission.objects.filter(attempt=2).update(status=Submission.Status.CHANGES_REQUESTED)
    for attempt in range(3, 8):
        SubmissionFactory(
            assignment=assignment,
            learner=enrolled,
            attempt=attempt,
            status=Submission.Status.CHANGES_REQUESTED if attempt < 7 else Submission.Status.DRAFT,
        )
    assert count_queries(client, assignment.url) == small


def test_the_submission_page_is_flat_in_events(client, assignment, enrolled):
    from tests.factories.accounts import UserFactory

    reviewer = UserFactory(username="reviewer", is_staff=True)
    submission = SubmissionFactory(assignment=assignment, learner=enrolled)
    submission.submit(by=enrolled)
    client.force_login(enrolled)
    small = count_queries(client, submission.get_absolute_url())
    for _round in range(5):
        submission.claim(by=reviewer)
        submission.release(by=reviewer)
    assert count_queries(client, submission.get_absolute_url()) == small
