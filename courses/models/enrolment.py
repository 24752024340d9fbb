"""Cohorts, enrolments, progress through steps and certificates.

State changes happen only through the named methods of `Enrollment`
(`Enrollment.objects.enroll`, `withdraw`, `reactivate`, `complete`), each
atomic, checked against `Enrollment.TRANSITIONS`, logged as an
`EnrollmentEvent` and signalled (`courses.signals`).
"""

from __future__ import annotations

import secrets
from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, models, transaction
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page

from .. import signals
from ..exceptions import (
    AlreadyEnrolled,
    CohortClosed,
    EnrolmentClosed,
    InvalidCohortKey,
    InvalidTransition,
    NotEnrolled,
    PrerequisitesMissing,
)
from ..steps import get_step_models
from ..utils import display_name, normalize_key
from .taxonomy import Level

# Crockford's base 32 without I, L, O, U: nothing to misread on paper.
CODE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"


def new_certificate_code() -> str:
    """A short unguessable code (60 random bits) like "7KQ2-MX9D-4RTA"."""
    raw = "".join(secrets.choice(CODE_ALPHABET) for _ in range(12))
    return f"{raw[:4]}-{raw[4:8]}-{raw[8:]}"


def new_invite_code() -> str:
    return secrets.token_urlsafe(18)


class Cohort(models.Model):
    """A seminar batch of one course: dates, mentors, and a key or invite link to join."""

    course = models.ForeignKey(
        "courses.CoursePage", verbose_name=_("course"), on_delete=models.CASCADE, related_name="cohorts"
    )
    name = models.CharField(_("name"), max_length=120)
    starts_on = models.DateField(_("starts on"), null=True, blank=True)
    ends_on = models.DateField(_("ends on"), null=True, blank=True)
    enrolment_key = models.CharField(
        _("enrolment key"),
        max_length=64,
        blank=True,
        help_text=_("Learners type this to join. Leave empty to allow joining only through the invite link."),
    )
    invite_code = models.CharField(
        _("invite code"), max_length=32, unique=True, default=new_invite_code, editable=False
    )
    is_open = models.BooleanField(_("accepting members"), default=True)
    mentors = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("mentors"), blank=True, related_name="mentored_cohorts"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        ordering = ["-starts_on", "name"]
        verbose_name = _("cohort")
        verbose_name_plural = _("cohorts")

    def __str__(self) -> str:
        return self.name

    def get_invite_url(self) -> str:
        return reverse("courses:cohort_invite", kwargs={"code": self.invite_code})

    def accepts_members(self, today=None) -> bool:
        """Open, and not yet ended."""
        today = today or timezone.localdate()
        return self.is_open and (self.ends_on is None or self.ends_on >= today)

    def key_matches(self, key: str | None) -> bool:
        """Whether `key` is this cohort's enrolment key (ignoring case, width and surrounding spaces)."""
        if not self.enrolment_key or not key:
            return False
        return secrets.compare_digest(normalize_key(key), normalize_key(self.enrolment_key))

    def regenerate_invite_code(self) -> None:
        """Invalidate the old invite link."""
        self.invite_code = new_invite_code()
        self.save(update_fields=["invite_code"])

    @property
    def member_count(self) -> int:
        return self.enrollments.exclude(status=Enrollment.Status.WITHDRAWN).count()


class EnrollmentQuerySet(models.QuerySet):
    def current(self):
        """Active or completed: the learner is (or was, to the end) in the course."""
        return self.filter(status__in=[Enrollment.Status.ACTIVE, Enrollment.Status.COMPLETED])

    def for_user(self, user):
        if not getattr(user, "is_authenticated", False):
            return self.none()
        return self.filter(user=user)

    def active_for(self, user, course) -> Enrollment | None:
        """The user's current (active or completed) enrolment in `course`, or None."""
        if not getattr(user, "is_authenticated", False):
            return None
        return self.current().filter(user=user, course=course).select_related("cohort").first()

    def prefetch_steps(self, enrollments) -> None:
        """Load the live steps of every enrolment's course and each learner's completed steps.

        A fixed number of queries (one for the pages, one per step type, one for
        progress), however many enrolments; afterwards `course.get_steps()`,
        `completed_step_ids()` and `get_resume_step()` make no queries.
        """
        enrollments = list(enrollments)
        courses = {enrollment.course.path: enrollment.course for enrollment in enrollments}
        if not courses:
            return
        for course in courses.values():
            course._steps_cache = []
        in_courses = Q()
        for path, course in courses.items():
            in_courses |= Q(path__startswith=path, depth=course.depth + 1)
        steps = (
            Page.objects.filter(in_courses)
            .live()
            .type(*get_step_models())
            .order_by("path")
            .defer_streamfields()
            .specific()
        )
        for step in steps:
            course = courses[step.path[: -step.steplen]]
            step.set_course(course)
            course._steps_cache.append(step)
        completed: dict[int, set[int]] = {enrollment.pk: set() for enrollment in enrollments}
        rows = StepProgress.objects.filter(enrollment__in=enrollments, completed_at__isnull=False)
        for enrollment_id, step_id in rows.values_list("enrollment_id", "step_id"):
            completed[enrollment_id].add(step_id)
        for enrollment in enrollments:
            enrollment._completed_ids = completed[enrollment.pk]

    def course_ids_for(self, user) -> set[int]:
        """Ids of the courses the user is currently enrolled in (one query)."""
        return set(self.for_user(user).current().values_list("course_id", flat=True))


class EnrollmentManager(models.Manager.from_queryset(EnrollmentQuerySet)):
    @transaction.atomic
    def enroll(self, user, course, *, cohort=None, enrolment_key: str | None = None, via_invite: bool = False):
        """Enrol `user` in `course`, or re-enrol after a withdrawal keeping all progress.

        Joining a cohort needs its enrolment key, or `via_invite=True` when the
        learner came through the cohort's invite link. Raises `EnrolmentClosed`,
        `InvalidCohortKey`, `CohortClosed`, `PrerequisitesMissing` (policy
        "require") or `AlreadyEnrolled`. Returns the enrolment.
        """
        if not getattr(user, "is_authenticated", False):
            raise NotEnrolled(_("Log in to enrol."))
        if not course.live:
            raise EnrolmentClosed()
        if cohort is not None:
            if cohort.course_id != course.pk:
                raise InvalidCohortKey()
            if not via_invite and not cohort.key_matches(enrolment_key):
                raise InvalidCohortKey()
            if not cohort.accepts_members():
                raise CohortClosed()
        elif not course.open_enrolment:
            raise EnrolmentClosed(_("This course is open only to members of a cohort. Enter your enrolment key."))

        existing = self.select_for_update().filter(user=user, course=course).first()
        if existing is not None:
            if existing.status == Enrollment.Status.WITHDRAWN:
                self._check_prerequisites(user, course)
                return existing.reactivate(cohort=cohort)
            if cohort is not None and existing.cohort_id != cohort.pk:
                existing.join_cohort(cohort)
                return existing
            raise AlreadyEnrolled()

        self._check_prerequisites(user, course)
        try:
            with transaction.atomic():
                enrollment = self.create(user=user, course=course, cohort=cohort, status=Enrollment.Status.ACTIVE)
        except IntegrityError as error:  # a second request of the same learner won the race
            raise AlreadyEnrolled() from error
        type(course).objects.filter(pk=course.pk).update(enrolment_count=F("enrolment_count") + 1)
        enrollment.recompute_progress()
        enrollment.log("enrol", "", Enrollment.Status.ACTIVE, actor=user)
        signals.enrolled.send(sender=Enrollment, enrollment=enrollment, cohort=cohort)
        return enrollment

    @staticmethod
    def _check_prerequisites(user, course) -> None:
        if course.prerequisites_required():
            missing = course.get_missing_prerequisites(user)
            if missing:
                raise PrerequisitesMissing(missing)


class Enrollment(models.Model):
    """A learner in a course: status, dates, the last step visited and progress counts."""

    class Status(models.TextChoices):
        ACTIVE = "active", _("Active")
        COMPLETED = "completed", _("Completed")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    # action -> (states it may start from, state it ends in)
    TRANSITIONS = {
        "withdraw": ({Status.ACTIVE}, Status.WITHDRAWN),
        "reactivate": ({Status.WITHDRAWN}, Status.ACTIVE),
        "complete": ({Status.ACTIVE}, Status.COMPLETED),
    }

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("learner"), on_delete=models.CASCADE, related_name="enrollments"
    )
    course = models.ForeignKey(
        "courses.CoursePage", verbose_name=_("course"), on_delete=models.PROTECT, related_name="enrollments"
    )
    cohort = models.ForeignKey(
        Cohort,
        verbose_name=_("cohort"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="enrollments",
    )
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.ACTIVE)
    enrolled_at = models.DateTimeField(_("enrolled at"), default=timezone.now)
    completed_at = models.DateTimeField(_("completed at"), null=True, blank=True)
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)
    last_step = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("last step visited"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    last_visited_at = models.DateTimeField(_("last visited at"), null=True, blank=True)
    # Denormalised by `recompute_progress()`, so lists show progress without counting.
    steps_required = models.PositiveIntegerField(_("required steps"), default=0)
    steps_completed = models.PositiveIntegerField(_("required steps completed"), default=0)

    objects = EnrollmentManager()

    class Meta:
        verbose_name = _("enrolment")
        verbose_name_plural = _("enrolments")
        ordering = ["-enrolled_at"]
        constraints = [models.UniqueConstraint(fields=["user", "course"], name="courses_enrollment_unique_learner")]
        indexes = [
            models.Index(fields=["course", "status"], name="courses_enr_course_status"),
            models.Index(fields=["user", "status"], name="courses_enr_user_status"),
        ]

    def __str__(self) -> str:
        return f"{display_name(self.user)} – {self.course}"

    # Reading --------------------------------------------------------------

    @property
    def is_active(self) -> bool:
        return self.status == self.Status.ACTIVE

    @property
    def is_completed(self) -> bool:
        return self.status == self.Status.COMPLETED

    @property
    def is_withdrawn(self) -> bool:
        return self.status == self.Status.WITHDRAWN

    @property
    def progress_percent(self) -> int:
        """Required steps complete / required steps, as a whole percentage (100 when completed)."""
        if self.is_completed:
            return 100
        if not self.steps_required:
            return 0
        return min(100, self.steps_completed * 100 // self.steps_required)

    def completed_step_ids(self) -> set[int]:
        """Ids of the steps this learner has completed (one query, cached)."""
        if not hasattr(self, "_completed_ids"):
            self._completed_ids = set(
                self.step_progress.filter(completed_at__isnull=False).values_list("step_id", flat=True)
            )
        return self._completed_ids

    def get_resume_step(self, steps=None):
        """ "Continue where you left off": the first incomplete step after the last one visited,
        else the first incomplete step, else the last step visited, else the first step."""
        steps = steps if steps is not None else self.course.get_steps()
        if not steps:
            return None
        done = self.completed_step_ids()
        ids = [step.pk for step in steps]
        start = ids.index(self.last_step_id) if self.last_step_id in ids else -1
        if start >= 0 and steps[start].pk not in done:
            return steps[start]
        for step in steps[start + 1 :] + steps[: start + 1]:
            if step.pk not in done:
                return step
        return steps[start] if start >= 0 else steps[0]

    def get_certificate(self):
        try:
            return self.certificate
        except Certificate.DoesNotExist:
            return None

    # Changing -------------------------------------------------------------

    def log(self, action: str, from_status: str, to_status: str, *, actor=None, note: str = "") -> None:
        EnrollmentEvent.objects.create(
            enrollment=self,
            action=action,
            from_status=from_status,
            to_status=to_status,
            actor=actor if getattr(actor, "is_authenticated", False) else None,
            note=note,
        )

    def _move(self, action: str, *, actor=None) -> str:
        allowed_from, to_status = self.TRANSITIONS[action]
        if self.status not in allowed_from:
            raise InvalidTransition()
        from_status = self.status
        self.status = to_status
        self.log(action, from_status, to_status, actor=actor)
        return from_status

    @transaction.atomic
    def withdraw(self, *, actor=None) -> Enrollment:
        """Leave the course. Progress is kept for a later re-enrolment."""
        self._move("withdraw", actor=actor or self.user)
        self.withdrawn_at = timezone.now()
        self.save(update_fields=["status", "withdrawn_at"])
        type(self.course).objects.filter(pk=self.course_id, enrolment_count__gt=0).update(
            enrolment_count=F("enrolment_count") - 1
        )
        signals.withdrawn.send(sender=Enrollment, enrollment=self)
        return self

    @transaction.atomic
    def reactivate(self, *, cohort=None, actor=None) -> Enrollment:
        """Come back after a withdrawal. Earlier progress counts again."""
        self._move("reactivate", actor=actor or self.user)
        self.withdrawn_at = None
        if cohort is not None:
            self.cohort = cohort
        self.save(update_fields=["status", "withdrawn_at", "cohort"])
        type(self.course).objects.filter(pk=self.course_id).update(enrolment_count=F("enrolment_count") + 1)
        signals.enrolled.send(sender=Enrollment, enrollment=self, cohort=self.cohort)
        self.recompute_progress()
        return self

    @transaction.atomic
    def join_cohort(self, cohort, *, actor=None) -> Enrollment:
        """Move into `cohort` (of the same course). The caller has checked the key."""
        if cohort.course_id != self.course_id:
            raise InvalidCohortKey()
        self.cohort = cohort
        self.save(update_fields=["cohort"])
        self.log("join_cohort", self.status, self.status, actor=actor or self.user, note=cohort.name)
        return self

    # A repeat view of the same step rewrites the enrolment's `last_visited_at` at most this often.
    VISIT_RESOLUTION = timedelta(minutes=5)

    def step_progress_by_step(self) -> dict[int, StepProgress]:
        """This enrolment's progress rows by step id (one query, cached; also fills `completed_step_ids`)."""
        if not hasattr(self, "_progress_by_step"):
            rows = self.step_progress.only(
                "pk", "enrollment_id", "step_id", "first_viewed_at", "last_viewed_at", "completed_at"
            )
            self._progress_by_step = {row.step_id: row for row in rows}
            self._completed_ids = {
                step_id for step_id, row in self._progress_by_step.items() if row.completed_at is not None
            }
        return self._progress_by_step

    def record_view(self, step) -> StepProgress:
        """The learner opened `step`: stamp first/last viewed and remember it as the last step.

        A repeat view costs one UPDATE (the step's `last_viewed_at`); the enrolment row is written only
        when the last step changes or its `last_visited_at` is older than `VISIT_RESOLUTION`.
        """
        now = timezone.now()
        progress = self.step_progress_by_step().get(step.pk)
        if progress is not None and StepProgress.objects.filter(pk=progress.pk).update(last_viewed_at=now):
            progress.last_viewed_at = now
        else:
            with transaction.atomic():
                progress, created = StepProgress.objects.get_or_create(
                    enrollment=self, step_id=step.pk, defaults={"first_viewed_at": now, "last_viewed_at": now}
                )
                if not created:
                    StepProgress.objects.filter(pk=progress.pk).update(last_viewed_at=now)
                    progress.last_viewed_at = now
            self._progress_by_step[step.pk] = progress
            if progress.completed_at is not None:
                self._completed_ids.add(step.pk)
        if (
            self.last_step_id != step.pk
            or self.last_visited_at is None
            or now - self.last_visited_at >= self.VISIT_RESOLUTION
        ):
            type(self).objects.filter(pk=self.pk).update(last_step_id=step.pk, last_visited_at=now)
            self.last_step_id, self.last_visited_at = step.pk, now
        signals.step_viewed.send(sender=StepProgress, progress=progress, enrollment=self, step=step)
        return progress

    @transaction.atomic
    def complete_step(self, step, *, user=None) -> StepProgress:
        """Mark `step` complete (once), then recount; the last required step completes the course."""
        now = timezone.now()
        progress, _created = StepProgress.objects.get_or_create(
            enrollment=self, step_id=step.pk, defaults={"first_viewed_at": now, "last_viewed_at": now}
        )
        if progress.completed_at is None:
            progress.completed_at = now
            progress.save(update_fields=["completed_at"])
            if hasattr(self, "_completed_ids"):
                self._completed_ids.add(step.pk)
            if hasattr(self, "_progress_by_step"):
                self._progress_by_step[step.pk] = progress
            signals.step_completed.send(
                sender=StepProgress, progress=progress, enrollment=self, step=step, user=user or self.user
            )
            self.recompute_progress()
        return progress

    @transaction.atomic
    def uncomplete_step(self, step) -> StepProgress | None:
        """Undo a completion. A completed enrolment stays completed: its certificate stands."""
        progress = StepProgress.objects.filter(enrollment=self, step_id=step.pk).first()
        if progress is not None and progress.completed_at is not None:
            progress.completed_at = None
            progress.save(update_fields=["completed_at"])
            if hasattr(self, "_completed_ids"):
                self._completed_ids.discard(step.pk)
            if hasattr(self, "_progress_by_step"):
                self._progress_by_step[step.pk] = progress
            self.recompute_progress()
        return progress

    @transaction.atomic
    def complete(self) -> Certificate:
        """Every required step is done: mark the enrolment completed and issue its one certificate."""
        self._move("complete", actor=None)
        self.completed_at = timezone.now()
        self.save(update_fields=["status", "completed_at"])
        certificate = Certificate.issue(self)
        signals.course_completed.send(sender=Enrollment, enrollment=self, certificate=certificate)
        return certificate

    def recompute_progress(self, *, required_ids: list[int] | None = None) -> Enrollment:
        """Count required steps and completed ones again; complete the enrolment when all are done."""
        if required_ids is None:
            required_ids = [step.pk for step in self.course.get_required_steps()]
        completed = self.step_progress.filter(step_id__in=required_ids, completed_at__isnull=False).count()
        changed = (self.steps_required, self.steps_completed) != (len(required_ids), completed)
        self.steps_required, self.steps_completed = len(required_ids), completed
        if changed:
            self.save(update_fields=["steps_required", "steps_completed"])
        if self.is_active and required_ids and completed >= len(required_ids):
            self.complete()
        return self


class EnrollmentEvent(models.Model):
    """One line of an enrolment's history: enrol, withdraw, reactivate, complete, join a cohort."""

    enrollment = models.ForeignKey(Enrollment, on_delete=models.CASCADE, related_name="events")
    action = models.CharField(_("action"), max_length=32)
    from_status = models.CharField(_("from"), max_length=16, blank=True)
    to_status = models.CharField(_("to"), max_length=16, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    note = models.CharField(_("note"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("at"), default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("enrolment event")
        verbose_name_plural = _("enrolment events")

    def __str__(self) -> str:
        return f"{self.action}: {self.from_status} → {self.to_status}"


class StepProgress(models.Model):
    """A learner's progress on one step: when first and last viewed, when completed."""

    enrollment = models.ForeignKey(Enrollment, on_delete=models.CASCADE, related_name="step_progress")
    step = models.ForeignKey("wagtailcore.Page", verbose_name=_("step"), on_delete=models.CASCADE, related_name="+")
    first_viewed_at = models.DateTimeField(_("first viewed at"), null=True, blank=True)
    last_viewed_at = models.DateTimeField(_("last viewed at"), null=True, blank=True)
    completed_at = models.DateTimeField(_("completed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("step progress")
        verbose_name_plural = _("step progress")
        constraints = [models.UniqueConstraint(fields=["enrollment", "step"], name="courses_stepprogress_unique")]

    def __str__(self) -> str:
        return f"{self.enrollment_id}/{self.step_id}"

    @property
    def is_complete(self) -> bool:
        return self.completed_at is not None


class Certificate(models.Model):
    """Proof that a learner completed a course. Issued once per enrolment; verifiable by its code."""

    enrollment = models.OneToOneField(Enrollment, on_delete=models.CASCADE, related_name="certificate")
    code = models.CharField(_("code"), max_length=16, unique=True, default=new_certificate_code, editable=False)
    # Copied at issue time, so the certificate reads the same if a name or title changes later.
    learner_name = models.CharField(_("learner"), max_length=255)
    course_title = models.CharField(_("course"), max_length=255)
    course_level = models.PositiveSmallIntegerField(_("level"), null=True, blank=True)
    course_hours = models.PositiveSmallIntegerField(_("hours"), null=True, blank=True)
    issued_at = models.DateTimeField(_("issued at"), default=timezone.now)

    class Meta:
        ordering = ["-issued_at"]
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")

    def __str__(self) -> str:
        return self.code

    def get_absolute_url(self) -> str:
        return reverse("courses:certificate", kwargs={"code": self.code})

    @classmethod
    def issue(cls, enrollment: Enrollment) -> Certificate:
        """The enrolment's certificate, created on the first call only."""
        course = enrollment.course
        certificate, _created = cls.objects.get_or_create(
            enrollment=enrollment,
            defaults={
                "learner_name": display_name(enrollment.user),
                "course_title": course.title,
                "course_level": course.level,
                "course_hours": course.hours,
            },
        )
        return certificate

    def get_print_url(self) -> str:
        return reverse("courses:certificate_print", kwargs={"code": self.code})

    @property
    def level_label(self) -> str:
        return Level(self.course_level).label if self.course_level else ""
