"""Rebuild the index after this migration (`rebuild_search_index`), and an index for
sorting pages by name without their leading quotes and punctuation.

0005 gave synonyms categories and groups; documents now also carry their category and
group codes as lexemes (search/backends/postgres.py, `code_lexemes`), which only a
rebuild writes into existing rows.

The index: "«Η Αγάπη»" and "(ΚΔΑΠ) Αχαρνών" sort under Η and Κ, not before every
name. The directory listing orders live pages of one language by
`regexp_replace(title, '^[^[:alnum:]]+', '')` (directory.queries.SORT_TITLE); this
expression index, on Wagtail's page table as directory's 0003 title index is, gives
the first page of the alphabetical listing straight off the index at 50,000 services.
The expression must stay identical to SORT_TITLE for PostgreSQL to use it.
"""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0005_synonym_categories_groups"),
        ("wagtailcore", "0097_baselogentry_uuid_action_timestamp_indexes"),
    ]

    operations = [
        migrations.RunSQL(
            "CREATE INDEX IF NOT EXISTS search_live_page_sort_title_idx "
            "ON wagtailcore_page (locale_id, (regexp_replace(title, '^[^[:alnum:]]+', '')), id) WHERE live",
            "DROP INDEX IF EXISTS search_live_page_sort_title_idx",
        )
    ]
