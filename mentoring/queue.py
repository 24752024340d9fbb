"""The mentors' review queue: submitted work in scope, oldest first, with filters, counts,
keyset pagination and "claim the next one".

Pagination is by key (`submitted_at`, `pk`), never by offset, so page 200 of
100,000 submissions costs what page 1 costs; the index on
(`status`, `submitted_at`) of `Submission` serves the order. Every row's course
and cohort come from two extra queries, whatever the number of rows.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone

from assignments.exceptions import AlreadyClaimed, InvalidTransition
from assignments.models import Submission
from courses.models import Cohort, CoursePage, Enrollment

from .conf import conf
from .exceptions import CapacityReached
from .models import Review
from .scopes import assignments_of, course_path_of, get_profile, get_scopes, in_cohort, is_staff_reviewer, scope_q

STATUS = Submission.Status

WAITING = "waiting"
IN_REVIEW = "in_review"
MINE = "mine"
STATES = (WAITING, IN_REVIEW, MINE)
# Queue counts above this are shown as "1,000+" (counting further would cost time with every row).
COUNT_CAP = 1000
EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)


@dataclass
class QueueFilters:
    """What the mentor asked for (from `QueueFilterForm.cleaned_data`)."""

    state: str = WAITING
    course: CoursePage | None = None
    level: int | None = None
    cohort: Cohort | None = None
    late: bool = False


@dataclass
class Cursor:
    """A position in the queue: after (or before) the row with this `submitted_at` and `pk`."""

    submitted_at: dt.datetime
    pk: int

    def encode(self) -> str:
        delta = self.submitted_at - EPOCH
        micros = (delta.days * 86_400 + delta.seconds) * 1_000_000 + delta.microseconds
        return f"{micros}.{self.pk}"

    @classmethod
    def decode(cls, value: str | None) -> Cursor | None:
        try:
            micros, pk = (value or "").split(".", 1)
            return cls(EPOCH + dt.timedelta(microseconds=int(micros)), int(pk))
        except (ValueError, OverflowError):
            return None


@dataclass
class QueuePage:
    rows: list[Submission]
    next_cursor: str | None = None
    previous_cursor: str | None = None
    is_first: bool = True
    counts: dict = field(default_factory=dict)


class ReviewQueue:
    """The queue of one reviewer. Override `get_base_queryset()` to change what the queue holds."""

    def __init__(self, user, filters: QueueFilters | None = None, *, now: dt.datetime | None = None):
        self.user = user
        self.filters = filters or QueueFilters()
        self.now = now or timezone.now()

    # Querysets ---------------------------------------------------------------

    def get_base_queryset(self) -> QuerySet:
        """Every non-draft attempt in the reviewer's scope."""
        queryset = Submission.objects.exclude(status=STATUS.DRAFT)
        q = scope_q(self.user)
        return queryset if q is None else queryset.filter(q)

    def filter_queryset(self, queryset: QuerySet) -> QuerySet:
        """Apply the course, level, cohort and late filters."""
        filters = self.filters
        if filters.course is not None:
            queryset = queryset.filter(assignment__in=assignments_of([filters.course.path]))
        if filters.level:
            queryset = queryset.filter(
                assignment__in=assignments_of(CoursePage.objects.filter(level=filters.level).values("path"))
            )
        if filters.cohort is not None:
            queryset = queryset.filter(
                Q(assignment__in=assignments_of([filters.cohort.course.path]))
                & Q(in_cohort(filters.cohort.course_id, [filters.cohort.pk]))
            )
        if filters.late:
            queryset = queryset.filter(is_late=True)
        return queryset

    def get_state_queryset(self) -> QuerySet:
        queryset = self.filter_queryset(self.get_base_queryset())
        if self.filters.state == IN_REVIEW:
            return queryset.filter(status=STATUS.IN_REVIEW)
        if self.filters.state == MINE:
            return queryset.filter(status=STATUS.IN_REVIEW, claimed_by=self.user)
        return queryset.filter(status=STATUS.SUBMITTED)

    def get_rows_queryset(self, ids) -> QuerySet:
        """What a row shows, without the texts (up to 20,000 characters each)."""
        return (
            Submission.objects.filter(pk__in=ids)
            .select_related("assignment", "learner", "claimed_by")
            .defer("body_html", "body_text", "feedback", "assignment__instructions")
        )

    def _page_ids(self, queryset: QuerySet, order: tuple[str, str], limit: int) -> list[int]:
        # The ids first, from the (status, submitted_at) index alone; the rows' joins come after,
        # for these few ids only, so that no join can lead the planner into scanning the table.
        return list(queryset.order_by(*order).values_list("pk", flat=True)[:limit])

    def _rows(self, ids: list[int]) -> list[Submission]:
        by_id = {row.pk: row for row in self.get_rows_queryset(ids)}
        return [by_id[pk] for pk in ids if pk in by_id]

    # Counts ------------------------------------------------------------------

    def counts(self) -> dict[str, int]:
        """Waiting, in review, held by this reviewer, and released today, with the filters applied.

        The first three are counted up to `COUNT_CAP + 1` (shown as "1,000+"),
        so that their cost does not grow with the size of the queue; the
        dashboard gives the exact figures.
        """
        queryset = self.filter_queryset(self.get_base_queryset()).order_by()
        in_review = queryset.filter(status=STATUS.IN_REVIEW)
        counts = {
            "waiting": queryset.filter(status=STATUS.SUBMITTED)[: COUNT_CAP + 1].count(),
            "in_review": in_review[: COUNT_CAP + 1].count(),
            "mine": in_review.filter(claimed_by=self.user)[: COUNT_CAP + 1].count(),
        }
        today = timezone.localtime(self.now).replace(hour=0, minute=0, second=0, microsecond=0)
        # Today's releases are few: find them by the index on `released_at`, then apply the scope.
        released = list(Review.objects.filter(released_at__gte=today).values_list("submission_id", flat=True))
        counts["done_today"] = queryset.filter(pk__in=released).count() if released else 0
        return counts

    # Pages -------------------------------------------------------------------

    def page(self, *, after: str | None = None, before: str | None = None, size: int | None = None) -> QueuePage:
        """One page of rows, oldest first, after or before a cursor."""
        size = size or conf.QUEUE_PAGE_SIZE
        queryset = self.get_state_queryset()
        after_cursor, before_cursor = Cursor.decode(after), Cursor.decode(before)
        if before_cursor is not None:
            ids = self._page_ids(
                queryset.filter(
                    Q(submitted_at__lt=before_cursor.submitted_at)
                    | Q(submitted_at=before_cursor.submitted_at, pk__lt=before_cursor.pk)
                ),
                ("-submitted_at", "-pk"),
                size + 1,
            )
            has_more_before = len(ids) > size
            rows = self._rows(list(reversed(ids[:size])))
            has_more_after = True
            is_first = not has_more_before
        else:
            if after_cursor is not None:
                queryset = queryset.filter(
                    Q(submitted_at__gt=after_cursor.submitted_at)
                    | Q(submitted_at=after_cursor.submitted_at, pk__gt=after_cursor.pk)
                )
            ids = self._page_ids(queryset, ("submitted_at", "pk"), size + 1)
            has_more_after = len(ids) > size
            rows = self._rows(ids[:size])
            has_more_before = after_cursor is not None
            is_first = after_cursor is None
        self.decorate(rows)
        return QueuePage(
            rows=rows,
            next_cursor=Cursor(rows[-1].submitted_at, rows[-1].pk).encode() if rows and has_more_after else None,
            previous_cursor=Cursor(rows[0].submitted_at, rows[0].pk).encode() if rows and has_more_before else None,
            is_first=is_first,
        )

    def decorate(self, rows: list[Submission]) -> list[Submission]:
        """Give each row its `course`, `cohort` and `waiting` time: two queries for any number of rows."""
        paths = {course_path_of(row.assignment) for row in rows}
        courses = {
            course.path: course for course in CoursePage.objects.filter(path__in=paths).only("title", "level", "path")
        }
        for row in rows:
            row.course = courses.get(course_path_of(row.assignment))
        pairs = {(row.learner_id, row.course.pk) for row in rows if row.course is not None}
        cohorts = {}
        if pairs:
            enrollments = Enrollment.objects.filter(
                user_id__in={user for user, _course in pairs}, course_id__in={course for _user, course in pairs}
            ).select_related("cohort")
            cohorts = {(e.user_id, e.course_id): e.cohort for e in enrollments}
        for row in rows:
            row.cohort = cohorts.get((row.learner_id, row.course.pk)) if row.course is not None else None
            row.waiting = self.now - row.submitted_at if row.submitted_at else None
            row.lease_expired = bool(row.claim_expires_at and row.claim_expires_at < self.now)
            row.is_mine = row.claimed_by_id == self.user.pk
        return rows

    # Choices for the filter form ---------------------------------------------

    def course_choices(self) -> QuerySet:
        """The courses the reviewer can filter by: their scope's (all courses for staff)."""
        if is_staff_reviewer(self.user):
            return CoursePage.objects.order_by("title").only("title", "level", "path")
        return CoursePage.objects.filter(pk__in={scope.course_id for scope in get_scopes(self.user)}).order_by("title")

    def cohort_choices(self) -> QuerySet:
        if is_staff_reviewer(self.user):
            return Cohort.objects.select_related("course").order_by("course__title", "name")
        scopes = get_scopes(self.user)
        whole = [scope.course_id for scope in scopes if scope.cohort_id is None]
        own = [scope.cohort_id for scope in scopes if scope.cohort_id is not None]
        return (
            Cohort.objects.filter(Q(course_id__in=whole) | Q(pk__in=own))
            .select_related("course")
            .order_by("course__title", "name")
        )

    # Claiming ----------------------------------------------------------------

    def claim_next(self) -> Submission | None:
        """Claim the oldest unclaimed attempt matching the filters; None when the queue is empty.

        When a colleague takes the candidate first, the next one is tried.
        """
        check_capacity(self.user)
        queryset = self.filter_queryset(self.get_base_queryset()).filter(status=STATUS.SUBMITTED)
        for _attempt in range(10):
            candidate = queryset.order_by("submitted_at", "pk").first()
            if candidate is None:
                return None
            try:
                return claim(candidate, self.user, check=False)
            except (AlreadyClaimed, InvalidTransition):
                continue
        return None


def open_claims(user) -> int:
    return Submission.objects.filter(status=STATUS.IN_REVIEW, claimed_by=user).count()


def check_capacity(user) -> None:
    """Refuse a claim when the mentor already holds as many reviews as their profile allows."""
    profile = get_profile(user)
    if profile is not None and profile.capacity and open_claims(user) >= profile.capacity:
        raise CapacityReached()


def claim(submission: Submission, user, *, check: bool = True, now: dt.datetime | None = None) -> Submission:
    """Take a lease on `submission` for `conf.REVIEW_LEASE_HOURS`.

    An expired lease of someone else is ended first. Exactly one of several
    mentors claiming at once wins (the submission's conditional UPDATE); the
    others get `AlreadyClaimed`.
    """
    now = now or timezone.now()
    if check:
        check_capacity(user)
    if submission.status == STATUS.IN_REVIEW and submission.claim_expires_at and submission.claim_expires_at < now:
        try:
            with transaction.atomic():
                submission.expire_claim(now=now)
        except InvalidTransition:
            submission.refresh_from_db()
    with transaction.atomic():
        return submission.claim(user, lease_hours=conf.REVIEW_LEASE_HOURS)


def release_expired_claims(now: dt.datetime | None = None) -> int:
    """Every lease that ran out goes back to the queue; returns how many."""
    return Submission.objects.release_expired_claims(now=now)


def holder_is(submission: Submission, user, *, unexpired: bool = False, now: dt.datetime | None = None) -> bool:
    """Whether `user` holds the claim on `submission` (and, with `unexpired`, its lease still runs)."""
    if submission.status != STATUS.IN_REVIEW or submission.claimed_by_id != getattr(user, "pk", None):
        return False
    if unexpired and submission.claim_expires_at is not None:
        return submission.claim_expires_at >= (now or timezone.now())
    return True
