"""Staff manage mentor profiles and scopes in the Wagtail admin, and read the reports (CSV, XLSX)."""

from __future__ import annotations

import io

import openpyxl
import pytest
from django.urls import reverse

from mentoring.models import MentorProfile, MentorScope, Review
from mentoring.queue import claim
from tests.factories.accounts import MentorFactory, UserFactory
from tests.factories.mentoring import submitted
from tests.mentoring.conftest import TEXT

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_user(db):
    return UserFactory(username="root", is_staff=True, is_superuser=True)


@pytest.fixture
def released(assignment, enrolled, mentor):
    work = submitted(assignment, enrolled, TEXT)
    claim(work, mentor)
    review = Review.objects.get(submission=work)
    review.save_draft(
        mentor, overall_comment="ok", decision="approve", scores={c.pk: (2, "") for c in review.get_criteria()}
    )
    return review.release(mentor)


def test_profiles_list_and_create_with_scopes(client, admin_user, mentor, course, cohort):
    client.force_login(admin_user)
    listing = client.get(reverse("wagtailsnippets_mentoring_mentorprofile:list"))
    assert listing.status_code == 200
    assert "Webライティング入門" in listing.content.decode()
    newcomer = MentorFactory(username="newcomer")
    data = {
        "user": newcomer.pk,
        "display_name": "新人メンター",
        "bio": "",
        "specialties": "",
        "capacity": 5,
        "accepting": "on",
        "notify": "digest",
        "scopes-TOTAL_FORMS": 1,
        "scopes-INITIAL_FORMS": 0,
        "scopes-MIN_NUM_FORMS": 0,
        "scopes-MAX_NUM_FORMS": 1000,
        "scopes-0-course": course.pk,
        "scopes-0-cohort": cohort.pk,
        "scopes-0-ORDER": 1,
        "scopes-0-DELETE": "",
    }
    response = client.post(reverse("wagtailsnippets_mentoring_mentorprofile:add"), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    profile = MentorProfile.objects.get(user=newcomer)
    assert (profile.notify, profile.capacity) == ("digest", 5)
    assert list(MentorScope.objects.filter(profile=profile).values_list("course_id", "cohort_id")) == [
        (course.pk, cohort.pk)
    ]


def test_a_cohort_of_another_course_is_refused(client, admin_user, other_course, cohort):
    client.force_login(admin_user)
    newcomer = MentorFactory(username="wrongscope")
    data = {
        "user": newcomer.pk,
        "capacity": 5,
        "notify": "immediate",
        "scopes-TOTAL_FORMS": 1,
        "scopes-INITIAL_FORMS": 0,
        "scopes-MIN_NUM_FORMS": 0,
        "scopes-MAX_NUM_FORMS": 1000,
        "scopes-0-course": other_course.pk,
        "scopes-0-cohort": cohort.pk,
        "scopes-0-ORDER": 1,
        "scopes-0-DELETE": "",
    }
    response = client.post(reverse("wagtailsnippets_mentoring_mentorprofile:add"), data)
    assert response.status_code == 200
    assert not MentorProfile.objects.filter(user=newcomer).exists()


def test_review_report_and_exports(client, admin_user, released):
    client.force_login(admin_user)
    url = reverse("mentoring_reports:reviews")
    page = client.get(url)
    assert page.status_code == 200
    body = page.content.decode()
    assert "商品紹介文を書く" in body and "Webライティング入門" in body
    csv = client.get(url, {"export": "csv"})
    assert csv.status_code == 200
    content = b"".join(csv.streaming_content).decode("utf-8") if csv.streaming else csv.content.decode()
    assert "Webライティング入門" in content and "商品紹介文を書く" in content
    xlsx = client.get(url, {"export": "xlsx"})
    assert xlsx.status_code == 200
    workbook = openpyxl.load_workbook(io.BytesIO(b"".join(xlsx.streaming_content) if xlsx.streaming else xlsx.content))
    values = [cell.value for row in workbook.active.iter_rows() for cell in row]
    assert "商品紹介文を書く" in values and 4 in values


def test_workload_report(client, admin_user, released, mentor):
    client.force_login(admin_user)
    url = reverse("mentoring_reports:workload")
    page = client.get(url)
    assert page.status_code == 200
    rows = {row.user_id: row for row in page.context["object_list"]}
    assert rows[mentor.pk].released_recently == 1
    assert rows[mentor.pk].open_reviews == 0
    csv = client.get(url, {"export": "csv"})
    content = b"".join(csv.streaming_content).decode("utf-8") if csv.streaming else csv.content.decode()
    assert "misaki" in content


def test_reports_need_permission(client, mentor):
    client.force_login(UserFactory(username="editor", groups=["Editors"]))
    response = client.get(reverse("mentoring_reports:reviews"))
    assert response.status_code in (302, 403)
