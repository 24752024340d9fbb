from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MentoringConfig(AppConfig):
    name = "mentoring"
    label = "mentoring"
    verbose_name = _("Mentoring")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from assignments.feedback import register_feedback_panel
        from assignments.permissions import register_reviewer_check
        from courses.dashboard import register_dashboard_panel

        from . import receivers  # noqa: F401 (connects the signal receivers)
        from .dashboard import upcoming_meetups_dashboard_panel
        from .feedback import review_feedback_panel
        from .scopes import in_scope

        register_reviewer_check(in_scope)
        register_feedback_panel(review_feedback_panel)
        register_dashboard_panel(upcoming_meetups_dashboard_panel)
