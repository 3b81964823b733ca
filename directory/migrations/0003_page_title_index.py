"""An index for the listing's alphabetical order.

The social map lists live pages of one language by title. Without this index
PostgreSQL sorts every live page (50,000 at the sizes we plan for) on each
request; with it, the first page of results is read straight off the index.
It lives on Wagtail's page table, so it is created here with plain SQL.
"""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("directory", "0002_service_website"), ("wagtailcore", "0097_baselogentry_uuid_action_timestamp_indexes")]

    operations = [
        migrations.RunSQL(
            "CREATE INDEX IF NOT EXISTS directory_live_page_title_idx "
            "ON wagtailcore_page (locale_id, title, id) WHERE live",
            "DROP INDEX IF EXISTS directory_live_page_title_idx",
        )
    ]
