"""The Elasticsearch backend without a cluster: the mapping and the queries it sends.

No Elasticsearch can run on our machines, so these tests check what the backend
would send (index settings, the query for each kind of search, the alias swap);
the contract suite (test_contract.py) checks what comes back when ELASTICSEARCH_URL
points at a real cluster.
"""

import datetime

import pytest

from search.backends.elasticsearch import (
    OPEN_DAYS_AHEAD,
    PLACE_BOOST,
    alias_actions,
    build_search,
    build_suggest,
    document_source,
    index_definition,
    open_intervals,
)
from search.documents import Document, ScheduleRow
from search.highlight import MARK_END, MARK_START
from search.query import ParsedQuery, QueryParser, SearchQuery, Unit


@pytest.fixture
def definition():
    return index_definition("koinonia-search-1").to_dict()


def test_greek_analysis_folds_stems_and_stops(definition):
    analysis = definition["settings"]["analysis"]
    greek = analysis["analyzer"]["koinonia_greek"]
    assert greek["tokenizer"] == "standard"
    assert greek["filter"] == ["greek_lowercase", "koinonia_stop", "greek_stemmer"]
    assert analysis["filter"]["greek_lowercase"] == {"type": "lowercase", "language": "greek"}
    assert analysis["filter"]["greek_stemmer"] == {"type": "stemmer", "language": "greek"}
    assert {"και", "για", "του", "στο"} <= set(analysis["filter"]["koinonia_stop"]["stopwords"])


def test_autocomplete_uses_edge_ngrams(definition):
    analysis = definition["settings"]["analysis"]
    assert analysis["filter"]["autocomplete_ngrams"] == {"type": "edge_ngram", "min_gram": 1, "max_gram": 20}
    field = definition["mappings"]["properties"]["suggest_text"]
    assert field["analyzer"] == "koinonia_autocomplete" and field["search_analyzer"] == "koinonia_folded"


def test_mapping_types(definition):
    properties = definition["mappings"]["properties"]
    assert properties["points"] == {"type": "geo_point"}
    assert properties["open_intervals"]["type"] == "date_range"
    assert properties["keys"] == {"type": "keyword"}
    assert properties["text_a"]["analyzer"] == "koinonia_greek"
    assert properties["text_a"]["fields"]["en"]["analyzer"] == "koinonia_english"
    assert properties["keys_a"]["analyzer"] == "koinonia_keys"


def parsed(text, place=None):
    result = QueryParser().parse(text)
    result.place = place
    return result


def test_text_search_is_fuzzy_and_greeklish_aware():
    body = build_search("idx", SearchQuery(text="παιδικός σταθμός"), parsed("παιδικός σταθμός")).to_dict()
    text = repr(body["query"])
    assert "'fuzziness': 'AUTO'" in text
    assert "'keys_a^3'" in text and "'pedik'" in text and "'stathm'" in text
    assert {"term": {"keys": "in:el"}} in body["query"]["bool"]["filter"]
    assert body["track_total_hits"] is True
    stopped, *rest = body["sort"]
    assert stopped["_script"]["order"] == "asc" and stopped["_script"]["script"]["params"] == {
        "statuses": ["inactive", "defunct"]
    }
    assert rest == ["_score", "title_sort", "page_id"]


def test_synonym_alternatives_are_ored_within_a_unit():
    unit = Unit(typed=("γηροκομειο",), alternatives=[("γηροκομειο",), ("μφη",)])
    query = ParsedQuery(text="γηροκομείο", units=[unit])
    body = build_search("idx", SearchQuery(text="γηροκομείο"), query).to_dict()
    must = body["query"]["bool"]["must"][0]["bool"]["must"]
    assert len(must) == 1 and len(must[0]["bool"]["should"]) == 2
    assert must[0]["bool"]["minimum_should_match"] == 1


def test_a_named_place_gets_a_boost_that_puts_it_first():
    place = {"code": "m-187", "name": "Περιστέρι", "level": "municipality"}
    body = build_search("idx", SearchQuery(text="σταθμός Περιστέρι"), parsed("σταθμός", place)).to_dict()
    boost = body["query"]["bool"]["should"][0]["constant_score"]
    assert boost == {"filter": {"term": {"keys": "area:m-187"}}, "boost": PLACE_BOOST}
    # Sorted as on PostgreSQL: the place, then services still running, then the score.
    in_place, stopped, *rest = body["sort"]
    assert in_place["_script"]["order"] == "desc" and in_place["_script"]["script"]["params"] == {"key": "area:m-187"}
    assert stopped["_script"]["order"] == "asc" and rest == ["_score", "title_sort", "page_id"]


def test_near_filters_by_geo_distance_and_sorts_by_it():
    query = SearchQuery(near=(38.0145, 23.6893), radius_km=5)
    body = build_search("idx", query, parsed("")).to_dict()
    assert {"geo_distance": {"distance": "5km", "points": {"lat": 38.0145, "lon": 23.6893}}} in body["query"]["bool"][
        "filter"
    ]
    assert body["sort"][0]["_geo_distance"]["order"] == "asc"
    assert body["sort"][0]["_geo_distance"]["unit"] == "km"


def test_facets_are_terms_aggregations_counted_without_their_own_filter():
    query = SearchQuery(categories=("nursery",), areas=("m-187",))
    body = build_search("idx", query, parsed("")).to_dict()
    assert body["post_filter"] == {
        "bool": {"filter": [{"terms": {"keys": ["category:nursery"]}}, {"terms": {"keys": ["area:m-187"]}}]}
    }
    category = body["aggs"]["facet_category"]
    assert category["filter"] == {"bool": {"filter": [{"terms": {"keys": ["area:m-187"]}}]}}
    assert category["aggs"]["values"]["terms"] == {"field": "keys", "include": "category:.*", "size": 500}
    assert body["aggs"]["facet_municipality"]["filter"] == {
        "bool": {"filter": [{"terms": {"keys": ["category:nursery"]}}]}
    }
    assert body["aggs"]["facet_free"]["aggs"]["values"]["terms"]["include"] == "condition:free"
    assert "open_now" in body["aggs"]


def test_open_now_is_a_term_on_the_opening_intervals():
    now = datetime.datetime(2026, 3, 4, 10, 30, tzinfo=datetime.UTC)  # 12:30 in Athens
    body = build_search("idx", SearchQuery(open_now=True, now=now), parsed("")).to_dict()
    assert {"term": {"open_intervals": "2026-03-04T12:30"}} in body["query"]["bool"]["filter"]


def test_highlight_and_did_you_mean():
    body = build_search("idx", SearchQuery(text="σταθμός"), parsed("σταθμός")).to_dict()
    highlight = body["highlight"]["fields"]["summary"]
    assert highlight["pre_tags"] == [MARK_START] and highlight["post_tags"] == [MARK_END]
    assert body["suggest"]["did_you_mean"]["term"]["field"] == "spell"


def test_pages_and_the_window():
    body = build_search("idx", SearchQuery(page=3, page_size=10), parsed("")).to_dict()
    assert (body["from"], body["size"]) == (20, 10)
    far = build_search("idx", SearchQuery(page=10_000), parsed("")).to_dict()
    assert far["size"] == 0


def test_autocomplete_query():
    body = build_suggest("idx", ["βρεφον"], "en", 8).to_dict()
    assert body["size"] == 8
    assert {"term": {"keys": "in:en"}} in body["query"]["bool"]["filter"]
    assert "suggest_text" in repr(body["query"])


def test_rebuild_swaps_the_alias_in_one_atomic_call():
    body = alias_actions("koinonia-search", ["koinonia-search-old"], "koinonia-search-new")
    assert body == {
        "actions": [
            {"remove": {"index": "koinonia-search-old", "alias": "koinonia-search"}},
            {"add": {"index": "koinonia-search-new", "alias": "koinonia-search", "is_write_index": True}},
        ]
    }


def test_the_stored_document_has_no_confidential_data_and_open_intervals():
    document = Document(
        page_id=1,
        locale="el",
        translation_key="0b7c6d7e-0000-0000-0000-000000000001",
        doc_type="service",
        title="Ξενώνας",
        url="/el/x/",
        summary="Φιλοξενία \ue000",
        text_a="Ξενώνας",
        keys=["type:service", "area:m-187"],
        points=[],
        schedules=[ScheduleRow((0, 1, 2, 3, 4), datetime.time(9), datetime.time(15), False, None, None, False)],
        visible_in=["el", "en"],
    )
    source = document_source(document, today=datetime.date(2026, 3, 2))  # a Monday
    assert source["points"] == []
    assert source["summary"] == "Φιλοξενία "
    assert source["keys"] == ["area:m-187", "in:el", "in:en", "type:service"]
    assert {"gte": "2026-03-02T09:00", "lt": "2026-03-02T15:00"} in source["open_intervals"]
    assert not any(i["gte"].startswith("2026-03-07") for i in source["open_intervals"])  # Saturday


def test_open_intervals_follow_the_directory_rules():
    today = datetime.date(2026, 3, 2)
    rows = [
        ScheduleRow((), datetime.time(20), datetime.time(8), True, None, None, False),  # every night
        ScheduleRow((), None, None, False, today, today, True),  # closed today
    ]
    intervals = open_intervals(rows, today)
    assert not any(i["gte"].startswith("2026-03-02") for i in intervals)
    assert {"gte": "2026-03-01T20:00", "lt": "2026-03-02T08:00"} in intervals
    assert len(intervals) == OPEN_DAYS_AHEAD  # yesterday, and every day ahead but today
