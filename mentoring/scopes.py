"""Who reviews what: a mentor's scopes turned into querysets and yes/no answers.

A mentor reviews the submitted work of the courses in their `MentorScope`s; a
scope with a cohort covers only the learners enrolled in that cohort. Staff and
superusers review everything (the rule of `assignments.permissions`). Work
outside a mentor's scope does not exist for them: views answer 404.
"""

from __future__ import annotations

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.db.models.functions import Length, Substr
from wagtail.models import Page

from assignments.models import AssignmentPage, Submission
from courses.models import Enrollment

from .models import MentorProfile, MentorScope

_SCOPES_CACHE = "_mentoring_scopes"
_PROFILE_CACHE = "_mentoring_profile"


def is_staff_reviewer(user) -> bool:
    """Staff and superusers review every submission."""
    return bool(getattr(user, "is_active", False) and (user.is_staff or user.is_superuser))


def get_profile(user) -> MentorProfile | None:
    """The user's mentor profile or None (cached on the user object for the request)."""
    if not getattr(user, "is_authenticated", False):
        return None
    if not hasattr(user, _PROFILE_CACHE):
        setattr(user, _PROFILE_CACHE, MentorProfile.objects.filter(user=user).first())
    return getattr(user, _PROFILE_CACHE)


def get_scopes(user) -> list[MentorScope]:
    """The user's scopes with their course and cohort (one query, cached on the user object)."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return []
    if not hasattr(user, _SCOPES_CACHE):
        scopes = list(
            MentorScope.objects.filter(profile__user=user).select_related("course", "cohort").order_by("sort_order")
        )
        setattr(user, _SCOPES_CACHE, scopes)
    return getattr(user, _SCOPES_CACHE)


def forget(user) -> None:
    """Drop the cached profile and scopes (after they changed)."""
    for name in (_SCOPES_CACHE, _PROFILE_CACHE):
        if hasattr(user, name):
            delattr(user, name)


def is_mentor(user) -> bool:
    """May use the mentor pages: staff, or a user with a mentor profile."""
    return is_staff_reviewer(user) or get_profile(user) is not None


def course_path_of(page) -> str:
    """The tree path of a course step's course (its parent)."""
    return page.path[: -Page.steplen]


def assignments_of(course_paths) -> QuerySet:
    """Ids of the assignments whose course has one of `course_paths` (a list or a `values("path")` queryset)."""
    return (
        AssignmentPage.objects.annotate(course_path=Substr("path", 1, Length("path") - Page.steplen))
        .filter(course_path__in=course_paths)
        .values("pk")
    )


def in_cohort(course_id: int, cohort_ids) -> Exists:
    """The submission's learner is enrolled in `course_id` as a member of one of `cohort_ids`."""
    return Exists(
        Enrollment.objects.filter(user_id=OuterRef("learner_id"), course_id=course_id, cohort_id__in=list(cohort_ids))
    )


def scope_q(user) -> Q | None:
    """A filter on `Submission` for the user's scope; None means everything (staff)."""
    if is_staff_reviewer(user):
        return None
    scopes = get_scopes(user)
    whole = {scope.course.path for scope in scopes if scope.cohort_id is None}
    partial: dict[int, tuple[str, set[int]]] = {}
    for scope in scopes:
        if scope.cohort_id is not None and scope.course.path not in whole:
            path, cohorts = partial.setdefault(scope.course_id, (scope.course.path, set()))
            cohorts.add(scope.cohort_id)
    q = Q(pk__in=[])
    if whole:
        q |= Q(assignment__in=assignments_of(sorted(whole)))
    for course_id, (path, cohorts) in sorted(partial.items()):
        q |= Q(assignment__in=assignments_of([path])) & Q(in_cohort(course_id, cohorts))
    return q


def submissions_in_scope(user, queryset: QuerySet | None = None) -> QuerySet:
    """Submitted work (never drafts) the user may review."""
    queryset = Submission.objects.all() if queryset is None else queryset
    queryset = queryset.exclude(status=Submission.Status.DRAFT)
    q = scope_q(user)
    return queryset if q is None else queryset.filter(q)


def in_scope(user, submission) -> bool:
    """The reviewer check registered with `assignments.permissions`: a mentor may review a
    submitted attempt of a course (and cohort) in their scope. Drafts are nobody's business."""
    if submission.status == Submission.Status.DRAFT:
        return False
    scopes = get_scopes(user)
    if not scopes:
        return False
    course_path = course_path_of(submission.assignment)
    matching = [scope for scope in scopes if scope.course.path == course_path]
    if not matching:
        return False
    if any(scope.cohort_id is None for scope in matching):
        return True
    return Enrollment.objects.filter(
        user_id=submission.learner_id,
        course_id=matching[0].course_id,
        cohort_id__in=[scope.cohort_id for scope in matching],
    ).exists()


def mentors_for(submission) -> list[MentorProfile]:
    """The profiles whose scope covers `submission` (whoever their notification choice)."""
    course = submission.assignment.get_course()
    if course is None:
        return []
    cohort_id = (
        Enrollment.objects.filter(user_id=submission.learner_id, course=course)
        .values_list("cohort_id", flat=True)
        .first()
    )
    scopes = MentorScope.objects.filter(course=course).filter(Q(cohort__isnull=True) | Q(cohort_id=cohort_id))
    return list(MentorProfile.objects.filter(pk__in=scopes.values("profile_id")).select_related("user").order_by("pk"))
