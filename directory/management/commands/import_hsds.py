"""Import an HSDS 3.0 dataset into the social map (see directory/hsds/importer.py).

The command is a thin shell over `directory.hsds.importer.import_file`, the function
the admin's import screen calls too: the same import, the same summary.
"""

import sys
import time

from tqdm import tqdm

from django.core.exceptions import ObjectDoesNotExist
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from directory.hsds import HsdsFileError
from directory.hsds.importer import CREATED, REJECTED, UNCHANGED, UPDATED, import_file

#: Rejected records printed in full; the CSV report (--report) has every one.
REJECTIONS_PRINTED = 50
#: Examples printed per kind of warning.
EXAMPLES_PRINTED = 3


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
        parser.add_argument(
            "--region",
            default="GR",
            help="Country (ISO code) of phone numbers written without a country code: GR (default), US for a 211 file.",
        )
        parser.add_argument(
            "--language",
            default=None,
            help="Language of the content (el by default, en for an English file): published in that language.",
        )
        parser.add_argument("--report", metavar="PATH", help="Write every warning and rejection to this CSV file.")
        parser.add_argument("--quiet-progress", action="store_true", help="Do not show the progress bar.")

    def handle(self, *args, path, draft, region, language, report, quiet_progress, **options):
        started = time.monotonic()

        def progress(items):
            return tqdm(items, total=len(items), unit=_("service"), file=sys.stderr, disable=quiet_progress)

        try:
            result = import_file(path, region=region.upper(), language=language, draft=draft, progress=progress)
        except HsdsFileError as error:
            raise CommandError(str(error)) from error
        except ObjectDoesNotExist as error:
            raise CommandError(_("The site has no social map page yet; run `manage.py setup_site` first.")) from error
        seconds = time.monotonic() - started

        for rejection in result.rejections[:REJECTIONS_PRINTED]:
            for line in rejection.lines():
                self.stderr.write(self.style.ERROR(_("rejected: %(message)s") % {"message": line}))
        if len(result.rejections) > REJECTIONS_PRINTED:
            self.stderr.write(
                _("… and %(count)s more rejected records (see the CSV report).")
                % {"count": len(result.rejections) - REJECTIONS_PRINTED}
            )
        self._print_warnings(result)
        counts = result.services
        self.stdout.write(
            _("Services: %(created)s created, %(updated)s updated, %(unchanged)s unchanged, %(rejected)s rejected.")
            % {
                "created": counts[CREATED],
                "updated": counts[UPDATED],
                "unchanged": counts[UNCHANGED],
                "rejected": counts[REJECTED],
            }
        )
        counts = result.organisations
        self.stdout.write(
            _("Organisations: %(created)s created, %(updated)s updated, %(unchanged)s unchanged.")
            % {"created": counts[CREATED], "updated": counts[UPDATED], "unchanged": counts[UNCHANGED]}
        )
        if result.flagged:
            self.stdout.write(_("%(count)s values flagged for review in the admin.") % {"count": result.flagged})
        if report:
            try:
                with open(report, "w", encoding="utf-8-sig", newline="") as fh:
                    result.write_csv(fh)
            except OSError as error:
                raise CommandError(
                    _("The report could not be written to %(path)s: %(error)s") % {"path": report, "error": error}
                ) from error
            self.stdout.write(_("Report: %(path)s") % {"path": report})
        mode = _("as drafts") if draft else _("published")
        self.stdout.write(_("Done in %(seconds).1f s (%(mode)s).") % {"seconds": seconds, "mode": mode})

    def _print_warnings(self, result):
        """The warnings grouped by kind, most frequent first, each with its first examples."""
        summary = result.summary()
        if not summary["warning_count"]:
            return
        self.stdout.write(_("Warnings: %(count)s, by kind:") % {"count": summary["warning_count"]})
        for group in summary["warnings"]:
            self.stdout.write(self.style.WARNING(f"  {group['label']} ({group['kind']}): {group['count']}"))
            examples = [w for w in result.warnings if w.kind == group["kind"]][:EXAMPLES_PRINTED]
            for warning in examples:
                self.stdout.write(f"    - {warning}")
