"""Turn yesterday's per-visitor reach rows into anonymous daily counts, and delete them and their salt.

The first request of a new day does this too (campaigns.reach.DailySalt); this job
makes sure it happens on a night nobody visits, so no visitor hash and no salt outlives
its day (run a few minutes after midnight, Europe/Athens). Idempotent and
single-instance (core/locks.py); the roll-up itself is one statement, safe beside a
request doing the same.
"""

from django.core.management.base import BaseCommand

from campaigns.reach import roll_up
from core.locks import single_instance


class Command(BaseCommand):
    help = "Roll up the per-visitor reach rows of past days into daily counts; delete them and old salts."

    @single_instance()
    def handle(self, *args, **options):
        self.stdout.write(f"Daily reach counts written: {roll_up()}")
