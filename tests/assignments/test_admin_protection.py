"""Learners' work is never deleted with a page: the admin refuses with a message, the database protects."""

from __future__ import annotations

import pytest
from django.db.models import ProtectedError
from django.urls import reverse

from assignments.models import AssignmentPage, Submission
from tests.factories.assignments import SubmissionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client, superuser):
    client.force_login(superuser)
    return client


@pytest.fixture
def submitted(assignment, enrolled):
    return SubmissionFactory(assignment=assignment, learner=enrolled, status=Submission.Status.SUBMITTED)


def messages_of(response) -> str:
    return " ".join(str(message) for message in response.context["messages"]) if response.context else ""


@pytest.mark.parametrize("target", ["assignment", "course"])
def test_the_admin_refuses_to_delete_a_page_with_submissions(admin_client, submitted, assignment, course, target):
    page = assignment if target == "assignment" else course
    url = reverse("wagtailadmin_pages:delete", args=[page.pk])
    for method in (admin_client.get, admin_client.post):
        response = method(url, follow=True)
        assert response.status_code == 200
        assert "cannot be deleted" in messages_of(response)
        assert "Unpublish it instead" in messages_of(response)
    assert AssignmentPage.objects.filter(pk=assignment.pk).exists()
    assert Submission.objects.filter(pk=submitted.pk).exists()


def test_bulk_delete_is_refused_too(admin_client, submitted, assignment, course):
    url = (
        reverse("wagtail_bulk_action", args=["wagtailcore", "page", "delete"])
        + f"?id={course.pk}&childOf={course.get_parent().pk}"
    )
    response = admin_client.post(url, follow=True)
    assert "cannot be deleted" in messages_of(response)
    assert AssignmentPage.objects.filter(pk=assignment.pk).exists()


def test_an_assignment_without_submissions_can_be_deleted(admin_client, assignment):
    url = reverse("wagtailadmin_pages:delete", args=[assignment.pk])
    response = admin_client.get(url)
    assert response.status_code == 200
    assert "cannot be deleted" not in messages_of(response)


def test_the_database_protects_submissions_from_any_cascade(submitted, assignment, course, enrolled):
    with pytest.raises(ProtectedError):
        assignment.delete()
    with pytest.raises(ProtectedError):
        course.delete()
    with pytest.raises(ProtectedError):
        enrolled.delete()
    assert Submission.objects.filter(pk=submitted.pk).exists()
