"""The Elasticsearch backend, for sites that outgrow one database server.

Built with the elasticsearch-dsl API (`elasticsearch.dsl`, inside elasticsearch-py
8.18+). It indexes the same documents as the PostgreSQL backend and compiles the same
`ParsedQuery` (search/query.py), so the contract tests hold for both:

* Greek: a custom analyzer of the `greek` language parts (Greek lower-casing, which
  folds tonos and final sigma; our stop words; the Greek stemmer), with an English
  sub-field (English stemmer) and an Arabic one (the built-in `arabic` analyzer); the
  query asks all three, so English text is matched by its English stems and Arabic
  text by its Arabic ones, as PostgreSQL's per-document configuration does;
* a word of the visitor's language that names a category or group (a synonym with
  codes: "food", "طعام", "їжа") also matches the documents carrying those codes in
  `keys`, whatever the language of their text;
* Greeklish and misspelt vowels: the same phonetic keys as PostgreSQL (keys_a/b/c,
  whitespace-analysed);
* typos: `fuzziness: AUTO` on the text fields, and the term suggester for "did you mean";
* autocomplete: edge n-grams (`suggest_text`);
* place named in the text: a constant-score boost large enough to put it first;
* geo: `geo_distance` filter and `_geo_distance` sort; facets: `terms` aggregations
  under `filter` aggregations (disjunctive facets, with the facet filters as
  `post_filter`); snippets: the highlighter, with private-use marker characters that
  search/highlight.py escapes and turns into <mark>;
* open now: opening intervals for the coming weeks are indexed as a `date_range`
  (computed by core.hours, the rule the directory's pages use too). A nightly
  `rebuild_search_index` keeps the window ahead (see OPEN_DAYS_AHEAD).

Rebuilds create a new index and move the alias in one atomic call, so searches
never see an empty or half-built index.
"""

import datetime
import itertools
import time

from elasticsearch.dsl import A, Date, DateRange, GeoPoint, Index, Keyword, Mapping, Q, Search, Text, analyzer
from elasticsearch.dsl import token_filter as make_filter

from django.conf import settings

from core import hours
from search import highlight
from search import text as search_text
from search.backends import SearchBackend
from search.query import FILTER_KEYS, STOPPED_STATUSES, RawResults

#: Opening intervals are indexed this many days ahead (and one day back, for
#: overnight hours that started yesterday). Rebuild nightly to keep the window.
OPEN_DAYS_AHEAD = 35
DATE_FORMAT = "yyyy-MM-dd'T'HH:mm"
PLACE_BOOST = 1000.0
_IN_PLACE = "doc['keys'].contains(params.key) ? 1 : 0"
_STOPPED = "doc['status'].size() > 0 && params.statuses.contains(doc['status'].value) ? 1 : 0"
FACET_SIZE = 500
SOURCE_FIELDS = [
    "page_id",
    "doc_type",
    "title",
    "url",
    "hsds_id",
    "summary",
    "organisation",
    "place_names",
    "status",
    "locale",
]

# --- analysis -------------------------------------------------------------------------

greek_lowercase = make_filter("greek_lowercase", type="lowercase", language="greek")
koinonia_stop = make_filter(
    "koinonia_stop",
    type="stop",
    stopwords=sorted(search_text.GREEK_STOP_WORDS | search_text.LATIN_STOP_WORDS),
)
greek_stemmer = make_filter("greek_stemmer", type="stemmer", language="greek")
english_stemmer = make_filter("english_stemmer", type="stemmer", language="english")
autocomplete_ngrams = make_filter("autocomplete_ngrams", type="edge_ngram", min_gram=1, max_gram=20)

greek_text = analyzer("koinonia_greek", tokenizer="standard", filter=[greek_lowercase, koinonia_stop, greek_stemmer])
english_text = analyzer("koinonia_english", tokenizer="standard", filter=["lowercase", koinonia_stop, english_stemmer])
folded_words = analyzer("koinonia_folded", tokenizer="standard", filter=[greek_lowercase, "asciifolding"])
phonetic_keys = analyzer("koinonia_keys", tokenizer="whitespace", filter=["lowercase"])
autocomplete_index = analyzer(
    "koinonia_autocomplete", tokenizer="standard", filter=[greek_lowercase, "asciifolding", autocomplete_ngrams]
)


def text_field():
    return Text(analyzer=greek_text, fields={"en": Text(analyzer=english_text), "ar": Text(analyzer="arabic")})


def mapping():
    """The index mapping (a Mapping object; `.to_dict()` for the body)."""
    m = Mapping()
    for name in ("title", "text_a", "text_b", "text_c", "summary"):
        m.field(name, text_field())
    for name in ("keys_a", "keys_b", "keys_c", "title_keys"):
        m.field(name, Text(analyzer=phonetic_keys))
    m.field("suggest_text", Text(analyzer=autocomplete_index, search_analyzer=folded_words))
    m.field("spell", Text(analyzer=folded_words))
    for name in ("doc_type", "locale", "translation_key", "keys", "status", "hsds_id", "title_sort"):
        m.field(name, Keyword())
    m.field("url", Keyword(index=False))
    m.field("organisation", Text(analyzer=greek_text))
    m.field("place_names", Keyword())
    m.field("points", GeoPoint())
    m.field("open_intervals", DateRange(format=DATE_FORMAT))
    m.field("indexed_at", Date())
    return m


def index_definition(name):
    index = Index(name)
    index.settings(number_of_shards=1, number_of_replicas=getattr(settings, "ELASTICSEARCH_REPLICAS", 0))
    for item in (greek_text, english_text, folded_words, phonetic_keys, autocomplete_index):
        index.analyzer(item)
    index.mapping(mapping())
    return index


# --- documents ------------------------------------------------------------------------


def open_intervals(schedules, today=None):
    """[{"gte", "lt"}] local wall-clock intervals from yesterday to OPEN_DAYS_AHEAD days on,
    computed by core.hours (closures, special hours and overnight hours included)."""
    today = today or hours.local_now().date()
    intervals = []
    for offset in range(-1, OPEN_DAYS_AHEAD):
        for interval in hours.intervals_for_date(schedules, today + datetime.timedelta(days=offset)):
            intervals.append(
                {"gte": interval.start.strftime("%Y-%m-%dT%H:%M"), "lt": interval.end.strftime("%Y-%m-%dT%H:%M")}
            )
    return intervals


def document_source(document, today=None):
    """The JSON body stored for one document."""
    (_, _a, a_keys), (_, _b, b_keys), (_, _c, c_keys) = document.weighted_text()
    return {
        "page_id": document.page_id,
        "doc_type": document.doc_type,
        "locale": document.locale,
        "translation_key": document.translation_key,
        "title": document.title,
        "title_sort": search_text.fold(document.title),
        "title_keys": search_text.document_keys(document.title),
        "url": document.url,
        "hsds_id": document.hsds_id,
        "summary": highlight.clean(document.summary),
        "organisation": document.organisation,
        "place_names": document.place_names,
        "status": document.status,
        "text_a": document.text_a,
        "text_b": document.text_b,
        "text_c": document.text_c,
        "keys_a": a_keys,
        "keys_b": b_keys,
        "keys_c": c_keys,
        "suggest_text": " ".join([*search_text.content_words(document.text_a), a_keys]),
        "spell": "\n".join([document.text_a, document.text_b]),
        "keys": document.all_keys(),
        "points": [{"lat": lat, "lon": lon} for lat, lon in document.points],
        "open_intervals": open_intervals(document.schedules, today) if document.schedules else [],
    }


def alias_actions(alias, old_indices, new_index):
    """One atomic `_aliases` body: the alias leaves the old indices and joins the new one."""
    actions = [{"remove": {"index": name, "alias": alias}} for name in old_indices]
    actions.append({"add": {"index": new_index, "alias": alias, "is_write_index": True}})
    return {"actions": actions}


# --- queries --------------------------------------------------------------------------

TEXT_FIELDS = [
    "text_a^3",
    "text_b^2",
    "text_c",
    "text_a.en^3",
    "text_b.en^2",
    "text_c.en",
    "text_a.ar^3",
    "text_b.ar^2",
    "text_c.ar",
]
#: What a category or group code matched through a synonym weighs (as text_b does).
CODE_BOOST = 2.0
KEY_FIELDS = ["keys_a^3", "keys_b^2", "keys_c"]


def word_query(word, fuzzy=True):
    """One word: analysed Greek/English text (with fuzziness) or its phonetic keys."""
    options = {"fuzziness": "AUTO", "prefix_length": 1} if fuzzy and not word.isdigit() else {}
    keys = " ".join(search_text.word_key_stems(word))
    should = [Q("multi_match", query=word, fields=TEXT_FIELDS, type="best_fields", **options)]
    if keys:
        should.append(Q("multi_match", query=keys, fields=KEY_FIELDS, type="best_fields", operator="or"))
    return Q("bool", should=should, minimum_should_match=1)


def code_query(codes):
    """Documents carrying any of these category/group keys. Services and the rest score
    CODE_BOOST; organisations, whose codes are their services', match without scoring,
    so a need word lists the services first (as on PostgreSQL, where they weigh C)."""
    not_organisation = Q("bool", must_not=[Q("term", doc_type="organisation")])
    return Q(
        "bool",
        filter=[Q("terms", keys=list(codes))],
        should=[Q("constant_score", filter=not_organisation, boost=CODE_BOOST)],
    )


def text_query(parsed):
    units = []
    for unit in parsed.units:
        alternatives = [
            Q("bool", must=[word_query(word, fuzzy=unit.is_single_word) for word in alternative])
            for alternative in unit.alternatives
        ]
        if unit.codes:
            alternatives.append(code_query(unit.codes))
        units.append(Q("bool", should=alternatives, minimum_should_match=1))
    return Q("bool", must=units) if units else Q("match_all")


def facet_filter(keys_by_group, excluding=None):
    clauses = [Q("terms", keys=keys) for name, keys in keys_by_group.items() if name != excluding]
    return Q("bool", filter=clauses) if clauses else Q("match_all")


def _script_sort(source, params, order):
    return {"_script": {"type": "number", "order": order, "script": {"source": source, "params": params}}}


def build_search(index, query, parsed, now=None):
    """The Search object for a SearchQuery (tested without a cluster through .to_dict())."""
    search = Search(index=index)
    filters = [Q("term", keys=f"in:{query.locale}")]
    if query.open_now:
        filters.append(Q("term", open_intervals=_local_minute(now or query.now)))
    if query.near:
        lat, lon = query.near
        filters.append(Q("geo_distance", distance=f"{query.effective_radius_km}km", points={"lat": lat, "lon": lon}))
    should = []
    if parsed.place:
        should.append(Q("constant_score", filter=Q("term", keys=f"area:{parsed.place['code']}"), boost=PLACE_BOOST))
    should.append(Q("match", title_keys={"query": parsed.typed_keys, "boost": 2}) if parsed.units else Q("match_all"))
    search = search.query(Q("bool", must=[text_query(parsed)], filter=filters, should=should))

    groups = query.filter_keys()
    if groups:
        search = search.post_filter(facet_filter(groups))
    if query.with_facets:
        for name, prefix in FILTER_KEYS.items():
            include = "condition:free" if name == "free" else f"{prefix}:.*"
            agg = A("filter", filter=facet_filter(groups, excluding=name))
            agg.bucket("values", "terms", field="keys", include=include, size=FACET_SIZE)
            search.aggs.bucket(f"facet_{name}", agg)
        open_now_filters = [facet_filter(groups), Q("term", open_intervals=_local_minute(now or query.now))]
        search.aggs.bucket("open_now", A("filter", filter=Q("bool", filter=open_now_filters)))

    if query.near:
        lat, lon = query.near
        search = search.sort(
            {"_geo_distance": {"points": {"lat": lat, "lon": lon}, "order": "asc", "unit": "km", "mode": "min"}},
            "_score",
        )
    else:
        # As on PostgreSQL: the named place first, then services still running, then the
        # text's score (or the title, when browsing).
        leading = [_script_sort(_IN_PLACE, {"key": f"area:{parsed.place['code']}"}, "desc")] if parsed.place else []
        leading.append(_script_sort(_STOPPED, {"statuses": list(STOPPED_STATUSES)}, "asc"))
        scored = ["_score"] if parsed.units or parsed.place else []
        search = search.sort(*leading, *scored, "title_sort", "page_id")

    highlight_words = " ".join(w for unit in parsed.units for alternative in unit.alternatives for w in alternative)
    if highlight_words:
        search = search.highlight(
            "summary",
            fragment_size=highlight.SNIPPET_LENGTH,
            number_of_fragments=1,
            no_match_size=highlight.SNIPPET_LENGTH,
            pre_tags=[highlight.MARK_START],
            post_tags=[highlight.MARK_END],
            highlight_query=Q("match", summary={"query": highlight_words, "fuzziness": "AUTO"}).to_dict(),
        )
        search = search.suggest("did_you_mean", parsed.folded, term={"field": "spell", "suggest_mode": "missing"})
    search = search.source(SOURCE_FIELDS).extra(track_total_hits=True)
    start = 0 if query.beyond_window else query.offset
    size = 0 if query.beyond_window else query.page_size
    return search[start : start + size]


def build_suggest(index, words, language, limit):
    must = []
    for word in words:
        keys = " ".join(search_text.word_key_stems(word))
        must.append(
            Q(
                "bool",
                should=[Q("match", suggest_text=word), *([Q("match", suggest_text=keys)] if keys else [])],
                minimum_should_match=1,
            )
        )
    query = Q("bool", must=must, filter=[Q("term", keys=f"in:{language}")])
    fields = ["doc_type", "title", "url", "locale"]
    return Search(index=index).query(query).source(fields).sort("_score", "title_sort")[:limit]


def suggestion_from_entries(entries, language):
    """The suggested text from term-suggester entries ({text, options: [{text}]}), each
    word replaced by its best option written in a script allowed for it; None if none was."""
    replaced, words = False, []
    for entry in entries:
        allowed = search_text.suggestion_scripts(entry["text"], language)
        option = next((o for o in entry["options"] if search_text.script(o["text"]) in allowed), None)
        if option is not None:
            words.append(option["text"])
            replaced = True
        else:
            words.append(entry["text"])
    return " ".join(words) if replaced else None


def _local_minute(now=None):
    return hours.local_now(now).strftime("%Y-%m-%dT%H:%M")


# --- the backend ----------------------------------------------------------------------


class ElasticsearchBackend(SearchBackend):
    name = "elasticsearch"
    index_after_commit = True

    def __init__(self, url=None, alias=None):
        self.url = url or settings.ELASTICSEARCH_URL
        self.alias = alias or settings.SEARCH_INDEX_NAME
        self._client = None

    @property
    def client(self):
        if self._client is None:
            from elasticsearch import Elasticsearch

            self._client = Elasticsearch(self.url, request_timeout=30)
        return self._client

    def use_index(self, alias):
        """Point this backend at another alias (tests use a throwaway one)."""
        self.alias = alias

    def drop_all(self):
        self.client.indices.delete(index=f"{self.alias}-*", ignore_unavailable=True, allow_no_indices=True)

    def _ensure_index(self):
        if not self.client.indices.exists_alias(name=self.alias):
            name = self._new_index()
            self.client.indices.update_aliases(body=alias_actions(self.alias, [], name))

    def _new_index(self):
        name = f"{self.alias}-{time.strftime('%Y%m%d%H%M%S')}-{time.monotonic_ns() % 100000}"
        index_definition(name).create(using=self.client)
        return name

    # -- writing --

    def index(self, documents):
        if not documents:
            return
        from elasticsearch.helpers import bulk

        self._ensure_index()
        actions = (
            {"_op_type": "index", "_index": self.alias, "_id": d.page_id, "_source": document_source(d)}
            for d in documents
        )
        bulk(self.client, actions, refresh="wait_for")

    def remove(self, page_ids):
        from elasticsearch.helpers import bulk

        page_ids = list(page_ids)
        if not page_ids or not self.client.indices.exists_alias(name=self.alias):
            return
        actions = ({"_op_type": "delete", "_index": self.alias, "_id": pk} for pk in page_ids)
        bulk(self.client, actions, refresh="wait_for", raise_on_error=False)

    def rebuild(self, batches, total, progress=None):
        from elasticsearch.helpers import streaming_bulk

        new_index = self._new_index()
        count = 0

        def actions():
            nonlocal count
            for documents in batches:
                for document in documents:
                    yield {"_index": new_index, "_id": document.page_id, "_source": document_source(document)}
                count += len(documents)
                if progress:
                    progress(len(documents))

        for ok, item in streaming_bulk(self.client, actions(), chunk_size=500, raise_on_error=True):
            if not ok:  # pragma: no cover - raise_on_error raises first
                raise RuntimeError(item)
        self.client.indices.refresh(index=new_index)
        old = list(self.client.indices.get_alias(name=self.alias).keys()) if self._alias_exists() else []
        self.client.indices.update_aliases(body=alias_actions(self.alias, old, new_index))
        for name in old:
            self.client.indices.delete(index=name, ignore_unavailable=True)
        return count

    def _alias_exists(self):
        return bool(self.client.indices.exists_alias(name=self.alias))

    def count(self):
        return self.client.count(index=self.alias)["count"] if self._alias_exists() else 0

    # -- reading --

    def search(self, query, parsed):
        if not self._alias_exists():
            return RawResults(total=0, hits=[])
        response = build_search(self.alias, query, parsed).using(self.client).execute()
        hits = []
        for hit in response.hits:
            row = hit.to_dict()
            row["type"] = row.pop("doc_type")
            highlighted = getattr(hit.meta, "highlight", None)
            if highlighted and "summary" in highlighted:
                row["summary_marked"] = highlighted["summary"][0]
            row["distance"] = hit.meta.sort[0] * 1000 if query.near and hit.meta.sort else None
            hits.append(row)
        facet_counts = {}
        aggregations = response.aggregations.to_dict() if query.with_facets else {}
        for name in FILTER_KEYS:
            for bucket in aggregations.get(f"facet_{name}", {}).get("values", {}).get("buckets", []):
                facet_counts[bucket["key"]] = bucket["doc_count"]
        open_now = aggregations.get("open_now", {}).get("doc_count") if query.with_facets else None
        suggestion, corrected = self._suggestion(response, parsed, query.locale)
        return RawResults(
            total=response.hits.total.value,
            hits=hits,
            facet_counts=facet_counts,
            open_now_count=open_now,
            suggestion=suggestion,
            corrected=corrected,
        )

    @staticmethod
    def _suggestion(response, parsed, language="el"):
        """ "Did you mean" from the term suggester, in the script of what was typed
        (search_text.suggestion_scripts: an Arabic word is never "corrected" into Greek)."""
        suggest = getattr(response, "suggest", None)
        if not suggest or "did_you_mean" not in suggest:
            return None, False
        return suggestion_from_entries(suggest["did_you_mean"], language), False

    def matching_page_ids(self, parsed, types=None):
        search = Search(index=self.alias).query(text_query(parsed)).source(False)
        if types:
            search = search.filter("terms", doc_type=list(types))
        return [int(hit.meta.id) for hit in itertools.islice(search.using(self.client).scan(), 10_000)]

    def suggest(self, words, language, limit):
        if not words or not self._alias_exists():
            return []
        response = build_suggest(self.alias, words, language, limit).using(self.client).execute()
        return [
            {
                "type": hit.doc_type,
                "title": hit.title,
                "url": hit.url,
                "page_id": int(hit.meta.id),
                "locale": getattr(hit, "locale", ""),
            }
            for hit in response.hits
        ]
