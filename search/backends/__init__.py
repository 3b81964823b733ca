"""Search backends: one interface, PostgreSQL by default, Elasticsearch when configured.

A backend stores the documents search/documents.py builds and answers a
`SearchQuery` already parsed into a `ParsedQuery` (search/query.py) with
`RawResults` (ids, counts, a suggestion). Everything a visitor sees (labels,
snippets, URLs) is assembled by search/service.py the same way for every backend.
"""

from dataclasses import replace

from django.conf import settings
from django.utils.module_loading import import_string


class SearchBackend:
    """The contract every backend fulfils (the contract tests check it)."""

    name = "abstract"
    #: True when writes must wait for the database transaction to commit (an
    #: external index must not show a page whose publication may still roll back).
    index_after_commit = False

    def search(self, query, parsed):
        """RawResults for a SearchQuery and its ParsedQuery."""
        raise NotImplementedError

    def unit_counts(self, query, parsed):
        """How many documents each unit of `parsed` matches on its own, within the
        query's filters: [count per unit]. The service leaves out the words that match
        nothing and keeps the rarer ones (SearchService._partial). This default asks
        `search` once per unit; a backend may count them all in one pass."""
        probe = replace(query, page=1, page_size=1, with_facets=False)
        return [
            self.search(probe, replace(parsed, units=[unit], place=None, place_words=())).total for unit in parsed.units
        ]

    def suggest(self, words, language, limit):
        """Titles for autocomplete: [{"type", "title", "url", "page_id", "locale"}], the
        last word a prefix (page_id and locale let the service give a page in another
        language its address under the visitor's prefix)."""
        raise NotImplementedError

    def matching_page_ids(self, parsed, types=None):
        """Page ids whose document matches the text (any language), for other apps'
        querysets (`pk__in=`). May be a queryset or a list."""
        raise NotImplementedError

    def index(self, documents):
        """Add or replace these documents."""
        raise NotImplementedError

    def remove(self, page_ids):
        """Remove the documents of these pages (missing ones are ignored)."""
        raise NotImplementedError

    def rebuild(self, batches, total, progress=None):
        """Replace the whole index with the documents of `batches` (an iterable of lists);
        searches keep answering from the old index until the new one is complete."""
        raise NotImplementedError

    def count(self):
        raise NotImplementedError


_backend_cache = {}


def backend_path():
    if getattr(settings, "SEARCH_BACKEND", ""):
        return settings.SEARCH_BACKEND
    if getattr(settings, "ELASTICSEARCH_URL", ""):
        return "search.backends.elasticsearch.ElasticsearchBackend"
    return "search.backends.postgres.PostgresBackend"


def get_backend(path=None):
    """The configured backend (one instance per process): Elasticsearch when
    ELASTICSEARCH_URL is set, PostgreSQL otherwise; SEARCH_BACKEND overrides both."""
    path = path or backend_path()
    if path not in _backend_cache:
        _backend_cache[path] = import_string(path)()
    return _backend_cache[path]
