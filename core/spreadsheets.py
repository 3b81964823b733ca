"""Cells no spreadsheet will run as a formula (OWASP "CSV injection"), for every export.

A citizen's comment or an anonymous survey answer that starts with "=", "+", "-" or
"@" (or a tab or a return) would be read as a formula by Excel or LibreOffice when a
member of staff opens the export; "=HYPERLINK(...)" can send data away. A leading
apostrophe makes the cell text. Spreadsheets skip invisible characters before they
look for the "=", so a formula hidden behind a left-to-right mark (U+200E), a
zero-width space (U+200B), a byte-order mark or a bidirectional embedding or
isolate is neutralised as well.

Every export goes through `spreadsheet_safe`: our own CSV/XLSX writers
(consultations/exports.py) and Wagtail's admin exports, through
`FormulaSafeExportMixin` (form submissions, reports).
"""

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
#: Marks, zero-width characters, the byte-order mark and the bidirectional embeddings,
#: overrides and isolates (U+202A-U+202E, U+2066-U+2069): nothing to see, but skipped.
INVISIBLE = (
    "\u200b\u200c\u200d\u200e\u200f\u2060\ufeff\u061c\u180e"
    + "".join(chr(c) for c in range(0x202A, 0x202F))
    + "".join(chr(c) for c in range(0x2066, 0x206A))
)


def spreadsheet_safe(value):
    """`value`, with a leading apostrophe if a spreadsheet could read it as a formula."""
    if not isinstance(value, str):
        return value
    if value.startswith(FORMULA_PREFIXES) or value.lstrip(INVISIBLE + " ").startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


class FormulaSafeExportMixin:
    """For Wagtail's SpreadsheetExportMixin views: every value and heading through `spreadsheet_safe`.

    Wagtail's CSV export writes values as they are (its XLSX export only marks cells
    it recognises as formulas as text, and not the headings), so this goes before
    the Wagtail view in the bases.
    """

    def preprocess_field_value(self, field, value, export_format):
        return spreadsheet_safe(super().preprocess_field_value(field, value, export_format))

    def get_heading(self, queryset, field):
        return spreadsheet_safe(super().get_heading(queryset, field))
