"""Upcoming meetups, for the learner dashboard and the home page.

from mentoring.meetups import upcoming
upcoming(request.user, limit=3)   # the meetups this user may join, soonest first
upcoming(limit=4)                 # open meetups (no cohort), for anyone
"""

from __future__ import annotations

import datetime as dt

from django.db.models import Q
from django.utils import timezone

from courses.models import Enrollment

from .models import MeetupPage, attach_registrations


def upcoming_queryset(user=None, *, now: dt.datetime | None = None):
    """Live, public meetups that have not ended, soonest first. With a user: the open ones plus
    those of the user's cohorts; without: the open ones."""
    now = now or timezone.now()
    queryset = MeetupPage.objects.live().public().filter(ends_at__gte=now)
    visible = Q(cohort__isnull=True)
    if getattr(user, "is_authenticated", False):
        cohorts = Enrollment.objects.current().filter(user=user, cohort__isnull=False).values("cohort_id")
        visible |= Q(cohort_id__in=cohorts) | Q(hosts=user)
    return queryset.filter(visible).distinct().order_by("starts_at", "pk")


def upcoming(user=None, limit: int = 5, *, now: dt.datetime | None = None) -> list[MeetupPage]:
    """The next `limit` meetups (see `upcoming_queryset`), each with `my_registration` for the user
    and `going_total`. Three queries, whatever the number of meetups."""
    meetups = list(upcoming_queryset(user, now=now).annotate_going().select_related("cohort")[:limit])
    attach_registrations(user, meetups)
    return meetups
