"""Places named in a query ("παιδικός σταθμός Περιστέρι", "nursery Peristeri"),
registered with search (search.registry.register_places) by directory/search.py.

A thin layer over directory.areas_match.AreaMatcher (which already knows every
area's official, everyday and alternative names, in Greek and English): search asks
it about runs of query words and keeps municipalities and communities only.
Matchers are built once per process and rebuilt every few minutes, so an editor's
new alternative name is picked up without a restart.
"""

import time

from wagtail.models import Locale

from directory.areas_match import AreaMatcher
from directory.models import AdministrativeArea, AreaLevel
from search.documents import content_languages

REFRESH_SECONDS = 300
_matchers = {"built": 0.0, "by_language": {}}


def _matcher(language_code):
    now = time.monotonic()
    if now - _matchers["built"] > REFRESH_SECONDS:
        _matchers["by_language"] = {}
        _matchers["built"] = now
    matchers = _matchers["by_language"]
    if language_code not in matchers:
        locale = Locale.objects.filter(language_code=language_code).first()
        matchers[language_code] = AreaMatcher(locale) if locale else None
    return matchers[language_code]


def reset():
    """Forget the cached matchers (tests, and after loading areas)."""
    _matchers["built"] = 0.0


class PlaceFinder:
    """Matches text to one municipality or community by its names in any content
    language (Greeklish queries often use the English transliteration, "peristeri"),
    and names it in the visitor's language."""

    def __init__(self, language_code):
        default = Locale.get_default().language_code
        languages = dict.fromkeys([default, language_code, *content_languages()])
        self.matchers = [m for m in (_matcher(code) for code in languages) if m is not None]
        self.display = _matcher(language_code) or _matcher(default)

    def match(self, text):
        for matcher in self.matchers:
            area = matcher.match(text)
            if area is not None and area.level in (AreaLevel.MUNICIPALITY, AreaLevel.COMMUNITY):
                shown = (self.display.by_code(area.code) if self.display else None) or area
                return {"code": area.code, "name": shown.display_name, "level": area.level}
        return None

    @staticmethod
    def names():
        """(name, code) of every name of every municipality and community in the default
        language (search.place_keys reads them as the text search does: "athina")."""
        areas = AdministrativeArea.objects.filter(
            locale=Locale.get_default(), level__in=(AreaLevel.MUNICIPALITY, AreaLevel.COMMUNITY)
        ).values_list("code", "match_names")
        return [(name, code) for code, names in areas for name in (names or "").splitlines() if name]

    @staticmethod
    def point(code):
        """(latitude, longitude) of the area with this code, or None (`near=Κοζάνη`)."""
        area = AdministrativeArea.objects.filter(code=code, latitude__isnull=False).first()
        return (area.latitude, area.longitude) if area else None
