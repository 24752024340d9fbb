"""Keep enrolments' progress counts right when a course's steps change in the admin, and give the
site's staff groups the permissions of the app after migrating."""

from __future__ import annotations

from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db import DEFAULT_DB_ALIAS
from django.db.models.signals import post_delete, post_migrate, post_save
from taggit.models import Tag
from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished, post_page_move

from .models import CoursePage, CoursePageTag
from .models.catalog import catalog_tags_changed
from .progress import recompute_course
from .steps import is_step_model


def _course_of(page):
    parent_path = page.path[: -page.steplen]
    return CoursePage.objects.filter(path=parent_path).first() if parent_path else None


def step_changed(sender, instance, **kwargs):
    """A step was published or unpublished: recount its course's active enrolments."""
    if not is_step_model(type(instance)):
        return
    course = _course_of(instance)
    if course is not None:
        recompute_course(course)


def step_deleted(sender, instance, **kwargs):
    """A step was deleted. Django deletes the step's own row first and the base `Page` row last:
    act on the last one, when the step is gone from the tree."""
    if type(instance) is not Page or not is_step_model(instance.specific_class or Page):
        return
    course = _course_of(instance)
    if course is not None:
        recompute_course(course)


def step_created(sender, instance, created, raw=False, **kwargs):
    """A live step created directly (not through publishing, e.g. by a script): recount too."""
    if created and not raw and is_step_model(type(instance)) and instance.live:
        step_changed(sender, instance)


def step_moved(sender, instance, parent_page_before, parent_page_after, **kwargs):
    if not is_step_model(instance.specific_class or type(instance)):
        return
    for parent in {parent_page_before.pk: parent_page_before, parent_page_after.pk: parent_page_after}.values():
        if parent.specific_class is CoursePage:
            recompute_course(parent.specific)


def course_tags_changed(sender, instance=None, **kwargs):
    """A course was published, unpublished, moved or deleted, or a course's tags changed: the
    catalogs' tag filters are recomputed on their next view."""
    if sender in (CoursePageTag, Tag) or isinstance(instance, CoursePage):
        catalog_tags_changed()


# Moderators run the programme: cohorts, skill categories and the enrolment reports.
# Editors maintain skill categories. Groups the host site does not have are skipped.
STAFF_PERMISSIONS = {
    "Moderators": [
        ("cohort", ["add", "change", "delete", "view"]),
        ("skillcategory", ["add", "change", "delete", "view"]),
        ("enrollment", ["view"]),
    ],
    "Editors": [("skillcategory", ["add", "change", "view"])],
}


def grant_staff_permissions(sender, using=DEFAULT_DB_ALIAS, **kwargs) -> None:
    """After `migrate`: add the courses permissions to the staff groups that exist. Idempotent."""
    for group_name, models in STAFF_PERMISSIONS.items():
        group = Group.objects.using(using).filter(name=group_name).first()
        if group is None:
            continue
        for model, actions in models:
            content_type, _created = ContentType.objects.db_manager(using).get_or_create(
                app_label="courses", model=model
            )
            for action in actions:
                permission, _created = Permission.objects.using(using).get_or_create(
                    content_type=content_type, codename=f"{action}_{model}", defaults={"name": f"Can {action} {model}"}
                )
                group.permissions.add(permission)


def connect() -> None:
    page_published.connect(step_changed, dispatch_uid="courses_step_published")
    page_unpublished.connect(step_changed, dispatch_uid="courses_step_unpublished")
    post_delete.connect(step_deleted, dispatch_uid="courses_step_deleted")
    post_save.connect(step_created, dispatch_uid="courses_step_created")
    post_page_move.connect(step_moved, dispatch_uid="courses_step_moved")
    for signal, name in (
        (page_published, "published"),
        (page_unpublished, "unpublished"),
        (post_page_move, "moved"),
        (post_delete, "deleted"),
        (post_save, "saved"),
    ):
        signal.connect(course_tags_changed, dispatch_uid=f"courses_catalog_tags_{name}")
    post_migrate.connect(grant_staff_permissions, dispatch_uid="courses_grant_staff_permissions")
