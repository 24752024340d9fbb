"""The public verification page and the printable certificate."""

from __future__ import annotations

import pytest
from django.contrib.staticfiles import finders
from django.urls import reverse

from courses.models import Certificate

pytestmark = pytest.mark.django_db


@pytest.fixture
def certificate(course, lessons, learner) -> Certificate:
    learner.first_name, learner.last_name = "花子", "山田"
    learner.save()
    enrollment = course.enroll(learner)
    enrollment.complete_step(lessons[0])
    enrollment.complete_step(lessons[1])
    return enrollment.certificate


def test_verification_page_is_public(client, certificate):
    response = client.get(certificate.get_absolute_url())
    assert response.status_code == 200
    html = response.content.decode()
    assert "山田 花子" in html
    assert "ライティング講座の基礎" in html
    assert certificate.code in html
    assert 'name="robots" content="noindex"' in html
    assert certificate.get_print_url() in html


def test_code_is_accepted_in_lower_case(client, certificate):
    url = reverse("courses:certificate", args=[certificate.code.lower()])
    assert client.get(url).status_code == 200


def test_unknown_code_is_404(client, certificate):
    assert client.get(reverse("courses:certificate", args=["AAAA-BBBB-CCCC"])).status_code == 404
    assert client.get(reverse("courses:certificate_print", args=["nope"])).status_code == 404


def test_printable_page_has_the_print_stylesheet_and_no_inline_script(client, certificate):
    response = client.get(certificate.get_print_url())
    assert response.status_code == 200
    html = response.content.decode()
    assert "courses/css/certificate.css" in html
    assert "<script>" not in html and "onclick" not in html and 'style="' not in html
    assert "山田 花子" in html
    assert f"/certificates/{certificate.code}/" in html


def test_print_stylesheet_hides_the_tools_when_printing():
    css = open(finders.find("courses/css/certificate.css"), encoding="utf-8").read()
    assert "@media print" in css
    assert ".certificate-print__tools { display: none" in css
    assert "@page" in css


def test_certificate_keeps_its_text_when_the_course_changes(client, certificate, course):
    course.title = "新しい題名"
    course.save()
    html = client.get(certificate.get_absolute_url()).content.decode()
    assert "ライティング講座の基礎" in html
