"""Restore a backup folder written by `manage.py backup`: the database and the media.

    manage.py restore /var/backups/koinonia/2026-12-07_030000

It replaces the database's tables and data with the backup's (pg_restore --clean, in
one transaction: a failure leaves the database as it was) and writes the backup's
media files into MEDIA_ROOT. Stop the site first (systemctl stop koinonia), restore
with the same version of the code that wrote the backup, then start it. The cache is
emptied afterwards so no page of the replaced content is served from it.
"""

from django.core.cache import caches
from django.core.management.base import BaseCommand, CommandError

from portal.backups import BackupError, restore_backup, verify


class Command(BaseCommand):
    help = "Replace the database and media files with a backup folder's."

    def add_arguments(self, parser):
        parser.add_argument("folder", help="a dated folder written by manage.py backup")
        parser.add_argument(
            "--noinput", "--no-input", action="store_false", dest="interactive", help="do not ask for confirmation"
        )

    def handle(self, *args, folder, interactive=True, **options):
        try:
            manifest = verify(folder)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"Backup of {manifest['database']} made {manifest['created']}; checksums match.")
        if interactive:
            answer = input("This replaces the current database and media files. Type 'yes' to go on: ")
            if answer.strip().lower() != "yes":
                raise CommandError("Restore cancelled.")
        try:
            restore_backup(folder)
        except BackupError as error:
            raise CommandError(str(error)) from error
        for cache in caches.all():
            try:
                cache.clear()
            except Exception as error:  # a cache that cannot be cleared must not fail a good restore
                self.stderr.write(f"Could not clear a cache ({error.__class__.__name__}): clear it by hand.")
        self.stdout.write(self.style.SUCCESS(f"Restored {folder}."))
