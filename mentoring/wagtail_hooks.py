"""Admin integration: mentor profiles and scopes (staff manage them), and the mentoring reports."""

from __future__ import annotations

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.admin.widgets import AdminPageChooser
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from courses.models import CoursePage

from .models import MentorProfile, MentorScope
from .reports import MentorWorkloadReportView, ReviewReportView

MentorScope.panels = [
    FieldRowPanel([FieldPanel("course", widget=AdminPageChooser(target_models=[CoursePage])), FieldPanel("cohort")])
]


class MentorProfileViewSet(SnippetViewSet):
    """Staff create a profile for each mentor and give it scopes: courses, optionally one cohort each."""

    model = MentorProfile
    icon = "user"
    menu_label = _("Mentors")
    menu_name = "mentors"
    menu_order = 260
    add_to_admin_menu = True
    list_display = ["user", "display_name", "scope_summary", "capacity", "accepting", "notify"]
    list_filter = ["accepting", "notify"]
    search_fields = ["display_name", "specialties"]
    panels = [
        FieldPanel("user"),
        MultiFieldPanel(
            [FieldPanel("display_name"), FieldPanel("bio"), FieldPanel("specialties")], heading=_("Shown to learners")
        ),
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("capacity"), FieldPanel("accepting")]), FieldPanel("notify")],
            heading=_("Work"),
        ),
        InlinePanel("scopes", heading=_("Scope: the courses (and cohorts) this mentor reviews"), label=_("Scope")),
    ]

    def get_queryset(self, request):
        return MentorProfile.objects.select_related("user").prefetch_related("scopes__course", "scopes__cohort")


register_snippet(MentorProfileViewSet)


report_urls = (
    [
        path("reviews/", ReviewReportView.as_view(), name="reviews"),
        path("reviews/results/", ReviewReportView.as_view(results_only=True), name="reviews_results"),
        path("workload/", MentorWorkloadReportView.as_view(), name="workload"),
        path("workload/results/", MentorWorkloadReportView.as_view(results_only=True), name="workload_results"),
    ],
    "mentoring_reports",
)


@hooks.register("register_admin_urls")
def register_report_urls():
    return [path("reports/mentoring/", include(report_urls))]


class PermissionMenuItem(MenuItem):
    def __init__(self, *args, permission: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.permission = permission

    def is_shown(self, request):
        return request.user.has_perm(self.permission)


@hooks.register("register_reports_menu_item")
def register_review_report_menu_item():
    return PermissionMenuItem(
        _("Released reviews"),
        reverse("mentoring_reports:reviews"),
        icon_name="tasks",
        order=1100,
        permission="mentoring.view_review",
    )


@hooks.register("register_reports_menu_item")
def register_workload_report_menu_item():
    return PermissionMenuItem(
        _("Mentor workload"),
        reverse("mentoring_reports:workload"),
        icon_name="group",
        order=1101,
        permission="mentoring.view_mentorprofile",
    )
