"""Figures for the mentor dashboard and the staff reports, computed from the submissions' timeline.

- queue length and the oldest waiting attempt (now);
- median hours from submission to the first claim ("first review") and to the
  released review, over the last `days` days;
- released reviews per mentor over the same days;
- weekly turnaround: per week (Monday to Sunday, local time), the median hours
  from submission to released review, and how many were released.
"""

from __future__ import annotations

import datetime as dt
import statistics
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db.models import Min
from django.utils import timezone

from assignments.models import Submission, SubmissionEvent
from courses.utils import display_name

from .models import Review

STATUS = Submission.Status


@dataclass(frozen=True)
class WeekPoint:
    start: dt.date
    median_hours: float | None
    count: int


def hours_between(start: dt.datetime, end: dt.datetime) -> float:
    return (end - start).total_seconds() / 3600


def median_or_none(values: list[float]) -> float | None:
    return round(statistics.median(values), 1) if values else None


def week_start(moment: dt.datetime) -> dt.date:
    day = timezone.localtime(moment).date()
    return day - dt.timedelta(days=day.weekday())


def first_review_hours(scoped, since: dt.datetime) -> list[float]:
    """Hours from submission to the first claim, for attempts first claimed since `since`."""
    rows = (
        SubmissionEvent.objects.filter(action="claim", submission__in=scoped.values("pk"))
        .values("submission_id")
        .annotate(first=Min("created_at"), submitted=Min("submission__submitted_at"))
        .filter(first__gte=since)
    )
    return [
        hours_between(row["submitted"], row["first"])
        for row in rows
        if row["submitted"] and row["first"] >= row["submitted"]
    ]


def released_reviews(scoped, since: dt.datetime):
    return Review.objects.released().filter(released_at__gte=since, submission__in=scoped.values("pk"))


def release_hours(scoped, since: dt.datetime) -> list[float]:
    """Hours from submission to the released review, for reviews released since `since`."""
    rows = released_reviews(scoped, since).values_list("submission__submitted_at", "released_at")
    return [hours_between(submitted, released) for submitted, released in rows if submitted and released >= submitted]


def reviews_per_mentor(scoped, since: dt.datetime) -> list[tuple[str, int]]:
    """(mentor's name, released reviews) since `since`, most first."""
    counts: dict[int, int] = {}
    for mentor_id in released_reviews(scoped, since).values_list("mentor_id", flat=True):
        if mentor_id is not None:
            counts[mentor_id] = counts.get(mentor_id, 0) + 1
    users = {user.pk: user for user in get_user_model().objects.filter(pk__in=counts)}
    rows = [(display_name(users[pk]), count) for pk, count in counts.items() if pk in users]
    return sorted(rows, key=lambda row: (-row[1], row[0]))


def weekly_turnaround(scoped, now: dt.datetime, weeks: int = 12) -> list[WeekPoint]:
    """The last `weeks` weeks, oldest first, each with its median hours to release and its count."""
    this_week = week_start(now)
    first_week = this_week - dt.timedelta(weeks=weeks - 1)
    start = timezone.make_aware(dt.datetime.combine(first_week, dt.time.min))
    by_week: dict[dt.date, list[float]] = {first_week + dt.timedelta(weeks=n): [] for n in range(weeks)}
    rows = released_reviews(scoped, start).values_list("submission__submitted_at", "released_at")
    for submitted, released in rows:
        if submitted and released >= submitted:
            by_week.setdefault(week_start(released), []).append(hours_between(submitted, released))
    return [WeekPoint(week, median_or_none(values), len(values)) for week, values in sorted(by_week.items())]


def dashboard_metrics(scoped, *, now: dt.datetime | None = None, days: int = 30, weeks: int = 12) -> dict:
    """Every figure of the dashboard for the attempts in `scoped` (a `Submission` queryset)."""
    now = now or timezone.now()
    since = now - dt.timedelta(days=days)
    waiting = scoped.filter(status=STATUS.SUBMITTED)
    oldest = waiting.order_by("submitted_at", "pk").values_list("submitted_at", flat=True).first()
    return {
        "queue_length": waiting.count(),
        "in_review": scoped.filter(status=STATUS.IN_REVIEW).count(),
        "oldest_waiting": oldest,
        "oldest_waiting_hours": round(hours_between(oldest, now), 1) if oldest else None,
        "median_hours_to_first_review": median_or_none(first_review_hours(scoped, since)),
        "median_hours_to_release": median_or_none(release_hours(scoped, since)),
        "reviews_per_mentor": reviews_per_mentor(scoped, since),
        "weekly": weekly_turnaround(scoped, now, weeks),
        "days": days,
    }
