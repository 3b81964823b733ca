"""The search contract: the same questions and the same answers on every backend.

Each test runs once per configured backend (`backend` fixture): PostgreSQL always,
Elasticsearch when ELASTICSEARCH_URL is set. The catalogue (tests/search/conftest.py)
is a dozen real services in Peristeri, Aigaleo, Athens, Marousi and Kozani.
"""

import datetime

import pytest

from django.utils import timezone

from wagtail.models import Locale

from directory.hours import ATHENS
from search.indexing import Indexer
from search.models import Synonym
from search.query import MAX_RESULT_WINDOW, SearchQuery
from search.service import SearchService
from search.text import fold
from tests.search.conftest import ATHENS as ATHENS_CODE
from tests.search.conftest import KOZANI, MAROUSI, PERISTERI, POINTS

pytestmark = pytest.mark.django_db


def search(text="", locale="el", **filters):
    return SearchService().search(SearchQuery(text=text, locale=locale, **filters))


def titles(results):
    return [hit.title for hit in results.results]


def facet(results, name):
    return {v.value: v.count for v in results.facets.get(name, [])}


NURSERIES = {
    "Βρεφονηπιακός Σταθμός Περιστερίου",
    "2ος Παιδικός Σταθμός Περιστερίου",
    "Παιδικός Σταθμός Κυψέλης",
    "Βρεφικός Σταθμός Αμαρουσίου",
}


# --- accents, case, final sigma, stemming ------------------------------------------------


@pytest.mark.parametrize(
    "text", ["Παιδικός Σταθμός", "ΠΑΙΔΙΚΟΣ ΣΤΑΘΜΟΣ", "παιδικος σταθμος", "παιδικοσ σταθμοσ", "ΠΑΙΔΙΚΌΣ ΣΤΑΘΜΌΣ"]
)
def test_accents_case_and_final_sigma_do_not_matter(indexed, text):
    assert set(titles(search(text, types=("service",)))) == NURSERIES


@pytest.mark.parametrize("text", ["παιδικοί σταθμοί", "παιδικών σταθμών", "σταθμούς"])
def test_greek_inflections_find_the_same_services(indexed, text):
    assert set(titles(search(text, types=("service",)))) >= {
        "Παιδικός Σταθμός Κυψέλης",
        "2ος Παιδικός Σταθμός Περιστερίου",
    }


def test_stemming_reaches_the_description(indexed):
    # "ηλικιωμένους" is in the care home's description; the query says "ηλικιωμένων".
    assert "Μονάδα Φροντίδας Ηλικιωμένων «Η Αγάπη»" in titles(search("ηλικιωμένων"))


def test_function_words_do_not_have_to_match(indexed):
    results = search("παιδικός σταθμός για τα παιδιά και")
    assert "Παιδικός Σταθμός Κυψέλης" in titles(results)


# --- Greeklish -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("paidikos stathmos", "Παιδικός Σταθμός Κυψέλης"),
        ("vrefonipiakos", "Βρεφονηπιακός Σταθμός Περιστερίου"),
        ("vrefonhpiakos stathmos", "Βρεφονηπιακός Σταθμός Περιστερίου"),
        ("kentro koinotitas", "Δήμος Αθηναίων – Κέντρο Κοινότητας"),
        ("koinoniko pantopoleio", "Κοινωνικό Παντοπωλείο Κοζάνης"),
        ("psyxologikh ypostirixi", "Ψυχολογική Υποστήριξη Ενηλίκων"),
        ("KAPH", "ΚΑΠΗ Αμαρουσίου"),
    ],
)
def test_greeklish_finds_greek_records(indexed, text, expected):
    assert expected in titles(search(text))


# --- typos and "did you mean" ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("παντοπολειο", "Κοινωνικό Παντοπωλείο Κοζάνης"),  # ω → ο
        ("βρεφονιπιακος", "Βρεφονηπιακός Σταθμός Περιστερίου"),  # η → ι
        ("ψυχολογκη υποστηριξη", "Ψυχολογική Υποστήριξη Ενηλίκων"),  # a letter missing
        ("παντοπωλλειο", "Κοινωνικό Παντοπωλείο Κοζάνης"),  # a letter doubled
    ],
)
def test_typos_still_find_the_service(indexed, text, expected):
    assert expected in titles(search(text))


def test_did_you_mean_offers_a_known_spelling(indexed):
    results = search("παντοπωλεο")
    assert "Κοινωνικό Παντοπωλείο Κοζάνης" in titles(results)
    assert results.suggestion and "παντοπωλ" in fold(results.suggestion)


# --- synonyms ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("γηροκομείο", "Μονάδα Φροντίδας Ηλικιωμένων «Η Αγάπη»"),
        ("γηροκομεια", "Μονάδα Φροντίδας Ηλικιωμένων «Η Αγάπη»"),
        ("ΑμεΑ", "Κέντρο Διημέρευσης για άτομα με αναπηρία"),
        ("παιδικός σταθμός", "Βρεφονηπιακός Σταθμός Περιστερίου"),
        ("συσσίτιο", "Δημοτικό Συσσίτιο Αθήνας"),
    ],
)
def test_synonyms_find_the_official_names(indexed, text, expected):
    assert expected in titles(search(text))


def test_a_synonym_an_editor_adds_works_at_once(indexed):
    assert "Κοινωνικό Παντοπωλείο Κοζάνης" not in titles(search("μπακάλικο"))
    Synonym.objects.create(locale=Locale.get_default(), term="μπακάλικο", also_means="παντοπωλείο")
    assert "Κοινωνικό Παντοπωλείο Κοζάνης" in titles(search("μπακάλικο"))


# --- a place in the text ------------------------------------------------------------------


@pytest.mark.parametrize(
    "text", ["παιδικός σταθμός Περιστέρι", "παιδικός σταθμός Περιστερίου", "paidikos stathmos peristeri"]
)
def test_a_place_in_the_text_puts_its_services_first(indexed, text):
    results = search(text, types=("service",))
    assert results.place["code"] == PERISTERI
    first_two = set(titles(results)[:2])
    assert first_two == {"Βρεφονηπιακός Σταθμός Περιστερίου", "2ος Παιδικός Σταθμός Περιστερίου"}
    # Nurseries elsewhere come after, not instead.
    assert "Παιδικός Σταθμός Κυψέλης" in titles(results)[2:]


def test_a_place_alone_is_a_place_filter_by_its_everyday_name(indexed):
    results = search("Μαρούσι", types=("service",))
    assert set(titles(results)) == {"ΚΑΠΗ Αμαρουσίου", "Βρεφικός Σταθμός Αμαρουσίου"}
    assert results.query.areas == (MAROUSI,)


# --- facets ----------------------------------------------------------------------------------


def test_facets_count_each_filter_value(indexed):
    results = search("σταθμός", types=("service",))
    assert results.total == 4
    assert facet(results, "municipality") == {PERISTERI: 2, ATHENS_CODE: 1, MAROUSI: 1}
    assert facet(results, "category")["nursery"] == 4
    assert facet(results, "category")["children-family"] == 4
    assert facet(results, "group") == {"children-teens": 2}
    assert facet(results, "free") == {"free": 1}
    # The type facet is counted without its own filter, so the other types stay choosable.
    assert facet(results, "type") == {"service": 4, "organisation": 2}


def test_filters_combine_and_facets_follow(indexed):
    results = search("", types=("service",), areas=(KOZANI,), free=True)
    assert titles(results) == ["Κοινωνικό Παντοπωλείο Κοζάνης"]
    assert facet(results, "language") == {"el": 1, "ar": 1}
    assert facet(results, "municipality")[KOZANI] == 1
    assert facet(results, "municipality")[ATHENS_CODE] >= 1  # counted without the municipality filter


def test_values_of_one_filter_are_alternatives(indexed):
    results = search("", types=("service",), categories=("kapi", "care-home"))
    assert set(titles(results)) == {"ΚΑΠΗ Αμαρουσίου", "Μονάδα Φροντίδας Ηλικιωμένων «Η Αγάπη»"}


def test_a_sector_includes_its_subcategories_and_a_region_its_municipalities(indexed):
    assert set(titles(search("", categories=("children-family",), types=("service",)))) == NURSERIES
    attica = search("", areas=("gr-i",), types=("service",))
    assert "Κοινωνικό Παντοπωλείο Κοζάνης" not in titles(attica) and attica.total == 9


# --- near me ---------------------------------------------------------------------------------


def test_near_a_point_within_a_radius_sorted_by_distance(indexed):
    results = search("", near=POINTS[PERISTERI], radius_km=5, types=("service",))
    distances = [hit.distance_km for hit in results.results]
    assert distances == sorted(distances)
    assert distances[0] == pytest.approx(0, abs=0.01)
    assert set(titles(results)[:2]) == {"Βρεφονηπιακός Σταθμός Περιστερίου", "2ος Παιδικός Σταθμός Περιστερίου"}
    assert "Κοινωνικό Παντοπωλείο Κοζάνης" not in titles(results)
    aigaleo = next(hit for hit in results.results if hit.title.startswith("Μονάδα Φροντίδας"))
    assert 2 < aigaleo.distance_km < 4


def test_radius_narrows_and_text_combines_with_near(indexed):
    near_only = search("", near=POINTS[PERISTERI], radius_km=1, types=("service",))
    assert set(titles(near_only)) == {"Βρεφονηπιακός Σταθμός Περιστερίου", "2ος Παιδικός Σταθμός Περιστερίου"}
    results = search("παιδικός σταθμός", near=POINTS[ATHENS_CODE], radius_km=10, types=("service",))
    assert titles(results)[0] == "Παιδικός Σταθμός Κυψέλης"
    assert "Βρεφικός Σταθμός Αμαρουσίου" in titles(results)


# --- open now --------------------------------------------------------------------------------


def test_open_now_keeps_only_services_open_at_that_moment(indexed):
    noon = timezone.localtime(timezone.now(), ATHENS).replace(hour=12, minute=0, second=0, microsecond=0)
    results = search("", open_now=True, now=noon, types=("service",))
    assert set(titles(results)) == {
        "Βρεφονηπιακός Σταθμός Περιστερίου",
        "ΚΑΠΗ Αμαρουσίου",
        "Κοινωνικό Παντοπωλείο Κοζάνης",
    }
    counted = search("σταθμός", now=noon, types=("service",))
    assert facet(counted, "open_now") == {"1": 1}


def test_open_now_follows_the_directory_rules_for_closures(indexed):
    today = timezone.localtime(timezone.now(), ATHENS).date()
    grocery = indexed["grocery_kozani"]
    grocery.schedules.create(weekdays=[], valid_from=today, valid_to=today, closed=True, description="Αργία")
    grocery.save_revision().publish()
    Indexer().rebuild()
    noon = datetime.datetime.combine(today, datetime.time(12), tzinfo=ATHENS)
    assert "Κοινωνικό Παντοπωλείο Κοζάνης" not in titles(search("", open_now=True, now=noon))


# --- languages -------------------------------------------------------------------------------


@pytest.fixture
def english_grocery(indexed):
    english = Locale.objects.get(language_code="en")
    grocery = indexed["grocery_kozani"]
    translation = grocery.copy_for_translation(english, copy_parents=True)
    translation.title = "Social Grocery of Kozani"
    translation.description = "Food and basic goods for families on a low income."
    translation.save_revision().publish()
    Indexer().rebuild()
    return translation


def test_results_come_in_the_visitors_language_with_greek_as_fallback(english_grocery):
    english = search("grocery", locale="en", types=("service",))
    assert titles(english) == ["Social Grocery of Kozani"]
    assert english.results[0].is_fallback is False
    # No English translation of the nurseries: English visitors get the Greek pages.
    nurseries = search("σταθμός", locale="en", types=("service",))
    assert set(titles(nurseries)) == NURSERIES
    assert all(hit.is_fallback for hit in nurseries.results)
    # The Greek grocery is not shown twice to English visitors…
    assert "Κοινωνικό Παντοπωλείο Κοζάνης" not in titles(search("", locale="en", types=("service",)))
    # …and Greek visitors never see the English page.
    assert "Social Grocery of Kozani" not in titles(search("grocery", locale="el"))


def test_facet_labels_are_in_the_visitors_language(indexed):
    labels = {v.value: v.label for v in search("σταθμός", locale="en").facets["category"]}
    assert labels["nursery"] == "Nursery"
    greek = {v.value: v.label for v in search("σταθμός", locale="el").facets["category"]}
    assert greek["nursery"] == "Βρεφονηπιακός σταθμός"


# --- confidential locations ----------------------------------------------------------------


def test_confidential_addresses_and_points_are_never_indexed(indexed):
    shelter = search("ξενώνας φιλοξενίας γυναικών")
    assert titles(shelter) == ["Ξενώνας Φιλοξενίας Γυναικών"]
    hit = shelter.results[0]
    assert "Μυστική" not in repr(hit) and "Κρυφή" not in repr(hit)
    assert search("Μυστική").total == 0
    # Two words: records sharing one of them may be shown (partial matches, issue 12),
    # never the shelter by its hidden town.
    assert "Ξενώνας Φιλοξενίας Γυναικών" not in titles(search("Κρυφή Πόλη"))
    # Its true point is in Peristeri, but it never appears near it.
    near = search("", near=POINTS[PERISTERI], radius_km=50)
    assert "Ξενώνας Φιλοξενίας Γυναικών" not in titles(near)


# --- highlighting, autocomplete, pagination ----------------------------------------------------


def test_snippets_mark_the_matched_words_and_escape_the_rest(indexed):
    grocery = indexed["grocery_kozani"]
    grocery.description = "Τρόφιμα <script>alert(1)</script> για οικογένειες & άστεγους."
    grocery.save_revision().publish()
    Indexer().rebuild()
    hit = next(h for h in search("τρόφιμα").results if h.title == "Κοινωνικό Παντοπωλείο Κοζάνης")
    assert "<mark>Τρόφιμα</mark>" in hit.snippet_html
    assert "<script>" not in hit.snippet_html and "&lt;script&gt;" in hit.snippet_html
    assert "&amp;" in hit.snippet_html


@pytest.mark.parametrize("typed", ["βρεφον", "Βρεφονηπ", "vrefon", "vrefonip"])
def test_autocomplete_completes_the_last_word(indexed, typed):
    suggestions = SearchService().suggest(typed, "el")
    assert "Βρεφονηπιακός Σταθμός Περιστερίου" in [s["title"] for s in suggestions]
    assert len(suggestions) <= 8


def test_autocomplete_suggests_categories_too(indexed):
    suggestions = SearchService().suggest("βρεφονηπ", "el")
    assert suggestions[0]["type"] == "category" and suggestions[0]["title"] == "Βρεφονηπιακός σταθμός"


def test_pages_of_results_and_a_page_far_beyond_the_end(indexed):
    first = search("", page_size=5)
    second = search("", page_size=5, page=2)
    assert first.total == second.total > 10
    assert not set(titles(first)) & set(titles(second))
    far = search("", page_size=20, page=10_000)
    assert far.total == first.total and far.results == [] and far.beyond_window
    assert far.num_pages == -(-far.total // 20)
    assert MAX_RESULT_WINDOW >= 10_000


def test_pages_of_a_text_search_follow_one_order(indexed, monkeypatch):
    """Page after page gives the same sequence as one long page, across the point where
    PostgreSQL stops reordering the head of the ranking (made small here)."""
    from search.backends import postgres

    monkeypatch.setattr(postgres, "RERANK_TOP", 3)
    everything = titles(search("σταθμός", page_size=50))
    assert len(everything) >= 4
    paged = [title for page in (1, 2, 3) for title in titles(search("σταθμός", page_size=2, page=page))]
    assert paged == everything[:6]


def test_services_that_no_longer_run_come_after_those_that_do(indexed):
    stopped = indexed["nursery_peristeri"]
    stopped.status = "inactive"
    stopped.save_revision().publish()
    Indexer().rebuild()
    found = titles(search("σταθμός Περιστέρι", types=("service",)))
    # The named place still comes first; within it, the running service leads.
    assert found[:2] == ["2ος Παιδικός Σταθμός Περιστερίου", "Βρεφονηπιακός Σταθμός Περιστερίου"]
    browsed = titles(search("", areas=(PERISTERI,), types=("service",)))
    assert browsed[-1] == "Βρεφονηπιακός Σταθμός Περιστερίου"
