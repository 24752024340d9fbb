from __future__ import annotations

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.test import override_settings

from home.demo import LOADERS, DemoContext
from home.demo.users import DEMO_USERS
from lms.env import get_mail_settings
from tests.factories.accounts import DEFAULT_PASSWORD


class Command(BaseCommand):
    help = "Load the Japanese demo site: pages, courses, users and their work. Safe to run twice."

    def add_arguments(self, parser):
        parser.add_argument("--force", action="store_true", help="Load even when DEBUG is off.")
        parser.add_argument("--if-empty", action="store_true", help="Do nothing when the database already has users.")

    def handle(self, *args, force: bool = False, if_empty: bool = False, **options):
        if not settings.DEBUG and not force:
            raise CommandError(
                "load_demo refuses to run with DEBUG off: it creates users with a published password. "
                "Use --force if you really want demo content on this site."
            )
        if if_empty and get_user_model().objects.exists():
            self.stdout.write("The database already has users; the demo content was not loaded.")
            return
        ctx = DemoContext(stdout=self.stdout)
        # The demo's own activity (submissions, reviews) would notify its fictional users: drop those e-mails.
        with (
            override_settings(**get_mail_settings("django.core.mail.backends.dummy.EmailBackend")),
            transaction.atomic(),
        ):
            for loader in LOADERS:
                loader(ctx)
        call_command("update_index", verbosity=0)
        self.stdout.write(self.style.SUCCESS("Demo content is ready. Log in with these accounts:"))
        for username, *_rest in DEMO_USERS:
            self.stdout.write(f"  {username:<10} / {DEFAULT_PASSWORD}")
