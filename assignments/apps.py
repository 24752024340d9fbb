from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AssignmentsConfig(AppConfig):
    name = "assignments"
    label = "assignments"
    verbose_name = _("Assignments")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from courses.steps import register_step_type

        from . import receivers  # noqa: F401 (connects the signal receivers)

        register_step_type("assignments.AssignmentPage")
