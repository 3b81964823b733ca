"""Delete the files of finished admin imports after a retention period.

An uploaded registry (and the CSV report that quotes it value by value) may hold
the names, e-mails and phones of contact persons, which the site keeps only for
the operator (see README "Data in and out"). Once a run has finished, what was
imported lives in the pages; the file itself is only needed for a while, to look
at what the import said. After KOINONIA_IMPORT_FILE_RETENTION_DAYS (default 30) or
--days, the upload and the report are deleted from private storage; the run stays
in the list with its summary (counts and warnings), so the history is kept.
"""

import datetime

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from core.locks import single_instance
from directory.models import ImportRun
from directory.models.imports import ImportStatus

DEFAULT_RETENTION_DAYS = 30


def purge_import_files(days, now=None, dry_run=False):
    """Delete the upload and report of runs finished more than `days` ago; return how many runs."""
    cutoff = (now or timezone.now()) - datetime.timedelta(days=days)
    runs = (
        ImportRun.objects.filter(status__in=[ImportStatus.DONE, ImportStatus.FAILED], finished_at__lte=cutoff)
        .exclude(source="", report="")
        .order_by("pk")
    )
    count = 0
    for run in runs:
        count += 1
        if dry_run:
            continue
        for field in (run.source, run.report):
            if field:
                field.delete(save=False)
        run.save(update_fields=["source", "report"])
    return count


class Command(BaseCommand):
    help = "Delete uploaded HSDS files and their CSV reports N days after their import finished."

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=None, help="retention period in days after the import")
        parser.add_argument("--dry-run", action="store_true", help="count only")

    @single_instance()
    def handle(self, *args, days=None, dry_run=False, **options):
        if days is None:
            days = getattr(settings, "KOINONIA_IMPORT_FILE_RETENTION_DAYS", DEFAULT_RETENTION_DAYS)
        if days < 0:
            raise CommandError("--days must be 0 or more")
        count = purge_import_files(days, dry_run=dry_run)
        verb = "would be deleted" if dry_run else "deleted"
        self.stdout.write(f"Files of {count} finished imports {verb} (finished more than {days} days ago)")
