"""The learner's pages: course, lesson, enrolling, marking complete, resuming, leaving, invites, dashboard."""

from __future__ import annotations

import pytest
from django.urls import reverse

from courses.models import Enrollment, PrerequisitePolicy, StepProgress
from tests.factories.courses import CohortFactory, CoursePageFactory, EnrollmentFactory, LessonPageFactory

pytestmark = pytest.mark.django_db


def enrol_url(course):
    return reverse("courses:enrol", args=[course.pk])


class TestCoursePage:
    def test_anonymous_sees_syllabus_and_log_in_to_enrol(self, client, course, lessons):
        response = client.get(course.url)
        html = response.content.decode()
        assert response.status_code == 200
        assert [item.step.pk for item in response.context["syllabus"]] == [lesson.pk for lesson in lessons]
        assert "/accounts/login/?next=" in html
        assert 'action="/learn/courses/' not in html

    def test_learner_sees_the_enrol_form(self, client, course, lessons, learner):
        client.force_login(learner)
        html = client.get(course.url).content.decode()
        assert f'action="{enrol_url(course)}"' in html
        assert 'name="enrolment_key"' not in html  # no cohorts: no key field

    def test_key_field_shown_when_the_course_has_cohorts(self, client, course, learner):
        CohortFactory(course=course)
        client.force_login(learner)
        assert 'name="enrolment_key"' in client.get(course.url).content.decode()

    def test_enrolled_learner_sees_progress_and_continue(self, client, course, lessons, learner):
        enrollment = course.enroll(learner)
        enrollment.complete_step(lessons[0])
        client.force_login(learner)
        response = client.get(course.url)
        html = response.content.decode()
        assert '<progress class="progress__bar" max="100" value="50"' in html
        assert reverse("courses:continue", args=[course.pk]) in html
        states = [item.state for item in response.context["syllabus"]]
        assert states == ["done", "current", "todo"]

    def test_recommended_prerequisite_shows_a_warning(self, client, course, catalog, category, learner):
        basics = CoursePageFactory(parent=catalog, title="基礎コース", category=category)
        course.prerequisites.set([basics])
        course.save()
        client.force_login(learner)
        html = client.get(course.url).content.decode()
        assert "notice--warning" in html
        assert "基礎コース" in html
        assert f'action="{enrol_url(course)}"' in html

    def test_required_prerequisite_hides_the_form_and_lists_the_courses(
        self, client, course, catalog, category, learner
    ):
        basics = CoursePageFactory(parent=catalog, title="基礎コース", category=category)
        course.prerequisites.set([basics])
        course.prerequisite_policy = PrerequisitePolicy.REQUIRE
        course.save()
        client.force_login(learner)
        html = client.get(course.url).content.decode()
        assert "notice--error" in html
        assert "基礎コース" in html
        assert f'action="{enrol_url(course)}"' not in html


class TestEnrolView:
    def test_anonymous_is_sent_to_log_in(self, client, course):
        response = client.post(enrol_url(course))
        assert response.status_code == 302
        assert response["Location"].startswith("/accounts/login/")
        assert not Enrollment.objects.exists()

    def test_enrol_and_start_at_the_first_step(self, client, course, lessons, learner):
        client.force_login(learner)
        response = client.post(enrol_url(course))
        assert response.status_code == 302
        assert response["Location"] == lessons[0].url
        assert Enrollment.objects.active_for(learner, course) is not None

    def test_enrolling_again_says_so(self, client, course, lessons, learner):
        course.enroll(learner)
        client.force_login(learner)
        response = client.post(enrol_url(course), follow=True)
        assert response.status_code == 200
        assert Enrollment.objects.count() == 1

    def test_get_only_redirects_to_the_course(self, client, course, learner):
        client.force_login(learner)
        response = client.get(enrol_url(course))
        assert response.status_code == 302
        assert not Enrollment.objects.exists()

    def test_right_key_joins_the_cohort(self, client, course, lessons, learner):
        cohort = CohortFactory(course=course, enrolment_key="aki")
        client.force_login(learner)
        response = client.post(enrol_url(course), {"enrolment_key": "AKI"})
        assert response.status_code == 302
        assert Enrollment.objects.get(user=learner).cohort == cohort

    def test_wrong_key_says_so_and_keeps_the_form(self, client, course, learner):
        CohortFactory(course=course, enrolment_key="aki")
        client.force_login(learner)
        response = client.post(enrol_url(course), {"enrolment_key": "haru-2025"})
        assert response.status_code == 400
        html = response.content.decode()
        assert 'value="haru-2025"' in html
        assert 'aria-invalid="true"' in html
        assert response.context["enrol_form"].errors["enrolment_key"]
        assert not Enrollment.objects.exists()

    def test_closed_course_without_key_says_so(self, client, course, learner):
        course.open_enrolment = False
        course.save()
        CohortFactory(course=course, enrolment_key="aki")
        client.force_login(learner)
        response = client.post(enrol_url(course), {"enrolment_key": ""})
        assert response.status_code == 400
        assert response.context["enrol_form"].errors["enrolment_key"]

    def test_required_prerequisites_block_with_the_list(self, client, course, catalog, category, learner):
        basics = CoursePageFactory(parent=catalog, title="基礎コース", category=category)
        course.prerequisites.set([basics])
        course.prerequisite_policy = PrerequisitePolicy.REQUIRE
        course.save()
        client.force_login(learner)
        response = client.post(enrol_url(course))
        assert response.status_code == 400
        assert [page.pk for page in response.context["missing_prerequisites"]] == [basics.pk]
        assert "基礎コース" in response.content.decode()
        assert not Enrollment.objects.exists()

    def test_unknown_or_draft_course_is_404(self, client, catalog, category, learner):
        draft = CoursePageFactory(parent=catalog, live=False, category=category)
        client.force_login(learner)
        assert client.post(enrol_url(draft)).status_code == 404
        assert client.post(reverse("courses:enrol", args=[999999])).status_code == 404


class TestLessonAccess:
    def test_anonymous_is_sent_to_log_in_for_a_locked_lesson(self, client, lessons):
        response = client.get(lessons[1].url)
        assert response.status_code == 302
        assert response["Location"].startswith("/accounts/login/?next=")

    def test_non_enrolled_learner_cannot_read_the_body(self, client, lessons, learner):
        client.force_login(learner)
        response = client.get(lessons[1].url)
        assert response.status_code == 403
        html = response.content.decode()
        assert "提案を書く" in html  # the title may show
        assert "魅力的な提案文" not in html
        assert not StepProgress.objects.exists()

    def test_withdrawn_learner_cannot_read_the_body(self, client, course, lessons, learner):
        course.enroll(learner).withdraw()
        client.force_login(learner)
        assert client.get(lessons[1].url).status_code == 403

    def test_free_preview_is_readable_by_anyone(self, client, lessons):
        response = client.get(lessons[0].url)
        assert response.status_code == 200
        assert "Mark as complete" not in response.content.decode()
        assert "完了にする" not in response.content.decode()

    def test_enrolled_learner_reads_and_the_view_is_recorded(self, client, course, lessons, learner):
        enrollment = course.enroll(learner)
        client.force_login(learner)
        response = client.get(lessons[1].url)
        assert response.status_code == 200
        assert "魅力的な提案文" in response.content.decode()
        enrollment.refresh_from_db()
        assert enrollment.last_step_id == lessons[1].pk
        assert StepProgress.objects.filter(enrollment=enrollment, step=lessons[1]).exists()

    def test_mentor_of_the_course_and_editors_can_read(self, client, course, lessons, mentor, superuser):
        course.mentors.set([mentor])
        course.save()
        client.force_login(mentor)
        assert client.get(lessons[1].url).status_code == 200
        client.force_login(superuser)
        assert client.get(lessons[1].url).status_code == 200

    def test_lesson_shows_syllabus_states_and_neighbours(self, client, course, lessons, learner):
        enrollment = course.enroll(learner)
        enrollment.complete_step(lessons[0])
        client.force_login(learner)
        response = client.get(lessons[1].url)
        assert [item.state for item in response.context["syllabus"]] == ["done", "current", "todo"]
        assert response.context["previous_step"] == lessons[0]
        assert response.context["next_step"] == lessons[2]
        html = response.content.decode()
        assert 'aria-current="page"' in html
        assert 'rel="prev"' in html and 'rel="next"' in html
        assert f'action="{reverse("courses:mark_complete", args=[lessons[1].pk])}"' in html


class TestMarkComplete:
    def url(self, step):
        return reverse("courses:mark_complete", args=[step.pk])

    def test_marks_and_goes_to_the_next_step(self, client, course, lessons, learner):
        course.enroll(learner)
        client.force_login(learner)
        response = client.post(self.url(lessons[0]))
        assert response.status_code == 302
        assert response["Location"] == lessons[1].url
        assert StepProgress.objects.get(step=lessons[0]).completed_at is not None

    def test_last_required_step_leads_to_the_certificate(self, client, course, lessons, learner):
        enrollment = course.enroll(learner)
        enrollment.complete_step(lessons[0])
        client.force_login(learner)
        response = client.post(self.url(lessons[1]))
        enrollment.refresh_from_db()
        assert enrollment.is_completed
        assert response["Location"] == enrollment.certificate.get_absolute_url()

    def test_not_enrolled_is_refused(self, client, lessons, learner):
        client.force_login(learner)
        response = client.post(self.url(lessons[1]))
        assert response.status_code == 403
        assert not StepProgress.objects.exists()

    def test_anonymous_is_sent_to_log_in(self, client, lessons):
        response = client.post(self.url(lessons[1]))
        assert response.status_code == 302
        assert "/accounts/login/" in response["Location"]

    def test_get_is_not_allowed(self, client, course, lessons, learner):
        course.enroll(learner)
        client.force_login(learner)
        assert client.get(self.url(lessons[0])).status_code == 405
        assert not StepProgress.objects.exists()

    def test_unknown_step_is_404(self, client, course, learner):
        client.force_login(learner)
        assert client.post(reverse("courses:mark_complete", args=[course.pk])).status_code == 404
        assert client.post(reverse("courses:mark_complete", args=[999999])).status_code == 404


def test_continue_opens_the_resume_step(client, course, lessons, learner):
    enrollment = course.enroll(learner)
    enrollment.record_view(lessons[0])
    enrollment.complete_step(lessons[0])
    client.force_login(learner)
    response = client.get(reverse("courses:continue", args=[course.pk]))
    assert response["Location"] == lessons[1].url


def test_continue_without_enrolment_goes_to_the_course(client, course, lessons, learner):
    client.force_login(learner)
    assert client.get(reverse("courses:continue", args=[course.pk]))["Location"] == course.url


class TestWithdrawView:
    def test_confirmation_then_withdraw(self, client, course, lessons, learner):
        enrollment = course.enroll(learner)
        enrollment.complete_step(lessons[0])
        client.force_login(learner)
        url = reverse("courses:withdraw", args=[course.pk])
        assert client.get(url).status_code == 200
        enrollment.refresh_from_db()
        assert enrollment.is_active
        response = client.post(url)
        assert response.status_code == 302
        enrollment.refresh_from_db()
        assert enrollment.is_withdrawn
        # Back on the course page: rejoin, progress kept.
        html = client.get(course.url).content.decode()
        assert f'action="{enrol_url(course)}"' in html
        client.post(enrol_url(course))
        enrollment.refresh_from_db()
        assert enrollment.is_active and enrollment.steps_completed == 1

    def test_not_enrolled_goes_back_to_the_course(self, client, course, learner):
        client.force_login(learner)
        response = client.post(reverse("courses:withdraw", args=[course.pk]))
        assert response["Location"] == course.url


class TestCohortInvite:
    def test_invite_link_joins_without_a_key(self, client, course, learner):
        cohort = CohortFactory(course=course, enrolment_key="")
        client.force_login(learner)
        url = cohort.get_invite_url()
        assert cohort.name in client.get(url).content.decode()
        response = client.post(url)
        assert response["Location"] == course.url
        assert Enrollment.objects.get(user=learner).cohort == cohort

    def test_anonymous_is_sent_to_log_in(self, client, course):
        cohort = CohortFactory(course=course)
        response = client.get(cohort.get_invite_url())
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]

    def test_wrong_code_is_404(self, client, learner):
        client.force_login(learner)
        assert client.get(reverse("courses:cohort_invite", args=["nope"])).status_code == 404

    def test_closed_cohort_says_so(self, client, course, learner):
        cohort = CohortFactory(course=course, is_open=False)
        client.force_login(learner)
        response = client.post(cohort.get_invite_url())
        assert response.status_code == 400
        assert not Enrollment.objects.exists()


class TestDashboard:
    def test_anonymous_is_sent_to_log_in(self, client):
        response = client.get("/learn/")
        assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")

    def test_lists_courses_with_progress_next_step_and_certificates(
        self, client, course, lessons, catalog, category, learner
    ):
        enrollment = course.enroll(learner)
        enrollment.record_view(lessons[0])
        enrollment.complete_step(lessons[0])
        done_course = CoursePageFactory(parent=catalog, title="修了したコース", category=category)
        done_lesson = LessonPageFactory(parent=done_course)
        done_course.enroll(learner).complete_step(done_lesson)
        left = CoursePageFactory(parent=catalog, title="やめたコース", category=category)
        left.enroll(learner).withdraw()

        client.force_login(learner)
        response = client.get("/learn/")
        assert response.status_code == 200
        active = response.context["active"]
        assert [item.course.pk for item in active] == [course.pk]
        assert active[0].next_step == lessons[1]
        assert [item.course.pk for item in response.context["completed"]] == [done_course.pk]
        assert [item.course.pk for item in response.context["withdrawn"]] == [left.pk]
        html = response.content.decode()
        assert lessons[1].url in html
        certificate = response.context["certificates"][0]
        assert certificate.course_title == "修了したコース"
        assert certificate.get_absolute_url() in html

    def test_other_learners_enrolments_are_not_shown(self, client, course, learner, other_learner):
        EnrollmentFactory(user=other_learner, course=course)
        client.force_login(learner)
        response = client.get("/learn/")
        assert response.context["active"] == []
