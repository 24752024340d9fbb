"""The learner's side outside the page tree: enrolling, withdrawing, marking steps complete,
joining a cohort, the dashboard and certificates. Every form works without JavaScript."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView
from wagtail.models import Page, Site

from . import progress
from .conf import conf
from .exceptions import CoursesError, NotEnrolled, PrerequisitesMissing
from .forms import EnrolForm
from .models import Certificate, Cohort, CourseIndexPage, CoursePage, Enrollment
from .steps import get_step_models


def get_live_course(course_id: int) -> CoursePage:
    return get_object_or_404(CoursePage.objects.live().defer_streamfields(), pk=course_id)


def render_course_page(request, course: CoursePage, *, status: int = 400, **extra) -> TemplateResponse:
    """The course page again, e.g. with the enrol form's errors, keeping what the learner typed."""
    context = course.get_context(request, **extra)
    return TemplateResponse(request, course.get_template(request), context, status=status)


class EnrolView(LoginRequiredMixin, View):
    """POST: enrol in a course, with an optional cohort key. GET sends back to the course page."""

    def get(self, request, course_id: int):
        return HttpResponseRedirect(get_live_course(course_id).get_url(request))

    def post(self, request, course_id: int):
        course = get_live_course(course_id)
        form = EnrolForm(request.POST, course=course)
        if not form.is_valid():
            return render_course_page(request, course, enrol_form=form)
        try:
            enrollment = course.enroll(
                request.user, cohort=form.cohort, enrolment_key=form.cleaned_data.get("enrolment_key")
            )
        except PrerequisitesMissing as error:
            form.add_error(None, error.message)
            return render_course_page(request, course, enrol_form=form, missing_prerequisites=error.missing)
        except CoursesError as error:
            existing = Enrollment.objects.active_for(request.user, course)
            if existing is not None:
                messages.info(request, error.message)
                return HttpResponseRedirect(course.get_url(request))
            form.add_error(None, error.message)
            return render_course_page(request, course, enrol_form=form)
        if enrollment.cohort_id:
            messages.success(
                request,
                _("You are enrolled in “%(course)s” as a member of %(cohort)s.")
                % {"course": course.title, "cohort": enrollment.cohort.name},
            )
        else:
            messages.success(request, _("You are enrolled in “%(course)s”. Let’s begin!") % {"course": course.title})
        first = enrollment.get_resume_step(course.get_steps())
        return HttpResponseRedirect((first or course).get_url(request))


class WithdrawView(LoginRequiredMixin, TemplateView):
    """GET asks for confirmation, POST withdraws. Progress is kept for a later return."""

    template_name = "courses/withdraw_confirm.html"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.course = get_live_course(kwargs["course_id"])
        self.enrollment = Enrollment.objects.filter(
            user=request.user, course=self.course, status=Enrollment.Status.ACTIVE
        ).first()
        if self.enrollment is None:
            messages.info(request, _("You are not enrolled in this course."))
            return HttpResponseRedirect(self.course.get_url(request))
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(course=self.course, enrollment=self.enrollment, **kwargs)

    def post(self, request, course_id: int):
        self.enrollment.withdraw(actor=request.user)
        messages.success(
            request,
            _("You have left “%(course)s”. Your progress is kept if you come back.") % {"course": self.course.title},
        )
        return HttpResponseRedirect(self.course.get_url(request))


class ContinueView(LoginRequiredMixin, View):
    """“Continue where you left off”: the first incomplete step after the last one visited."""

    def get(self, request, course_id: int):
        course = get_live_course(course_id)
        enrollment = Enrollment.objects.active_for(request.user, course)
        if enrollment is None:
            return HttpResponseRedirect(course.get_url(request))
        enrollment.course = course
        step = enrollment.get_resume_step(course.get_steps())
        return HttpResponseRedirect((step or course).get_url(request))


class MarkCompleteView(LoginRequiredMixin, View):
    """POST: the learner marks a lesson complete, then goes on to the next step."""

    http_method_names = ["post"]

    def post(self, request, step_id: int):
        page = get_object_or_404(Page.objects.live().type(*get_step_models()), pk=step_id)
        step = page.specific_deferred
        course = step.get_course()
        before = Enrollment.objects.active_for(request.user, course)
        try:
            if before is None:
                raise NotEnrolled()
            progress.mark_step_complete(request.user, step, by_learner=True)
        except NotEnrolled as error:
            return TemplateResponse(
                request, "courses/refused.html", {"message": error.message, "course": course}, status=403
            )
        except CoursesError as error:
            return TemplateResponse(
                request, "courses/refused.html", {"message": error.message, "course": course}, status=400
            )
        enrollment = Enrollment.objects.get(pk=before.pk)
        if enrollment.is_completed and not before.is_completed:
            messages.success(
                request,
                _("Congratulations! You completed “%(course)s”. Here is your certificate.") % {"course": course.title},
            )
            return HttpResponseRedirect(enrollment.get_certificate().get_absolute_url())
        messages.success(request, _("“%(step)s” is complete.") % {"step": step.title})
        steps = course.get_steps()
        ids = [item.pk for item in steps]
        if step.pk in ids and ids.index(step.pk) + 1 < len(steps):
            return HttpResponseRedirect(steps[ids.index(step.pk) + 1].get_url(request))
        return HttpResponseRedirect(course.get_url(request))


class CohortInviteView(LoginRequiredMixin, TemplateView):
    """An invite link: GET shows the cohort, POST joins it (no key needed)."""

    template_name = "courses/cohort_invite.html"

    def dispatch(self, request, *args, **kwargs):
        self.cohort = get_object_or_404(
            Cohort.objects.select_related("course").filter(course__live=True), invite_code=kwargs["code"]
        )
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        course = self.cohort.course
        return super().get_context_data(
            cohort=self.cohort,
            course=course,
            enrollment=Enrollment.objects.active_for(self.request.user, course),
            missing_prerequisites=course.get_missing_prerequisites(self.request.user),
            **kwargs,
        )

    def post(self, request, code: str):
        course = self.cohort.course
        try:
            course.enroll(request.user, cohort=self.cohort, via_invite=True)
        except PrerequisitesMissing as error:
            context = self.get_context_data(error=error.message, missing_prerequisites=error.missing)
            return self.render_to_response(context, status=400)
        except CoursesError as error:
            if Enrollment.objects.filter(user=request.user, course=course, cohort=self.cohort).exists():
                messages.info(request, _("You are already a member of %(cohort)s.") % {"cohort": self.cohort.name})
                return HttpResponseRedirect(course.get_url(request))
            return self.render_to_response(self.get_context_data(error=error.message), status=400)
        messages.success(request, _("Welcome to %(cohort)s!") % {"cohort": self.cohort.name})
        return HttpResponseRedirect(course.get_url(request))


class DashboardView(LoginRequiredMixin, TemplateView):
    """/learn/: the learner's courses with progress and next step, and their certificates."""

    template_name = "courses/dashboard.html"

    def get_context_data(self, **kwargs):
        enrollments = list(
            Enrollment.objects.for_user(self.request.user)
            .select_related("course", "cohort", "course__category")
            # The cards show the course's title, level and category: not its long texts.
            .defer("course__description", "course__outcomes")
            .order_by("-last_visited_at", "-enrolled_at")
        )
        current = [enrollment for enrollment in enrollments if not enrollment.is_withdrawn]
        Enrollment.objects.prefetch_steps(current)
        for enrollment in current:
            enrollment.next_step = None if enrollment.is_completed else enrollment.get_resume_step()
            # Links computed once here rather than by `{% pageurl %}` in the template.
            enrollment.course_url = enrollment.course.get_url(self.request)
            enrollment.next_step_url = enrollment.next_step.get_url(self.request) if enrollment.next_step else None
        certificates = list(Certificate.objects.filter(enrollment__user=self.request.user).select_related("enrollment"))
        catalog = CourseIndexPage.objects.live().order_by("path").first()
        return super().get_context_data(
            catalog_url=catalog.get_url(self.request) if catalog else None,
            active=[enrollment for enrollment in current if enrollment.is_active],
            completed=[enrollment for enrollment in current if enrollment.is_completed],
            withdrawn=[enrollment for enrollment in enrollments if enrollment.is_withdrawn],
            certificates=certificates,
            **kwargs,
        )


class CertificateView(TemplateView):
    """Public verification page of a certificate, by its code."""

    template_name = "courses/certificate.html"

    def get_context_data(self, **kwargs):
        code = kwargs["code"].strip().upper()
        try:
            certificate = Certificate.objects.select_related("enrollment__course").get(code=code)
        except Certificate.DoesNotExist as error:
            raise Http404(_("No certificate has this code.")) from error
        course = certificate.enrollment.course
        return super().get_context_data(
            certificate=certificate,
            course=course if course.live else None,
            is_owner=self.request.user.is_authenticated and certificate.enrollment.user_id == self.request.user.pk,
            **kwargs,
        )


class CertificatePrintView(CertificateView):
    """The certificate alone on a page, laid out for printing (see certificate.css)."""

    template_name = "courses/certificate_print.html"

    def get_context_data(self, **kwargs):
        site = Site.find_for_request(self.request)
        return super().get_context_data(site_name=(site.site_name if site else "") or conf.SITE_NAME, **kwargs)
