"""Erase commenters' e-mail addresses once the results have been public long enough.

The comments themselves stay (they are the public record of the consultation);
only the address, needed to write to the commenter, goes. Retention is the
setting KOINONIA_CONSULTATION_EMAIL_RETENTION_DAYS (default 180) or --days.
"""

import datetime

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone

from consultations.models import Comment
from core.locks import single_instance

DEFAULT_RETENTION_DAYS = 180


def purge_emails(days, now=None, dry_run=False):
    now = now or timezone.now()
    cutoff = now - datetime.timedelta(days=days)
    comments = Comment.objects.exclude(email="").filter(
        consultation__results_published=True, consultation__results_published_at__lte=cutoff
    )
    count = comments.count()
    if not dry_run:
        comments.update(email="", email_erased_at=now, notify_results=False)
    return count


class Command(BaseCommand):
    help = "Erase commenters' e-mails from consultations whose results were published over N days ago."

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=None, help="retention period in days after the results")
        parser.add_argument("--dry-run", action="store_true", help="count only")

    @single_instance()
    def handle(self, *args, days=None, dry_run=False, **options):
        if days is None:
            days = getattr(settings, "KOINONIA_CONSULTATION_EMAIL_RETENTION_DAYS", DEFAULT_RETENTION_DAYS)
        if days < 0:
            self.stderr.write("--days must be 0 or more")
            return
        count = purge_emails(days, dry_run=dry_run)
        verb = "would be erased" if dry_run else "erased"
        self.stdout.write(f"{count} commenters' e-mails {verb} (results public for more than {days} days)")
