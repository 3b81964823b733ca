"""Back up the database and the media files into a dated folder, and keep the last N.

    manage.py backup                       # into $KOINONIA_BACKUP_DIR (default ./backups), keep 14
    manage.py backup --dir /var/backups/koinonia --keep 30 --keep-days 90

Run daily from the timer in deploy/systemd; copy the folders off the machine too
(rsync, restic, borg...): a backup on the same disk does not survive the disk.
See portal/backups.py for what a backup folder holds, `manage.py restore` to use one.
"""

from django.core.management.base import BaseCommand, CommandError

from core.locks import single_instance
from portal.backups import PARTIAL, BackupError, backup_root, create_backup, prune


class Command(BaseCommand):
    help = "Write a PostgreSQL dump and a tar of the media files into a dated folder; delete old backups."

    def add_arguments(self, parser):
        parser.add_argument("--dir", default=None, help="backup folder (default: $KOINONIA_BACKUP_DIR or ./backups)")
        parser.add_argument("--keep", type=int, default=14, help="how many backups to keep (default 14)")
        parser.add_argument("--keep-days", type=int, default=None, help="also delete backups older than this")

    @single_instance("backup")
    def handle(self, *args, dir=None, keep=14, keep_days=None, **options):
        if keep < 1 or (keep_days is not None and keep_days < 1):
            raise CommandError("--keep and --keep-days must be 1 or more")
        root = dir or backup_root()
        try:
            folder = create_backup(root)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"Backup written: {folder}")
        for old in prune(root, keep=keep, keep_days=keep_days):
            kind = "Unfinished backup" if old.name.endswith(PARTIAL) else "Old backup"
            self.stdout.write(f"{kind} deleted: {old}")
