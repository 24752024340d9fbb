"""The editorial workflow: Editors submit, Moderators approve and publish.

Wagtail's own migrations already create a "Moderators approval" workflow on
the root page from the publish permissions of a fresh install. This makes
sure, on any database, that there is an active workflow whose task is a
GroupApprovalTask for the Moderators group, and assigns it to the root page
and to the home page (so a later change on the root page leaves the site's
own tree under review). Existing assignments are kept.
"""

from django.db import migrations

WORKFLOW_NAME = "Moderators approval"


def ensure_moderation_workflow(apps, schema_editor):
    ContentType = apps.get_model("contenttypes.ContentType")
    Group = apps.get_model("auth.Group")
    Page = apps.get_model("wagtailcore.Page")
    Workflow = apps.get_model("wagtailcore.Workflow")
    WorkflowTask = apps.get_model("wagtailcore.WorkflowTask")
    WorkflowPage = apps.get_model("wagtailcore.WorkflowPage")
    GroupApprovalTask = apps.get_model("wagtailcore.GroupApprovalTask")

    moderators, _ = Group.objects.get_or_create(name="Moderators")
    task = GroupApprovalTask.objects.filter(groups=moderators, active=True).order_by("pk").first()
    if task is None:
        task_type, _ = ContentType.objects.get_or_create(app_label="wagtailcore", model="groupapprovaltask")
        task = GroupApprovalTask.objects.create(name=WORKFLOW_NAME, content_type=task_type, active=True)
        task.groups.add(moderators)

    workflow = Workflow.objects.filter(active=True, workflow_tasks__task=task).order_by("pk").first()
    if workflow is None:
        workflow = Workflow.objects.create(name=WORKFLOW_NAME, active=True)
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)

    home_type = ContentType.objects.filter(app_label="home", model="homepage").first()
    pages = list(Page.objects.filter(depth=1))
    if home_type is not None:
        pages += list(Page.objects.filter(content_type=home_type))
    for page in pages:
        WorkflowPage.objects.get_or_create(page=page, defaults={"workflow": workflow})


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0004_articles_interviews_news_seminars"),
        ("wagtailcore", "0098_apitoken"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(ensure_moderation_workflow, migrations.RunPython.noop)]
