"""Queue the daily digest e-mail for each mentor who chose digests and has new work.

Run it once a day from cron, for example at 8:00:

    0 8 * * *  cd /srv/tsunagu && .venv/bin/python manage.py send_mentor_digests

A mentor gets at most one digest in 20 hours, however often it runs
(`--force` ignores that). The e-mails are tasks: with TASKS_BACKEND=database a
`manage.py db_worker` process sends them.
"""

from __future__ import annotations

from django.core.management.base import BaseCommand

from mentoring.services import send_mentor_digests


class Command(BaseCommand):
    help = "Queue the daily digest of new work for mentors who chose digests."

    def add_arguments(self, parser):
        parser.add_argument(
            "--force", action="store_true", help="Send even if a digest went out less than 20 hours ago."
        )

    def handle(self, *args, force: bool = False, **options):
        run = send_mentor_digests(force=force)
        self.stdout.write(f"digests queued: {run.queued}, mentors skipped: {run.skipped}")
