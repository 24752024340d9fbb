"""Submitting 20,000 characters: the text is sanitized once and nothing is looked up twice."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from assignments import sanitize
from assignments.models import Submission
from tests.factories.assignments import AssignmentPageFactory
from tests.factories.courses import CourseIndexPageFactory, CoursePageFactory, EnrollmentFactory

pytestmark = pytest.mark.django_db

BODY = "<p>" + "提案文を丁寧に書きます。" * 1666 + "</p>"


@pytest.fixture
def assignment(home_page):
    course = CoursePageFactory(parent=CourseIndexPageFactory(parent=home_page), slug="submit-course")
    return AssignmentPageFactory(parent=course, slug="submit-task")


def _submit(client, assignment):
    url = reverse("assignments:save", args=[assignment.pk])
    return client.post(url, {"body": BODY, "body_format": "html", "version": "0", "action": "submit"})


def test_submit_sanitizes_once_and_loads_nothing_twice(client, assignment, learner, monkeypatch):
    EnrollmentFactory(user=learner, course=assignment.get_parent().specific)
    client.force_login(learner)
    client.get(assignment.url)
    engines = []
    real_get_engine = sanitize.get_engine

    def counting_get_engine():
        engines.append(1)
        return real_get_engine()

    monkeypatch.setattr(sanitize, "get_engine", counting_get_engine)
    with CaptureQueriesContext(connection) as ctx:
        response = _submit(client, assignment)
    assert response.status_code == 302
    submission = Submission.objects.get(learner=learner)
    assert submission.status == Submission.Status.SUBMITTED
    assert len(engines) == 1  # the form cleans; the model sees `CleanHTML` and does not clean again
    assert submission.body_html == sanitize.clean(BODY)

    sqls = [q["sql"] for q in ctx.captured_queries]
    enrolment_rows = [sql for sql in sqls if sql.startswith('SELECT "courses_enrollment"."id"')]
    assert len(enrolment_rows) == 1, "the enrolment is looked up once and passed on"
    pages = [sql for sql in sqls if sql.startswith("SELECT") and 'FROM "wagtailcore_page"' in sql.split(" WHERE ")[0]]
    pages += [sql for sql in sqls if sql.startswith("SELECT") and 'FROM "assignments_assignmentpage"' in sql]
    assert len(pages) <= 2, "the assignment and its course are loaded once each"
    assert len(sqls) <= 27


def test_clean_html_is_not_cleaned_twice_but_changes_are():
    once = sanitize.clean('<p onclick="x()">提案<script>alert(1)</script></p>')
    assert isinstance(once, sanitize.CleanHTML)
    assert sanitize.clean(once) is once
    changed = once + '<img src=x onerror="alert(1)">'
    assert type(changed) is str
    assert "onerror" not in sanitize.clean(changed)


def test_the_model_never_stores_unsanitized_html(assignment, learner):
    EnrollmentFactory(user=learner, course=assignment.get_parent().specific)
    draft = Submission.start_draft(assignment, learner)
    draft.save_draft(
        body_html='<p>本文</p><script>alert(1)</script><a href="javascript:x">x</a>', version=draft.version
    )
    stored = Submission.objects.get(pk=draft.pk).body_html
    assert "<script" not in stored and "javascript:" not in stored
    assert type(draft.body_html) is str
