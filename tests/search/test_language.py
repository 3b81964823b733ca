"""Search in the visitor's language, and results that do not repeat themselves.

Contract tests (every configured backend, as test_contract.py): everyday words in
English, Arabic and Ukrainian find the Greek services of the category or group they
name; "did you mean" stays in the script typed; English text is stemmed as English;
a one-service organisation named like its service is one result, not two; cards do not
repeat the municipality; names sort without their leading quotes, in search and in
the directory listing. Then the pieces on their own (seeds, scripts, Elasticsearch
query bodies) and bad input.
"""

import pytest

from wagtail.models import Locale

from directory.models import ServiceCategory, TargetGroup
from directory.queries import ServiceQuery
from search import text as search_text
from search.backends import elasticsearch as es
from search.backends import postgres as pg
from search.documents import Document
from search.indexing import Indexer
from search.models import SearchDocument, Synonym
from search.query import QueryParser, SearchQuery, parse_synonyms
from search.service import SearchService, places_not_named
from search.synonym_seeds import ENTRIES
from tests.search.conftest import ATHENS, PERISTERI, make_service

pytestmark = pytest.mark.django_db

LEGAL = "Κέντρο Νομικής Αρωγής"
LEGAL_ORG = "Κέντρο Νομικής Αρωγής «Δικαίωμα»"
#: Sorts under Φ; by its raw title it would come before every Greek name (« < Α).
QUOTED = "«Φάρος» Κέντρο Στήριξης Οικογένειας"


def build_extra_catalogue():
    """A legal-aid centre run by a one-service organisation of nearly the same name,
    and a service whose name starts with a quote."""
    from directory.factories import OrganisationPageFactory

    legal_org = OrganisationPageFactory(title=LEGAL_ORG)
    legal = make_service(
        legal_org,
        LEGAL,
        municipality=ATHENS,
        categories=["legal-aid"],
        groups=["migrants-refugees"],
        description="Δωρεάν νομική συμβουλή για πρόσφυγες και μετανάστες.",
    )
    family_org = OrganisationPageFactory(title="Δίκτυο Οικογενειών Περιστερίου")
    quoted = make_service(family_org, QUOTED, municipality=PERISTERI, categories=["family-support"])
    return {"legal": legal.pk, "quoted": quoted.pk}, {"legal": legal_org.pk, "family": family_org.pk}


def search(text="", locale="el", **filters):
    return SearchService().search(SearchQuery(text=text, locale=locale, **filters))


def titles(results):
    return [hit.title for hit in results.results]


FOOD = {"Δημοτικό Συσσίτιο Αθήνας", "Κοινωνικό Παντοπωλείο Κοζάνης"}
SHELTER = {"Ξενώνας Φιλοξενίας Γυναικών"}
PSYCHOLOGIST = {"Ψυχολογική Υποστήριξη Ενηλίκων"}
LAWYER = {LEGAL}


# --- everyday words in the visitor's language ------------------------------------------------


@pytest.mark.parametrize(
    ("text", "locale", "expected"),
    [
        ("food", "en", FOOD),
        ("shelter", "en", SHELTER),
        ("psychologist", "en", PSYCHOLOGIST),
        ("lawyer", "en", LAWYER),
        ("Legal aid", "en", LAWYER),
        ("طعام", "ar", FOOD),
        ("الطعام", "ar", FOOD),
        ("مأوى", "ar", SHELTER),
        ("أخصائي نفسي", "ar", PSYCHOLOGIST),
        ("محامي", "ar", LAWYER),
        ("їжа", "uk", FOOD),
        ("їжі", "uk", FOOD),
        ("житло", "uk", SHELTER),
        ("психолог", "uk", PSYCHOLOGIST),
        ("юрист", "uk", LAWYER),
        ("юриста", "uk", LAWYER),
    ],
)
def test_everyday_words_find_the_greek_services_of_their_category(indexed, text, locale, expected):
    found = set(titles(search(text, locale=locale, types=("service",))))
    assert expected <= found, found
    # Nothing unrelated: only services of the categories the word names.
    assert "Βρεφονηπιακός Σταθμός Περιστερίου" not in found


@pytest.mark.parametrize("text", ["food", "طعام", "їжа"])
def test_the_words_work_on_the_greek_site_too(indexed, text):
    """Most visitors land on /el/ and type in the language they read best."""
    assert set(titles(search(text, locale="el", types=("service",)))) >= FOOD


@pytest.mark.parametrize(
    ("text", "locale", "expected"),
    [
        ("homeless", "en", {"Δημοτικό Συσσίτιο Αθήνας"}),
        ("elderly", "en", {"Μονάδα Φροντίδας Ηλικιωμένων «Η Αγάπη»", "ΚΑΠΗ Αμαρουσίου"}),
        ("مشردين", "ar", {"Δημοτικό Συσσίτιο Αθήνας"}),
        ("літні люди", "uk", {"Μονάδα Φροντίδας Ηλικιωμένων «Η Αγάπη»"}),
        ("біженці", "uk", {LEGAL}),
    ],
)
def test_words_for_a_group_find_the_services_for_that_group(indexed, text, locale, expected):
    assert expected <= set(titles(search(text, locale=locale, types=("service",))))


def test_a_need_word_combines_with_a_place(indexed):
    results = search("food Kozani", locale="en", types=("service",))
    assert titles(results)[0] == "Κοινωνικό Παντοπωλείο Κοζάνης"


def test_a_need_word_lists_the_services_before_the_organisations_running_them(indexed):
    types = [hit.type for hit in search("food", locale="en").results]
    assert "organisation" in types
    assert types == sorted(types, key=lambda t: t != "service")


def test_an_editor_maps_a_new_word_to_a_category_and_it_works_at_once(indexed):
    assert search("grub", locale="en").total == 0
    synonym = Synonym.objects.create(locale=Locale.objects.get(language_code="en"), term="grub")
    synonym.categories.set([ServiceCategory.objects.get(code="food", locale=Locale.get_default())])
    assert "Δημοτικό Συσσίτιο Αθήνας" in titles(search("grub", locale="en"))


def test_greek_results_of_a_foreign_word_are_marked_as_greek(indexed):
    hit = next(h for h in search("food", locale="en").results if h.title == "Δημοτικό Συσσίτιο Αθήνας")
    assert hit.is_fallback and hit.locale == "el"  # the card says "in Greek" and sets lang="el"


# --- did you mean, in the script typed ---------------------------------------------------------


def test_greeklish_is_corrected_into_greek_on_the_greek_site(indexed):
    results = search("kozami", locale="el")
    assert results.suggestion is not None
    assert search_text.script(results.suggestion) == "greek"


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        ("kozami", "en"),
        ("volunter", "en"),
        ("طعامم", "ar"),
        ("كوزاني", "el"),
        ("Козані", "uk"),
        ("житлло", "el"),
        ("пcихолог", "uk"),  # a Latin c among Cyrillic letters
    ],
)
def test_did_you_mean_never_changes_the_script(indexed, text, locale):
    results = search(text, locale=locale)
    if results.suggestion:
        typed = {search_text.script(w) for w in search_text.words(text)}
        assert {search_text.script(w) for w in search_text.words(results.suggestion)} <= typed | {"other"}


def test_the_did_you_mean_link_says_its_language(client, indexed):
    html = client.get("/el/search/", {"q": "kozami"}).content.decode()
    assert 'dir="auto" lang="el">κοζάνης</a>' in html
    from search.query import SearchResults

    def results(suggestion):
        return SearchResults(query=SearchQuery(), parsed=None, total=0, results=[], facets={}, suggestion=suggestion)

    assert results("طعام").suggestion_lang == "ar"
    assert results("житло").suggestion_lang == "uk"
    assert results("paidikos").suggestion_lang == ""
    assert results(None).suggestion_lang == ""


# --- English analysed as English -------------------------------------------------------------


@pytest.fixture
def english_page(indexed):
    english = Locale.objects.get(language_code="en")
    grocery = indexed["grocery_kozani"]
    translation = grocery.copy_for_translation(english, copy_parents=True)
    translation.title = "Social Grocery of Kozani"
    translation.description = "Volunteers supporting families with groceries every week."
    translation.save_revision().publish()
    Indexer().rebuild()
    return translation


@pytest.mark.parametrize("text", ["supported", "support", "volunteering", "family"])
def test_english_text_is_stemmed_as_english(english_page, text):
    # "supporting" and "supported" share no Greeklish key: only English stemming joins them.
    assert "Social Grocery of Kozani" in titles(search(text, locale="en", types=("service",)))


def test_each_language_has_its_text_configuration():
    assert pg.text_config("el") == "greek"
    assert pg.text_config("en") == "english"
    assert pg.text_config("ar") == "arabic"
    assert pg.text_config("uk") == "simple"  # PostgreSQL has no Ukrainian stemmer


def test_the_configurations_exist_on_this_server():
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT cfgname FROM pg_ts_config")
        names = {row[0] for row in cursor.fetchall()}
    assert {pg.text_config(code) for code in ("el", "en", "ar", "uk")} <= names


# --- one result per thing; cards that do not repeat themselves ---------------------------------


def test_a_one_service_organisation_named_like_its_service_is_one_result(indexed):
    results = search("Νομικής Αρωγής")
    assert titles(results) == [LEGAL]
    assert results.results[0].organisation == LEGAL_ORG
    assert not SearchDocument.objects.filter(page_id=indexed["orgs"]["legal"].pk).exists()


def test_other_organisations_keep_their_own_result(indexed):
    assert "Δίκτυο Οικογενειών Περιστερίου" in titles(search("Δίκτυο Οικογενειών", types=("organisation",)))
    assert "Αλληλεγγύη ΜΚΟ" in titles(search("Αλληλεγγύη", types=("organisation",)))


def test_a_second_service_brings_the_organisation_back(indexed):
    make_service(indexed["orgs"]["legal"], "Γραφείο Διαμεσολάβησης Χρεών", municipality=ATHENS, categories=["debt"])
    Indexer().rebuild()
    assert LEGAL_ORG in titles(search("Νομικής Αρωγής"))


def test_the_indexer_drops_the_merged_organisation_as_it_changes(indexed, backend):
    if backend.name != "postgres":
        pytest.skip("signals write to the external index after commit")
    org = indexed["orgs"]["legal"]
    SearchDocument.objects.filter(page_id=org.pk).delete()
    Indexer().page_changed(org)
    assert not SearchDocument.objects.filter(page_id=org.pk).exists()
    org.title = "Ένωση Δικηγόρων για τα Δικαιώματα"
    org.save_revision().publish()
    assert SearchDocument.objects.filter(page_id=org.pk).exists()


def test_places_the_title_or_organisation_name_are_not_repeated():
    assert places_not_named(["Δήμος Πειραιά", "Νίκαια"], "Κοινωνικό Παντοπωλείο Δήμου Πειραιά", "Δήμος Πειραιά") == [
        "Νίκαια"
    ]
    assert places_not_named(["Περιστέρι"], "Ξενώνας Φιλοξενίας Γυναικών", "Αλληλεγγύη ΜΚΟ") == ["Περιστέρι"]


def test_result_cards_do_not_repeat_the_municipality(client, indexed):
    hit = next(h for h in search("Βρεφονηπιακός Σταθμός Περιστερίου").results if h.type == "service")
    assert hit.place_names and hit.shown_places == []  # "Δήμος Περιστερίου" says it already
    html = client.get("/el/search/", {"q": "Βρεφονηπιακός Σταθμός Περιστερίου", "type": "service"}).content.decode()
    card = html.split('class="service-card search-result"')[1].split("</li>")[0]
    meta = card.split("service-card__meta", 1)[1].split("</p>")[0] if "service-card__meta" in card else ""
    for place in hit.place_names:
        assert place not in meta


def test_search_sorts_names_without_their_leading_quotes(indexed):
    browsing = titles(search("", types=("service",), page_size=50))
    assert browsing == sorted(browsing, key=search_text.fold)
    assert browsing.index("Ξενώνας Φιλοξενίας Γυναικών") < browsing.index(QUOTED)
    assert browsing.index(QUOTED) < browsing.index("Ψυχολογική Υποστήριξη Ενηλίκων")


def test_the_directory_listing_sorts_names_without_their_leading_quotes(indexed):
    listed = [page.title for page in ServiceQuery(Locale.get_default()).ordered()]
    assert listed.index("Ξενώνας Φιλοξενίας Γυναικών") < listed.index(QUOTED)
    assert listed.index(QUOTED) < listed.index("Ψυχολογική Υποστήριξη Ενηλίκων")


def test_the_listing_order_reads_the_expression_index():
    from django.db import connection

    from directory.queries import SORT_TITLE  # noqa: F401 - the expression the index must match

    with connection.cursor() as cursor:
        cursor.execute("SELECT indexdef FROM pg_indexes WHERE indexname = 'search_live_page_sort_title_idx'")
        (definition,) = cursor.fetchone()
    assert "regexp_replace" in definition and "WHERE live" in definition
    # The test catalogue is small enough for a sequential scan: forbid one, so the plan
    # shows whether the ORDER BY expression is the indexed one at all.
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off; SET LOCAL enable_sort = off")
    queryset = ServiceQuery(Locale.get_default()).ordered()[:20]
    assert "search_live_page_sort_title_idx" in queryset.explain()


# --- the pieces --------------------------------------------------------------------------------


def test_every_seeded_code_is_a_real_category_or_group():
    categories = set(ServiceCategory.objects.values_list("code", flat=True))
    groups = set(TargetGroup.objects.values_list("code", flat=True))
    for category_codes, group_codes, words in ENTRIES:
        assert set(category_codes) <= categories, category_codes
        assert set(group_codes) <= groups, group_codes
        assert set(words) == {"en", "ar", "uk"}, words
        for language, phrases in words.items():
            assert len(phrases) >= 2 and all(p.strip() == p and p for p in phrases), (language, phrases)


def test_seeds_are_loaded_in_every_language_with_their_codes():
    from search.synonyms import load_default_synonyms

    assert load_default_synonyms() == 0  # the session set-up loaded them; idempotent
    for language, word, code in (
        ("en", "food", "category:food"),
        ("ar", "طعام", "category:food"),
        ("uk", "житло", "category:housing"),
    ):
        synonym = Synonym.objects.get(locale__language_code=language, term=word)
        assert code in synonym.codes()


def test_phrases_shared_by_two_entries_find_both_categories():
    class Entry:
        def __init__(self, codes, *phrases):
            self._codes, self._phrases = codes, phrases

        def phrases(self):
            return list(self._phrases)

        def codes(self):
            return list(self._codes)

    groups = parse_synonyms([Entry(["category:food"], "food", "meal"), Entry(["category:social-grocery"], "food")])
    unit = QueryParser(synonyms=groups, language="en").parse("food")
    assert set(unit.units[0].codes) == {"category:food", "category:social-grocery"}
    assert not unit.units[0].is_single_word  # never "corrected" into something else


@pytest.mark.parametrize(
    ("word", "same"),
    [
        ("الطعام", "طعام"),
        ("بالطعام", "طعام"),
        ("مأوى", "ماوى"),
        ("їжі", "їжа"),
        ("житла", "житло"),
        ("юристи", "юрист"),
    ],
)
def test_arabic_and_cyrillic_words_have_keys_of_their_own(word, same):
    folded, other = search_text.fold(word), search_text.fold(same)
    assert search_text.word_stem(folded) == search_text.word_stem(other) != ""
    assert search_text.word_stem(search_text.fold("طعام")) != search_text.word_stem(search_text.fold("مأوى"))


@pytest.mark.parametrize(
    ("word", "language", "scripts"),
    [
        ("paidikos", "el", ("latin", "greek")),
        ("food", "en", ("latin",)),
        ("food", "ar", ("latin",)),
        ("σταθμος", "en", ("greek",)),
        ("طعام", "el", ("arabic",)),
        ("житло", "el", ("cyrillic",)),
    ],
)
def test_the_scripts_a_correction_may_use(word, language, scripts):
    assert search_text.suggestion_scripts(word, language) == scripts


def test_code_lexemes_are_literal_and_weighted_like_categories(db):
    from django.db import connection

    document = Document(
        page_id=1,
        locale="el",
        translation_key="x",
        doc_type="service",
        title="t",
        url="/",
        keys=["category:food", "group:homeless", "area:m-1", "type:service"],
    )
    literal = pg.code_lexemes(document)
    assert literal == "'category:food':1 'group:homeless':1"
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT setweight(%s::tsvector, 'B') @@ quote_literal('category:food')::tsquery,"
            " to_tsvector('simple', 'category:food') @@ quote_literal('category:food')::tsquery",
            [literal],
        )
        assert cursor.fetchone() == (True, False)  # typed text can never produce a code lexeme


def test_elasticsearch_matches_codes_through_keys():
    groups = parse_synonyms(
        [type("E", (), {"phrases": lambda self: ["food", "meal"], "codes": lambda self: ["category:food"]})()]
    )
    parsed = QueryParser(synonyms=groups, language="en").parse("food")
    body = es.build_search("i", SearchQuery(text="food", locale="en"), parsed).to_dict()
    unit = body["query"]["bool"]["must"][0]["bool"]["must"][0]["bool"]["should"]
    code = next(clause["bool"] for clause in unit if "filter" in clause.get("bool", {}))
    assert code["filter"] == [{"terms": {"keys": ["category:food"]}}]
    # Organisations match without scoring: their codes are their services'.
    assert code["should"] == [
        {
            "constant_score": {
                "filter": {"bool": {"must_not": [{"term": {"doc_type": "organisation"}}]}},
                "boost": es.CODE_BOOST,
            }
        }
    ]


def test_elasticsearch_analyses_english_and_arabic_text():
    mapping = es.mapping().to_dict()["properties"]
    assert mapping["text_c"]["fields"]["en"]["analyzer"] == "koinonia_english"
    assert mapping["text_c"]["fields"]["ar"]["analyzer"] == "arabic"
    assert "text_c.ar" in es.TEXT_FIELDS and "text_c.en" in es.TEXT_FIELDS


def test_elasticsearch_did_you_mean_keeps_the_script():
    entries = [
        {"text": "طعامم", "options": [{"text": "σταθμος"}, {"text": "طعام"}]},
        {"text": "kozami", "options": [{"text": "κοζανησ"}]},
    ]
    assert es.suggestion_from_entries(entries, "en") == "طعام kozami"
    assert es.suggestion_from_entries(entries, "el") == "طعام κοζανησ"
    assert es.suggestion_from_entries([{"text": "житлло", "options": [{"text": "zitlo"}]}], "uk") is None


# --- bad input stays clean ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "category:food",
        "'category:food':1",
        "طعام' OR 1=1 --",
        "їжа & | ! <-> :*",
        "\u202eжитло\u202c",
        "مأوى\u200d\u200c",
        "ـــــ",
        "ّ",
        "ї" * 300,
        "food " * 40,
    ],
)
def test_odd_input_in_any_script_is_answered_cleanly(client, indexed, text):
    for language in ("en", "ar", "uk"):
        assert client.get(f"/{language}/search/", {"q": text}).status_code == 200
        response = client.get("/api/search", {"q": text, "lang": language})
        assert response.status_code == 200
        assert client.get("/api/search/suggest", {"q": text, "lang": language}).status_code == 200
