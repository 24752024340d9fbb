"""Staff reports in the Wagtail admin (Reports menu), with CSV and XLSX export:

- released reviews: who reviewed what, the decision, the score, how long it took;
- mentor workload: each mentor's open reviews, reviews released in the last 30 days,
  their median hours to release, capacity and e-mail choice.
"""

from __future__ import annotations

import datetime as dt
import statistics

import django_filters
from django.contrib.auth import get_user_model
from django.db.models import Count, DurationField, ExpressionWrapper, F, OuterRef, Q, Subquery, Sum
from django.db.models.functions import Length, Substr
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.reports import ReportView
from wagtail.models import Page
from wagtail.permission_policies import ModelPermissionPolicy

from assignments.models import Submission
from courses.models import CoursePage
from courses.utils import display_name

from .metrics import hours_between
from .models import Decision, MentorProfile, Review


def course_title_subquery(path_field: str) -> Subquery:
    """The title of the course an assignment belongs to (its parent page), from the assignment's path."""
    return Subquery(
        CoursePage.objects.filter(
            path=Substr(OuterRef(path_field), 1, Length(OuterRef(path_field)) - Page.steplen)
        ).values("title")[:1]
    )


class HoursColumn(Column):
    def get_value(self, instance):
        return getattr(instance, self.accessor, None)


def hours_to_release(review) -> float | None:
    submitted = review.submission.submitted_at
    if submitted is None or review.released_at is None:
        return None
    return round(hours_between(submitted, review.released_at), 1)


class ReviewReportFilterSet(WagtailFilterSet):
    mentor = django_filters.ModelChoiceFilter(
        label=_("Mentor"), queryset=get_user_model().objects.filter(mentor_profile__isnull=False).order_by("username")
    )
    decision = django_filters.ChoiceFilter(label=_("Decision"), choices=Decision.choices)
    released_at = django_filters.DateFromToRangeFilter(label=_("Released"), widget=DateRangePickerWidget)

    class Meta:
        model = Review
        fields = ["mentor", "decision", "released_at"]


class ReviewReportView(ReportView):
    """Every released review, newest first."""

    page_title = _("Released reviews")
    header_icon = "tasks"
    index_url_name = "mentoring_reports:reviews"
    index_results_url_name = "mentoring_reports:reviews_results"
    filterset_class = ReviewReportFilterSet
    permission_policy = ModelPermissionPolicy(Review)
    permission_required = "view"
    paginate_by = 50
    list_export = [
        "released_at",
        "course_title",
        "submission.assignment.title",
        "learner_name",
        "submission.attempt",
        "mentor_name",
        "decision_label",
        "points",
        "max_points",
        "submission.submitted_at",
        "hours_to_release",
        "late",
    ]
    export_headings = {
        "released_at": _("Released"),
        "course_title": _("Course"),
        "submission.assignment.title": _("Assignment"),
        "learner_name": _("Learner"),
        "submission.attempt": _("Attempt"),
        "mentor_name": _("Mentor"),
        "decision_label": _("Decision"),
        "points": _("Points"),
        "max_points": _("Out of"),
        "submission.submitted_at": _("Submitted"),
        "hours_to_release": _("Hours to release"),
        "late": _("Late"),
    }
    columns = [
        Column("released_at", label=_("Released")),
        Column("course_title", label=_("Course")),
        Column("assignment_title", label=_("Assignment"), accessor="submission.assignment.title"),
        Column("learner_name", label=_("Learner")),
        Column("attempt", label=_("Attempt"), accessor="submission.attempt"),
        Column("mentor_name", label=_("Mentor")),
        Column("decision_label", label=_("Decision")),
        Column("points", label=_("Points")),
        HoursColumn("hours_to_release", label=_("Hours to release")),
    ]

    def get_filename(self):
        return f"released-reviews-{timezone.localdate():%Y-%m-%d}"

    def get_queryset(self):
        return (
            Review.objects.released()
            .select_related("submission__assignment", "submission__learner", "mentor")
            .annotate(
                course_title=course_title_subquery("submission__assignment__path"),
                points=Sum("scores__points"),
                max_points=Sum("scores__max_points"),
            )
            .order_by("-released_at", "-pk")
        )

    def decorate(self, review):
        review.learner_name = display_name(review.submission.learner)
        review.mentor_name = display_name(review.mentor) if review.mentor else ""
        review.decision_label = str(review.get_decision_display())
        review.hours_to_release = hours_to_release(review)
        review.late = review.submission.is_late
        return review

    def decorate_paginated_queryset(self, object_list):
        return [self.decorate(review) for review in object_list]

    def to_row_dict(self, item):
        return super().to_row_dict(self.decorate(item))


class MentorWorkloadReportView(ReportView):
    """Each mentor: open reviews, reviews released in the last 30 days and their median hours."""

    page_title = _("Mentor workload")
    header_icon = "group"
    index_url_name = "mentoring_reports:workload"
    index_results_url_name = "mentoring_reports:workload_results"
    permission_policy = ModelPermissionPolicy(MentorProfile)
    permission_required = "view"
    paginate_by = 50
    days = 30
    list_export = [
        "name",
        "user.username",
        "scope_text",
        "open_reviews",
        "capacity",
        "released_recently",
        "median_hours",
        "accepting",
        "notify_label",
    ]
    export_headings = {
        "name": _("Mentor"),
        "user.username": _("User name"),
        "scope_text": _("Scope"),
        "open_reviews": _("Open reviews"),
        "capacity": _("Capacity"),
        "released_recently": _("Released in 30 days"),
        "median_hours": _("Median hours to release"),
        "accepting": _("Accepting new work"),
        "notify_label": _("New work e-mails"),
    }
    columns = [
        Column("name", label=_("Mentor")),
        Column("scope_text", label=_("Scope")),
        Column("open_reviews", label=_("Open reviews")),
        Column("capacity", label=_("Capacity")),
        Column("released_recently", label=_("Released in 30 days")),
        HoursColumn("median_hours", label=_("Median hours to release")),
        Column("accepting", label=_("Accepting new work")),
    ]

    def get_filename(self):
        return f"mentor-workload-{timezone.localdate():%Y-%m-%d}"

    def get_queryset(self):
        since = timezone.now() - dt.timedelta(days=self.days)
        open_reviews = (
            Submission.objects.filter(status=Submission.Status.IN_REVIEW, claimed_by=OuterRef("user_id"))
            .order_by()
            .values("claimed_by")
            .annotate(n=Count("pk"))
            .values("n")
        )
        return (
            MentorProfile.objects.select_related("user")
            .prefetch_related("scopes__course", "scopes__cohort")
            .annotate(
                open_reviews=Subquery(open_reviews),
                released_recently=Count(
                    "user__mentor_reviews",
                    filter=Q(
                        user__mentor_reviews__status=Review.Status.RELEASED,
                        user__mentor_reviews__released_at__gte=since,
                    ),
                    distinct=True,
                ),
            )
            .order_by("user__username")
        )

    def decorate_rows(self, profiles):
        profiles = list(profiles)
        since = timezone.now() - dt.timedelta(days=self.days)
        durations: dict[int, list[float]] = {}
        rows = (
            Review.objects.released()
            .filter(mentor_id__in=[p.user_id for p in profiles], released_at__gte=since)
            .annotate(
                took=ExpressionWrapper(F("released_at") - F("submission__submitted_at"), output_field=DurationField())
            )
            .values_list("mentor_id", "took")
        )
        for mentor_id, took in rows:
            if took is not None:
                durations.setdefault(mentor_id, []).append(took.total_seconds() / 3600)
        for profile in profiles:
            profile.name = profile.get_display_name()
            profile.scope_text = profile.scope_summary()
            profile.open_reviews = profile.open_reviews or 0
            values = durations.get(profile.user_id)
            profile.median_hours = round(statistics.median(values), 1) if values else None
            profile.notify_label = str(profile.get_notify_display())
        return profiles

    def decorate_paginated_queryset(self, object_list):
        return self.decorate_rows(object_list)

    def to_row_dict(self, item):
        return super().to_row_dict(self.decorate_rows([item])[0])
