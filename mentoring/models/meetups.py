"""Consultation meetups (モヤモヤ解消会): pages with a time, a place or an online link, a capacity and
hosts; RSVPs with a waiting list and automatic promotion; attendees' short progress reports.

`MeetupIndexPage` (for example /meetups/) holds `MeetupPage`s. A meetup page
answers a few extra routes (Wagtail's `RoutablePageMixin`): `rsvp/`,
`cancel/`, `report/` (POST) and `calendar/` (an .ics file).
"""

from __future__ import annotations

import datetime as dt

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import IntegrityError, models, transaction
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.contrib.routable_page.models import path as subpage_path
from wagtail.fields import RichTextField
from wagtail.models import Page, PageManager
from wagtail.query import PageQuerySet
from wagtail.search import index

from courses.models import Enrollment

from .. import signals
from ..exceptions import AlreadyRegistered, InvalidTransition, MeetupClosed, NotInCohort, NotRegistered


class MeetupIndexPage(Page):
    """The list of meetups: upcoming ones first, then the most recent past ones."""

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link", "ul", "ol"])

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    subpage_types = ["mentoring.MeetupPage"]
    page_description = _("The list of consultation meetups. Create meetups under it.")
    template = "mentoring/meetup_index_page.html"
    page_size = 20
    past_limit = 6

    class Meta:
        verbose_name = _("meetup list")
        verbose_name_plural = _("meetup lists")

    def get_meetups(self):
        """Live, public meetups under this page, with their hosts."""
        return (
            MeetupPage.objects.child_of(self)
            .live()
            .public()
            .select_related("cohort")
            .prefetch_related("hosts")
            .annotate_going()
        )

    def paginate(self, request, queryset):
        """One page of upcoming meetups; a bad page number gives the nearest page."""
        return Paginator(queryset, self.page_size).get_page(request.GET.get("page"))

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        now = timezone.now()
        page_obj = self.paginate(request, self.get_meetups().filter(ends_at__gte=now).order_by("starts_at", "pk"))
        upcoming = list(page_obj.object_list)
        past = list(self.get_meetups().filter(ends_at__lt=now).order_by("-starts_at")[: self.past_limit])
        attach_registrations(request.user, upcoming)
        context.update(page_obj=page_obj, upcoming=upcoming, past=past)
        return context


class MeetupPageQuerySet(PageQuerySet):
    def annotate_going(self):
        return self.annotate(
            going_total=Count("registrations", filter=Q(registrations__status=RegistrationStatus.GOING), distinct=True)
        )


def attach_registrations(user, meetups) -> None:
    """Give each meetup `my_registration` (the user's RSVP or None) in one query."""
    mine = {}
    if getattr(user, "is_authenticated", False) and meetups:
        mine = {
            registration.meetup_id: registration
            for registration in MeetupRegistration.objects.filter(user=user, meetup__in=[m.pk for m in meetups])
        }
    for meetup in meetups:
        meetup.my_registration = mine.get(meetup.pk)


class MeetupPage(RoutablePageMixin, Page):
    """A consultation meetup: when, where (a place or an online link), how many, who hosts, for whom."""

    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    place = models.CharField(
        _("place"), max_length=200, blank=True, help_text=_("A room and address. Empty if online.")
    )
    online_url = models.URLField(
        _("online link"), max_length=500, blank=True, help_text=_("Shown only to people with a seat.")
    )
    capacity = models.PositiveSmallIntegerField(_("capacity"), default=10)
    cohort = models.ForeignKey(
        "courses.Cohort",
        verbose_name=_("cohort"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Empty: open to every learner. Otherwise only the cohort's members can reply."),
    )
    hosts = ParentalManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("hosts"),
        blank=True,
        related_name="hosted_meetups",
        limit_choices_to={"mentor_profile__isnull": False},
    )
    description = RichTextField(_("description"), blank=True, features=["h3", "bold", "italic", "link", "ul", "ol"])

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("starts_at"), FieldPanel("ends_at")]),
                FieldPanel("place"),
                FieldPanel("online_url"),
            ],
            heading=_("When and where"),
        ),
        MultiFieldPanel(
            [FieldPanel("capacity"), FieldPanel("cohort"), FieldPanel("hosts", widget=forms.CheckboxSelectMultiple)],
            heading=_("Who"),
        ),
        FieldPanel("description"),
    ]
    search_fields = [*Page.search_fields, index.SearchField("description"), index.FilterField("starts_at")]

    parent_page_types = ["mentoring.MeetupIndexPage"]
    subpage_types: list[str] = []
    page_description = _("A consultation meetup with RSVPs, a waiting list and progress reports.")
    template = "mentoring/meetup_page.html"

    objects = PageManager.from_queryset(MeetupPageQuerySet)()

    class Meta:
        verbose_name = _("meetup")
        verbose_name_plural = _("meetups")

    def clean(self):
        super().clean()
        errors = {}
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            errors["ends_at"] = _("The end must be after the start.")
        if not self.place and not self.online_url:
            errors["place"] = _("Give a place, an online link, or both.")
        if self.capacity is not None and self.capacity < 1:
            errors["capacity"] = _("At least one seat.")
        if errors:
            raise ValidationError(errors)

    # Reading -----------------------------------------------------------------

    @property
    def event_place_label(self) -> str:
        """A short "where" for lists (the home page's upcoming events use it)."""
        if self.place:
            return self.place
        return gettext("Online")

    @property
    def is_online(self) -> bool:
        return bool(self.online_url)

    def has_started(self, now: dt.datetime | None = None) -> bool:
        return (now or timezone.now()) >= self.starts_at

    def has_ended(self, now: dt.datetime | None = None) -> bool:
        return (now or timezone.now()) >= self.ends_at

    def going_count(self) -> int:
        annotated = getattr(self, "going_total", None)
        if annotated is not None:
            return annotated
        return self.registrations.filter(status=RegistrationStatus.GOING).count()

    def seats_left(self) -> int:
        return max(0, self.capacity - self.going_count())

    def is_host(self, user) -> bool:
        if not getattr(user, "is_authenticated", False):
            return False
        return any(host.pk == user.pk for host in self.hosts.all())

    def can_see_reports(self, user) -> bool:
        """Hosts and staff read the attendees' progress reports."""
        return self.is_host(user) or bool(getattr(user, "is_staff", False) or getattr(user, "is_superuser", False))

    def may_register(self, user) -> bool:
        """Members of the meetup's cohort (anyone when it has none), hosts and staff."""
        if not getattr(user, "is_authenticated", False):
            return False
        if self.cohort_id is None or self.can_see_reports(user):
            return True
        return Enrollment.objects.current().filter(user=user, cohort_id=self.cohort_id).exists()

    def get_registration(self, user) -> MeetupRegistration | None:
        if not getattr(user, "is_authenticated", False):
            return None
        return MeetupRegistration.objects.filter(meetup=self, user=user).first()

    def get_waitlist(self):
        return self.registrations.filter(status=RegistrationStatus.WAITLISTED).order_by("waitlisted_at", "pk")

    def get_attendees(self):
        return (
            self.registrations.exclude(status=RegistrationStatus.CANCELLED)
            .select_related("user")
            .order_by("status", "waitlisted_at", "created_at", "pk")
        )

    # Changing ----------------------------------------------------------------

    def _lock(self) -> None:
        """Serialise RSVPs of this meetup: a row lock on PostgreSQL; SQLite's IMMEDIATE transactions
        already hold the write lock from their first statement."""
        list(MeetupPage.objects.select_for_update(of=("self",)).filter(pk=self.pk).values_list("pk", flat=True))

    @transaction.atomic
    def rsvp(self, user, *, now: dt.datetime | None = None) -> MeetupRegistration:
        """Reply "I'll come": a seat while there is one, else a place on the waiting list.

        Raises `MeetupClosed` once the meetup has started, `NotInCohort`,
        `AlreadyRegistered` when the user already has a seat or a place in line.
        """
        now = now or timezone.now()
        if self.has_started(now):
            raise MeetupClosed()
        if not self.may_register(user):
            raise NotInCohort()
        self._lock()
        going = self.registrations.filter(status=RegistrationStatus.GOING).count()
        target = RegistrationStatus.GOING if going < self.capacity else RegistrationStatus.WAITLISTED
        registration = MeetupRegistration.objects.filter(meetup=self, user=user).first()
        if registration is not None:
            if registration.status != RegistrationStatus.CANCELLED:
                raise AlreadyRegistered()
            return registration._move("rejoin", target, now=now)
        try:
            with transaction.atomic():
                registration = MeetupRegistration.objects.create(
                    meetup=self, user=user, status=target, waitlisted_at=now, created_at=now, updated_at=now
                )
        except IntegrityError as error:
            raise AlreadyRegistered() from error
        registration._signal("rsvp", "", target)
        return registration

    @transaction.atomic
    def cancel_rsvp(
        self, user, *, now: dt.datetime | None = None
    ) -> tuple[MeetupRegistration, MeetupRegistration | None]:
        """Give up a seat or a place in line; the first in line gets a freed seat.

        Returns (the cancelled registration, the promoted one or None).
        """
        now = now or timezone.now()
        self._lock()
        registration = MeetupRegistration.objects.filter(meetup=self, user=user).first()
        if registration is None or registration.status == RegistrationStatus.CANCELLED:
            raise NotRegistered()
        had_seat = registration.status == RegistrationStatus.GOING
        registration._move("cancel", RegistrationStatus.CANCELLED, now=now)
        promoted = self.promote_from_waitlist(now=now) if had_seat and not self.has_started(now) else None
        return registration, promoted

    def promote_from_waitlist(self, *, now: dt.datetime | None = None) -> MeetupRegistration | None:
        """Give a free seat to the first person on the waiting list (call inside the RSVP lock)."""
        going = self.registrations.filter(status=RegistrationStatus.GOING).count()
        if going >= self.capacity:
            return None
        first = self.get_waitlist().first()
        if first is None:
            return None
        return first._move("promote", RegistrationStatus.GOING, now=now)

    @transaction.atomic
    def post_report(self, user, *, done: str, stuck: str, next_step: str) -> ProgressReport:
        """Write (or rewrite) the user's progress report for the hosts. Open to people with a reply
        (seat or waiting list) until the meetup ends."""
        if self.has_ended():
            raise MeetupClosed(gettext("This meetup has ended, so reports are closed."))
        registration = self.get_registration(user)
        if registration is None or registration.status == RegistrationStatus.CANCELLED:
            raise NotRegistered(gettext("Reply to the meetup first, then write your report."))
        report, created = ProgressReport.objects.update_or_create(
            meetup=self,
            user=user,
            defaults={"done": done, "stuck": stuck, "next_step": next_step, "updated_at": timezone.now()},
        )
        signals.progress_report_posted.send(sender=ProgressReport, report=report, created=created)
        return report

    # Serving -----------------------------------------------------------------

    def get_context(self, request, *args, report_form=None, **kwargs):
        """The reader's reply and report; for hosts and staff, the attendees and their reports."""
        from ..forms import ProgressReportForm

        context = super().get_context(request, *args, **kwargs)
        user = request.user
        registration = self.get_registration(user)
        report = None
        if registration is not None and registration.status != RegistrationStatus.CANCELLED:
            report = ProgressReport.objects.filter(meetup=self, user=user).first()
            if report_form is None:
                report_form = ProgressReportForm(instance=report)
        position = None
        if registration is not None and registration.status == RegistrationStatus.WAITLISTED:
            position = (
                self.get_waitlist()
                .filter(
                    Q(waitlisted_at__lt=registration.waitlisted_at)
                    | Q(waitlisted_at=registration.waitlisted_at, pk__lt=registration.pk)
                )
                .count()
                + 1
            )
        can_see_reports = self.can_see_reports(user)
        attendees = reports = None
        if can_see_reports:
            attendees = list(self.get_attendees())
            reports = list(ProgressReport.objects.filter(meetup=self).select_related("user").order_by("updated_at"))
        now = timezone.now()
        base = self.get_url(request) or "/"
        context.update(
            {f"{name}_url": base + self.reverse_subpage(name) for name in ("rsvp", "cancel", "report", "calendar")}
        )
        context.update(
            registration=registration,
            waitlist_position=position,
            report=report,
            report_form=report_form,
            may_register=self.may_register(user),
            has_started=self.has_started(now),
            has_ended=self.has_ended(now),
            going=self.going_count(),
            seats_left=self.seats_left(),
            can_see_reports=can_see_reports,
            attendees=attendees,
            reports=reports,
            show_online_url=bool(
                self.online_url
                and (can_see_reports or (registration is not None and registration.status == RegistrationStatus.GOING))
            ),
        )
        return context

    # Routes: the views live in mentoring.views.meetups (imported on use: they import these models).

    @subpage_path("rsvp/", name="rsvp")
    def rsvp_route(self, request):
        from ..views.meetups import rsvp

        return rsvp(request, self)

    @subpage_path("cancel/", name="cancel")
    def cancel_route(self, request):
        from ..views.meetups import cancel

        return cancel(request, self)

    @subpage_path("report/", name="report")
    def report_route(self, request):
        from ..views.meetups import report

        return report(request, self)

    @subpage_path("calendar/", name="calendar")
    def calendar_route(self, request):
        from ..views.meetups import calendar

        return calendar(request, self)


class RegistrationStatus(models.TextChoices):
    GOING = "going", _("Seat confirmed")
    WAITLISTED = "waitlisted", _("On the waiting list")
    CANCELLED = "cancelled", _("Cancelled")


class MeetupRegistration(models.Model):
    """One person's reply to a meetup: a seat, a place on the waiting list, or cancelled."""

    Status = RegistrationStatus

    # action -> states it may start from (the target depends on the seats left)
    TRANSITIONS: dict[str, frozenset[str]] = {
        "cancel": frozenset({Status.GOING, Status.WAITLISTED}),
        "promote": frozenset({Status.WAITLISTED}),
        "rejoin": frozenset({Status.CANCELLED}),
    }

    meetup = models.ForeignKey(
        MeetupPage, verbose_name=_("meetup"), on_delete=models.CASCADE, related_name="registrations"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="meetup_registrations",
    )
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.GOING)
    created_at = models.DateTimeField(_("replied at"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated at"), default=timezone.now)
    # The place in the waiting list: the time of the (latest) reply.
    waitlisted_at = models.DateTimeField(_("in line since"), default=timezone.now)
    promoted_at = models.DateTimeField(_("promoted at"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True)

    class Meta:
        verbose_name = _("meetup reply")
        verbose_name_plural = _("meetup replies")
        ordering = ["meetup", "waitlisted_at", "pk"]
        constraints = [models.UniqueConstraint(fields=["meetup", "user"], name="mentoring_registration_unique_user")]
        indexes = [models.Index(fields=["meetup", "status", "waitlisted_at"], name="mentoring_reg_line")]

    def __str__(self) -> str:
        return f"{self.user} – {self.meetup}"

    def _move(self, action: str, target: str, *, now: dt.datetime | None = None) -> MeetupRegistration:
        if self.status not in self.TRANSITIONS[action]:
            raise InvalidTransition(action, self.status)
        now = now or timezone.now()
        updates = {"status": target, "updated_at": now}
        if action == "cancel":
            updates["cancelled_at"] = now
        elif action == "promote":
            updates["promoted_at"] = now
        elif action == "rejoin":
            updates.update(waitlisted_at=now, cancelled_at=None, promoted_at=None)
        rows = MeetupRegistration.objects.filter(pk=self.pk, status=self.status).update(**updates)
        if rows != 1:
            self.refresh_from_db()
            raise InvalidTransition(action, self.status)
        from_status = self.status
        for name, value in updates.items():
            setattr(self, name, value)
        self._signal(action, from_status, target)
        return self

    def _signal(self, action: str, from_status: str, to_status: str) -> None:
        signals.registration_changed.send(
            sender=MeetupRegistration, registration=self, action=action, from_status=from_status, to_status=to_status
        )

    @property
    def is_going(self) -> bool:
        return self.status == self.Status.GOING

    @property
    def is_waitlisted(self) -> bool:
        return self.status == self.Status.WAITLISTED


class ProgressReport(models.Model):
    """An attendee's short report for the hosts: what they did, where they are stuck, what comes next."""

    meetup = models.ForeignKey(MeetupPage, verbose_name=_("meetup"), on_delete=models.CASCADE, related_name="reports")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("person"), on_delete=models.CASCADE, related_name="meetup_reports"
    )
    done = models.TextField(_("What I did"), max_length=1000)
    stuck = models.TextField(_("Where I am stuck"), max_length=1000, blank=True)
    next_step = models.TextField(_("What I will do next"), max_length=1000, blank=True)
    created_at = models.DateTimeField(_("written at"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated at"), default=timezone.now)

    class Meta:
        verbose_name = _("progress report")
        verbose_name_plural = _("progress reports")
        ordering = ["meetup", "updated_at"]
        constraints = [models.UniqueConstraint(fields=["meetup", "user"], name="mentoring_report_unique_user")]

    def __str__(self) -> str:
        return f"{self.user} – {self.meetup}"
