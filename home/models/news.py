"""News, and seminar notices with a registration form built in the admin.

A `NewsPage` with a start time is a seminar notice: it shows the event's
details, takes registrations through Wagtail's form builder (submissions are
listed and exported under Forms in the admin), and stops taking them when the
seminar is full or has started.
"""

from __future__ import annotations

import logging

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.forms.models import AbstractFormField, EmailFormMixin, FormMixin
from wagtail.contrib.forms.panels import FormSubmissionsPanel
from wagtail.fields import RichTextField
from wagtail.models import Page

from ..exceptions import RegistrationClosed
from .articles import ArticlePage

logger = logging.getLogger(__name__)


class RegistrationFormField(AbstractFormField):
    """A field of a seminar's registration form, as built by editors."""

    page = ParentalKey("home.NewsPage", on_delete=models.CASCADE, related_name="form_fields")

    class Meta(AbstractFormField.Meta):
        verbose_name = _("registration form field")
        verbose_name_plural = _("registration form fields")


class NewsPage(EmailFormMixin, FormMixin, ArticlePage):
    """An announcement; with a start time, a seminar notice that takes registrations."""

    class RegistrationState(models.TextChoices):
        NOT_OFFERED = "not_offered", pgettext_lazy("seminar registration", "Not offered")
        OPEN = "open", pgettext_lazy("seminar registration", "Open")
        FULL = "full", pgettext_lazy("seminar registration", "Full")
        ENDED = "ended", pgettext_lazy("seminar registration", "Closed")

    starts_at = models.DateTimeField(
        _("Seminar starts at"),
        null=True,
        blank=True,
        help_text=_("Leave empty for a plain announcement. Registration closes when the seminar starts."),
    )
    ends_at = models.DateTimeField(_("Seminar ends at"), null=True, blank=True)
    venue = models.CharField(
        _("Venue"), max_length=200, blank=True, help_text=_("Place and room, for example: 中央公民館 2階 会議室.")
    )
    is_online = models.BooleanField(_("Online"), default=False, help_text=_("Held online (too, with a venue)."))
    capacity = models.PositiveIntegerField(
        _("Capacity"),
        null=True,
        blank=True,
        help_text=_("Registration closes when this many people have registered. Leave empty for no limit."),
    )
    registration_intro = RichTextField(
        _("Text above the registration form"), blank=True, features=["bold", "italic", "link", "ul"]
    )
    thank_you_text = RichTextField(
        _("Text after registering"),
        blank=True,
        features=["bold", "italic", "link", "ul"],
        help_text=_("Shown to the person who has just registered."),
    )

    template = "home/news_page.html"
    landing_page_template = "home/news_page_landing.html"

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel([FieldPanel("date"), FieldPanel("lead")], heading=_("Introduction")),
        MultiFieldPanel([FieldPanel("cover_image"), FieldPanel("cover_image_alt")], heading=_("Cover image")),
        FieldPanel("body"),
        FieldPanel("tags"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("starts_at"), FieldPanel("ends_at")]),
                FieldRowPanel([FieldPanel("venue"), FieldPanel("is_online")]),
                FieldPanel("capacity"),
            ],
            heading=_("Seminar"),
            help_text=_("Only for a seminar notice: leave the start time empty for plain news."),
        ),
        MultiFieldPanel(
            [
                FormSubmissionsPanel(heading=_("Registrations")),
                FieldPanel("registration_intro"),
                InlinePanel("form_fields", label=_("Registration form field")),
                FieldPanel("thank_you_text"),
            ],
            heading=_("Registration form"),
        ),
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("from_address"), FieldPanel("to_address")]), FieldPanel("subject")],
            heading=_("E-mail each registration to"),
            classname="collapsed",
        ),
    ]

    page_description = _("News. With a start time it is a seminar notice with a registration form.")

    class Meta:
        verbose_name = _("News")
        verbose_name_plural = _("News")

    # Seminar details ---------------------------------------------------------

    @property
    def is_seminar(self) -> bool:
        return self.starts_at is not None

    @property
    def event_kind_label(self) -> str:
        """What kind of event this is, for lists of events of several types."""
        return str(_("Seminar"))

    @property
    def event_place_label(self) -> str:
        """A short "where" for lists of events."""
        if self.venue and self.is_online:
            return _("%(venue)s and online") % {"venue": self.venue}
        if self.is_online:
            return str(_("Online"))
        return self.venue

    def clean(self):
        errors = {}
        try:
            super().clean()
        except ValidationError as error:
            errors.update(error.update_error_dict({}))
        if self.starts_at:
            if self.ends_at and self.ends_at <= self.starts_at:
                errors.setdefault("ends_at", []).append(ValidationError(_("The seminar must end after it starts.")))
            if not self.venue.strip() and not self.is_online:
                errors.setdefault("venue", []).append(
                    ValidationError(_("Enter the venue, or tick Online, so people know where to come."))
                )
        elif self.ends_at or self.capacity:
            errors.setdefault("starts_at", []).append(
                ValidationError(_("Enter when the seminar starts: an end time or a capacity needs a start time."))
            )
        if self.capacity == 0:
            errors.setdefault("capacity", []).append(
                ValidationError(_("Enter at least 1, or leave empty for no limit."))
            )
        if errors:
            raise ValidationError(errors)

    # Registration --------------------------------------------------------------

    def registration_count(self) -> int:
        return self.get_submissions().count() if self.pk else 0

    def registration_state(self, now=None) -> str:
        """Whether registration is offered and open, full, or over (the seminar has started).

        Registration is offered on a seminar notice whose form has fields.
        """
        if not self.is_seminar or not self.get_form_fields():
            return self.RegistrationState.NOT_OFFERED
        if (now or timezone.now()) >= self.starts_at:
            return self.RegistrationState.ENDED
        if self.capacity is not None and self.registration_count() >= self.capacity:
            return self.RegistrationState.FULL
        return self.RegistrationState.OPEN

    def seats_left(self) -> int | None:
        """Free places, or None without a capacity."""
        if self.capacity is None:
            return None
        return max(self.capacity - self.registration_count(), 0)

    def registration_closed_message(self, state: str) -> str:
        if state == self.RegistrationState.FULL:
            return str(_("This seminar is full. Registration has closed."))
        if state == self.RegistrationState.ENDED:
            return str(
                _("Registration closed when the seminar started (%(start)s).")
                % {"start": date_format(timezone.localtime(self.starts_at), "DATETIME_FORMAT")}
            )
        return str(_("This page does not take registrations."))

    def process_form_submission(self, form):
        """Record one registration, refusing it once the seminar is full or has started.

        The check and the insert happen in one transaction holding a lock on the
        page row (on SQLite the IMMEDIATE transaction takes the write lock), so two
        people registering for the last seat cannot both get it. The notification
        e-mail (if any) goes out after the registration is committed; if it cannot
        be sent, the registration stands and the failure is logged.
        Raises `RegistrationClosed`.
        """
        with transaction.atomic():
            list(NewsPage.objects.select_for_update().filter(pk=self.pk).values_list("pk"))
            state = self.registration_state()
            if state != self.RegistrationState.OPEN:
                raise RegistrationClosed(state, self.registration_closed_message(state))
            submission = self.get_submission_class().objects.create(form_data=form.cleaned_data, page=self)
        if self.to_address:
            try:
                self.send_mail(form)
            except OSError:  # smtplib's errors are OSErrors; the registration itself is saved
                logger.exception("seminar registration %s: the notification e-mail was not sent", submission.pk)
        return submission

    def serve(self, request, *args, **kwargs):
        """Show the notice and its form; on POST register, or explain why registration is closed.

        Whatever the person typed stays in the form when it is refused.
        """
        if request.method != "POST":
            return super().serve(request, *args, **kwargs)
        form = self.get_form(request.POST, request.FILES, page=self, user=request.user)
        if form.is_valid():
            try:
                submission = self.process_form_submission(form)
            except RegistrationClosed as closed:
                form.add_error(None, closed.message)
            else:
                return self.render_landing_page(request, submission, *args, **kwargs)
        context = self.get_context(request)
        context["form"] = form
        return TemplateResponse(request, self.get_template(request), context)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        state = self.registration_state()
        context["registration_state"] = state
        context["registration_open"] = state == self.RegistrationState.OPEN
        context["registration_closed_message"] = (
            self.registration_closed_message(state)
            if state in (self.RegistrationState.FULL, self.RegistrationState.ENDED)
            else ""
        )
        return context
