"""Course pages and their tags."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from ..blocks import OutcomesBlock
from ..forms import EnrolForm
from ..search import bigram_text
from ..steps import get_step_models, is_step_model
from ..syllabus import build_syllabus
from .enrolment import Enrollment
from .taxonomy import Level, PrerequisitePolicy, SkillCategory


class CoursePageTag(TaggedItemBase):
    content_object = ParentalKey("courses.CoursePage", on_delete=models.CASCADE, related_name="tagged_items")

    class Meta:
        verbose_name = _("course tag")
        verbose_name_plural = _("course tags")


class CoursePage(Page):
    """A course: its steps are its child pages (lessons and registered step types) in tree order."""

    summary = models.TextField(_("summary"), max_length=400, help_text=_("One or two sentences for the catalog card."))
    level = models.PositiveSmallIntegerField(_("level"), choices=Level.choices, default=Level.INTRODUCTORY)
    category = models.ForeignKey(
        SkillCategory,
        verbose_name=_("category"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="courses",
    )
    tags = ClusterTaggableManager(through=CoursePageTag, blank=True, verbose_name=_("tags"))
    hours = models.PositiveSmallIntegerField(_("hours"), default=1, help_text=_("About how long the course takes."))
    cover_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("cover image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    description = RichTextField(_("description"), blank=True, features=["h3", "bold", "italic", "ol", "ul", "link"])
    outcomes = StreamField(OutcomesBlock(), verbose_name=_("learning outcomes"), blank=True)
    prerequisites = ParentalManyToManyField(
        "self",
        verbose_name=_("prerequisites"),
        blank=True,
        symmetrical=False,
        related_name="required_by",
    )
    prerequisite_policy = models.CharField(
        _("prerequisite policy"),
        max_length=16,
        choices=PrerequisitePolicy.choices,
        default=PrerequisitePolicy.RECOMMEND,
    )
    mentors = ParentalManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("mentors"), blank=True, related_name="mentored_courses"
    )
    open_enrolment = models.BooleanField(
        _("open enrolment"),
        default=True,
        help_text=_("Anyone can enrol. Without it, learners join through a cohort's key or invite link."),
    )
    # Kept up to date by `courses.progress` so that the catalog sorts by popularity without counting.
    enrolment_count = models.PositiveIntegerField(_("enrolments"), default=0, editable=False)

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        MultiFieldPanel(
            [FieldPanel("level"), FieldPanel("category"), FieldPanel("tags"), FieldPanel("hours")],
            heading=_("Classification"),
        ),
        FieldPanel("cover_image"),
        FieldPanel("description"),
        FieldPanel("outcomes"),
        MultiFieldPanel(
            [FieldPanel("prerequisites"), FieldPanel("prerequisite_policy")],
            heading=_("Prerequisites"),
        ),
        MultiFieldPanel([FieldPanel("mentors"), FieldPanel("open_enrolment")], heading=_("People")),
    ]

    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("description"),
        index.SearchField("search_bigrams"),
        index.RelatedFields("tags", [index.SearchField("name")]),
        index.FilterField("level"),
        index.FilterField("category"),
    ]

    parent_page_types = ["courses.CourseIndexPage"]
    page_description = _("A course. Lessons and other steps are created under it.")

    class Meta:
        verbose_name = _("course")
        verbose_name_plural = _("courses")

    def save(self, *args, **kwargs):
        result = super().save(*args, **kwargs)
        # The search index is written on post_save, before modelcluster commits the
        # tags; write it once more so that the tags are searchable at once.
        if not kwargs.get("update_fields"):
            index.insert_or_update_object(self)
        return result

    @classmethod
    def clean_subpage_models(cls):
        """Lessons and every step type registered with `courses.steps.register_step_type`.

        Resolved on each call (not cached) because other apps register in
        their `ready()`, after this class is created.
        """
        return get_step_models()

    def search_bigrams(self) -> str:
        """Title, summary and tags as character bigrams, so that Japanese words are found inside
        unspaced text (see `courses.search`)."""
        parts = [self.title, self.summary]
        parts.extend(tag.name for tag in self.tags.all())
        return bigram_text(" ".join(parts))

    @property
    def level_label(self) -> str:
        return Level(self.level).label

    # Steps ----------------------------------------------------------------

    def get_steps(self, *, live_only: bool = True) -> list[Page]:
        """The course's steps, as specific pages in tree order, without their StreamFields.

        One query per step type, however many steps. Each step knows its
        course already (no query for `get_course()`).
        """
        cached = getattr(self, "_steps_cache", None)
        if cached is not None and live_only:
            return cached
        if self.pk is None:  # a new course in an admin preview has no steps yet
            return []
        queryset = Page.objects.child_of(self).type(*get_step_models()).order_by("path")
        if live_only:
            queryset = queryset.live()
        # A step whose specific row is gone (mid-deletion) comes back as a plain Page: skip it.
        steps = [step for step in queryset.defer_streamfields().specific(defer=False) if is_step_model(type(step))]
        for step in steps:
            step.set_course(self)
        if live_only:
            self._steps_cache = steps
        return steps

    def clear_steps_cache(self) -> None:
        """Forget the steps loaded by `get_steps()`, after the course's children changed."""
        self.__dict__.pop("_steps_cache", None)

    def get_required_steps(self) -> list[Page]:
        """The live steps that count towards completion."""
        return [step for step in self.get_steps() if step.is_step_required()]

    def get_first_step(self):
        steps = self.get_steps()
        return steps[0] if steps else None

    def get_preview_lessons(self) -> list[Page]:
        return [step for step in self.get_steps() if getattr(step, "is_preview", False)]

    # Enrolment ------------------------------------------------------------

    def get_missing_prerequisites(self, user) -> list[CoursePage]:
        """Prerequisite courses the user has not completed, in title order."""
        prerequisites = self.prerequisites.all()
        if isinstance(prerequisites, models.QuerySet):
            prerequisites = list(prerequisites.live().order_by("title"))
        else:  # an admin preview: the editor's unsaved choice, in memory
            prerequisites = sorted((page for page in prerequisites if page.live), key=lambda page: page.title)
        if not prerequisites:
            return []
        if not user.is_authenticated:
            return prerequisites
        completed = set(
            Enrollment.objects.filter(
                user=user, course__in=prerequisites, status=Enrollment.Status.COMPLETED
            ).values_list("course_id", flat=True)
        )
        return [course for course in prerequisites if course.pk not in completed]

    def prerequisites_required(self) -> bool:
        return self.prerequisite_policy == PrerequisitePolicy.REQUIRE

    def enroll(self, user, *, cohort=None, enrolment_key: str | None = None, via_invite: bool = False):
        """Enrol `user` (or re-enrol after a withdrawal, keeping progress). See `Enrollment.objects.enroll`."""
        return Enrollment.objects.enroll(user, self, cohort=cohort, enrolment_key=enrolment_key, via_invite=via_invite)

    def get_enrollment_for(self, user) -> Enrollment | None:
        """The user's enrolment in this course in any status (withdrawn included), or None."""
        if self.pk is None or not getattr(user, "is_authenticated", False):
            return None
        enrollment = Enrollment.objects.filter(user=user, course=self).select_related("cohort").first()
        if enrollment is not None:
            enrollment.course = self
        return enrollment

    def get_mentors(self) -> list:
        """The course's mentors with their profiles (avatars). In a preview, the unsaved choice."""
        mentors = self.mentors.all()
        if isinstance(mentors, models.QuerySet):
            mentors = mentors.select_related("wagtail_userprofile").order_by("last_name", "first_name", "pk")
        return list(mentors)

    def get_context(self, request, *args, enrol_form=None, missing_prerequisites=None, **kwargs):
        """The course page: syllabus with the learner's state, enrolment form or progress, prerequisites.

        `enrol_form` and `missing_prerequisites` are passed by the enrol view when it shows
        the page again with an error.
        """
        context = super().get_context(request, *args, **kwargs)
        enrollment = self.get_enrollment_for(request.user)
        current = enrollment if enrollment is not None and not enrollment.is_withdrawn else None
        steps = self.get_steps()
        done = enrollment.completed_step_ids() if enrollment is not None else set()
        resume_step = current.get_resume_step(steps) if current is not None else None
        if missing_prerequisites is None and current is None:
            missing_prerequisites = self.get_missing_prerequisites(request.user)
        context.update(
            catalog=self.get_parent() if self.pk else None,
            enrollment=enrollment,
            is_enrolled=current is not None,
            steps=steps,
            syllabus=build_syllabus(steps, done, resume_step.pk if resume_step else None, request),
            resume_step=resume_step,
            total_minutes=sum(getattr(step, "minutes", 0) or 0 for step in steps),
            missing_prerequisites=missing_prerequisites or [],
            prerequisites_block=bool(missing_prerequisites) and self.prerequisites_required(),
            enrol_form=enrol_form or EnrolForm(course=self),
            has_cohorts=bool(self.pk) and current is None and self.cohorts.exists(),
            certificate=enrollment.get_certificate() if enrollment is not None and enrollment.is_completed else None,
            mentors=self.get_mentors(),
        )
        return context
