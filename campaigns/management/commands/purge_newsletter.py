"""Delete newsletter sign-ups never confirmed, 7 days after they were made (run daily from cron).

Idempotent and single-instance (core/locks.py). An address someone typed but never
confirmed is not a subscriber and was never written to except once; keeping it longer
would keep personal data for nothing.
"""

from django.core.management.base import BaseCommand

from campaigns.models.newsletter import PENDING_RETENTION_DAYS
from campaigns.newsletter import purge_pending
from core.locks import single_instance


class Command(BaseCommand):
    help = "Delete newsletter sign-ups not confirmed within N days (default 7)."

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=PENDING_RETENTION_DAYS, help="days to wait for a confirmation")
        parser.add_argument("--dry-run", action="store_true", help="count only")

    @single_instance()
    def handle(self, *args, days=PENDING_RETENTION_DAYS, dry_run=False, **options):
        if days < 0:
            self.stderr.write("--days must be 0 or more")
            return
        count = purge_pending(days=days, dry_run=dry_run)
        verb = "would be deleted" if dry_run else "deleted"
        self.stdout.write(f"{count} unconfirmed newsletter sign-ups {verb} (older than {days} days)")
