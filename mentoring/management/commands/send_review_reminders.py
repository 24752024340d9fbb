"""Queue one reminder e-mail per attempt that has waited longer than LMS_REVIEW_SLA_HOURS (72 by default).

Run it every hour from cron:

    15 * * * *  cd /srv/tsunagu && .venv/bin/python manage.py send_review_reminders

Each attempt is reminded once (recorded in `mentoring.ReviewReminder`); the
mentors whose scope covers it, who accept work and want e-mail, are told.
"""

from __future__ import annotations

from django.core.management.base import BaseCommand

from mentoring.services import send_review_reminders


class Command(BaseCommand):
    help = "Queue reminders to mentors about work waiting longer than LMS_REVIEW_SLA_HOURS (once per attempt)."

    def add_arguments(self, parser):
        parser.add_argument("--limit", type=int, default=1000, help="At most this many attempts per run.")

    def handle(self, *args, limit: int = 1000, **options):
        run = send_review_reminders(limit=limit)
        self.stdout.write(
            f"attempts reminded: {run.submissions}, e-mails queued: {run.emails}, without a mentor: {run.without_mentor}"
        )
        if run.without_mentor:
            self.stderr.write(
                f"{run.without_mentor} waiting attempts have no mentor in scope: give their courses a mentor in the admin."
            )
