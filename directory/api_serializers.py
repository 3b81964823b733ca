"""Serializers for the directory's fields in Wagtail's API v2.

Taxonomy terms are exposed as `{code, name}` in the requested language rather
than as bare primary keys, and only public (non-confidential) locations leave
the site.
"""

from rest_framework import serializers


class TermListSerializer(serializers.Field):
    """A many-to-many of taxonomy terms as [{code, name}], names in the active language."""

    def to_representation(self, value):
        terms = value.all() if hasattr(value, "all") else value
        return [{"code": term.code, "name": term.localized.name} for term in terms]


class LocationListSerializer(serializers.Field):
    """Public locations with their municipality; confidential ones never get here."""

    def to_representation(self, value):
        return [
            {
                "name": loc.name,
                "address": loc.one_line_address,
                "municipality": loc.municipality.localized.display_name if loc.municipality else None,
                "latitude": loc.latitude,
                "longitude": loc.longitude,
                "transportation": loc.transportation,
                "accessibility_note": loc.accessibility_note,
            }
            for loc in value
        ]
