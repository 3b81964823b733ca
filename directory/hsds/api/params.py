"""Reading the HSDS API's query parameters: strict, every problem named.

A bad parameter is a 400 whose `errors` say which parameter and why, in the request's
language; nothing a URL holds reaches the database unchecked. The specification's
parameters are read here; our extensions that are the public search's filters
(near, radius_km, category, group, municipality, language, access, open_now, free)
are read by the search app's own parser (`search.forms.SearchParams`), so they have the
same names, values and messages as /api/search and the search page.
"""

import datetime
import uuid
from dataclasses import dataclass, field

from django.conf import settings
from django.http import QueryDict
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.translation import gettext as _

from search.forms import SearchParams

DEFAULT_PER_PAGE = 50
MAX_PER_PAGE = 100
#: minimal=true objects are tiny: the specification asks to give them all in one page.
MAX_MINIMAL_PER_PAGE = 10_000
MAX_PAGE = 1_000_000
MAX_SEARCH_CHARS = 200
MAX_PROXIMITY_METRES = 500_000
TRUE_VALUES = {"true", "1", "yes", "on"}
FALSE_VALUES = {"false", "0", "no", "off", ""}
#: Our extensions read by the search app's parser, exactly as the public search reads them.
SEARCH_FILTERS = ("near", "radius_km", "category", "group", "municipality", "language", "access", "open_now", "free")


def languages():
    return [code for code, _name in settings.LANGUAGES]


@dataclass
class ApiQuery:
    """What one request asks for, checked."""

    language: str = "el"
    search: str = ""
    page: int = 1
    per_page: int = DEFAULT_PER_PAGE
    ndjson: bool = False
    minimal: bool = False
    full: bool = False
    full_service: bool = False
    top_only: bool = False
    modified_after: datetime.datetime | None = None
    taxonomy_term_id: uuid.UUID | None = None
    taxonomy_id: uuid.UUID | None = None
    organization_id: uuid.UUID | None = None
    parent_id: uuid.UUID | None = None
    postcode: str = ""
    proximity: int | None = None
    #: The search app's SearchQuery holding our search filters (None when none is given).
    filters: object = None
    errors: list = field(default_factory=list)

    @property
    def near(self):
        return self.filters.near if self.filters is not None else None

    @property
    def radius_km(self):
        return self.filters.effective_radius_km if self.filters is not None else None


class ApiParams:
    """request.GET → ApiQuery (with `errors` filled in when something is wrong)."""

    def __init__(self, params, language):
        self.params = params
        self.query = ApiQuery(language=language)

    def error(self, name, message):
        self.query.errors.append({"parameter": name, "message": message})

    def _get(self, name):
        return self.params.get(name, "").strip()

    def parse(self):
        q = self.query
        q.search = self._get("search")[: MAX_SEARCH_CHARS * 2]
        q.page = self._integer("page", 1, MAX_PAGE, 1)
        q.minimal = self._flag("minimal")
        q.full = self._flag("full")
        q.full_service = self._flag("full_service")
        q.top_only = self._flag("top_only")
        maximum = MAX_MINIMAL_PER_PAGE if q.minimal else MAX_PER_PAGE
        q.per_page = self._integer("per_page", 1, maximum, DEFAULT_PER_PAGE)
        q.ndjson = self._format()
        q.modified_after = self._datetime("modified_after")
        for name in ("taxonomy_term_id", "taxonomy_id", "organization_id", "parent_id"):
            setattr(q, name, self._uuid(name))
        q.postcode = self._get("postcode")[:20]
        q.proximity = self._integer("proximity", 1, MAX_PROXIMITY_METRES, None)
        if q.proximity is not None and not q.postcode:
            self.error("proximity", _("“proximity” needs “postcode”: metres around which postcode?"))
        q.filters = self._search_filters()
        return q

    # -- each kind of value -------------------------------------------------------------

    def _integer(self, name, lowest, highest, default):
        value = self._get(name)
        if not value:
            return default
        if not (value.isascii() and value.isdigit()) or len(value) > 9 or not lowest <= int(value) <= highest:
            self.error(
                name,
                _("“%(name)s” must be a whole number from %(lowest)s to %(highest)s.")
                % {"name": name, "lowest": lowest, "highest": highest},
            )
            return default
        return int(value)

    def _flag(self, name):
        value = self._get(name).lower()
        if value in TRUE_VALUES:
            return True
        if value not in FALSE_VALUES:
            self.error(name, _("“%(name)s” must be true or false.") % {"name": name})
        return False

    def _format(self):
        value = self._get("format").lower()
        if value not in ("", "json", "ndjson"):
            self.error("format", _("“format” must be json or ndjson."))
        return value == "ndjson"

    def _datetime(self, name):
        value = self._get(name)
        if not value:
            return None
        try:
            moment = parse_datetime(value)
            if moment is None:
                day = parse_date(value)
                moment = datetime.datetime.combine(day, datetime.time()) if day else None
        except (ValueError, OverflowError):
            moment = None
        if moment is None:
            self.error(
                name,
                _("“%(name)s” must be a date and time such as 2025-01-31T09:00:00Z (or a date, 2025-01-31).")
                % {"name": name},
            )
            return None
        if timezone.is_naive(moment):
            moment = timezone.make_aware(moment)
        return moment

    def _uuid(self, name):
        value = self._get(name)
        if not value:
            return None
        try:
            return uuid.UUID(value)
        except ValueError:
            self.error(name, _("“%(name)s” must be an HSDS id (a UUID).") % {"name": name})
            return None

    def _search_filters(self):
        given = QueryDict(mutable=True)
        for name in SEARCH_FILTERS:
            values = self.params.getlist(name)
            if any(v.strip() for v in values):
                given.setlist(name, values)
        if not given:
            return None
        parsed = SearchParams(given, self.query.language).parse()
        self.query.errors += parsed.errors
        return parsed.query
