"""Open-data exports of a consultation's comments, and the staff export.

The public export is built from an explicit list of columns that has no e-mail in
it, from published comments only; the staff export adds the e-mail, the status and
the moderation history and is served only to moderators. Every text cell goes
through `spreadsheet_safe`, in CSV and XLSX alike, so that a comment starting with
"=" is read as text and never run as a formula.
"""

import csv
import io
import json

from django.http import HttpResponse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from consultations.dates import ATHENS
from consultations.queries import ConsultationComments
from core.spreadsheets import spreadsheet_safe

LICENSE_NAME = "CC BY 4.0"
LICENSE_URL = "https://creativecommons.org/licenses/by/4.0/"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _local(moment):
    return timezone.localtime(moment, ATHENS).isoformat(timespec="seconds") if moment else ""


def public_columns():
    return [
        ("id", _("Comment number")),
        ("article_id", _("Article id")),
        ("article", _("Article")),
        ("date", _("Date")),
        ("name", _("Name or pseudonym")),
        ("stance", _("Position")),
        ("text", _("Comment")),
        ("reply", _("Official reply")),
    ]


def staff_columns():
    return public_columns() + [
        ("email", _("E-mail")),
        ("status", _("Status")),
        ("rejection_reason", _("Rejection reason")),
        ("rejection_note", _("Note to the commenter")),
        ("moderated_by", _("Moderated by")),
        ("moderated_at", _("Moderated at")),
        ("flags", _("Flags")),
        ("history", _("Moderation history")),
        ("language", _("Language")),
    ]


def _public_row(query, comment):
    return {
        "id": comment.pk,
        "article_id": comment.article_key,
        "article": query.label_for(comment.article_key, comment.article_label),
        "date": _local(comment.created_at),
        "name": comment.author_name,
        "stance": comment.get_stance_display() if comment.stance else "",
        "text": comment.text,
        "reply": comment.reply_text,
    }


def _staff_row(query, comment):
    row = _public_row(query, comment)
    history = [
        f"{_local(d.created_at)} {d.get_action_display()}"
        + (f" ({d.reason})" if d.reason else "")
        + (f" {d.user.get_username()}" if d.user else "")
        for d in comment.decisions.all()
    ]
    row.update(
        {
            "email": comment.email,
            "status": comment.get_status_display(),
            "rejection_reason": comment.get_rejection_reason_display() if comment.rejection_reason else "",
            "rejection_note": comment.rejection_note,
            "moderated_by": comment.moderated_by.get_username() if comment.moderated_by else "",
            "moderated_at": _local(comment.moderated_at),
            "flags": "; ".join(f"{f.get_reason_display()}: {f.note}".rstrip(": ") for f in comment.flags.all()),
            "history": "\n".join(history),
            "language": comment.language,
        }
    )
    return row


def public_rows(page):
    query = ConsultationComments(page)
    return [_public_row(query, comment) for comment in query.export_rows()]


def staff_rows(page):
    query = ConsultationComments(page)
    return [_staff_row(query, comment) for comment in query.staff_rows()]


def _filename(page, suffix, ext):
    return f"{slugify(page.slug) or 'consultation'}-{suffix}.{ext}"


def write_csv(columns, rows):
    output = io.StringIO()
    output.write("\ufeff")  # so that spreadsheet programs read UTF-8 Greek correctly
    writer = csv.writer(output)
    writer.writerow([spreadsheet_safe(str(label)) for _key, label in columns])
    for row in rows:
        writer.writerow([spreadsheet_safe(row[key]) for key, _label in columns])
    return output.getvalue().encode("utf-8")


def write_xlsx(columns, rows, title):
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=title[:31])

    def cells(values):
        for value in values:
            cell = WriteOnlyCell(sheet, value=spreadsheet_safe(value))
            if cell.data_type == "f":
                cell.data_type = "s"  # belt and braces: never a formula
            yield cell

    sheet.append(list(cells([str(label) for _key, label in columns])))
    for row in rows:
        sheet.append(list(cells([row[key] for key, _label in columns])))
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


def write_json(page, rows, request=None):
    document = {
        "consultation": {
            "title": page.title,
            "url": page.get_full_url(request),
            "responsible_body": page.responsible_body,
            "starts_at": _local(page.starts_at),
            "ends_at": _local(page.ends_at),
        },
        "license": {"name": LICENSE_NAME, "url": LICENSE_URL},
        "generated_at": _local(timezone.now()),
        "comments": rows,
    }
    return json.dumps(document, ensure_ascii=False, indent=2).encode("utf-8")


def _attachment(content, content_type, filename):
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response


def public_export_response(page, fmt, request=None):
    rows = public_rows(page)
    if fmt == "json":
        return _attachment(
            write_json(page, rows, request), "application/json; charset=utf-8", _filename(page, "comments", "json")
        )
    if fmt == "xlsx":
        return _attachment(
            write_xlsx(public_columns(), rows, _("Comments")), XLSX_TYPE, _filename(page, "comments", "xlsx")
        )
    return _attachment(write_csv(public_columns(), rows), "text/csv; charset=utf-8", _filename(page, "comments", "csv"))


def staff_export_response(page, fmt):
    rows = staff_rows(page)
    if fmt == "xlsx":
        return _attachment(
            write_xlsx(staff_columns(), rows, _("Comments")), XLSX_TYPE, _filename(page, "staff", "xlsx")
        )
    return _attachment(write_csv(staff_columns(), rows), "text/csv; charset=utf-8", _filename(page, "staff", "csv"))
