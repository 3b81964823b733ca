"""Keep the columns every search reads in the row, and the rest out of it.

A search reads, for every matching document, the columns that filter, rank and sort
it (`visible_in`, `keys`, `rank_vector`, `title_folded`, `title_keys`, `status`…),
and autocomplete rechecks `suggest_vector` for each candidate; what a result shows (summary, title, URL, places) is read for twenty rows only. By
default PostgreSQL keeps all of them in the row (about 1.9 KB, four rows to a page).
With `toast_tuple_target` at its minimum the display columns move to the TOAST
table, while STORAGE MAIN keeps the hot ones in the row: six to eight rows to a
page, so a broad search at 50,000 services reads about half the pages (measured:
"σίτιση", 6,354 matches, 80 → 45 ms). Applies to rows as they are written, so run
`rebuild_search_index` after migrating.
"""

from django.db import migrations

HOT_COLUMNS = (
    "rank_vector",
    "keys",
    "visible_in",
    "title_keys",
    "title_folded",
    "status",
    "locale",
    "doc_type",
    "suggest_vector",
)

FORWARD = ["ALTER TABLE search_document SET (toast_tuple_target = 256)"] + [
    f"ALTER TABLE search_document ALTER COLUMN {column} SET STORAGE MAIN" for column in HOT_COLUMNS
]
BACKWARD = ["ALTER TABLE search_document RESET (toast_tuple_target)"] + [
    f"ALTER TABLE search_document ALTER COLUMN {column} SET STORAGE EXTENDED" for column in HOT_COLUMNS
]


class Migration(migrations.Migration):
    dependencies = [("search", "0003_visible_in")]

    operations = [migrations.RunSQL(FORWARD, BACKWARD)]
