"""Export the published social map as HSDS 3.0 (see directory/hsds/exporter.py)."""

import json
from pathlib import Path

from django.core.exceptions import ObjectDoesNotExist
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from directory.hsds.exporter import HsdsExporter
from directory.hsds.schema import schema_errors
from directory.hsds.tabular import write_package


class Command(BaseCommand):
    help = (
        "Write the published Greek directory as HSDS 3.0: a JSON list of service objects, or with "
        "--format tabular a data package folder (CSV files and datapackage.json). Confidential "
        "locations are never exported; contacts and the e-mail of who verified a listing (personal "
        "data) only with --full."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="File to write (JSON), or folder to write (tabular).")
        parser.add_argument("--format", choices=["json", "tabular"], default="json")
        parser.add_argument(
            "--full",
            action="store_true",
            help=(
                "Operators only: also write contacts (names, e-mails, direct phones) and assurer_email, so that "
                "a round trip keeps everything. The file then holds personal data: never publish it."
            ),
        )

    def handle(self, *args, path, format, full=False, **options):
        try:
            services = list(HsdsExporter(full=full).services())
        except ObjectDoesNotExist as error:
            raise CommandError(_("The site has no Greek social map page yet; nothing to export.")) from error
        # Every object is checked before anything is written: a file that breaks the schema is a bug here.
        for service in services:
            errors = schema_errors(service)
            if errors:
                details = "; ".join(f"{field}: {message}" for field, message in errors)
                raise CommandError(
                    _("Service %(id)s does not follow the HSDS 3.0 schema (%(details)s); nothing was written.")
                    % {"id": service["id"], "details": details}
                )
        target = Path(path)
        try:
            if format == "tabular":
                write_package(services, target)
            else:
                with open(target, "w", encoding="utf-8") as fh:
                    json.dump(services, fh, ensure_ascii=False, indent=2)
                    fh.write("\n")
        except OSError as error:
            raise CommandError(_("Cannot write %(path)s: %(error)s") % {"path": target, "error": error}) from error
        organisations = {service.get("organization_id") or service["organization"]["id"] for service in services}
        self.stdout.write(
            _("Exported %(services)s services of %(organisations)s organisations to %(path)s.")
            % {"services": len(services), "organisations": len(organisations), "path": target}
        )
        if full:
            self.stdout.write(
                _("This is a full export: it holds personal data (contacts, e-mails). Do not publish it.")
            )
