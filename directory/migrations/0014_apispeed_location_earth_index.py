"""A GiST index on the public places' points, for the HSDS API's `near=LAT,LON&radius_km=`.

`points_within` (directory/hsds/api/queries.py) asks `earth_box(...) @> ll_to_earth(latitude,
longitude)` of the service locations; without an index PostgreSQL computed ll_to_earth for
every location of the directory (a seq scan of 30,000 rows, about 150 ms, run for the count
and again for the page). The index is partial on what that query always says (public,
with a point), so confidential places are not even in it. The earthdistance extension
is created by search's first migration, as for search_point's index.
"""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("directory", "0013_hsdsmodel_location_type_optional"),
        ("search", "0001_initial"),
    ]

    operations = [
        migrations.RunSQL(
            "CREATE INDEX directory_servicelocation_earth ON directory_servicelocation "
            "USING gist (ll_to_earth(latitude, longitude)) "
            "WHERE NOT confidential AND latitude IS NOT NULL AND longitude IS NOT NULL",
            "DROP INDEX IF EXISTS directory_servicelocation_earth",
        ),
    ]
