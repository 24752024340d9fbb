"""A scenario run in separate processes by test_tasks_worker.py: set up a mentor and a learner,
submit work (which queues the mentor's e-mail), then report what the queue holds."""

from __future__ import annotations

from wagtail.models import Site
from wagtail.users.models import UserProfile

from tests.factories.accounts import LearnerFactory, MentorFactory
from tests.factories.assignments import AssignmentPageFactory, SubmissionFactory
from tests.factories.courses import CourseIndexPageFactory, CoursePageFactory, EnrollmentFactory
from tests.factories.mentoring import MentorProfileFactory


def setup() -> None:
    home = Site.objects.get(is_default_site=True).root_page
    catalog = CourseIndexPageFactory(parent=home)
    course = CoursePageFactory(parent=catalog, title="Webライティング入門", slug="web-writing")
    assignment = AssignmentPageFactory(parent=course, title="商品紹介文を書く", slug="product-intro")
    mentor = MentorFactory(username="worker-mentor", email="worker-mentor@example.com")
    MentorProfileFactory(user=mentor, scopes=[course])
    profile = UserProfile.get_for_user(mentor)
    profile.preferred_language = "en"
    profile.save()
    learner = LearnerFactory(username="worker-learner")
    EnrollmentFactory(user=learner, course=course)
    draft = SubmissionFactory(assignment=assignment, learner=learner, body_html="<p>紅茶の紹介文です。</p>")
    draft.submit(learner)
    print("SUBMISSION", draft.pk)  # noqa: T201


def report() -> None:
    from django_tasks_db.models import DBTaskResult

    for result in DBTaskResult.objects.filter(task_path__startswith="mentoring.").order_by("enqueued_at"):
        print("TASK", result.task_path, result.status, result.return_value)  # noqa: T201
