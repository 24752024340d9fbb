"""The four groups of the site, so that a production install has them.

Wagtail's own migrations already create "Editors" and "Moderators" with page
permissions on the root page and collection permissions for images and
documents; this adds "Learners" and "Mentors" and makes sure the editorial
groups can reach the admin. Later migrations of the apps grant their own
models' permissions.
"""

from django.db import migrations

GROUP_NAMES = ["Learners", "Mentors", "Editors", "Moderators"]
ADMIN_GROUPS = ["Editors", "Moderators"]


def create_groups(apps, schema_editor):
    Group = apps.get_model("auth.Group")
    Permission = apps.get_model("auth.Permission")
    ContentType = apps.get_model("contenttypes.ContentType")

    groups = {name: Group.objects.get_or_create(name=name)[0] for name in GROUP_NAMES}
    admin_content_type, _ = ContentType.objects.get_or_create(app_label="wagtailadmin", model="admin")
    access_admin, _ = Permission.objects.get_or_create(
        content_type=admin_content_type, codename="access_admin", defaults={"name": "Can access Wagtail admin"}
    )
    for name in ADMIN_GROUPS:
        groups[name].permissions.add(access_admin)


def remove_groups(apps, schema_editor):
    Group = apps.get_model("auth.Group")
    Group.objects.filter(name__in=["Learners", "Mentors"]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0002_create_homepage"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("wagtailimages", "0002_initial_data"),
        ("wagtaildocs", "0002_initial_data"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(create_groups, remove_groups)]
