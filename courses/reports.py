"""Admin reports: enrolments and completion per course and per cohort, with CSV and XLSX export."""

from __future__ import annotations

import django_filters
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.reports import ReportView
from wagtail.permission_policies import ModelPermissionPolicy

from .models import Cohort, CoursePage, Enrollment, Level, SkillCategory

STATUS = Enrollment.Status


def enrolment_counts(prefix: str = "enrollments") -> dict:
    """Annotations counting a course's or cohort's enrolments by status."""
    return {
        "total": Count(prefix, distinct=True),
        "active": Count(prefix, filter=Q(**{f"{prefix}__status": STATUS.ACTIVE}), distinct=True),
        "completed": Count(prefix, filter=Q(**{f"{prefix}__status": STATUS.COMPLETED}), distinct=True),
        "withdrawn": Count(prefix, filter=Q(**{f"{prefix}__status": STATUS.WITHDRAWN}), distinct=True),
    }


class CompletionRateColumn(Column):
    def get_value(self, instance):
        return completion_rate(instance)


def completion_rate(row) -> str:
    """Completed / (active + completed), as a percentage; withdrawn learners do not count."""
    started = row.active + row.completed
    return f"{row.completed * 100 // started}%" if started else "—"


class EnrolmentReportMixin:
    """Shared by both reports: the permission (view enrolments) and the exported columns."""

    permission_policy = ModelPermissionPolicy(Enrollment)
    permission_required = "view"
    paginate_by = 50
    export_headings = {
        "total": _("Enrolments"),
        "active": _("Active"),
        "completed": _("Completed"),
        "withdrawn": _("Withdrawn"),
        "completion_rate": _("Completion rate"),
    }

    def get_filename(self):
        return f"{self.filename_prefix}-{timezone.localdate():%Y-%m-%d}"


class CourseReportFilterSet(WagtailFilterSet):
    level = django_filters.ChoiceFilter(label=_("Level"), choices=Level.choices)
    category = django_filters.ModelChoiceFilter(label=_("Category"), queryset=SkillCategory.objects.all())

    class Meta:
        model = CoursePage
        fields = ["level", "category"]


class CourseEnrolmentReportView(EnrolmentReportMixin, ReportView):
    """Each course: enrolments by status and completion rate."""

    page_title = _("Enrolments by course")
    header_icon = "list-ul"
    index_url_name = "courses_reports:courses"
    index_results_url_name = "courses_reports:courses_results"
    filterset_class = CourseReportFilterSet
    filename_prefix = "enrolments-by-course"
    list_export = ["title", "level_label", "category", "total", "active", "completed", "withdrawn", "completion_rate"]
    export_headings = {
        **EnrolmentReportMixin.export_headings,
        "title": _("Course"),
        "level_label": _("Level"),
        "category": _("Category"),
    }
    columns = [
        Column("title", label=_("Course")),
        Column("level_label", label=_("Level")),
        Column("category", label=_("Category")),
        Column("total", label=_("Enrolments")),
        Column("active", label=_("Active")),
        Column("completed", label=_("Completed")),
        Column("withdrawn", label=_("Withdrawn")),
        CompletionRateColumn("completion_rate", label=_("Completion rate")),
    ]

    def get_queryset(self):
        return CoursePage.objects.select_related("category").annotate(**enrolment_counts()).order_by("path")

    def decorate_paginated_queryset(self, object_list):
        for row in object_list:
            row.completion_rate = completion_rate(row)
        return object_list

    def to_row_dict(self, item):
        item.completion_rate = completion_rate(item)
        return super().to_row_dict(item)


class CohortReportFilterSet(WagtailFilterSet):
    course = django_filters.ModelChoiceFilter(label=_("Course"), queryset=CoursePage.objects.order_by("title"))

    class Meta:
        model = Cohort
        fields = ["course"]


class CohortEnrolmentReportView(EnrolmentReportMixin, ReportView):
    """Each cohort: its course, dates, members by status and completion rate."""

    page_title = _("Enrolments by cohort")
    header_icon = "group"
    index_url_name = "courses_reports:cohorts"
    index_results_url_name = "courses_reports:cohorts_results"
    filterset_class = CohortReportFilterSet
    filename_prefix = "enrolments-by-cohort"
    list_export = [
        "name",
        "course.title",
        "starts_on",
        "ends_on",
        "total",
        "active",
        "completed",
        "withdrawn",
        "completion_rate",
    ]
    export_headings = {
        **EnrolmentReportMixin.export_headings,
        "name": _("Cohort"),
        "course.title": _("Course"),
        "starts_on": _("Starts on"),
        "ends_on": _("Ends on"),
    }
    columns = [
        Column("name", label=_("Cohort")),
        Column("course", label=_("Course")),
        Column("starts_on", label=_("Starts on")),
        Column("ends_on", label=_("Ends on")),
        Column("total", label=_("Members")),
        Column("active", label=_("Active")),
        Column("completed", label=_("Completed")),
        Column("withdrawn", label=_("Withdrawn")),
        CompletionRateColumn("completion_rate", label=_("Completion rate")),
    ]

    def get_queryset(self):
        return Cohort.objects.select_related("course").annotate(**enrolment_counts()).order_by("course__title", "name")

    def to_row_dict(self, item):
        item.completion_rate = completion_rate(item)
        return super().to_row_dict(item)
