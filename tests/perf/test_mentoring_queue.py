"""The mentor queue makes the same number of queries with 1,000 and with 10,000 submissions.

Rows are made with bulk_create. Each page (first page, a later page by key,
filtered pages, staff's unscoped queue) is measured at both sizes.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from assignments.models import Submission
from courses.models import Enrollment
from mentoring.queue import Cursor, ReviewQueue
from tests.factories.accounts import MentorFactory, UserFactory
from tests.factories.assignments import AssignmentPageFactory
from tests.factories.courses import CohortFactory, CourseIndexPageFactory, CoursePageFactory
from tests.factories.mentoring import MentorProfileFactory

pytestmark = pytest.mark.django_db

LEARNERS = 100
ASSIGNMENTS = 10


@pytest.fixture
def world(home_page):
    catalog = CourseIndexPageFactory(parent=home_page)
    course = CoursePageFactory(parent=catalog, title="大量データのコース", slug="big", level=1)
    other = CoursePageFactory(parent=catalog, title="別のコース", slug="other", level=2)
    assignments = [AssignmentPageFactory(parent=course, slug=f"task-{n}") for n in range(ASSIGNMENTS - 2)]
    assignments += [AssignmentPageFactory(parent=other, slug=f"other-task-{n}") for n in range(2)]
    cohort = CohortFactory(course=course, name="大規模期")
    User = get_user_model()
    User.objects.bulk_create(User(username=f"bulk{n}", email=f"bulk{n}@example.com") for n in range(LEARNERS))
    learners = list(User.objects.filter(username__startswith="bulk").order_by("pk"))
    Enrollment.objects.bulk_create(
        Enrollment(user=learner, course=course, cohort=cohort if n % 2 else None) for n, learner in enumerate(learners)
    )
    mentor = MentorFactory(username="bulk-mentor")
    MentorProfileFactory(user=mentor, scopes=[course])
    staff = UserFactory(username="bulk-staff", is_staff=True)
    return {"assignments": assignments, "learners": learners, "mentor": mentor, "staff": staff, "cohort": cohort}


def add_submissions(world, start: int, stop: int) -> None:
    """Submissions number start..stop-1, spread over assignments, learners and attempts."""
    base = timezone.now() - dt.timedelta(days=30)
    assignments, learners = world["assignments"], world["learners"]
    rows = []
    for n in range(start, stop):
        learner = learners[n % LEARNERS]
        assignment = assignments[(n // LEARNERS) % ASSIGNMENTS]
        attempt = n // (LEARNERS * ASSIGNMENTS) + 1
        rows.append(
            Submission(
                assignment=assignment,
                learner=learner,
                attempt=attempt,
                status=Submission.Status.SUBMITTED if n % 7 else Submission.Status.APPROVED,
                body_html="<p>本文</p>" * 20,
                body_text="本文" * 20,
                character_count=40,
                is_late=n % 5 == 0,
                submitted_at=base + dt.timedelta(seconds=n * 37 % 2_000_000),
            )
        )
    Submission.objects.bulk_create(rows, batch_size=2000)


def count_queries(client, url, params=None) -> int:
    client.get(url, params)  # warm up (content types, site)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, params)
    assert response.status_code == 200
    assert len(response.context["rows"]) > 0
    return len(captured.captured_queries)


def later_page_params(world, user) -> dict:
    page = ReviewQueue(user).page()
    return {"after": page.next_cursor}


def measure(client, world) -> dict:
    url = reverse("mentoring:queue")
    results = {}
    client.force_login(world["mentor"])
    results["mentor first page"] = count_queries(client, url)
    results["mentor later page"] = count_queries(client, url, later_page_params(world, world["mentor"]))
    results["mentor late"] = count_queries(client, url, {"late": "on"})
    results["mentor cohort"] = count_queries(client, url, {"cohort": world["cohort"].pk})
    results["mentor level"] = count_queries(client, url, {"level": 1})
    client.force_login(world["staff"])
    results["staff first page"] = count_queries(client, url)
    return results


def test_queue_queries_equal_at_1000_and_10000(client, world):
    add_submissions(world, 0, 1_000)
    small = measure(client, world)
    add_submissions(world, 1_000, 10_000)
    assert Submission.objects.count() == 10_000
    large = measure(client, world)
    print(f"\nqueue queries at 1,000: {small}\nqueue queries at 10,000: {large}")  # noqa: T201
    assert small == large


def test_cursor_pages_cover_the_queue_without_offsets(world):
    add_submissions(world, 0, 1_000)
    queue = ReviewQueue(world["staff"])
    seen, after = [], None
    while True:
        page = queue.page(after=after, size=200)
        seen.extend(row.pk for row in page.rows)
        if not page.next_cursor:
            break
        after = page.next_cursor
        assert Cursor.decode(after) is not None
    expected = list(
        Submission.objects.filter(status=Submission.Status.SUBMITTED)
        .order_by("submitted_at", "pk")
        .values_list("pk", flat=True)
    )
    assert seen == expected
