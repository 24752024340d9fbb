import pytest
from django.contrib.auth.models import Group
from wagtail.models import GroupPagePermission

pytestmark = pytest.mark.django_db


def test_the_four_groups_exist_after_migrate():
    assert set(Group.objects.values_list("name", flat=True)) >= {"Learners", "Mentors", "Editors", "Moderators"}


@pytest.mark.parametrize("name", ["Editors", "Moderators"])
def test_editorial_groups_can_reach_the_admin(name):
    group = Group.objects.get(name=name)
    assert group.permissions.filter(codename="access_admin", content_type__app_label="wagtailadmin").exists()


def test_learners_have_no_admin_access():
    assert not Group.objects.get(name="Learners").permissions.filter(codename="access_admin").exists()


def test_only_moderators_may_publish_pages():
    publishers = set(
        GroupPagePermission.objects.filter(permission__codename="publish_page").values_list("group__name", flat=True)
    )
    assert "Moderators" in publishers
    assert "Editors" not in publishers
