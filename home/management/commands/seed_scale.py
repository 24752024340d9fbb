from __future__ import annotations

import json

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from home.perf.seed import SCALE_PASSWORD, SIZES, ScaleSetExists, delete_scale_set, present_sizes, seed


class Command(BaseCommand):
    help = (
        "Build a scale data set for `manage.py bench`: S (10 courses, 100 steps, 100 learners, 1,000 submissions), "
        "M (x10) or L (x100). Sizes live side by side in one database; an existing size is refused "
        "unless --replace."
    )

    def add_arguments(self, parser):
        parser.add_argument("--size", choices=list(SIZES), help="S, M or L (XS is a tiny set for the tests).")
        parser.add_argument("--replace", action="store_true", help="Delete the size first when it exists.")
        parser.add_argument("--delete", action="store_true", help="Only delete the size.")
        parser.add_argument("--list", action="store_true", help="List the sizes in the database and stop.")
        parser.add_argument("--force", action="store_true", help="Run even when DEBUG is off.")
        parser.add_argument("--no-progress", action="store_true", help="No progress bar on stderr.")
        parser.add_argument("--json", action="store_true", help="Print the report as JSON.")

    def handle(self, *args, size=None, replace=False, delete=False, force=False, no_progress=False, **options):
        if options["list"]:
            for present in present_sizes():
                self.stdout.write(present.code)
            return
        if not size:
            raise CommandError("Give --size S, M or L.")
        if not settings.DEBUG and not force:
            raise CommandError(
                "seed_scale refuses to run with DEBUG off: it creates thousands of users with a published password. "
                "Use --force if this database is for measurements."
            )
        chosen = SIZES[size]
        if delete:
            found = delete_scale_set(chosen)
            self.stdout.write(f"Scale set {chosen.code} {'deleted' if found else 'was not there'}.")
            return
        try:
            report = seed(chosen, replace=replace, stream=self.stderr._out, progress=not no_progress)
        except ScaleSetExists as error:
            raise CommandError(str(error)) from None
        if options["json"]:
            self.stdout.write(json.dumps(report.as_dict(), ensure_ascii=False))
            return
        self.stdout.write(self.style.SUCCESS(f"Scale set {chosen.code} built in {report.seconds:.1f}s:"))
        for name, count in report.rows.items():
            self.stdout.write(f"  {name:<20} {count:>9,}")
        queue = ", ".join(f"{state} {count:,}" for state, count in report.queue.items())
        self.stdout.write(f"  submissions by state: {queue}")
        self.stdout.write(
            f"Catalog /{chosen.slug}/; users {chosen.learner_name(1)}…, {chosen.mentor_name(1)}…, {chosen.lead_name} "
            f"(password {SCALE_PASSWORD})."
        )
