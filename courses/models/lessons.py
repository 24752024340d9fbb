"""Lesson pages: the reading steps of a course."""

from __future__ import annotations

from django.contrib.auth.views import redirect_to_login
from django.db import models
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from ..blocks import LessonBodyBlock
from ..search import bigram_text
from ..steps import CourseStepMixin
from ..syllabus import build_syllabus, neighbours
from .enrolment import Enrollment


class LessonPage(CourseStepMixin, Page):
    """A lesson the learner reads and then marks complete. A free-preview lesson is readable without enrolment."""

    summary = models.TextField(_("summary"), blank=True, max_length=400)
    minutes = models.PositiveSmallIntegerField(
        _("minutes"), default=10, help_text=_("About how long it takes to read.")
    )
    is_preview = models.BooleanField(
        _("free preview"), default=False, help_text=_("Anyone can read this lesson without enrolling.")
    )
    body = StreamField(LessonBodyBlock(), verbose_name=_("body"), blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        MultiFieldPanel(
            [FieldPanel("minutes"), FieldPanel("is_preview"), FieldPanel("is_optional")], heading=_("Settings")
        ),
        FieldPanel("body"),
    ]

    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("body"),
        index.SearchField("search_bigrams"),
        index.FilterField("is_preview"),
    ]

    completion_mode = CourseStepMixin.COMPLETION_MANUAL
    page_description = _("A lesson of a course: text, images, video, code and checklists.")

    class Meta:
        verbose_name = _("lesson")
        verbose_name_plural = _("lessons")

    def body_text(self) -> str:
        """The body's readable text, without markup."""
        return " ".join(self.body.stream_block.get_searchable_content(self.body))

    def search_bigrams(self) -> str:
        """Title, summary and body as character bigrams (see `courses.search`)."""
        return bigram_text(" ".join([self.title, self.summary, self.body_text()]))

    def title_text(self) -> str:
        """The text that anyone may search, enrolled or not: title and summary."""
        return f"{self.title} {self.summary}"

    # Reading --------------------------------------------------------------

    def can_read_without_enrolment(self, request) -> bool:
        """Free previews, editor previews, the course's mentors and people who may edit the page."""
        if self.is_preview or getattr(request, "is_preview", False):
            return True
        user = request.user
        if not user.is_authenticated:
            return False
        if user.is_superuser:
            return True
        course = self.get_course()
        if course is not None and course.mentors.filter(pk=user.pk).exists():
            return True
        return self.permissions_for_user(user).can_edit()

    def serve(self, request, *args, **kwargs):
        """Enrolled learners read the lesson (and the view is recorded). Others see it locked:
        anonymous users are sent to log in, logged-in users get the course's enrol button (403)."""
        course = self.get_course()
        self._enrollment = (
            Enrollment.objects.active_for(request.user, course) if course is not None and self.pk else None
        )
        if self._enrollment is None and not self.can_read_without_enrolment(request):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            return TemplateResponse(
                request,
                "courses/lesson_locked.html",
                {"page": self, "self": self, "course": course, "request": request},
                status=403,
            )
        if self._enrollment is not None:
            self._enrollment.course = course
            if not getattr(request, "is_preview", False):
                self._enrollment.record_view(self)
        return super().serve(request, *args, **kwargs)

    def get_context(self, request, *args, **kwargs):
        """The lesson with its course's syllabus (done / current / to do), previous and next step."""
        context = super().get_context(request, *args, **kwargs)
        course = self.get_course()
        enrollment = getattr(self, "_enrollment", None)
        steps = course.get_steps() if course is not None else []
        done = enrollment.completed_step_ids() if enrollment is not None else set()
        previous_step, next_step = neighbours(steps, self)
        context.update(
            catalog=course.get_parent() if course is not None else None,
            course=course,
            enrollment=enrollment,
            is_enrolled=enrollment is not None,
            is_complete=self.pk in done,
            syllabus=build_syllabus(steps, done, self.pk, request),
            previous_step=previous_step,
            next_step=next_step,
            step_number=next((i for i, step in enumerate(steps, start=1) if step.pk == self.pk), None),
            step_count=len(steps),
        )
        return context
