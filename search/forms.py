"""Reading search parameters from a URL, for the search page and the API alike.

One parser, two temperaments: the API is strict (a bad parameter is a 400 with a
message saying which and why), the page is forgiving (the bad parameter is left out
and the visitor told so, and the rest of the search still runs). Nothing a URL can
hold reaches the database unchecked: codes are checked against the known taxonomy,
numbers are parsed and bounded, text is cleaned and cut (search/query.py).
"""

import math
from dataclasses import dataclass, field

from django.conf import settings
from django.utils.translation import gettext as _

from search import labels
from search.documents import doc_types
from search.places import PlaceFinder
from search.query import (
    DEFAULT_PAGE_SIZE,
    MAX_PAGE_SIZE,
    MAX_QUERY_CHARS,
    MAX_RADIUS_KM,
    SearchQuery,
)

TRUE_VALUES = {"1", "true", "on", "yes"}
FALSE_VALUES = {"", "0", "false", "off", "no"}
MAX_VALUES_PER_FILTER = 20
MAX_PAGE_NUMBER = 1_000_000
#: URL parameter → SearchQuery field.
MULTI_FILTERS = {
    "type": "types",
    "category": "categories",
    "group": "groups",
    "municipality": "areas",
    "language": "languages",
    "access": "accessibility",
}


@dataclass
class ParsedRequest:
    query: SearchQuery
    errors: list = field(default_factory=list)
    notices: list = field(default_factory=list)

    @property
    def has_criteria(self):
        q = self.query
        return bool(
            q.text
            or q.types
            or q.categories
            or q.groups
            or q.areas
            or q.languages
            or q.accessibility
            or q.free
            or q.open_now
            or q.near
        )


def languages():
    return [code for code, _name in settings.LANGUAGES]


class SearchParams:
    """GET parameters → (SearchQuery, errors, notices)."""

    def __init__(self, params, language, *, allow_page_size=False):
        self.params = params
        self.language = language
        self.allow_page_size = allow_page_size
        self.errors = []
        self.notices = []

    def parse(self):
        fields = {"locale": self.language}
        text = self._text()
        fields["text"] = text
        known = labels.term_labels(self.language)
        valid = {
            "type": set(doc_types()),
            "category": set(known["category"]),
            "group": set(known["group"]),
            "municipality": set(known["area"]),
            "language": set(known["language"]),
            "access": set(known["access"]),
        }
        for name, attribute in MULTI_FILTERS.items():
            fields[attribute] = self._codes(name, valid[name])
        fields["free"] = self._flag("free")
        fields["open_now"] = self._flag("open_now")
        near = self._near()
        fields["near"] = near
        fields["radius_km"] = self._radius(near)
        fields["page"] = self._page()
        if self.allow_page_size:
            fields["page_size"] = self._page_size()
        return ParsedRequest(SearchQuery(**fields), self.errors, self.notices)

    # -- each parameter ---------------------------------------------------------------

    def _get(self, name):
        value = self.params.get(name, "")
        return value if isinstance(value, str) else ""

    def _text(self):
        text = self._get("q")
        if len(text) > MAX_QUERY_CHARS:
            self.notices.append(
                _("Only the first %(count)s characters of your search were used.") % {"count": MAX_QUERY_CHARS}
            )
            text = text[: MAX_QUERY_CHARS * 2]
        return text

    def _codes(self, name, valid):
        values = [v.strip() for v in self.params.getlist(name) if v.strip()] if hasattr(self.params, "getlist") else []
        if len(values) > MAX_VALUES_PER_FILTER:
            self.errors.append({"parameter": name, "message": _("Too many values for “%(name)s”.") % {"name": name}})
            values = values[:MAX_VALUES_PER_FILTER]
        kept = []
        for value in dict.fromkeys(values):
            if value in valid:
                kept.append(value)
            else:
                self.errors.append(
                    {
                        "parameter": name,
                        "message": _("“%(value)s” is not a known value of “%(name)s”.")
                        % {"value": value[:80], "name": name},
                    }
                )
        return tuple(kept)

    def _flag(self, name):
        value = self._get(name).strip().lower()
        if value in TRUE_VALUES:
            return True
        if value not in FALSE_VALUES:
            self.errors.append({"parameter": name, "message": _("“%(name)s” must be 1 or 0.") % {"name": name}})
        return False

    def _near(self):
        value = self._get("near").strip()
        if not value:
            return None
        parts = value.split(",")
        if len(parts) == 2:
            try:
                lat, lon = _coordinate(parts[0]), _coordinate(parts[1])
            except ValueError:
                lat = lon = None
            if lat is not None:
                if math.isfinite(lat) and math.isfinite(lon) and -90 <= lat <= 90 and -180 <= lon <= 180:
                    return (lat, lon)
                self.errors.append(
                    {
                        "parameter": "near",
                        "message": _(
                            "“near” must be a latitude between -90 and 90 and a longitude between -180 and 180, "
                            "e.g. near=38.01,23.69."
                        ),
                    }
                )
                return None
        finder = PlaceFinder(self.language)
        place = finder.match(value[:100]) if finder is not None else None
        if place is not None:
            point = finder.point(place["code"])
            if point:
                return point
        self.errors.append(
            {
                "parameter": "near",
                "message": _("We do not know the place “%(place)s”. Give a municipality or coordinates (lat,lon).")
                % {"place": value[:80]},
            }
        )
        return None

    def _radius(self, near):
        value = self._get("radius_km").strip()
        if not value:
            return None
        try:
            radius = round(float(value), RADIUS_DECIMALS)
        except (ValueError, OverflowError):
            radius = None
        if radius is None or not math.isfinite(radius) or not 0 < radius <= MAX_RADIUS_KM:
            self.errors.append(
                {
                    "parameter": "radius_km",
                    "message": _("“radius_km” must be a number of kilometres above 0 and up to %(max)s.")
                    % {"max": int(MAX_RADIUS_KM)},
                }
            )
            return None
        if near is None and "near" not in {e["parameter"] for e in self.errors}:
            self.errors.append(
                {"parameter": "radius_km", "message": _("“radius_km” needs “near”: a radius around which point?")}
            )
            return None
        return radius

    def _page(self):
        value = self._get("page").strip()
        if not value:
            return 1
        if not (value.isascii() and value.isdigit()) or not 1 <= int(value[:8]) <= MAX_PAGE_NUMBER or len(value) > 7:
            self.errors.append({"parameter": "page", "message": _("“page” must be a whole number from 1 upwards.")})
            return 1
        return int(value)

    def _page_size(self):
        value = self._get("page_size").strip()
        if not value:
            return DEFAULT_PAGE_SIZE
        if not (value.isascii() and value.isdigit()) or len(value) > 4 or not 1 <= int(value) <= MAX_PAGE_SIZE:
            self.errors.append(
                {
                    "parameter": "page_size",
                    "message": _("“page_size” must be a whole number from 1 to %(max)s.") % {"max": MAX_PAGE_SIZE},
                }
            )
            return DEFAULT_PAGE_SIZE
        return int(value)


#: Coordinates to 1 cm and radii to 1 m: finer figures mean nothing on a map, and tiny
#: ones (5e-324) underflowed in PostgreSQL's distance functions, a 500 instead of an answer.
COORDINATE_DECIMALS = 7
RADIUS_DECIMALS = 3


def _coordinate(text):
    """A degree value rounded to COORDINATE_DECIMALS (nan and inf stay, for the range check)."""
    number = float(text)
    return round(number, COORDINATE_DECIMALS) if math.isfinite(number) else number
