"""Import an HSDS 3.0 dataset into the social map (see directory/hsds/importer.py)."""

import sys
import time

from tqdm import tqdm

from django.core.exceptions import ObjectDoesNotExist
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from directory.hsds import HsdsFileError
from directory.hsds.importer import CREATED, REJECTED, UNCHANGED, UPDATED, HsdsImporter
from directory.hsds.sources import load_records


class Command(BaseCommand):
    help = (
        "Import an HSDS 3.0 dataset: a JSON file with a list of service objects, or a tabular data package "
        "(its datapackage.json or its folder). Records are matched by HSDS id, so importing again updates."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="JSON file, datapackage.json, or a folder holding a datapackage.json")
        parser.add_argument(
            "--draft", action="store_true", help="Save new revisions as drafts instead of publishing them."
        )
        parser.add_argument("--quiet-progress", action="store_true", help="Do not show the progress bar.")

    def handle(self, *args, path, draft, quiet_progress, **options):
        started = time.monotonic()
        try:
            records = load_records(path)
        except HsdsFileError as error:
            raise CommandError(str(error)) from error
        try:
            importer = HsdsImporter(draft=draft)
        except ObjectDoesNotExist as error:
            raise CommandError(
                _("The site has no Greek social map page yet; run `manage.py load_demo` first.")
            ) from error

        def progress(items):
            return tqdm(items, total=len(records), unit=_("service"), file=sys.stderr, disable=quiet_progress)

        report = importer.run(records, progress=progress)

        for warning in report.warnings:
            self.stdout.write(self.style.WARNING(_("warning: %(message)s") % {"message": warning}))
        for rejection in report.rejections:
            for line in rejection.lines():
                self.stderr.write(self.style.ERROR(_("rejected: %(message)s") % {"message": line}))
        counts = report.services
        self.stdout.write(
            _("Services: %(created)s created, %(updated)s updated, %(unchanged)s unchanged, %(rejected)s rejected.")
            % {
                "created": counts[CREATED],
                "updated": counts[UPDATED],
                "unchanged": counts[UNCHANGED],
                "rejected": counts[REJECTED],
            }
        )
        counts = report.organisations
        self.stdout.write(
            _("Organisations: %(created)s created, %(updated)s updated, %(unchanged)s unchanged.")
            % {"created": counts[CREATED], "updated": counts[UPDATED], "unchanged": counts[UNCHANGED]}
        )
        mode = _("as drafts") if draft else _("published")
        self.stdout.write(
            _("Done in %(seconds).1f s (%(mode)s).") % {"seconds": time.monotonic() - started, "mode": mode}
        )
