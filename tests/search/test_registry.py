"""What the apps tell search (search/registry.py): search itself knows no app, and
what the directory, consultations and the portal registered at start-up is there."""

from django.utils import translation

from search import documents, labels, registry
from search.documents import DocumentBuilder
from search.places import PlaceFinder
from search.query import FILTER_KEYS, QueryParser, SearchQuery


def test_the_apps_registered_their_types_in_facet_order():
    types = documents.doc_types()
    assert types[:5] == ("service", "organisation", "good_practice", "consultation", "survey")
    assert types[-1] == "page"


def test_a_type_is_named_by_its_builder(monkeypatch):
    class LeafletBuilder(DocumentBuilder):
        doc_type = "leaflet-for-test"
        label = "Leaflet"
        label_plural = "Leaflets"
        order = 55

    monkeypatch.setitem(documents._BUILDERS, "tests.leaflet", LeafletBuilder())
    assert labels.type_label("leaflet-for-test") == "Leaflet"
    assert labels.type_labels()["leaflet-for-test"] == "Leaflets"
    order = documents.doc_types()
    assert order.index("survey") < order.index("leaflet-for-test") < order.index("page")
    assert labels.type_label("unknown-type") == "unknown-type"


def test_the_directory_registered_its_filters():
    assert list(FILTER_KEYS.items())[:7] == [
        ("type", "type"),
        ("category", "category"),
        ("group", "group"),
        ("municipality", "area"),
        ("language", "language"),
        ("access", "access"),
        ("free", "condition"),
    ]
    keys = SearchQuery(categories=("food",), areas=("m-67",), free=True).filter_keys()
    assert keys == {"category": ["category:food"], "municipality": ["area:m-67"], "free": ["condition:free"]}


def test_without_a_place_finder_a_query_names_no_place(db, monkeypatch):
    monkeypatch.setitem(registry._hooks, "places", None)
    assert PlaceFinder("el") is None
    parsed = QueryParser(places=PlaceFinder("el")).parse("παιδικός σταθμός Κοζάνη")
    assert parsed.place is None and len(parsed.units) == 3


def test_the_directorys_place_finder_names_a_place_and_its_point(db):
    finder = PlaceFinder("en")
    place = finder.match("kozani")
    assert place["code"] == "m-67" and "Kozani" in place["name"]
    latitude, longitude = finder.point("m-67")
    assert 40 < latitude < 41 and 21 < longitude < 22
    assert finder.point("no-such-area") is None


def test_facet_labels_come_from_the_directory_in_the_visitors_language(db):
    with translation.override("en"):
        names = labels.facet_labels("en")
    assert names["free"] == {"free": "Free of charge"}
    assert names["type"]["service"] == "Services"
    assert "m-67" in names["municipality"] and "food" in names["category"]


def test_without_hours_nothing_is_open(db, monkeypatch):
    monkeypatch.setitem(registry._hooks, "open_at", None)
    from search.models import SearchDocument

    assert not SearchDocument.objects.filter(registry.open_at_filter(None)).exists()
