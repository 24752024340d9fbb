"""Meetups: RSVP within capacity, the waiting list and its automatic promotion, the .ics file,
progress reports that only hosts read, and the upcoming list for dashboards."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.template import Context, Template
from django.utils import timezone

from mentoring.exceptions import AlreadyRegistered, MeetupClosed, NotInCohort, NotRegistered
from mentoring.ics import escape_text, fold
from mentoring.meetups import upcoming
from mentoring.models import MeetupPage, MeetupRegistration, ProgressReport
from tests.factories.accounts import LearnerFactory
from tests.factories.courses import EnrollmentFactory
from tests.factories.mentoring import MeetupIndexPageFactory, MeetupPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def index(home_page):
    return MeetupIndexPageFactory(parent=home_page)


@pytest.fixture
def meetup(index, mentor):
    return MeetupPageFactory(parent=index, title="もやもや相談会 4月", slug="april", capacity=2, hosts=[mentor])


@pytest.fixture
def people(db):
    return [LearnerFactory(username=f"guest{n}") for n in range(4)]


def statuses(meetup):
    return dict(MeetupRegistration.objects.filter(meetup=meetup).values_list("user__username", "status"))


def test_seats_then_waiting_list(meetup, people):
    first, second, third, fourth = people
    assert meetup.rsvp(first).status == "going"
    assert meetup.rsvp(second).status == "going"
    assert meetup.rsvp(third).status == "waitlisted"
    assert meetup.rsvp(fourth).status == "waitlisted"
    assert meetup.seats_left() == 0
    with pytest.raises(AlreadyRegistered):
        meetup.rsvp(first)


def test_cancelling_a_seat_promotes_the_first_in_line(meetup, people, django_capture_on_commit_callbacks):
    first, second, third, fourth = people
    for person in people:
        meetup.rsvp(person)
    with django_capture_on_commit_callbacks(execute=True):
        cancelled, promoted = meetup.cancel_rsvp(second)
    assert cancelled.status == "cancelled"
    assert promoted.user == third
    assert statuses(meetup) == {"guest0": "going", "guest1": "cancelled", "guest2": "going", "guest3": "waitlisted"}
    assert [message.to for message in mail.outbox] == [[third.email]]
    assert "/meetups/april/" in mail.outbox[0].body


def test_leaving_the_waiting_list_promotes_nobody(meetup, people):
    for person in people[:3]:
        meetup.rsvp(person)
    cancelled, promoted = meetup.cancel_rsvp(people[2])
    assert promoted is None and cancelled.status == "cancelled"


def test_coming_back_after_cancelling_goes_to_the_end_of_the_line(meetup, people):
    first, second, third, _fourth = people
    meetup.rsvp(first)
    meetup.rsvp(second)
    meetup.rsvp(third)
    meetup.cancel_rsvp(first)  # third is promoted
    again = meetup.rsvp(first)
    assert again.status == "waitlisted"
    with pytest.raises(NotRegistered):
        meetup.cancel_rsvp(people[3])


def test_no_replies_once_started(meetup, people):
    MeetupPage.objects.filter(pk=meetup.pk).update(starts_at=timezone.now() - dt.timedelta(minutes=1))
    meetup.refresh_from_db()
    with pytest.raises(MeetupClosed):
        meetup.rsvp(people[0])


def test_a_cohort_meetup_is_for_its_members(index, course, cohort, people, mentor):
    member = people[0]
    EnrollmentFactory(user=member, course=course, cohort=cohort)
    meetup = MeetupPageFactory(parent=index, cohort=cohort, hosts=[mentor])
    assert meetup.rsvp(member).status == "going"
    with pytest.raises(NotInCohort):
        meetup.rsvp(people[1])
    assert meetup.rsvp(mentor).status == "going"  # hosts may join


def test_rsvp_and_cancel_through_the_page(client, meetup, people):
    client.force_login(people[0])
    page = client.get("/meetups/april/")
    assert page.status_code == 200
    assert page.context["rsvp_url"] == "/meetups/april/rsvp/"
    response = client.post("/meetups/april/rsvp/")
    assert response.status_code == 302 and response.url == "/meetups/april/#rsvp"
    assert statuses(meetup) == {"guest0": "going"}
    client.post("/meetups/april/cancel/")
    assert statuses(meetup) == {"guest0": "cancelled"}
    assert client.get("/meetups/april/rsvp/").status_code == 405


def test_anonymous_rsvp_goes_to_login(client, meetup):
    response = client.post("/meetups/april/rsvp/")
    assert response.status_code == 302 and "/accounts/login/" in response.url


def test_online_link_only_for_people_with_a_seat(client, index, people, mentor):
    MeetupPageFactory(
        parent=index, slug="online", online_url="https://meet.example.com/abc", capacity=1, hosts=[mentor]
    )
    client.force_login(people[0])
    assert "meet.example.com/abc" not in client.get("/meetups/online/").content.decode()
    client.post("/meetups/online/rsvp/")
    assert "meet.example.com/abc" in client.get("/meetups/online/").content.decode()
    client.force_login(people[1])
    client.post("/meetups/online/rsvp/")  # waiting list
    assert "meet.example.com/abc" not in client.get("/meetups/online/").content.decode()


def test_progress_reports_are_read_by_hosts_only(client, meetup, people, mentor):
    attendee, other = people[0], people[1]
    meetup.rsvp(attendee)
    meetup.rsvp(other)
    client.force_login(attendee)
    response = client.post(
        "/meetups/april/report/",
        {"done": "提案文を3本書いた", "stuck": "単価の決め方", "next_step": "プロフィールを直す"},
    )
    assert response.status_code == 302
    report = ProgressReport.objects.get()
    assert (report.user, report.stuck) == (attendee, "単価の決め方")
    client.force_login(other)
    assert "単価の決め方" not in client.get("/meetups/april/").content.decode()
    client.force_login(mentor)
    host_view = client.get("/meetups/april/").content.decode()
    assert "単価の決め方" in host_view and "提案文を3本書いた" in host_view


def test_a_report_without_what_was_done_keeps_the_text(client, meetup, people):
    meetup.rsvp(people[0])
    client.force_login(people[0])
    response = client.post("/meetups/april/report/", {"done": "", "stuck": "見積もりが難しい", "next_step": ""})
    assert response.status_code == 400
    assert "見積もりが難しい" in response.content.decode()
    assert not ProgressReport.objects.exists()


def test_a_report_needs_a_reply_first(client, meetup, people):
    client.force_login(people[0])
    response = client.post("/meetups/april/report/", {"done": "書いた", "stuck": "", "next_step": ""})
    assert response.status_code == 400
    assert not ProgressReport.objects.exists()


def test_ics_download(client, meetup):
    response = client.get("/meetups/april/calendar/")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["Content-Disposition"] == f'attachment; filename="meetup-{meetup.pk}.ics"'
    body = response.content.decode()
    assert body.startswith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n")
    assert body.endswith("END:VCALENDAR\r\n")
    unfolded = body.replace("\r\n ", "")
    start = meetup.starts_at.astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    assert f"DTSTART:{start}\r\n" in unfolded
    assert f"UID:meetup-{meetup.pk}@testserver" in unfolded
    assert "SUMMARY:もやもや相談会 4月" in unfolded
    assert "LOCATION:まちづくりセンター 2階 研修室" in unfolded
    assert "URL:http://testserver/meetups/april/" in unfolded
    assert all(len(line.encode()) <= 75 for line in body.split("\r\n"))


def test_ics_text_escaping_and_folding():
    assert escape_text("a,b;c\\d\ne") == "a\\,b\\;c\\\\d\\ne"
    folded = fold("DESCRIPTION:" + "あ" * 40)
    lines = folded.split("\r\n")
    assert all(len(line.encode()) <= 75 for line in lines)
    assert "".join(line[1:] if n else line for n, line in enumerate(lines)) == "DESCRIPTION:" + "あ" * 40


def test_upcoming_for_a_learner_and_for_everyone(index, course, cohort, people, mentor):
    member = people[0]
    EnrollmentFactory(user=member, course=course, cohort=cohort)
    soon = MeetupPageFactory(parent=index, slug="soon", starts_at=timezone.now() + dt.timedelta(days=1))
    later = MeetupPageFactory(parent=index, slug="later", starts_at=timezone.now() + dt.timedelta(days=9))
    cohort_only = MeetupPageFactory(
        parent=index, slug="cohort", cohort=cohort, starts_at=timezone.now() + dt.timedelta(days=5)
    )
    MeetupPageFactory(
        parent=index,
        slug="past",
        starts_at=timezone.now() - dt.timedelta(days=3),
        ends_at=timezone.now() - dt.timedelta(days=3) + dt.timedelta(hours=2),
    )
    soon.rsvp(member)
    assert [m.slug for m in upcoming(limit=10)] == ["soon", "later"]
    mine = upcoming(member, limit=10)
    assert [m.slug for m in mine] == ["soon", "cohort", "later"]
    assert mine[0].my_registration.status == "going" and mine[1].my_registration is None
    assert [m.slug for m in upcoming(people[1], limit=1)] == ["soon"]
    assert later.pk != cohort_only.pk


def test_upcoming_panel_include_renders(rf, index, people):
    MeetupPageFactory(parent=index, slug="next", title="次の相談会")
    request = rf.get("/learn/")
    request.user = people[0]
    html = Template("{% load mentoring_tags %}{% upcoming_meetups_panel %}").render(Context({"request": request}))
    assert "次の相談会" in html and 'href="/meetups/next/"' in html


def test_index_page_lists_upcoming_and_past(client, index, meetup):
    MeetupPageFactory(
        parent=index,
        slug="old",
        title="去年の相談会",
        starts_at=timezone.now() - dt.timedelta(days=300),
        ends_at=timezone.now() - dt.timedelta(days=300) + dt.timedelta(hours=2),
    )
    response = client.get("/meetups/")
    assert response.status_code == 200
    assert [m.slug for m in response.context["upcoming"]] == ["april"]
    assert [m.slug for m in response.context["past"]] == ["old"]


def test_home_page_events_find_meetups(index, meetup):
    from home.events import upcoming_events

    assert meetup.pk in [page.pk for page in upcoming_events()]
    assert meetup.event_place_label == "まちづくりセンター 2階 研修室"
