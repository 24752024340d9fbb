"""`manage.py seed_scale`: the S data set has the size and shape QUALITY.md asks for, a sound Wagtail
tree whose pages render and which the admin lists, consistent learners' work, and the command's
refusals."""

from __future__ import annotations

import io
from collections import Counter, defaultdict

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.db.models import Count
from wagtail.images import get_image_model
from wagtail.models import Page

from assignments.models import AssignmentPage, Submission, SubmissionEvent
from courses.models import CourseIndexPage, CoursePage, Enrollment, LessonPage, StepProgress
from home.perf.bulk import PageTree, path_step
from home.perf.seed import COVER_TITLE, SIZES, delete_scale_set, find_catalog, present_sizes, seed
from mentoring.models import MentorProfile, MentorScope, Review

S = SIZES["S"]
STATUS = Submission.Status


@pytest.fixture(scope="module")
def scale_s(django_db_setup, django_db_blocker):
    """The S set, built once for the module (outside the tests' transactions) and removed afterwards."""
    with django_db_blocker.unblock():
        report = seed(S, progress=False)
        yield report
        delete_scale_set(S)
        get_image_model().objects.filter(title=COVER_TITLE).delete()


@pytest.fixture
def catalog(scale_s, db):
    return find_catalog(S)


def test_sizes_are_those_of_quality_md():
    table = {code: (size.courses, size.steps, size.learners, size.submissions) for code, size in SIZES.items()}
    assert table["S"] == (10, 100, 100, 1_000)
    assert table["M"] == (100, 1_000, 1_000, 10_000)
    assert table["L"] == (1_000, 10_000, 10_000, 100_000)


def test_path_steps_follow_treebeard():
    assert path_step(1) == "0001"
    assert path_step(36) == "0010"
    assert path_step(36**4 - 1) == "ZZZZ"
    with pytest.raises(ValueError):
        path_step(36**4)


def test_s_has_the_counts_of_its_size(catalog):
    courses = CoursePage.objects.child_of(catalog)
    assert courses.count() == 10
    steps = Page.objects.descendant_of(catalog).filter(depth=catalog.depth + 2)
    assert steps.count() == 100
    assert (
        LessonPage.objects.descendant_of(catalog).count() + AssignmentPage.objects.descendant_of(catalog).count() == 100
    )
    learners = get_user_model().objects.filter(username__startswith=S.user_prefix + "learner-")
    assert learners.count() == 100
    submissions = Submission.objects.filter(assignment__path__startswith=catalog.path)
    assert submissions.count() == 1_000
    assert not submissions.filter(status=STATUS.DRAFT).exists()
    states = Counter(submissions.values_list("status", flat=True))
    assert set(states) == {STATUS.SUBMITTED, STATUS.IN_REVIEW, STATUS.APPROVED, STATUS.CHANGES_REQUESTED}
    assert states[STATUS.SUBMITTED] > states[STATUS.IN_REVIEW]
    assert [size.code for size in present_sizes()] == ["S"]


def test_the_page_tree_is_sound(catalog):
    assert PageTree.check(catalog) == []
    assert Page.find_problems() == ([], [], [], [], [])
    for course in CoursePage.objects.child_of(catalog):
        assert course.numchild == Page.objects.child_of(course).count() == 10
        assert course.url_path == f"{catalog.url_path}{course.slug}/"
    home = catalog.get_parent()
    assert home.numchild == Page.objects.child_of(home).count()


def test_the_first_learners_have_20_or_all_and_2_enrolments(catalog):
    counts = dict(
        Enrollment.objects.filter(user__username__in=[S.learner_name(1), S.learner_name(2)])
        .values_list("user__username")
        .annotate(count=Count("pk"))
    )
    assert counts == {S.learner_name(1): 10, S.learner_name(2): 2}


def test_enrolment_counts_and_progress_are_consistent(catalog):
    enrollments = list(Enrollment.objects.filter(course__path__startswith=catalog.path).select_related("course"))
    per_course = Counter(enrollment.course_id for enrollment in enrollments)
    for course in CoursePage.objects.child_of(catalog):
        assert course.enrolment_count == per_course[course.pk]
    completed = defaultdict(set)
    for enrollment_id, step_id in StepProgress.objects.filter(
        enrollment__in=enrollments, completed_at__isnull=False
    ).values_list("enrollment_id", "step_id"):
        completed[enrollment_id].add(step_id)
    for enrollment in enrollments:
        required = {step.pk for step in enrollment.course.get_required_steps()}
        assert enrollment.steps_required == len(required)
        assert enrollment.steps_completed == len(completed[enrollment.pk] & required)
        if enrollment.is_completed:
            assert enrollment.steps_completed == enrollment.steps_required
            assert enrollment.get_certificate() is not None


def test_submissions_follow_the_state_machine(catalog):
    submissions = list(
        Submission.objects.filter(assignment__path__startswith=catalog.path).order_by(
            "learner_id", "assignment_id", "attempt"
        )
    )
    enrolled = set(
        Enrollment.objects.filter(course__path__startswith=catalog.path).values_list("user_id", "course__path")
    )
    reviews = {review.submission_id: review for review in Review.objects.filter(submission__in=submissions)}
    events = defaultdict(list)
    for event in SubmissionEvent.objects.filter(submission__in=submissions).order_by("created_at", "pk"):
        events[event.submission_id].append(event.action)
    chains = defaultdict(list)
    for submission in submissions:
        chains[(submission.learner_id, submission.assignment_id)].append(submission)
        course_path = submission.assignment.path[: -Page.steplen]
        assert (submission.learner_id, course_path) in enrolled
        assert submission.created_at < submission.submitted_at <= submission.updated_at
        assert events[submission.pk][:2] == ["create", "submit"]
        if submission.status == STATUS.SUBMITTED:
            assert submission.claimed_by_id is None and submission.pk not in reviews
        elif submission.status == STATUS.IN_REVIEW:
            assert submission.claimed_by_id and submission.claim_expires_at > submission.claimed_at
            assert reviews[submission.pk].status == Review.Status.DRAFT
        else:
            assert submission.decided_at > submission.claimed_at > submission.submitted_at
            assert reviews[submission.pk].status == Review.Status.RELEASED
            assert events[submission.pk][2] == "claim"
    for attempts in chains.values():
        assert [submission.attempt for submission in attempts] == list(range(1, len(attempts) + 1))
        for earlier, later in zip(attempts, attempts[1:], strict=False):
            assert earlier.status == STATUS.CHANGES_REQUESTED and earlier.revised_at is not None
            assert earlier.revised_at < later.created_at


def test_every_course_has_a_mentor_and_the_lead_reviews_all(catalog):
    courses = list(CoursePage.objects.child_of(catalog))
    lead = MentorProfile.objects.get(user__username=S.lead_name)
    assert MentorScope.objects.filter(profile=lead).count() == len(courses)
    for course in courses:
        assert MentorScope.objects.filter(course=course).exclude(profile=lead).count() == 1
        assert course.mentors.count() == 1


def test_pages_render_for_learners_and_mentors(catalog, client):
    learner = get_user_model().objects.get(username=S.learner_name(1))
    enrollment = Enrollment.objects.filter(user=learner).select_related("course").first()
    course = enrollment.course
    lesson = LessonPage.objects.child_of(course).first()
    assignment = AssignmentPage.objects.child_of(course).first()
    client.force_login(learner)
    for url in [catalog.url, course.url, lesson.url, assignment.url, "/learn/"]:
        response = client.get(url)
        assert response.status_code == 200, url
    assert course.title in client.get(catalog.url).content.decode()
    client.force_login(get_user_model().objects.get(username=S.lead_name))
    queue = client.get("/mentor/")
    assert queue.status_code == 200
    waiting = Submission.objects.filter(assignment__path__startswith=catalog.path, status=STATUS.SUBMITTED)
    oldest = waiting.order_by("submitted_at", "pk").first()
    assert f"/mentor/reviews/{oldest.pk}/" in queue.content.decode()


def test_the_admin_lists_and_edits_the_pages(catalog, client, superuser):
    client.force_login(superuser)
    listing = client.get(f"/admin/pages/{catalog.pk}/")
    assert listing.status_code == 200
    content = listing.content.decode()
    for course in CoursePage.objects.child_of(catalog)[:5]:
        assert course.title in content
    lesson = LessonPage.objects.descendant_of(catalog).first()
    assert client.get(f"/admin/pages/{lesson.pk}/edit/").status_code == 200
    assert client.get(f"/admin/pages/{lesson.get_parent().pk}/").status_code == 200


def test_an_existing_size_is_refused_with_a_clear_message(scale_s, db):
    with pytest.raises(CommandError, match=r"already exists \(10 courses under /scale-s/\).*--replace"):
        call_command("seed_scale", size="S", force=True, no_progress=True)


def test_debug_off_is_refused_without_force(db, settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG off"):
        call_command("seed_scale", size="XS")


def test_replace_and_delete(db):
    out = io.StringIO()
    call_command("seed_scale", size="XS", force=True, no_progress=True, stdout=out)
    assert "Scale set XS built" in out.getvalue()
    first = set(Submission.objects.filter(learner__username__startswith="scale-xs-").values_list("pk", flat=True))
    assert len(first) == SIZES["XS"].submissions
    call_command("seed_scale", size="XS", force=True, no_progress=True, replace=True, stdout=io.StringIO())
    second = set(Submission.objects.filter(learner__username__startswith="scale-xs-").values_list("pk", flat=True))
    assert len(second) == SIZES["XS"].submissions and not first & second
    assert CourseIndexPage.objects.filter(slug="scale-xs").count() == 1
    call_command("seed_scale", size="XS", force=True, delete=True, stdout=io.StringIO())
    assert find_catalog(SIZES["XS"]) is None
    assert not get_user_model().objects.filter(username__startswith="scale-xs-").exists()
    assert not Submission.objects.filter(learner__username__startswith="scale-xs-").exists()
    assert Page.find_problems() == ([], [], [], [], [])
