"""Editors submit, Moderators approve: the moderation workflow of the editorial pages."""

from __future__ import annotations

import datetime

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from wagtail.models import GroupApprovalTask, GroupPagePermission, Page, WorkflowState

from home.models import InterviewPage
from tests.factories.accounts import UserFactory
from tests.factories.home import ArticleIndexPageFactory, InterviewPageFactory, interview_form_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def index(home_page):
    return ArticleIndexPageFactory(parent=home_page)


@pytest.fixture
def editor(db):
    return UserFactory(username="editor1", groups=["Editors"])


@pytest.fixture
def moderator(db):
    return UserFactory(username="moderator1", groups=["Editors", "Moderators"])


def test_the_site_is_under_a_moderators_approval_workflow(home_page):
    workflow = home_page.get_workflow()

    assert workflow is not None and workflow.active
    tasks = [task.specific for task in workflow.tasks.all()]
    assert len(tasks) == 1 and isinstance(tasks[0], GroupApprovalTask)
    assert list(tasks[0].groups.values_list("name", flat=True)) == ["Moderators"]
    assert home_page.workflowpage.workflow == workflow


def test_the_editors_group_has_no_publish_permission():
    editors = Group.objects.get(name="Editors")
    moderators = Group.objects.get(name="Moderators")

    editor_permissions = set(
        GroupPagePermission.objects.filter(group=editors).values_list("permission__codename", flat=True)
    )
    assert "publish_page" not in editor_permissions
    assert {"add_page", "change_page"} <= editor_permissions
    assert GroupPagePermission.objects.filter(group=moderators, permission__codename="publish_page").exists()


def test_an_editor_cannot_publish_directly(client, index, editor):
    client.force_login(editor)
    data = interview_form_data()
    data["action-publish"] = "action-publish"

    response = client.post(reverse("wagtailadmin_pages:add", args=("home", "interviewpage", index.pk)), data)

    assert response.status_code == 302
    page = InterviewPage.objects.get()
    assert not page.live
    assert not page.permissions_for_user(editor).can_publish()


def test_an_editor_cannot_publish_an_existing_page_either(client, index, editor):
    page = InterviewPageFactory(parent=index, live=False)
    page.save_revision()
    client.force_login(editor)
    data = interview_form_data(title=page.title, slug=page.slug)
    data["action-publish"] = "action-publish"

    client.post(reverse("wagtailadmin_pages:edit", args=(page.pk,)), data)

    page.refresh_from_db()
    assert not page.live


def test_editor_submits_and_moderator_approves(client, index, editor, moderator):
    client.force_login(editor)
    data = interview_form_data(title="審査を通るインタビュー", slug="reviewed")
    data["action-submit"] = "action-submit"
    response = client.post(reverse("wagtailadmin_pages:add", args=("home", "interviewpage", index.pk)), data)
    assert response.status_code == 302

    page = InterviewPage.objects.get(slug="reviewed")
    assert not page.live
    state = WorkflowState.objects.get(base_content_type__model="page", object_id=str(page.pk))
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert state.requested_by == editor
    task_state = state.current_task_state

    # The editor cannot approve their own work.
    client.post(reverse("wagtailadmin_pages:workflow_action", args=(page.pk, "approve", task_state.pk)), {})
    page.refresh_from_db()
    assert not page.live

    client.force_login(moderator)
    response = client.post(
        reverse("wagtailadmin_pages:workflow_action", args=(page.pk, "approve", task_state.pk)), {"comment": ""}
    )
    assert response.status_code == 302

    page.refresh_from_db()
    state.refresh_from_db()
    assert page.live
    assert state.status == WorkflowState.STATUS_APPROVED
    assert client.get(page.url).status_code == 200


def test_a_moderator_can_reject_with_a_comment(client, index, editor, moderator):
    page = InterviewPageFactory(parent=index, live=False)
    page.save_revision()
    page.get_workflow().start(page, editor)
    task_state = page.current_workflow_task_state
    client.force_login(moderator)

    client.post(
        reverse("wagtailadmin_pages:workflow_action", args=(page.pk, "reject", task_state.pk)),
        {"comment": "写真の説明を足してください"},
    )

    page.refresh_from_db()
    assert not page.live
    assert page.current_workflow_state.status == WorkflowState.STATUS_NEEDS_CHANGES


def test_previews_of_a_draft_render_for_editors(client, index, editor):
    page = InterviewPageFactory(parent=index, live=False)
    page.title = "プレビューで確認する題名"
    page.save_revision()
    client.force_login(editor)

    response = client.get(reverse("wagtailadmin_pages:view_draft", args=(page.pk,)))

    assert response.status_code == 200
    assert "プレビューで確認する題名" in response.content.decode()


def test_revisions_are_kept_and_a_scheduled_revision_goes_live_with_publish_scheduled(index, moderator):
    page = InterviewPageFactory(parent=index, live=False, title="予約公開の記事")
    page.go_live_at = timezone.now() + datetime.timedelta(hours=1)
    revision = page.save_revision(user=moderator)
    revision.publish(user=moderator)

    page.refresh_from_db()
    assert not page.live
    assert page.revisions.count() == 1

    # Let the hour pass: move every stored go-live time into the past.
    past = timezone.now() - datetime.timedelta(minutes=1)
    Page.objects.filter(pk=page.pk).update(go_live_at=past)
    revision.content["go_live_at"] = past.isoformat()
    revision.approved_go_live_at = past
    revision.save(update_fields=["content", "approved_go_live_at"])
    call_command("publish_scheduled")

    page.refresh_from_db()
    assert page.live


def test_japanese_slugs_are_allowed(client, index, moderator):
    client.force_login(moderator)
    data = interview_form_data(slug="町のライター")
    data["action-publish"] = "action-publish"

    client.post(reverse("wagtailadmin_pages:add", args=("home", "interviewpage", index.pk)), data)

    page = InterviewPage.objects.get()
    assert page.slug == "町のライター"
    assert client.get(page.url).status_code == 200
