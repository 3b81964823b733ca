"""Run one import uploaded in the admin (an `ImportRun`), in this process.

The admin's import screen starts this command detached from the web worker
(directory/hsds/import_runs.py); it can also be run by hand to retry a run that never
started. A run already taken by another process is left alone.
"""

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from directory.hsds import import_runs


class Command(BaseCommand):
    help = "Run one import uploaded in the admin (an ImportRun id), as `import_hsds` would run it."

    def add_arguments(self, parser):
        parser.add_argument("run_id", type=int, help="The ImportRun's id.")

    def handle(self, *args, run_id, **options):
        import_runs.use_database_of_parent()
        run = import_runs.claim(run_id)
        if run is None:
            raise CommandError(_("Import %(id)s does not exist or is no longer queued.") % {"id": run_id})
        run = import_runs.execute(run)
        self.stdout.write(_("Import %(id)s: %(status)s.") % {"id": run.pk, "status": run.get_status_display()})
