"""The permission matrix: every URL pattern of the site times every role, with the status each role gets.

The resolver of `lms.urls` is walked (through every include); a pattern missing from
`ROUTES` fails `test_every_route_is_in_the_matrix` with its name, so a new route has to
be added here with its expected statuses. Not walked, because they belong to Wagtail or
allauth and are tested there: the Wagtail admin (`admin/...`), `documents/...`, the
`wagtail.urls` include (page serving and its password/login helpers) and allauth's
`accounts/...` routes other than login, signup and logout (listed below).

Each listed route is fetched with GET by each role. A denied object answers 404 (or the
app's deliberate 403 page) and its private text is nowhere in the response. The pages the
Wagtail catch-all serves that matter for access (course, lesson, assignment, catalog,
meetup) are listed under `PAGES`.

The objects are built once per module inside a transaction that is rolled back at the
end; each case runs in its own savepoint.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import timezone
from taggit.models import Tag
from wagtail import urls as wagtail_urls
from wagtail.models import Site

from assignments.models import Submission
from tests.factories.accounts import LearnerFactory, MentorFactory, UserFactory
from tests.factories.assignments import AssignmentPageFactory, SubmissionFactory
from tests.factories.courses import (
    CertificateFactory,
    CohortFactory,
    CourseIndexPageFactory,
    CoursePageFactory,
    EnrollmentFactory,
    LessonPageFactory,
)
from tests.factories.mentoring import (
    CommentBankEntryFactory,
    FeedbackMessageFactory,
    MeetupIndexPageFactory,
    MeetupPageFactory,
    MeetupRegistrationFactory,
    MentorProfileFactory,
    submitted,
)

ROLES = ("anonymous", "owner", "other", "mentor_in", "mentor_out", "editor", "admin")
LOGIN = "login"  # 302 to /accounts/login/

# Private texts: each must never reach a role that is denied the object.
LESSON_SECRET = "LESSON-SECRET レッスンの有料部分"
SUBMISSION_SECRET = "SUBMISSION-SECRET 学習者の提出本文"
THREAD_SECRET = "THREAD-SECRET 講評についてのやりとり"
BANK_SECRET = "BANK-SECRET メンターの定型コメント"
QUEUE_SECRET = "QUEUE-SECRET 提案文の課題"
ONLINE_SECRET = "https://meet.example.com/private-room-secret"
FILE_SECRET = "%PDF-1.4 FILE-SECRET"
PDF = f"{FILE_SECRET}\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n".encode()


@dataclass
class World:
    users: dict
    course: object
    lesson: object
    assignment: object
    submission: object
    file_key: str
    certificate: object
    cohort: object
    bank_entry: object
    catalog: object
    meetup_index: object
    meetup: object
    tag_slug: str


def _build() -> World:
    home = Site.objects.get(is_default_site=True).root_page.specific
    owner = LearnerFactory(username="matrix-owner")
    other = LearnerFactory(username="matrix-other")
    mentor_in = MentorFactory(username="matrix-mentor-in")
    mentor_out = MentorFactory(username="matrix-mentor-out")
    editor = UserFactory(username="matrix-editor", groups=["Editors"])
    admin = UserFactory(username="matrix-admin", is_superuser=True, is_staff=True)

    catalog = CourseIndexPageFactory(parent=home)
    course = CoursePageFactory(parent=catalog, slug="matrix-course", mentors=[mentor_in])
    other_course = CoursePageFactory(parent=catalog, slug="matrix-other-course", mentors=[mentor_out])
    lesson = LessonPageFactory(parent=course, body=[("paragraph", f"<p>{LESSON_SECRET}</p>")])
    assignment = AssignmentPageFactory(parent=course, submission_kind="text_files", allowed_file_types="pdf")
    MentorProfileFactory(user=mentor_in, scopes=[course])
    MentorProfileFactory(user=mentor_out, scopes=[other_course])

    cohort = CohortFactory(course=course)
    enrollment = EnrollmentFactory(user=owner, course=course, cohort=cohort)
    certificate = CertificateFactory(enrollment=enrollment)

    submission = SubmissionFactory(assignment=assignment, learner=owner, body_html=f"<p>{SUBMISSION_SECRET}</p>")
    (record,) = submission.add_files(
        [SimpleUploadedFile("企画書.pdf", PDF, content_type="application/octet-stream")], by=owner
    )
    now = timezone.now()
    Submission.objects.filter(pk=submission.pk).update(
        status=Submission.Status.APPROVED, submitted_at=now, decided_at=now
    )
    submission.refresh_from_db()
    FeedbackMessageFactory(submission=submission, author=mentor_in, body=THREAD_SECRET)
    bank_entry = CommentBankEntryFactory(mentor=mentor_in, text=BANK_SECRET)

    queued = AssignmentPageFactory(parent=course, title=QUEUE_SECRET)
    submitted(queued, owner)

    meetup_index = MeetupIndexPageFactory(parent=home)
    meetup = MeetupPageFactory(parent=meetup_index, online_url=ONLINE_SECRET, hosts=[mentor_in])
    MeetupRegistrationFactory(meetup=meetup, user=owner)
    tag = Tag.objects.create(name="matrix", slug="matrix")

    return World(
        users={
            "owner": owner,
            "other": other,
            "mentor_in": mentor_in,
            "mentor_out": mentor_out,
            "editor": editor,
            "admin": admin,
        },
        course=course,
        lesson=lesson,
        assignment=assignment,
        submission=submission,
        file_key=str(record.key),
        certificate=certificate,
        cohort=cohort,
        bank_entry=bank_entry,
        catalog=catalog,
        meetup_index=meetup_index,
        meetup=meetup,
        tag_slug=tag.slug,
    )


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    """The objects of every case, made once; rolled back when the module is done."""
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            built = _build()
        except BaseException:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)
            raise
    yield built
    with django_db_blocker.unblock():
        transaction.set_rollback(True)
        atomic.__exit__(None, None, None)


def E(*statuses) -> dict:  # noqa: N802  (reads as a table row)
    """Expected statuses in the order of ROLES."""
    assert len(statuses) == len(ROLES)
    return dict(zip(ROLES, statuses, strict=True))


def every(status) -> dict:
    return dict.fromkeys(ROLES, status)


def logged_in(status, **overrides) -> dict:
    """Anonymous users are sent to log in; every logged-in role gets `status` (with overrides)."""
    return {"anonymous": LOGIN, **dict.fromkeys(ROLES[1:], status), **overrides}


@dataclass
class Case:
    url: Callable[[World], str]
    expect: dict
    # Private texts that must not appear in the answer to a role whose status is in `denied`.
    secrets: tuple[str, ...] = ()
    denied: tuple = (403, 404, 405, 302, LOGIN)
    # Roles that must not see the secrets even when allowed in (a list of someone else's things).
    never: tuple[str, ...] = field(default=())
    # Roles that must see the first secret (proves the checks above look at the right text).
    shown: tuple[str, ...] = field(default=())


MENTOR_PAGE = E(LOGIN, 403, 403, 200, 200, 403, 200)
MENTOR_POST = E(LOGIN, 403, 403, 405, 405, 403, 405)

ROUTES: dict[str, Case] = {
    "healthz": Case(lambda w: "/healthz", every(200)),
    "i18n/setlang/": Case(lambda w: "/i18n/setlang/", every(302)),
    "admin/login/": Case(lambda w: "/admin/login/", every(302)),
    "accounts/profile/": Case(lambda w: "/accounts/profile/", logged_in(200)),
    "accounts/login/": Case(lambda w: "/accounts/login/", {**every(302), "anonymous": 200}),
    "accounts/signup/": Case(lambda w: "/accounts/signup/", {**every(302), "anonymous": 200}),
    "accounts/logout/": Case(lambda w: "/accounts/logout/", {**every(200), "anonymous": 302}),
    "sitemap.xml": Case(lambda w: "/sitemap.xml", every(200)),
    # mentoring
    "mentor/": Case(
        lambda w: "/mentor/",
        MENTOR_PAGE,
        (QUEUE_SECRET, SUBMISSION_SECRET),
        never=("mentor_out",),
        shown=("mentor_in", "admin"),
    ),
    "mentor/next/": Case(lambda w: "/mentor/next/", MENTOR_POST),
    "mentor/reviews/<int:pk>/": Case(
        lambda w: f"/mentor/reviews/{w.submission.pk}/",
        E(LOGIN, 403, 403, 200, 404, 403, 200),
        (SUBMISSION_SECRET, THREAD_SECRET),
        shown=("mentor_in", "admin"),
    ),
    "mentor/reviews/<int:pk>/claim/": Case(lambda w: f"/mentor/reviews/{w.submission.pk}/claim/", MENTOR_POST),
    "mentor/feedback/<int:pk>/": Case(
        lambda w: f"/mentor/feedback/{w.submission.pk}/",
        E(LOGIN, 200, 404, 200, 404, 404, 200),
        (THREAD_SECRET, SUBMISSION_SECRET),
        shown=("owner", "mentor_in", "admin"),
    ),
    "mentor/dashboard/": Case(
        lambda w: "/mentor/dashboard/", MENTOR_PAGE, (QUEUE_SECRET, SUBMISSION_SECRET), never=("mentor_out",)
    ),
    # Staff without a mentor profile are sent to the dashboard: they have no settings.
    "mentor/settings/": Case(lambda w: "/mentor/settings/", {**MENTOR_PAGE, "admin": 302}),
    "mentor/comments/": Case(
        lambda w: "/mentor/comments/", MENTOR_PAGE, (BANK_SECRET,), never=("mentor_out", "admin"), shown=("mentor_in",)
    ),
    "mentor/comments/<int:pk>/": Case(
        lambda w: f"/mentor/comments/{w.bank_entry.pk}/",
        E(LOGIN, 403, 403, 200, 404, 403, 404),
        (BANK_SECRET,),
        shown=("mentor_in",),
    ),
    "mentor/comments/<int:pk>/delete/": Case(lambda w: f"/mentor/comments/{w.bank_entry.pk}/delete/", MENTOR_POST),
    # assignments
    "assignments/<int:page_id>/save/": Case(lambda w: f"/assignments/{w.assignment.pk}/save/", logged_in(405)),
    "assignments/<int:page_id>/autosave/": Case(lambda w: f"/assignments/{w.assignment.pk}/autosave/", every(405)),
    "assignments/submissions/": Case(
        lambda w: "/assignments/submissions/",
        logged_in(200),
        (SUBMISSION_SECRET,),
        never=("other", "mentor_in", "mentor_out", "editor", "admin"),
    ),
    "assignments/submissions/<int:pk>/": Case(
        lambda w: f"/assignments/submissions/{w.submission.pk}/",
        E(LOGIN, 200, 404, 200, 404, 404, 200),
        (SUBMISSION_SECRET,),
        shown=("owner", "mentor_in", "admin"),
    ),
    "assignments/submissions/<int:pk>/withdraw/": Case(
        lambda w: f"/assignments/submissions/{w.submission.pk}/withdraw/", logged_in(405)
    ),
    "assignments/submissions/<int:pk>/revise/": Case(
        lambda w: f"/assignments/submissions/{w.submission.pk}/revise/", logged_in(405)
    ),
    "assignments/files/<uuid:key>/": Case(
        lambda w: f"/assignments/files/{w.file_key}/",
        E(LOGIN, 200, 404, 200, 404, 404, 200),
        (FILE_SECRET,),
        shown=("owner", "mentor_in", "admin"),
    ),
    "assignments/files/<uuid:key>/remove/": Case(lambda w: f"/assignments/files/{w.file_key}/remove/", logged_in(405)),
    # courses
    "learn/": Case(lambda w: "/learn/", logged_in(200)),
    "learn/courses/<int:course_id>/enrol/": Case(lambda w: f"/learn/courses/{w.course.pk}/enrol/", logged_in(302)),
    "learn/courses/<int:course_id>/withdraw/": Case(
        lambda w: f"/learn/courses/{w.course.pk}/withdraw/", logged_in(302, owner=200)
    ),
    "learn/courses/<int:course_id>/continue/": Case(
        lambda w: f"/learn/courses/{w.course.pk}/continue/", logged_in(302)
    ),
    "learn/steps/<int:step_id>/complete/": Case(lambda w: f"/learn/steps/{w.lesson.pk}/complete/", logged_in(405)),
    "learn/join/<str:code>/": Case(lambda w: f"/learn/join/{w.cohort.invite_code}/", logged_in(200)),
    "certificates/<str:code>/": Case(lambda w: f"/certificates/{w.certificate.code}/", every(200)),
    "certificates/<str:code>/print/": Case(lambda w: f"/certificates/{w.certificate.code}/print/", every(200)),
    # home
    "robots.txt": Case(lambda w: "/robots.txt", every(200)),
    "feeds/articles/": Case(lambda w: "/feeds/articles/", every(200)),
    "feeds/articles/atom/": Case(lambda w: "/feeds/articles/atom/", every(200)),
    "tags/<str:slug>/": Case(lambda w: f"/tags/{w.tag_slug}/", every(200)),
}

# Pages served by Wagtail's catch-all whose access rules are the apps' own.
PAGES: dict[str, Case] = {
    "page:catalog": Case(lambda w: w.catalog.url, every(200)),
    "page:course": Case(lambda w: w.course.url, every(200), (LESSON_SECRET, SUBMISSION_SECRET), never=ROLES),
    "page:lesson": Case(
        lambda w: w.lesson.url,
        E(LOGIN, 200, 403, 200, 403, 200, 200),
        (LESSON_SECRET,),
        shown=("owner", "mentor_in", "editor", "admin"),
    ),
    # Instructions are public (the page asks others to log in or enrol); the work on it is the learner's own.
    "page:assignment": Case(
        lambda w: w.assignment.url,
        every(200),
        (SUBMISSION_SECRET,),
        never=("anonymous", "other", "mentor_in", "mentor_out", "editor", "admin"),
    ),
    "page:meetups": Case(lambda w: w.meetup_index.url, every(200), (ONLINE_SECRET,), never=ROLES),
    "page:meetup": Case(
        lambda w: w.meetup.url,
        every(200),
        (ONLINE_SECRET,),
        never=("anonymous", "other", "mentor_out", "editor"),
        shown=("owner",),
    ),
    "page:meetup/calendar/": Case(
        lambda w: w.meetup.url + "calendar/",
        every(200),
        (ONLINE_SECRET,),
        never=("anonymous", "other", "mentor_out", "editor"),
        shown=("owner",),
    ),
    "page:meetup/rsvp/": Case(lambda w: w.meetup.url + "rsvp/", every(405)),
    "page:meetup/cancel/": Case(lambda w: w.meetup.url + "cancel/", every(405)),
    "page:meetup/report/": Case(lambda w: w.meetup.url + "report/", every(405)),
}

ALLAUTH_LISTED = {"accounts/login/", "accounts/signup/", "accounts/logout/"}


def _walk(resolver, prefix: str = "", namespace: str = ""):
    """(route, name) of every URL pattern below `resolver`, skipping what belongs to Wagtail and allauth."""
    for pattern in resolver.url_patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            if pattern.urlconf_name is wagtail_urls or route in {"admin/", "documents/"}:
                continue
            inner = namespace + (f"{pattern.namespace}:" if pattern.namespace else "")
            yield from _walk(pattern, route, inner)
        elif isinstance(pattern, URLPattern):
            if route.startswith("accounts/") and route != "accounts/profile/" and route not in ALLAUTH_LISTED:
                continue
            yield route, namespace + pattern.name if pattern.name else None


def test_every_route_is_in_the_matrix():
    walked = dict(_walk(get_resolver("lms.urls")))
    missing = sorted(f"{route} ({name or 'unnamed'})" for route, name in walked.items() if route not in ROUTES)
    assert not missing, f"Routes missing from the permission matrix: {missing}"
    stale = sorted(set(ROUTES) - set(walked))
    assert not stale, f"Routes in the matrix that no longer exist: {stale}"


def _body(response) -> str:
    if getattr(response, "streaming", False):
        content = b"".join(response.streaming_content)
    else:
        content = response.content
    if response.get("Content-Type", "").startswith("text/calendar"):
        content = content.replace(b"\r\n ", b"").replace(b"\r\n\t", b"")  # unfold long iCalendar lines
    return content.decode("utf-8", errors="replace")


def _check(world: World, case: Case, role: str) -> None:
    client = Client()
    if role != "anonymous":
        client.force_login(world.users[role])
    url = case.url(world)
    response = client.get(url)
    expected = case.expect[role]
    if expected == LOGIN:
        assert response.status_code == 302, f"{url} as {role}: {response.status_code}, expected a login redirect"
        assert response["Location"].startswith("/accounts/login/"), f"{url} as {role}: to {response['Location']}"
    else:
        assert response.status_code == expected, f"{url} as {role}: {response.status_code}, expected {expected}"
    if case.secrets and (expected in case.denied or role in case.never):
        body = _body(response)
        for secret in case.secrets:
            assert secret not in body, f"{url} as {role} ({response.status_code}) shows {secret!r}"
    if role in case.shown:
        assert case.secrets[0] in _body(response), f"{url} as {role}: {case.secrets[0]!r} is not shown"


CASES = [(key, role) for key in [*ROUTES, *PAGES] for role in ROLES]


@pytest.mark.django_db
@pytest.mark.parametrize(("key", "role"), CASES, ids=[f"{key}|{role}" for key, role in CASES])
def test_permission(world, key, role):
    _check(world, ROUTES.get(key) or PAGES[key], role)
