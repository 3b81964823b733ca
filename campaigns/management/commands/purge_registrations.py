"""Delete registrants' data a set time after their event ended.

The retention is KOINONIA_EVENT_REGISTRATION_RETENTION_DAYS (default 30) or --days.
Only the number of people who came is worth keeping, and the team exports it before
then; the names, e-mails, phones and needs go, and so does their Site history
(Wagtail's ModelLogEntry of each purged registration, and that of registrations the
team deleted in the admin, the same time after it was written): what the team did to
a person's registration is that person's data too. Daily (deploy/: 03:50), single-instance.
"""

import datetime

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.management.base import BaseCommand
from django.db import models, transaction
from django.db.models.functions import Cast
from django.utils import timezone

from wagtail.models import ModelLogEntry

from campaigns.models.events import EventRegistration
from core.locks import single_instance

DEFAULT_RETENTION_DAYS = 30


def purge_registrations(days, now=None, dry_run=False):
    now = now or timezone.now()
    cutoff = now - datetime.timedelta(days=days)
    expired = EventRegistration.objects.filter(event__ends_at__lte=cutoff)
    count = expired.count()
    if not dry_run:
        with transaction.atomic():
            keys = [str(pk) for pk in expired.values_list("pk", flat=True)]
            expired.delete()
            history = ModelLogEntry.objects.filter(content_type=ContentType.objects.get_for_model(EventRegistration))
            history.filter(object_id__in=keys).delete()
            # Registrations the team deleted in the admin: their history goes after the same time.
            existing = EventRegistration.objects.annotate(key=Cast("pk", models.CharField())).values("key")
            history.filter(timestamp__lte=cutoff).exclude(object_id__in=existing).delete()
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
