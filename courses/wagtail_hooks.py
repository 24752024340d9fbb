"""Admin integration of the courses app: categories and cohorts as snippets, reports, safe deletion."""

from __future__ import annotations

from django.contrib import messages
from django.db.models import Count, Q
from django.shortcuts import redirect
from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail import hooks
from wagtail.admin.menu import AdminOnlyMenuItem
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, ObjectList, TabbedInterface
from wagtail.admin.ui.tables import Column
from wagtail.admin.widgets import AdminPageChooser
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import Cohort, CoursePage, Enrollment, SkillCategory
from .panels import CohortMembersPanel
from .reports import CohortEnrolmentReportView, CourseEnrolmentReportView


class SkillCategoryViewSet(SnippetViewSet):
    model = SkillCategory
    icon = "tag"
    menu_label = _("Skill categories")
    list_display = ["name", "slug", "sort_order"]
    search_fields = ["name", "description"]
    ordering = ["sort_order", "name"]


class CohortViewSet(SnippetViewSet):
    """Staff create cohorts, hand out the key or invite link, and see who joined."""

    model = Cohort
    icon = "group"
    menu_label = _("Cohorts")
    list_display = [
        "name",
        "course",
        "starts_on",
        "ends_on",
        Column("member_count_annotated", label=_("Members")),
        "is_open",
    ]
    list_filter = ["course", "is_open"]
    search_fields = ["name"]
    inspect_view_enabled = True
    inspect_view_fields = ["name", "course", "starts_on", "ends_on", "enrolment_key", "is_open", "mentors"]

    edit_handler = TabbedInterface(
        [
            ObjectList(
                [
                    FieldPanel("name"),
                    FieldPanel("course", widget=AdminPageChooser(target_models=[CoursePage])),
                    FieldRowPanel([FieldPanel("starts_on"), FieldPanel("ends_on")]),
                    MultiFieldPanel([FieldPanel("enrolment_key"), FieldPanel("is_open")], heading=_("Joining")),
                    FieldPanel("mentors"),
                ],
                heading=_("Cohort"),
            ),
            ObjectList([CohortMembersPanel(heading=_("Members"))], heading=_("Members")),
        ]
    )

    def get_queryset(self, request):
        return Cohort.objects.select_related("course").annotate(
            member_count_annotated=Count("enrollments", filter=~Q(enrollments__status=Enrollment.Status.WITHDRAWN))
        )


class LearningViewSetGroup(SnippetViewSetGroup):
    items = (CohortViewSet, SkillCategoryViewSet)
    menu_icon = "group"
    menu_label = _("Learning")
    menu_name = "learning"
    menu_order = 250


register_snippet(LearningViewSetGroup)


# Reports ---------------------------------------------------------------------

report_urls = (
    [
        path("courses/", CourseEnrolmentReportView.as_view(), name="courses"),
        path("courses/results/", CourseEnrolmentReportView.as_view(results_only=True), name="courses_results"),
        path("cohorts/", CohortEnrolmentReportView.as_view(), name="cohorts"),
        path("cohorts/results/", CohortEnrolmentReportView.as_view(results_only=True), name="cohorts_results"),
    ],
    "courses_reports",
)


@hooks.register("register_admin_urls")
def register_report_urls():
    return [path("reports/learning/", include(report_urls))]


class EnrolmentReportMenuItem(AdminOnlyMenuItem):
    def is_shown(self, request):
        return request.user.has_perm("courses.view_enrollment")


@hooks.register("register_reports_menu_item")
def register_course_report_menu_item():
    return EnrolmentReportMenuItem(
        _("Enrolments by course"), reverse("courses_reports:courses"), icon_name="list-ul", order=1000
    )


@hooks.register("register_reports_menu_item")
def register_cohort_report_menu_item():
    return EnrolmentReportMenuItem(
        _("Enrolments by cohort"), reverse("courses_reports:cohorts"), icon_name="group", order=1001
    )


# Deleting a course with learners ---------------------------------------------


@hooks.register("before_delete_page")
def refuse_deleting_courses_with_learners(request, page):
    """Learners' enrolments and certificates hang on a course: unpublish it instead of deleting."""
    courses = CoursePage.objects.descendant_of(page, inclusive=True)
    enrolled = Enrollment.objects.filter(course__in=courses).count()
    if enrolled:
        messages.error(
            request,
            ngettext(
                "“%(title)s” cannot be deleted: %(count)d learner is enrolled. Unpublish it instead.",
                "“%(title)s” cannot be deleted: %(count)d learners are enrolled. Unpublish it instead.",
                enrolled,
            )
            % {"title": page.get_admin_display_title(), "count": enrolled},
        )
        return redirect("wagtailadmin_pages:edit", page.pk)
    return None
