"""PostgreSQL extensions the portal relies on.

unaccent and pg_trgm serve search and name matching; cube/earthdistance serve
distance queries. On a managed database where the application role may not
create extensions, ask the DBA to create them once before migrating.
"""

from django.contrib.postgres.operations import CreateExtension, TrigramExtension, UnaccentExtension
from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("portal", "0001_initial")]

    operations = [
        UnaccentExtension(),
        TrigramExtension(),
        CreateExtension("cube"),
        CreateExtension("earthdistance"),
    ]
