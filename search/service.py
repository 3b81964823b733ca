"""The one search service: the search page, the API, autocomplete and the directory's
text filter all call this, and none of them builds a query itself.

    results = SearchService().search(SearchQuery(text="παιδικός σταθμός Περιστέρι", locale="el"))

The service parses the text once (stop words, synonyms, the place it names), hands the
`ParsedQuery` to the configured backend, and turns the backend's ids and counts into
what people see: titles and snippets with the matches marked, facet values named in
the visitor's language, distances in kilometres, "did you mean".
"""

import hashlib
import math
from dataclasses import replace
from itertools import combinations
from types import SimpleNamespace

from django.conf import settings
from django.core.cache import cache

from core import cache as core_cache
from core.sql import id_set
from search import highlight, labels, registry
from search import text as search_text
from search.backends import get_backend
from search.documents import doc_types
from search.places import PlaceFinder
from search.query import FILTER_KEYS, FacetValue, Hit, QueryParser, SearchResults
from search.synonyms import synonym_groups

#: Types whose results carry their HSDS id (HSDS has no "good practice").
HSDS_TYPES = ("service", "organisation")
SUGGEST_LIMIT = 8
BROWSE_CACHE_SECONDS = 5 * 60
MIN_SUGGEST_CHARS = 2
#: Searches tried at most to find the best partial match of a query (see _partial).
PARTIAL_PROBES = 6


def places_not_named(places, *names):
    """`places` without those the `names` already say: every word of the place (as a
    stemmed key, so "Δήμος Πειραιά" is named by "Παντοπωλείο Δήμου Πειραιά") is in them."""
    named = set(search_text.document_keys(" ".join(names)).split())
    shown = []
    for place in places:
        keys = set(search_text.document_keys(place).split())
        if not keys or not keys <= named:
            shown.append(place)
    return shown


class SearchService:
    def __init__(self, backend=None):
        self.backend = backend or get_backend()

    def parser(self, language, with_places=True):
        places = PlaceFinder(language) if with_places else None
        return QueryParser(synonyms=synonym_groups(language), places=places, language=language)

    def parse(self, text, language):
        return self.parser(language).parse(text)

    def search(self, query, decorate=True):
        """SearchResults for a SearchQuery. `decorate` adds what only the HTML page
        shows (the apps' results hooks: opening status of services)."""
        parsed = self.parse(query.text, query.locale)
        if parsed.place and parsed.is_empty and not query.areas:
            # Only a place was typed ("Περιστέρι"): that is a place filter.
            query = replace(query, areas=(parsed.place["code"],))
        raw = self._search_cached(query, parsed)
        left_out = ()
        if not raw.total and len(parsed.units) > 1 and not query.beyond_window and not query.filter_keys():
            partial = self._partial(query, parsed)
            if partial is not None:
                raw, parsed, left_out = partial
        stems = parsed.highlight_stems()
        results = [self._hit(row, query, stems) for row in raw.hits]
        registry.localize_result_urls(results, query.locale)  # Greek-only pages keep the visitor's language
        if decorate:
            registry.decorate_results(results, query.locale)
        return SearchResults(
            query=query,
            parsed=parsed,
            total=raw.total,
            results=results,
            facets=self._facets(query, raw) if query.with_facets else {},
            suggestion=raw.suggestion if raw.suggestion and raw.suggestion != parsed.folded else None,
            corrected=raw.corrected,
            backend=self.backend.name,
            left_out=left_out,
            closest_categories=() if raw.total else self.closest_categories(parsed, query.locale),
        )

    def _partial(self, query, parsed):
        """(raw results, parsed query, units left out) when not every word matches.

        Nobody should leave empty-handed because one word of four is unknown ("κεντρο
        ημερησιας φροντιδας ανοια σερβια"). Words that match nothing (within the
        filters) are left out first. If the others still find nothing together, the
        largest groups of them that do find something are tried, most words first and,
        among as many words, the rarer ones first (a rare word says more about what is
        wanted: "σερβια" over "κεντρο"), at most PARTIAL_PROBES searches. None when no
        word matches anything. Not tried when the visitor chose filters: the page then
        offers to remove them (and each try would count facets again)."""
        counts = self.backend.unit_counts(query, parsed)
        matching = [index for index, count in enumerate(counts) if count]
        if not matching:
            return None
        most = max(counts)
        weight = {index: math.log(1 + most / counts[index]) for index in matching}
        probes = 0
        light = replace(query, page=1, page_size=1, with_facets=False)
        for size in range(len(matching), 0, -1):
            groups = sorted(combinations(matching, size), key=lambda group: -sum(weight[i] for i in group))
            for group in groups:
                if probes >= PARTIAL_PROBES and size > 1:
                    break
                if size == len(parsed.units):
                    continue  # every word: that search found nothing already
                units = [parsed.units[index] for index in group]
                partial = replace(parsed, units=units)
                probes += 1
                # A light probe (no facets, one hit) first: most groups find nothing.
                if size > 1 and not self.backend.search(light, partial).total:
                    continue
                raw = self.backend.search(query, partial)
                if raw.total:
                    left_out = tuple(unit for index, unit in enumerate(parsed.units) if index not in group)
                    return raw, partial, left_out
        return None

    def closest_categories(self, parsed, language, limit=5):
        """[(code, name)] of the categories nearest to the words of a search that found
        nothing, named in the visitor's language: those the words stand for (synonyms),
        then those whose name shares a word (stemmed, any spelling) with them, in the
        visitor's language or the site's default one (most people type Greek whatever
        the interface), most shared words first."""
        shown = labels.term_labels(language).get("category", {})
        scores = {}
        for unit in parsed.units:
            for code in unit.codes:
                if code.startswith("category:") and code[9:] in shown:
                    scores[code[9:]] = scores.get(code[9:], 0) + 2
        wanted = [set(search_text.word_key_stems(w)) for unit in parsed.units for w in unit.typed if len(w) >= 3]
        for names_language in dict.fromkeys([language, settings.LANGUAGE_CODE]):
            for code, name in labels.term_labels(names_language).get("category", {}).items():
                name_stems = {search_text.word_stem(w) for w in search_text.content_words(name)}
                shared = sum(1 for stems in wanted if stems & name_stems)
                if shared and code in shown:
                    scores[code] = max(scores.get(code, 0), shared)
        ranked = sorted(scores, key=lambda code: (-scores[code], shown[code]))
        return [(code, shown[code]) for code in ranked[:limit]]

    def _search_cached(self, query, parsed):
        """Browsing (filters only, no text, no place or time) gives the same answer to
        everyone until the index changes, and counting facets over the whole directory is
        the most expensive search there is: those answers are cached per index generation
        (the directory's, which every index write and every publication moves on)."""
        if parsed.units or parsed.place or query.near or query.open_now:
            return self.backend.search(query, parsed)
        digest = hashlib.sha256(repr(replace(query, now=None)).encode()).hexdigest()
        key = f"search:browse:{core_cache.generation()}:{self.backend.name}:{digest}"
        raw = cache.get(key)
        if raw is None:
            raw = self.backend.search(query, parsed)
            cache.set(key, raw, BROWSE_CACHE_SECONDS)
        return raw

    def suggest(self, text, language, limit=SUGGEST_LIMIT):
        """Autocomplete: matching categories and places first, then page titles."""
        words = self.parser(language).parse_prefix(text)
        if not words or sum(len(w) for w in words) < MIN_SUGGEST_CHARS:
            return []
        suggestions = self._term_suggestions(words, language)[:3]
        pages = self.backend.suggest(words, language, limit)
        # A Greek-only page suggested on /en/ keeps the visitor in English, as results do.
        found = [
            SimpleNamespace(page_id=page.pop("page_id"), url=page["url"], is_fallback=page.pop("locale") != language)
            for page in pages
        ]
        registry.localize_result_urls(found, language)
        for page, hit in zip(pages, found, strict=True):
            page["url"] = hit.url
            page["label"] = labels.type_label(page["type"])
        return (suggestions + pages)[:limit]

    def matching_page_ids(self, text, language, types=("service",)):
        """Ids of pages matching `text`, for another app's queryset (`pk__in=`), or None
        when the text asks for nothing. A filter, not a ranking: a place named in the text
        is required like any other word (documents carry their places' names)."""
        parsed = self.parser(language, with_places=False).parse(text)
        if parsed.is_empty:
            return None
        matching = self.backend.matching_page_ids(parsed, types=types)
        return id_set(matching) if isinstance(matching, list) else matching

    # -- results ----------------------------------------------------------------------

    def _hit(self, row, query, stems):
        if row.get("summary_marked"):  # the backend highlighted it (Elasticsearch)
            marked = highlight.fragment(highlight.clean_markers_only(row["summary_marked"]))
            plain, html = highlight.to_plain(marked), highlight.to_html(marked)
        else:
            plain, html = highlight.snippet(row.get("summary") or "", stems)
        distance = row.get("distance")
        doc_type = row["type"]
        return Hit(
            page_id=row["page_id"],
            type=doc_type,
            title=row["title"],
            url=row["url"],
            snippet=plain,
            snippet_html=html,
            title_html=highlight.to_html(highlight.mark(row["title"], stems)),
            hsds_id=str(row["hsds_id"]) if row.get("hsds_id") and doc_type in HSDS_TYPES else None,
            distance_km=round(distance / 1000, 2) if distance is not None else None,
            organisation=row.get("organisation") or "",
            place_names=row.get("place_names") or [],
            shown_places=places_not_named(row.get("place_names") or [], row["title"], row.get("organisation") or ""),
            status=row.get("status") or "",
            locale=row.get("locale") or "",
            is_fallback=bool(row.get("locale")) and row.get("locale") != query.locale,
            type_label=labels.type_label(doc_type),
            status_label=labels.status_label(doc_type, row.get("status")),
        )

    def _facets(self, query, raw):
        names = labels.facet_labels(query.locale)
        selected = query.filter_values()
        facets = {}
        for name in (*FILTER_KEYS, "open_now"):  # the order they are shown in
            if name == "open_now":
                if raw.open_now_count is not None:
                    facets[name] = [FacetValue("1", names["open_now"]["1"], raw.open_now_count, query.open_now)]
                continue
            prefix = FILTER_KEYS[name] + ":"
            counts = {k[len(prefix) :]: n for k, n in raw.facet_counts.items() if k.startswith(prefix)}
            known = names.get(name, {})
            values = []
            order = doc_types() if name == "type" else list(known)
            for value in order:
                count = counts.get(value, 0)
                is_selected = value in selected.get(name, ())
                if (count or is_selected) and value in known:
                    values.append(FacetValue(value, known[value], count, is_selected))
            if name == "municipality":
                values.sort(key=lambda v: (not v.selected, -v.count, v.label))
            if values:
                facets[name] = values
        return facets

    def _term_suggestions(self, words, language):
        """Categories whose name starts like the words typed (in any spelling)."""
        wanted = [set(search_text.word_key_stems(w)) | {w} for w in words]
        found = []
        for code, name in labels.term_labels(language)["category"].items():
            name_words = search_text.content_words(name)
            forms = [{w, *search_text.word_key_stems(w)} for w in name_words]
            if all(any(f.startswith(p) for form in forms for f in form for p in want) for want in wanted):
                found.append({"type": "category", "title": name, "value": code, "label": labels.type_label("category")})
        return found
