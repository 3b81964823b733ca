"""An import's end as data: what the admin's run page shows and its CSV report holds.

`manage.py import_hsds` prints its summary; the admin's run happens in another process
and is shown later, so the same facts are kept as JSON on the `ImportRun`: counts of
created, updated, unchanged and rejected records, the warnings grouped by kind with a
count and the first examples, and the rejections with their reasons. The complete list
is the CSV report, every cell formula-safe (core.spreadsheets), because staff open it
in a spreadsheet and the values come from someone else's file.
"""

import csv
import io
from collections import OrderedDict

from django.utils.translation import gettext as _

from core.spreadsheets import spreadsheet_safe
from directory.hsds.importer import CREATED, REJECTED, UNCHANGED, UPDATED

#: Examples kept per kind of warning, and rejections kept, in the summary; the CSV has all.
EXAMPLES_PER_KIND = 5
REJECTIONS_SHOWN = 100
OTHER_KIND = "other"


def _kind(warning):
    return str(getattr(warning, "kind", "") or OTHER_KIND)


def _kind_label(kind):
    from directory.models import ReviewKind

    try:
        return str(ReviewKind(kind).label)
    except ValueError:
        return _("Other changes") if kind == OTHER_KIND else kind


def _warning_text(warning):
    return str(getattr(warning, "message", warning))


def summarise(report, *, seconds=None, draft=False):
    """The JSON summary of an `ImportReport` (see the module docstring for its parts)."""
    groups = OrderedDict()
    for warning in report.warnings:
        kind = _kind(warning)
        group = groups.setdefault(kind, {"kind": kind, "label": _kind_label(kind), "count": 0, "examples": []})
        group["count"] += 1
        if len(group["examples"]) < EXAMPLES_PER_KIND:
            group["examples"].append(str(warning))
    rejections = [
        {
            "record": rejection.index,
            "id": rejection.hsds_id,
            "where": rejection.where,
            "problems": [{"field": path or "", "message": str(message)} for path, message in rejection.problems],
        }
        for rejection in report.rejections[:REJECTIONS_SHOWN]
    ]
    return {
        "services": {key: report.services[key] for key in (CREATED, UPDATED, UNCHANGED, REJECTED)},
        "organisations": {key: report.organisations[key] for key in (CREATED, UPDATED, UNCHANGED)},
        "warnings": sorted(groups.values(), key=lambda group: -group["count"]),
        "warning_count": len(report.warnings),
        "rejections": rejections,
        "rejection_count": len(report.rejections),
        "flagged": getattr(report, "flagged", 0),
        "seconds": round(seconds, 1) if seconds is not None else None,
        "draft": draft,
    }


def report_rows(report):
    """Header and rows of the CSV report: every rejection problem, then every warning."""
    yield [_("record"), _("where"), _("HSDS id"), _("outcome"), _("kind"), _("field"), _("message")]
    for rejection in report.rejections:
        for path, message in rejection.problems:
            yield [rejection.index, rejection.where, rejection.hsds_id, _("rejected"), "", path or "", str(message)]
    for warning in report.warnings:
        yield [
            getattr(warning, "index", ""),
            getattr(warning, "where", ""),
            getattr(warning, "hsds_id", ""),
            _("imported with a warning"),
            _kind(warning),
            getattr(warning, "field", ""),
            _warning_text(warning),
        ]


def report_csv(report):
    """The CSV report as text, every cell through `spreadsheet_safe`."""
    out = io.StringIO()
    writer = csv.writer(out)
    for row in report_rows(report):
        writer.writerow([spreadsheet_safe(str(cell)) for cell in row])
    return out.getvalue()
