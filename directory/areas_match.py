"""Match a place name typed by a person or found in a data file to an administrative area.

Addresses say "ΔΗΜΟΣ ΑΜΑΡΟΥΣΙΟΥ", "Αμαρούσιο", "Μαρούσι" or "Δήμος Αμαρουσίου" for the same
municipality, so matching on the official name alone fails on most real data. An
`AreaMatcher` loads the areas of one language once and then answers from memory, so an
import of thousands of addresses (or a search query) costs one database query in all.

Matching uses the names each area already carries in `match_names` (case- and
accent-folded, see `AdministrativeArea.save`): first the folded text exactly, then its
`place_key`, the crude stem that lets a genitive ("Κοζάνης") meet a nominative
("Κοζάνη"). A few names belong to more than one municipality ("Ηρακλείου" is both in
Attica and in Crete); a region hint or a nearby point settles those, and when nothing
does the matcher answers None rather than guess.
"""

import math
from collections import defaultdict

from wagtail.models import Locale

from directory.models import AdministrativeArea, AreaLevel
from directory.text import greek_fold, place_key

#: Levels an address can be matched to (regions and regional units are too coarse).
LOCAL_LEVELS = (AreaLevel.MUNICIPALITY, AreaLevel.COMMUNITY)
#: Levels a hint ("Αττική", "Π.Ε. Κοζάνης") may name.
HINT_LEVELS = (AreaLevel.REGION, AreaLevel.REGIONAL_UNIT)
_HINT_PREFIXES = ("περιφερεια ", "περιφερειακη ενοτητα ", "πε ", "region of ", "regional unit of ")


class AreaMatcher:
    """Resolve area codes and place names of one locale, from memory."""

    def __init__(self, locale=None):
        locale = locale or Locale.get_default()
        areas = list(AdministrativeArea.objects.filter(locale=locale).select_related("parent__parent__parent"))
        self._by_code = {area.code: area for area in areas}
        self._exact = {level: defaultdict(set) for level in AreaLevel.values}
        self._keys = {level: defaultdict(set) for level in AreaLevel.values}
        for area in areas:
            names = set(area.match_names.splitlines()) or {greek_fold(n) for n in area.all_names()}
            # "Περιφέρεια Αττικής" is also known as "Αττικής" (and so, by its stem, "Αττική").
            names |= {self._strip_hint(name) for name in names}
            for name in names:
                self._exact[area.level][name].add(area)
                self._keys[area.level][place_key(name)].add(area)

    def by_code(self, code):
        """The area with this code (any level), or None."""
        return self._by_code.get((code or "").strip())

    def candidates(self, text, levels=LOCAL_LEVELS):
        """Every area of `levels` the text could name: exact folded matches if any, else stem matches."""
        folded = greek_fold(text)
        if not folded:
            return []
        for index in (self._exact, self._keys):
            probe = folded if index is self._exact else place_key(folded)
            found = set()
            for level in levels:
                found |= index[level].get(probe, set())
            if found:
                return sorted(found, key=lambda area: (area.level != AreaLevel.MUNICIPALITY, area.code))
        return []

    def match(self, text, *, within=None, near=None, levels=LOCAL_LEVELS):
        """The one area `text` names, or None when it names none or cannot be told apart.

        `within` is a region or regional unit name ("Αττική") and `near` a (latitude,
        longitude) pair; both only serve to choose among areas sharing a name. Text with
        commas ("Μαρούσι, Αττική") is tried whole and then part by part.
        """
        parts = [text, *(part for part in (text or "").split(",") if part.strip() != (text or "").strip())]
        for part in parts:
            found = self._choose(self.candidates(part, levels), within, near)
            if found is not None:
                return found
        return None

    def _choose(self, candidates, within, near):
        if len(candidates) <= 1:
            return candidates[0] if candidates else None
        if within:
            hints = set(self.candidates(self._strip_hint(within), HINT_LEVELS))
            inside = [area for area in candidates if hints.intersection(area.ancestors())]
            if len(inside) == 1:
                return inside[0]
            candidates = inside or candidates
        if near is not None:
            located = [area for area in candidates if area.latitude is not None and area.longitude is not None]
            if located:
                return min(located, key=lambda area: _distance_km(near, (area.latitude, area.longitude)))
        municipalities = [area for area in candidates if area.level == AreaLevel.MUNICIPALITY]
        # A community and the municipality it belongs to share names ("Κοζάνη"): the municipality is meant.
        if len(municipalities) == 1 and all(area.municipality() == municipalities[0] for area in candidates):
            return municipalities[0]
        return None

    @staticmethod
    def _strip_hint(text):
        folded = greek_fold(text)
        for prefix in _HINT_PREFIXES:
            if folded.startswith(prefix):
                return folded[len(prefix) :]
        return folded


def _distance_km(a, b):
    """Great-circle distance; precise enough to tell two same-named towns apart."""
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 12742 * math.asin(math.sqrt(h))
