"""The Wagtail admin: creating the course tree, previews, cohorts, reports with export, safe deletion."""

from __future__ import annotations

import io

import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse
from openpyxl import load_workbook
from wagtail.models import Page
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from courses.models import Cohort, CoursePage, Enrollment, LessonPage
from tests.factories.accounts import UserFactory
from tests.factories.courses import CohortFactory, CoursePageFactory, EnrollmentFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client, superuser):
    client.force_login(superuser)
    return client


def test_editor_creates_a_lesson_under_a_course(admin_client, course):
    url = reverse("wagtailadmin_pages:add", args=["courses", "lessonpage", course.pk])
    assert admin_client.get(url).status_code == 200
    response = admin_client.post(
        url,
        {
            "title": "新しいレッスン",
            "slug": "new-lesson",
            "summary": "概要",
            "minutes": "15",
            "body-count": "0",
            "action-publish": "publish",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    lesson = LessonPage.objects.get(slug="new-lesson")
    assert lesson.live
    assert lesson.get_parent().pk == course.pk


def test_admin_offers_only_lessons_and_registered_steps_under_a_course(admin_client, course):
    response = admin_client.get(reverse("wagtailadmin_pages:add_subpage", args=[course.pk]))
    assert response.status_code in {200, 302}
    if response.status_code == 200:
        html = response.content.decode()
        assert "lessonpage" in html
        assert "coursepage/" not in html


def test_admin_refuses_a_lesson_under_the_catalog(admin_client, catalog):
    url = reverse("wagtailadmin_pages:add", args=["courses", "lessonpage", catalog.pk])
    response = admin_client.get(url)
    assert response.status_code in {302, 403}
    assert admin_client.post(url, {"title": "x", "slug": "x", "body-count": "0"}).status_code in {302, 403}
    assert not LessonPage.objects.filter(slug="x").exists()


def test_course_edit_form_and_preview(admin_client, course, lessons):
    assert admin_client.get(reverse("wagtailadmin_pages:edit", args=[course.pk])).status_code == 200
    assert admin_client.get(reverse("wagtailadmin_pages:edit", args=[lessons[1].pk])).status_code == 200
    preview = admin_client.get(reverse("wagtailadmin_pages:view_draft", args=[lessons[1].pk]))
    assert preview.status_code == 200
    assert "魅力的な提案文" in preview.content.decode()


def test_deleting_a_course_with_learners_is_refused(admin_client, course, learner):
    EnrollmentFactory(user=learner, course=course)
    response = admin_client.post(reverse("wagtailadmin_pages:delete", args=[course.pk]))
    assert response.status_code == 302
    assert CoursePage.objects.filter(pk=course.pk).exists()


def test_deleting_a_course_without_learners_works(admin_client, course):
    admin_client.post(reverse("wagtailadmin_pages:delete", args=[course.pk]))
    assert not CoursePage.objects.filter(pk=course.pk).exists()


class TestCohortAdmin:
    def test_staff_create_a_cohort(self, admin_client, course, mentor):
        url = reverse("wagtailsnippets_courses_cohort:add")
        assert admin_client.get(url).status_code == 200
        response = admin_client.post(
            url,
            {
                "name": "第3期",
                "course": course.pk,
                "starts_on": "2025-10-01",
                "ends_on": "2026-01-31",
                "enrolment_key": "sanki",
                "is_open": "on",
                "mentors": [mentor.pk],
            },
        )
        assert response.status_code == 302, response.content.decode()[:3000]
        cohort = Cohort.objects.get(name="第3期")
        assert cohort.course.pk == course.pk
        assert list(cohort.mentors.all()) == [mentor]

    def test_members_are_listed_in_the_edit_view(self, admin_client, course, learner):
        cohort = CohortFactory(course=course)
        learner.first_name = "花子"
        learner.save()
        EnrollmentFactory(user=learner, course=course, cohort=cohort)
        response = admin_client.get(reverse("wagtailsnippets_courses_cohort:edit", args=[cohort.pk]))
        html = response.content.decode()
        assert response.status_code == 200
        assert "花子" in html
        assert cohort.invite_code in html
        listing = admin_client.get(reverse("wagtailsnippets_courses_cohort:list")).content.decode()
        assert cohort.name in listing

    def test_categories_are_snippets(self, admin_client, category):
        response = admin_client.get(reverse("wagtailsnippets_courses_skillcategory:list"))
        assert response.status_code == 200
        assert category.name in response.content.decode()


@pytest.fixture
def report_data(course, lessons, catalog, category):
    cohort = CohortFactory(course=course, name="秋期")
    learners = [UserFactory() for _ in range(4)]
    done = course.enroll(learners[0], cohort=cohort, enrolment_key="tsunagu-key")
    done.complete_step(lessons[0])
    done.complete_step(lessons[1])
    course.enroll(learners[1], cohort=cohort, enrolment_key="tsunagu-key")
    course.enroll(learners[2]).withdraw()
    other = CoursePageFactory(parent=catalog, title="別のコース", category=category)
    other.enroll(learners[3])
    return {"course": course, "cohort": cohort, "other": other}


class TestReports:
    def test_course_report_counts(self, admin_client, report_data):
        response = admin_client.get(reverse("courses_reports:courses"))
        assert response.status_code == 200
        rows = {row.title: row for row in response.context["object_list"]}
        row = rows["ライティング講座の基礎"]
        assert (row.total, row.active, row.completed, row.withdrawn) == (3, 1, 1, 1)
        assert row.completion_rate == "50%"
        assert rows["別のコース"].total == 1

    def test_course_report_csv(self, admin_client, report_data):
        response = admin_client.get(reverse("courses_reports:courses") + "?export=csv")
        assert response.status_code == 200
        content = (
            b"".join(response.streaming_content).decode("utf-8") if response.streaming else response.content.decode()
        )
        lines = [line for line in content.splitlines() if line]
        assert "ライティング講座の基礎" in content
        assert any(line.startswith("ライティング講座の基礎,") and line.endswith(",3,1,1,1,50%") for line in lines), (
            lines
        )

    def test_cohort_report_xlsx(self, admin_client, report_data):
        response = admin_client.get(reverse("courses_reports:cohorts") + "?export=xlsx")
        assert response.status_code == 200
        workbook = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
        rows = list(workbook.active.iter_rows(values_only=True))
        assert rows[1][0] == "秋期"
        assert rows[1][1] == "ライティング講座の基礎"
        assert rows[1][4:] == (2, 1, 1, 0, "50%")

    def test_cohort_report_filter_by_course(self, admin_client, report_data):
        response = admin_client.get(reverse("courses_reports:cohorts"), {"course": report_data["other"].pk})
        assert list(response.context["object_list"]) == []

    def test_reports_need_the_view_enrolment_permission(self, client, report_data):
        editor = UserFactory(groups=["Editors"])
        client.force_login(editor)
        assert client.get(reverse("courses_reports:courses")).status_code in {302, 403}
        staff = Group.objects.create(name="Report readers")
        staff.permissions.add(
            Permission.objects.get(codename="access_admin"), Permission.objects.get(codename="view_enrollment")
        )
        reader = UserFactory(groups=["Report readers"])
        client.force_login(reader)
        assert client.get(reverse("courses_reports:courses")).status_code == 200
        assert client.get(reverse("courses_reports:cohorts") + "?export=csv").status_code == 200

    def test_reports_are_in_the_reports_menu(self, admin_client, report_data):
        html = admin_client.get(reverse("wagtailadmin_home")).content.decode()
        assert reverse("courses_reports:courses") in html
        assert reverse("courses_reports:cohorts") in html


def test_enrollment_count_unaffected_by_the_page_tree(course):
    assert Page.objects.type(CoursePage).count() == 1
    assert Enrollment.objects.count() == 0


def test_staff_groups_get_the_courses_permissions():
    moderators = Group.objects.get(name="Moderators")
    codenames = set(moderators.permissions.filter(content_type__app_label="courses").values_list("codename", flat=True))
    assert {"add_cohort", "change_cohort", "view_enrollment", "change_skillcategory"} <= codenames
    editors = Group.objects.get(name="Editors")
    assert editors.permissions.filter(codename="change_skillcategory").exists()
    assert not editors.permissions.filter(codename="view_enrollment").exists()


def test_moderator_manages_cohorts_and_reads_reports(client, report_data):
    moderator = UserFactory(groups=["Moderators"])
    client.force_login(moderator)
    assert client.get(reverse("wagtailsnippets_courses_cohort:list")).status_code == 200
    assert client.get(reverse("courses_reports:cohorts")).status_code == 200


@pytest.mark.parametrize("model", ["lessonpage", "coursepage"])
def test_preview_of_a_new_page_before_saving(admin_client, superuser, course, lessons, model):
    """Editors preview a course or lesson that is not saved yet (no tree position, no steps, no learners)."""
    course.enroll(superuser)
    if model == "lessonpage":
        parent = course
        data = {"title": "新しいレッスン", "slug": "new", "summary": "概要", "minutes": "3"}
        data["body"] = streamfield([("heading", "プレビューの見出し")])
        expected = "プレビューの見出し"
    else:
        parent = course.get_parent()
        data = {
            "title": "新しいコース",
            "slug": "new-course",
            "summary": "プレビューの概要",
            "level": "2",
            "hours": "3",
            "prerequisite_policy": "recommend",
            "outcomes": streamfield([("outcome", "できること")]),
            "description": rich_text("<p>説明</p>"),
        }
        expected = "プレビューの概要"
    url = reverse("wagtailadmin_pages:preview_on_add", args=["courses", model, parent.pk])
    assert admin_client.post(url, nested_form_data(data)).json()["is_valid"]
    response = admin_client.get(url)
    assert response.status_code == 200
    assert expected in response.content.decode()
