"""The publication consent gate: an interview is never published without recorded consent."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from home.models import InterviewPage
from tests.factories.accounts import UserFactory
from tests.factories.home import ArticleIndexPageFactory, InterviewPageFactory, interview_form_data

pytestmark = pytest.mark.django_db

CONSENT_MESSAGE = "掲載同意を記録してください"


@pytest.fixture
def index(home_page):
    return ArticleIndexPageFactory(parent=home_page)


@pytest.fixture
def moderator(db):
    return UserFactory(groups=["Editors", "Moderators"])


@pytest.fixture
def editor(db):
    return UserFactory(groups=["Editors"])


def add_url(index):
    return reverse("wagtailadmin_pages:add", args=("home", "interviewpage", index.pk))


def test_publishing_without_consent_is_refused_and_the_form_keeps_what_was_typed(client, index, moderator):
    client.force_login(moderator)
    data = interview_form_data(consent=False, title="同意のないインタビュー", lead="入力したリード文です。")
    data["action-publish"] = "action-publish"

    response = client.post(add_url(index), data)

    assert response.status_code == 200
    html = response.content.decode()
    assert CONSENT_MESSAGE in html
    assert "同意のないインタビュー" in html and "入力したリード文です。" in html
    assert not InterviewPage.objects.exists()


def test_submitting_for_review_without_consent_is_refused(client, index, editor):
    client.force_login(editor)
    data = interview_form_data(consent=False)
    data["action-submit"] = "action-submit"

    response = client.post(add_url(index), data)

    assert response.status_code == 200
    assert CONSENT_MESSAGE in response.content.decode()
    assert not InterviewPage.objects.exists()


def test_a_draft_without_consent_can_be_saved(client, index, editor):
    client.force_login(editor)

    response = client.post(add_url(index), interview_form_data(consent=False))

    assert response.status_code == 302
    page = InterviewPage.objects.get()
    assert not page.live and not page.publication_consent


def test_publishing_with_consent_works(client, index, moderator):
    client.force_login(moderator)
    data = interview_form_data(consent=True)
    data["action-publish"] = "action-publish"

    response = client.post(add_url(index), data)

    assert response.status_code == 302
    assert InterviewPage.objects.get().live


def test_consent_needs_the_date_it_was_given(index):
    page = InterviewPageFactory.build(publication_consent=True, consent_recorded_on=None)
    with pytest.raises(ValidationError) as error:
        page.clean()
    assert "consent_recorded_on" in error.value.message_dict


def test_the_model_refuses_to_publish_a_revision_without_consent(index):
    """Anything that gets past the form (a script, an approval) still cannot publish."""
    page = InterviewPageFactory(parent=index, live=False, publication_consent=False, consent_recorded_on=None)
    revision = page.save_revision()

    with pytest.raises(ValidationError) as error:
        revision.publish()

    assert "publication_consent" in error.value.message_dict
    page.refresh_from_db()
    assert not page.live


def test_consent_cannot_be_withdrawn_on_a_live_page_without_unpublishing(client, index, moderator):
    page = InterviewPageFactory(parent=index, live=False)
    page.save_revision().publish()
    client.force_login(moderator)

    data = interview_form_data(consent=False, title=page.title, slug=page.slug)
    response = client.post(reverse("wagtailadmin_pages:edit", args=(page.pk,)), data)

    assert response.status_code == 200
    assert CONSENT_MESSAGE in response.content.decode()
    page.refresh_from_db()
    assert page.publication_consent
