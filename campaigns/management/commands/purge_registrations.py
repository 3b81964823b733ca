"""Delete registrants' data a set time after their event ended.

The retention is KOINONIA_EVENT_REGISTRATION_RETENTION_DAYS (default 30) or --days.
Only the number of people who came is worth keeping, and the team exports it before
then; the names, e-mails, phones and needs go. Daily (deploy/: 03:50), single-instance.
"""

import datetime

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone

from campaigns.models.events import EventRegistration
from core.locks import single_instance

DEFAULT_RETENTION_DAYS = 30


def purge_registrations(days, now=None, dry_run=False):
    now = now or timezone.now()
    expired = EventRegistration.objects.filter(event__ends_at__lte=now - datetime.timedelta(days=days))
    count = expired.count()
    if not dry_run:
        expired.delete()
    return count


class Command(BaseCommand):
    help = "Delete event registrations of events that ended over N days ago."

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=None, help="days after the event (default: the setting)")
        parser.add_argument("--dry-run", action="store_true", help="count only")

    @single_instance()
    def handle(self, *args, days=None, dry_run=False, **options):
        if days is None:
            days = getattr(settings, "KOINONIA_EVENT_REGISTRATION_RETENTION_DAYS", DEFAULT_RETENTION_DAYS)
        if days < 0:
            self.stderr.write("--days cannot be negative.")
            return
        count = purge_registrations(days, dry_run=dry_run)
        verb = "Would delete" if dry_run else "Deleted"
        self.stdout.write(f"{verb} {count} registrations of events that ended over {days} days ago.")
