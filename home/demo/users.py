"""Demo users, one for each role of DESIGN.md, all with the password `tsunagu-demo`."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.contrib.auth import get_user_model
from wagtail.users.models import UserProfile

from tests.factories.accounts import DEFAULT_PASSWORD, UserFactory

if TYPE_CHECKING:
    from . import DemoContext

DEMO_USERS = [
    # username, family name, given name, groups, superuser
    ("learner", "山田", "花子", ["Learners"], False),
    ("learner2", "佐藤", "健太", ["Learners"], False),
    ("mentor", "鈴木", "美咲", ["Mentors"], False),
    ("mentor2", "高橋", "翔", ["Mentors"], False),
    ("editor", "田中", "由美", ["Editors"], False),
    ("moderator", "伊藤", "誠", ["Editors", "Moderators"], False),
    ("admin", "管理", "者", [], True),
]


def load(ctx: DemoContext) -> None:
    User = get_user_model()
    for username, last_name, first_name, groups, superuser in DEMO_USERS:
        existed = User.objects.filter(username=username).exists()
        user = UserFactory(
            username=username,
            email=f"{username}@example.jp",
            last_name=last_name,
            first_name=first_name,
            groups=groups,
            password=DEFAULT_PASSWORD,
        )
        if superuser and not (user.is_superuser and user.is_staff):
            user.is_superuser = user.is_staff = True
            user.save(update_fields=["is_superuser", "is_staff"])
        profile = UserProfile.get_for_user(user)
        if not profile.preferred_language:
            profile.preferred_language = "ja"
            profile.save(update_fields=["preferred_language"])
        ctx.users[username] = user
        if not existed:
            ctx.say(f"  user {username}")
