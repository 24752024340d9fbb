"""The extra routes of a `MeetupPage`: reply (RSVP), cancel, the progress report and the .ics file.

Each POST redirects back to the meetup page with a message; a report with
errors re-renders the page with what was typed.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import HttpResponse, HttpResponseNotAllowed, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.utils.html import strip_tags
from django.utils.translation import gettext as _

from .. import ics
from ..exceptions import MeetupError
from ..forms import ProgressReportForm
from ..models import RegistrationStatus
from ..notifications import absolute_url


def _page_url(request, page) -> str:
    return page.get_url(request) or "/"


def _guard(request, page):
    """POST only, logged in; returns a response to send instead, or None."""
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    if not request.user.is_authenticated:
        return redirect_to_login(_page_url(request, page))
    return None


def rsvp(request, page):
    refused = _guard(request, page)
    if refused is not None:
        return refused
    try:
        registration = page.rsvp(request.user)
    except MeetupError as error:
        messages.error(request, str(error.message))
    else:
        if registration.status == RegistrationStatus.GOING:
            messages.success(request, _("Your seat is confirmed. See you there!"))
        else:
            messages.info(
                request,
                _(
                    "The meetup is full, so you are on the waiting list. If a seat frees up, it is yours and we will e-mail you."
                ),
            )
    return HttpResponseRedirect(_page_url(request, page) + "#rsvp")


def cancel(request, page):
    refused = _guard(request, page)
    if refused is not None:
        return refused
    try:
        _registration, _promoted = page.cancel_rsvp(request.user)
    except MeetupError as error:
        messages.error(request, str(error.message))
    else:
        messages.success(request, _("Your reply is cancelled. Thank you for letting us know."))
    return HttpResponseRedirect(_page_url(request, page) + "#rsvp")


def report(request, page):
    refused = _guard(request, page)
    if refused is not None:
        return refused
    form = ProgressReportForm(request.POST)
    if form.is_valid():
        try:
            page.post_report(
                request.user,
                done=form.cleaned_data["done"],
                stuck=form.cleaned_data["stuck"],
                next_step=form.cleaned_data["next_step"],
            )
        except MeetupError as error:
            form.add_error(None, str(error.message))
        else:
            messages.success(request, _("Your report is saved. The hosts will read it before the meetup."))
            return HttpResponseRedirect(_page_url(request, page) + "#report")
    request.is_preview = False
    context = page.get_context(request, report_form=form)
    return TemplateResponse(request, page.get_template(request), context, status=400)


def calendar(request, page):
    """The meetup as an .ics file, to add it to a calendar app."""
    url = absolute_url(page.get_url(request) or "/")
    location = page.place
    if (
        page.online_url
        and page.get_registration(request.user) is not None
        and page.get_registration(request.user).is_going
    ):
        location = ", ".join(part for part in [page.place, page.online_url] if part)
    elif not location:
        location = _("Online")
    body = ics.calendar(
        [
            ics.meetup_event(
                page,
                url=url,
                domain=urlsplit(url).hostname or "localhost",
                description=strip_tags(page.description or "").strip(),
                location=location,
            )
        ],
        name=page.title,
    )
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="meetup-{page.pk}.ics"'
    return response
