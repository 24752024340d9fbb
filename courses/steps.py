"""The step registry: which page types can be steps of a course.

A course's steps are its child pages, in tree order. `courses` knows one step
type itself (`courses.LessonPage`); other apps add theirs without `courses`
importing them, from their `AppConfig.ready()`::

    from courses.steps import register_step_type

    class AssignmentsConfig(AppConfig):
        def ready(self):
            register_step_type("assignments.AssignmentPage")

A step page model inherits `CourseStepMixin` before `Page`::

    class AssignmentPage(CourseStepMixin, Page):
        completion_mode = CourseStepMixin.COMPLETION_EXTERNAL

`CoursePage.clean_subpage_models()` returns `LessonPage` plus every registered
type, so the Wagtail admin offers them under a course, and the mixin's
`parent_page_types` keeps steps under courses only.

How progress flows (see `courses.progress`):

- `record_step_view(user, step)` when a learner opens a step;
- `mark_step_complete(user, step)` when a step is done: a learner marks a
  lesson ("manual" mode), or another app completes its own step ("external"
  mode, e.g. assignments when the latest attempt is approved);
- `courses.signals.step_completed` and `course_completed` tell other apps.

This contract is stable: `register_step_type`, `get_step_models`,
`is_step_model`, `CourseStepMixin` (`is_optional`, `get_course()`,
`completion_mode`, `learner_can_mark_complete()`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.apps import apps
from django.db import models
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from wagtail.models import Page

# Model labels ("app_label.ModelName") or model classes, in registration order.
_registry: list[str | type] = ["courses.LessonPage"]


def register_step_type(model_or_label: str | type) -> None:
    """Let `CoursePage` accept pages of this type as course steps.

    Pass a model class or an "app_label.ModelName" string. Call it from your
    app's `AppConfig.ready()`. Registering twice is harmless.
    """
    label = model_or_label if isinstance(model_or_label, str) else model_or_label._meta.label
    if label.lower() not in {_label(entry).lower() for entry in _registry}:
        _registry.append(model_or_label)


def unregister_step_type(model_or_label: str | type) -> None:
    """Remove a step type again (for tests and for sites that want fewer step types)."""
    label = (model_or_label if isinstance(model_or_label, str) else model_or_label._meta.label).lower()
    _registry[:] = [entry for entry in _registry if _label(entry).lower() != label]


def _label(entry: str | type) -> str:
    return entry if isinstance(entry, str) else entry._meta.label


def get_step_models() -> list[type[Page]]:
    """The page models that can be course steps, as model classes, in registration order."""
    result = []
    for entry in _registry:
        model = apps.get_model(entry) if isinstance(entry, str) else entry
        if model not in result:
            result.append(model)
    return result


def is_step_model(model: type) -> bool:
    """True if pages of this model are course steps."""
    return any(issubclass(model, step_model) for step_model in get_step_models())


class CourseStepMixin(models.Model):
    """Abstract base of every course step page model. Inherit it before `Page`.

    Override `completion_mode` (or `get_completion_mode()`) to say who completes
    the step: "manual" (the learner marks it, like a lesson) or "external"
    (another app calls `courses.progress.mark_step_complete`, like an
    assignment once approved).
    """

    COMPLETION_MANUAL = "manual"
    COMPLETION_EXTERNAL = "external"

    completion_mode = COMPLETION_MANUAL

    is_optional = models.BooleanField(
        _("optional step"),
        default=False,
        help_text=_("Optional steps do not count towards completing the course."),
    )

    parent_page_types = ["courses.CoursePage"]
    subpage_types: list[str] = []

    class Meta:
        abstract = True

    def get_course(self):
        """The `CoursePage` this step belongs to (its parent), as a specific page, or None."""
        cached = getattr(self, "_course_cache", None)
        if cached is not None:
            return cached
        course_model = apps.get_model("courses", "CoursePage")
        course = course_model.objects.filter(path=self.path[: -self.steplen]).first() if self.depth > 1 else None
        self._course_cache = course
        return course

    def set_course(self, course) -> None:
        """Tell the step which course it belongs to, to spare a query when a caller already knows."""
        self._course_cache = course

    def get_completion_mode(self) -> str:
        """Who completes this step: "manual" or "external". Defaults to the class's `completion_mode`."""
        return self.completion_mode

    def learner_can_mark_complete(self) -> bool:
        """Whether a learner may mark this step complete themselves."""
        return self.get_completion_mode() == self.COMPLETION_MANUAL

    def is_step_required(self) -> bool:
        """Whether this step counts towards completing the course."""
        return not self.is_optional
