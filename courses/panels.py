"""A read-only admin panel: a cohort's invite link and members."""

from __future__ import annotations

from wagtail.admin.panels import Panel


class CohortMembersPanel(Panel):
    """Shows the invite link and the members (enrolments) of the cohort being edited."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "courses/admin/cohort_members_panel.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            cohort = self.instance
            members = []
            if cohort is not None and cohort.pk:
                members = list(
                    cohort.enrollments.select_related("user").order_by("status", "user__last_name", "user__username")
                )
                context["invite_url"] = self.request.build_absolute_uri(cohort.get_invite_url())
            context.update(cohort=cohort, members=members)
            return context
