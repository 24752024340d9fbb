"""Put every review claim whose lease has run out (LMS_REVIEW_LEASE_HOURS) back in the queue.

The queue page does this too when it is opened; cron keeps the counts right
when nobody looks:

    */10 * * * *  cd /srv/tsunagu && .venv/bin/python manage.py release_expired_claims
"""

from __future__ import annotations

from django.core.management.base import BaseCommand

from mentoring.queue import release_expired_claims


class Command(BaseCommand):
    help = "Return expired review claims to the queue."

    def handle(self, *args, **options):
        self.stdout.write(f"claims returned to the queue: {release_expired_claims()}")
