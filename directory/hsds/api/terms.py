"""The profile's taxonomies and their terms, as the API's /taxonomies and /taxonomy_terms.

Terms come from several tables (each taxonomy snippet, the administrative areas, the
schedule flags): `TermSources` pages through them as one list, in the profile's
taxonomy order, counting each source once and fetching only the slice a page needs.
Ids are those the exporter writes in attributes (the Greek term's `hsds_id`; derived
from the code for areas and flags), so a term found in a service's attributes is found
here by the same id. Names are in the requested language, Greek when untranslated.

`search` on terms matches names in any language, accents and case ignored (a plain
filter: the search service indexes pages, not taxonomy terms).
"""

from django.db.models import Q

from directory.hsds import profile
from directory.hsds.api.queries import SCHEDULE_FLAGS, TERM_MODELS, TermIndex, default_locale
from directory.hsds.exporter import _SCHEDULE_FLAG_NAMES, derived_id
from directory.hsds.mapping import TAXONOMY_AREA, TAXONOMY_SCHEDULE
from directory.models import AdministrativeArea, ServiceCategory


class TermSource:
    """One table of terms, filtered; `count()` and `rows(offset, limit)`."""

    def __init__(self, taxonomy, queryset):
        self.taxonomy = taxonomy
        self.queryset = queryset

    def count(self):
        return self.queryset.count()

    def rows(self, offset, limit):
        return list(self.queryset[offset : offset + limit])


class FlagSource:
    """The schedule flags: two terms kept in code, not in a table."""

    taxonomy = TAXONOMY_SCHEDULE

    def __init__(self, codes):
        self.codes = list(codes)

    def count(self):
        return len(self.codes)

    def rows(self, offset, limit):
        return self.codes[offset : offset + limit]


class TermSources:
    """The terms an ApiQuery asks for, across every taxonomy of the profile."""

    def __init__(self, query):
        self.query = query

    def sources(self):
        q = self.query
        only = None
        if q.taxonomy_id:
            taxonomy = profile.taxonomy_by_id().get(str(q.taxonomy_id))
            if taxonomy is None:
                return []
            only = taxonomy["name"]
        parent = TermIndex.get(q.parent_id) if q.parent_id else None
        if q.parent_id and parent is None:
            return []
        found = []
        for taxonomy in profile.taxonomies():
            name = taxonomy["name"]
            if only and name != only:
                continue
            if parent and parent[0] != name:
                continue
            source = self._source(name, parent[1] if parent else None)
            if source is not None:
                found.append(source)
        return found

    def _source(self, name, parent_code):
        q = self.query
        default = default_locale()
        model = next((m for m in TERM_MODELS if m.hsds_taxonomy == name), None)
        if model is not None:
            queryset = model.objects.filter(locale=default)
            if model is ServiceCategory:
                queryset = queryset.select_related("parent")
                if parent_code:
                    queryset = queryset.filter(parent__code=parent_code)
                if q.top_only:
                    queryset = queryset.filter(parent__isnull=True)
            elif parent_code:
                return None
            if q.search:
                queryset = queryset.filter(code__in=self._named(model, q.search))
            return TermSource(name, queryset.order_by("sort_order", "code", "pk"))
        if name == TAXONOMY_AREA:
            queryset = AdministrativeArea.objects.filter(locale=default).select_related("parent")
            if parent_code:
                queryset = queryset.filter(parent__code=parent_code)
            if q.top_only:
                queryset = queryset.filter(parent__isnull=True)
            if q.search:
                queryset = queryset.filter(code__in=self._named(AdministrativeArea, q.search))
            return TermSource(name, queryset.order_by("code", "pk"))
        if name == TAXONOMY_SCHEDULE and not parent_code:
            codes = [c for c in SCHEDULE_FLAGS if not q.search or q.search.lower() in c]
            return FlagSource(codes)
        return None

    @staticmethod
    def _named(model, text):
        """Codes of terms whose name, in any language, contains `text` (accents and case ignored)."""
        return model.objects.filter(Q(name__unaccent__icontains=text)).values("code")

    def page(self, offset, limit):
        """(total, [(taxonomy, row)]) for one page across every source."""
        sources = self.sources()
        counts = [source.count() for source in sources]
        found = []
        for source, count in zip(sources, counts, strict=True):
            if offset >= count:
                offset -= count
                continue
            rows = source.rows(offset, limit - len(found))
            found += [(source.taxonomy, row) for row in rows]
            offset = 0
            if len(found) >= limit:
                break
        return sum(counts), found

    def all(self, batch=500):
        """Every matching (taxonomy, row), for ndjson."""
        for source in self.sources():
            offset = 0
            while True:
                rows = source.rows(offset, batch)
                yield from ((source.taxonomy, row) for row in rows)
                if len(rows) < batch:
                    break
                offset += batch


def find_term(term_id):
    """(taxonomy, row) of a term id, or None."""
    found = TermIndex.get(term_id)
    if found is None:
        return None
    taxonomy, code = found
    if taxonomy == TAXONOMY_SCHEDULE:
        return taxonomy, code
    if taxonomy == TAXONOMY_AREA:
        row = AdministrativeArea.objects.filter(locale=default_locale(), code=code).select_related("parent").first()
    else:
        model = next(m for m in TERM_MODELS if m.hsds_taxonomy == taxonomy)
        queryset = model.objects.filter(locale=default_locale(), code=code)
        if model is ServiceCategory:
            queryset = queryset.select_related("parent")
        row = queryset.first()
    return (taxonomy, row) if row is not None else None


class TermSerializer:
    """taxonomy_term objects in one language."""

    def __init__(self, names, language):
        self.names = names  # {(taxonomy, code): (name, description)}: Serializer.term_names()
        self.language = language
        self.taxonomies = profile.taxonomy_by_name()

    def term(self, taxonomy, row):
        if taxonomy == TAXONOMY_SCHEDULE:
            term_id, code, name, description, parent_id = (
                derived_id(TAXONOMY_SCHEDULE, row),
                row,
                _SCHEDULE_FLAG_NAMES[row],
                "",
                None,
            )
        elif taxonomy == TAXONOMY_AREA:
            term_id, code, name, description = derived_id(TAXONOMY_AREA, row.code), row.code, row.name, ""
            parent_id = derived_id(TAXONOMY_AREA, row.parent.code) if row.parent_id else None
        else:
            term_id, code, name, description = str(row.hsds_id), row.code, row.name, row.description
            parent = getattr(row, "parent", None)
            parent_id = str(parent.hsds_id) if parent is not None else None
        language = "el"
        translated = self.names.get((taxonomy, code))
        if translated:
            name = translated[0]
            description = translated[1] or description
            language = self.language
        obj = {
            "id": term_id,
            "code": code,
            "name": name,
            "description": description,
            "taxonomy": taxonomy,
            "taxonomy_id": self.taxonomies[taxonomy]["id"],
            "language": language,
        }
        if parent_id:
            obj["parent_id"] = parent_id
        return obj
