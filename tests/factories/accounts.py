from __future__ import annotations

import factory
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

DEFAULT_PASSWORD = "tsunagu-demo"  # noqa: S105  (the documented demo password)


class UserFactory(factory.django.DjangoModelFactory):
    """A user whose e-mail address is already confirmed, so they can log in."""

    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.com")
    first_name = ""
    last_name = ""

    @factory.post_generation
    def password(self, create, extracted, **kwargs):
        self.set_password(extracted or DEFAULT_PASSWORD)
        if create:
            self.save(update_fields=["password"])

    @factory.post_generation
    def verified_email(self, create, extracted, **kwargs):
        if create and extracted is not False and self.email:
            EmailAddress.objects.update_or_create(
                user=self, email=self.email, defaults={"verified": True, "primary": True}
            )

    @factory.post_generation
    def groups(self, create, extracted, **kwargs):
        if create and extracted:
            for name in extracted:
                self.groups.add(Group.objects.get(name=name))


class LearnerFactory(UserFactory):
    groups = factory.PostGeneration(lambda user, create, extracted, **kw: _add_group(user, create, "Learners"))


class MentorFactory(UserFactory):
    groups = factory.PostGeneration(lambda user, create, extracted, **kw: _add_group(user, create, "Mentors"))


def _add_group(user, create: bool, name: str) -> None:
    if create:
        user.groups.add(Group.objects.get(name=name))
