"""Seminar notices take registrations through Wagtail's form builder until they are full or have started."""

from __future__ import annotations

import datetime
import threading

import pytest
from django.core import mail
from django.db import close_old_connections
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from wagtail.contrib.forms.models import FormSubmission

from home.exceptions import RegistrationClosed
from home.models import NewsPage
from tests.factories.accounts import UserFactory
from tests.factories.home import ArticleIndexPageFactory, NewsPageFactory, SeminarPageFactory

pytestmark = pytest.mark.django_db

State = NewsPage.RegistrationState


@pytest.fixture
def index(home_page):
    return ArticleIndexPageFactory(parent=home_page, title="お知らせ", slug="news")


def register(client, page, name="山本 一郎", email="ichiro@example.jp"):
    return client.post(page.url, {"name": name, "email": email})


@pytest.fixture
def seminar(index):
    page = SeminarPageFactory(parent=index, capacity=2, form_fields=False)
    page.form_fields.create(label="お名前", clean_name="name", field_type="singleline", sort_order=0)
    page.form_fields.create(label="メールアドレス", clean_name="email", field_type="email", sort_order=1)
    page.save()
    return page


def test_registration_is_open_before_the_seminar_with_seats_left(seminar):
    assert seminar.registration_state() == State.OPEN
    assert seminar.seats_left() == 2


def test_plain_news_and_seminars_without_a_form_take_no_registrations(index):
    assert NewsPageFactory(parent=index).registration_state() == State.NOT_OFFERED
    assert SeminarPageFactory(parent=index, form_fields=False).registration_state() == State.NOT_OFFERED


def test_a_registration_is_stored_and_thanked(client, seminar):
    response = register(client, seminar)

    assert response.status_code == 200
    assert "お申し込みありがとうございます" in response.content.decode()
    submission = FormSubmission.objects.get(page=seminar)
    assert submission.form_data == {"name": "山本 一郎", "email": "ichiro@example.jp"}
    assert seminar.seats_left() == 1


def test_bad_input_is_refused_and_what_was_typed_is_kept(client, seminar):
    response = register(client, seminar, name="山本 一郎", email="not-an-address")

    assert response.status_code == 200
    html = response.content.decode()
    assert "有効なメールアドレスを入力してください" in html
    assert 'value="山本 一郎"' in html and 'value="not-an-address"' in html
    assert not FormSubmission.objects.exists()


def test_registration_closes_at_capacity(client, seminar):
    register(client, seminar, email="a@example.jp")
    register(client, seminar, email="b@example.jp")

    assert seminar.registration_state() == State.FULL
    response = register(client, seminar, email="c@example.jp")

    assert response.status_code == 200
    html = response.content.decode()
    assert "満席になりました" in html
    assert 'name="email"' not in html
    assert FormSubmission.objects.filter(page=seminar).count() == 2


def test_registration_closes_when_the_seminar_starts(client, seminar):
    seminar.starts_at = timezone.now() - datetime.timedelta(minutes=1)
    seminar.ends_at = None
    seminar.save()

    assert seminar.registration_state() == State.ENDED
    response = register(client, seminar)

    assert "申込の受付を終了しました" in response.content.decode()
    assert not FormSubmission.objects.exists()


def test_closing_is_decided_by_the_time_of_the_registration(seminar):
    assert seminar.registration_state(now=seminar.starts_at - datetime.timedelta(seconds=1)) == State.OPEN
    assert seminar.registration_state(now=seminar.starts_at) == State.ENDED


def test_without_capacity_there_is_no_limit(client, index):
    seminar = SeminarPageFactory(parent=index, capacity=None)
    for number in range(5):
        seminar.process_form_submission(type("Form", (), {"cleaned_data": {"n": number}})())
    assert seminar.registration_state() == State.OPEN
    assert seminar.seats_left() is None


def test_a_post_to_plain_news_stores_nothing(client, index):
    news = NewsPageFactory(parent=index)
    response = client.post(news.url, {"name": "x"})
    assert response.status_code == 200
    assert not FormSubmission.objects.exists()


def test_process_form_submission_raises_when_closed(seminar):
    seminar.capacity = 1
    seminar.save()
    form = type("Form", (), {"cleaned_data": {"name": "a", "email": "a@example.jp"}})()
    seminar.process_form_submission(form)
    with pytest.raises(RegistrationClosed) as closed:
        seminar.process_form_submission(form)
    assert closed.value.state == State.FULL


def test_editors_are_e_mailed_each_registration(client, seminar):
    seminar.to_address = "office@example.jp"
    seminar.from_address = "noreply@example.jp"
    seminar.subject = "セミナー申込"
    seminar.save()

    register(client, seminar)

    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["office@example.jp"]
    assert "山本 一郎" in mail.outbox[0].body


def test_a_registration_stands_when_the_notification_cannot_be_sent(client, seminar, monkeypatch, caplog):
    seminar.to_address = "office@example.jp"
    seminar.save()

    def refuse(*args, **kwargs):
        raise ConnectionRefusedError("no mail server")

    monkeypatch.setattr(NewsPage, "send_mail", refuse)
    response = register(client, seminar)

    assert "お申し込みありがとうございます" in response.content.decode()
    assert FormSubmission.objects.filter(page=seminar).count() == 1
    assert "notification e-mail was not sent" in caplog.text


def test_registrations_are_listed_and_exported_in_the_admin(client, seminar):
    register(client, seminar)
    client.force_login(UserFactory(groups=["Editors", "Moderators"]))

    listing = client.get(reverse("wagtailforms:list_submissions", args=(seminar.pk,)))
    export = client.get(reverse("wagtailforms:list_submissions", args=(seminar.pk,)), {"export": "csv"})

    assert listing.status_code == 200 and "ichiro@example.jp" in listing.content.decode()
    assert export.status_code == 200
    csv_text = b"".join(export.streaming_content).decode("utf-8-sig")
    assert "お名前" in csv_text and "ichiro@example.jp" in csv_text


def test_seminar_rules_are_checked_when_saving(index):
    from django.core.exceptions import ValidationError

    page = NewsPageFactory.build(
        starts_at=timezone.now(), ends_at=timezone.now() - datetime.timedelta(hours=1), venue="", capacity=0
    )
    with pytest.raises(ValidationError) as error:
        page.clean()
    assert {"ends_at", "venue", "capacity"} <= set(error.value.message_dict)


@pytest.mark.django_db(transaction=True)
def test_two_people_registering_for_the_last_seat_get_one_seat(home_page):
    index = ArticleIndexPageFactory(parent=home_page, slug="news-race")
    seminar = SeminarPageFactory(parent=index, capacity=1, form_fields=False)
    seminar.form_fields.create(label="メールアドレス", clean_name="email", field_type="email", sort_order=0)
    seminar.save()
    barrier = threading.Barrier(2)
    statuses = []

    def attempt(email):
        try:
            barrier.wait()
            response = Client().post(seminar.url, {"email": email})
            statuses.append("ありがとうございます" in response.content.decode())
        finally:
            close_old_connections()

    threads = [threading.Thread(target=attempt, args=(f"{n}@example.jp",)) for n in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(statuses) == [False, True]
    assert FormSubmission.objects.filter(page=seminar).count() == 1
