"""The search page (no JavaScript needed) and the JSON API, as visitors and clients see them."""

import re

import pytest

from django.urls import reverse

from tests.helpers import translated
from tests.search.conftest import PERISTERI, POINTS

pytestmark = pytest.mark.django_db


def text_of(response):
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


# --- the page ---------------------------------------------------------------------------


def test_the_page_is_in_the_visitors_language_and_mounted_before_wagtail(client, indexed):
    assert reverse("search") == "/el/search/"
    response = client.get("/el/search/")
    assert response.status_code == 200
    assert response.context["results"] is None  # nothing asked, nothing searched
    assert client.get("/en/search/").status_code == 200


def test_results_with_filters_and_facets_in_plain_html(client, indexed):
    response = client.get("/el/search/", {"q": "παιδικός σταθμός Περιστέρι"})
    html = response.content.decode()
    # Results are links, Peristeri's first.
    links = re.findall(
        r'<h3 class="govgr-heading-s service-card__title"><a class="govgr-link" href="[^"]+">(.+?)</a>', html
    )
    titles = [re.sub(r"</?mark>", "", link) for link in links]
    assert set(titles[:2]) == {"Βρεφονηπιακός Σταθμός Περιστερίου", "2ος Παιδικός Σταθμός Περιστερίου"}
    # Facets are checkboxes in a GET form, with counts, that work without JavaScript.
    assert '<form class="govgr-form filter-form search-filters" method="get"' in html
    # GOV.GR checkbox markup: the input, then its label with the count.
    assert re.search(
        r'name="municipality" value="m-187">\s*<label[^>]*>Δήμος Περιστερίου <span class="count">\(\d+\)</span>', html
    )
    assert re.search(
        r'name="category" value="nursery">\s*<label[^>]*>Βρεφονηπιακός σταθμός <span class="count">\(\d+\)</span>', html
    )
    # The place is recognised, with a link that narrows to it.
    assert f"municipality={PERISTERI}" in response.context["place_url"]
    assert response.context["place_url"].replace("&", "&amp;") in html


def test_subcategories_fold_under_their_main_category(client, indexed):
    """Not one flat list of forty: each subcategory sits in a folded group right after its
    main category, opened when one of them is ticked."""
    html = client.get("/el/search/", {"q": "σταθμός"}).content.decode()
    main = html.index('name="category" value="children-family"')
    group = html.index('<details class="govgr-details filter-subgroup"', main)
    assert html.index('name="category" value="nursery"') > group
    assert '<details class="govgr-details filter-subgroup" open>' not in html
    ticked = client.get("/el/search/", {"q": "σταθμός", "category": "nursery"}).content.decode()
    assert '<details class="govgr-details filter-subgroup" open>' in ticked


def test_the_page_lists_the_busiest_municipalities_and_every_selected_one(client, indexed, monkeypatch):
    from search import views

    monkeypatch.setattr(views, "MUNICIPALITIES_SHOWN", 1)
    every = client.get("/api/search", {"q": "σταθμός"}).json()["facets"]["municipality"]
    assert len(every) > 2  # the API still gives them all
    html = client.get("/el/search/", {"q": "σταθμός"}).content.decode()
    assert len(re.findall(r'name="municipality" value=', html)) == 1
    hint = "Showing the municipalities with the most results (%(count)s). For another one, type it in the search box."
    assert translated(hint) % {"count": 1} in html
    quiet = every[-1]["value"]
    html = client.get("/el/search/", {"q": "σταθμός", "municipality": quiet}).content.decode()
    assert f'name="municipality" value="{quiet}" checked' in html


def test_applying_a_facet_is_a_plain_link_with_a_chip_to_remove_it(client, indexed):
    response = client.get("/el/search/", {"q": "σταθμός", "municipality": PERISTERI, "type": "service"})
    results = response.context["results"]
    assert {hit.title for hit in results.results} == {
        "Βρεφονηπιακός Σταθμός Περιστερίου",
        "2ος Παιδικός Σταθμός Περιστερίου",
    }
    chips = response.context["chips"]
    assert {chip["label"] for chip in chips} == {"Δήμος Περιστερίου", "Υπηρεσίες"}
    assert all("q=" in chip["remove_url"] for chip in chips)


def test_snippets_are_escaped_then_marked(client, indexed):
    html = client.get("/el/search/", {"q": "ηλικιωμένους"}).content.decode()
    assert "<mark>ηλικιωμένους</mark>" in html


def test_did_you_mean_is_a_link(client, indexed):
    response = client.get("/el/search/", {"q": "παντοπωλεο"})
    assert response.context["suggestion_url"].startswith("?q=")
    assert "παντοπωλείο" in response.content.decode()


def test_english_visitors_see_english_labels_and_greek_fallbacks_marked(client, indexed):
    html = client.get("/en/search/", {"q": "σταθμός"}).content.decode()
    assert "Nursery" in html
    assert '<span class="tag" lang="el">in Greek</span>' in html


def test_pagination_links_keep_the_query(client, indexed):
    response = client.get("/el/search/", {"q": "", "type": "service", "open_now": "0", "page": "1"})
    assert response.status_code == 200
    response = client.get("/el/search/", {"type": "service"})
    results = response.context["results"]
    assert results.total == 11
    assert results.num_pages == 1


def test_near_accepts_a_place_name(client, indexed):
    response = client.get("/el/search/", {"near": "Περιστέρι", "radius_km": "1", "type": "service"})
    assert response.status_code == 200
    results = response.context["results"]
    assert {hit.title for hit in results.results} == {
        "Βρεφονηπιακός Σταθμός Περιστερίου",
        "2ος Παιδικός Σταθμός Περιστερίου",
    }
    assert "km" in response.content.decode()


def test_home_page_and_header_search_point_at_the_search_page(client, indexed):
    html = client.get("/el/").content.decode()
    assert html.count('action="/el/search/"') >= 2
    assert 'data-suggest-url="/api/search/suggest"' in html


# --- the API ----------------------------------------------------------------------------


def test_api_returns_the_documented_shape(client, indexed):
    response = client.get("/api/search", {"q": "σταθμός", "type": "service", "lang": "el"})
    assert response.status_code == 200
    body = response.json()
    assert {"total", "page", "results", "facets"} <= set(body)
    assert body["total"] == 4 and body["page"] == 1
    for item in body["results"]:
        assert {"type", "title", "url", "snippet", "hsds_id"} <= set(item)
        assert "distance_km" not in item
        assert item["url"].startswith("http://testserver/el/")
    for name, values in body["facets"].items():
        assert values, name
        for value in values:
            assert set(value) == {"value", "label", "count"}
    assert {v["value"]: v["count"] for v in body["facets"]["municipality"]}[PERISTERI] == 2


def test_api_hsds_id_only_for_services_and_organisations(client, indexed):
    body = client.get("/api/search", {"q": "παντοπωλείο"}).json()
    by_type = {item["type"]: item for item in body["results"]}
    assert "hsds_id" in by_type["service"]
    assert "hsds_id" not in by_type["good_practice"]


def test_api_near_gives_distances_in_order(client, indexed):
    lat, lon = POINTS[PERISTERI]
    body = client.get(
        "/api/search", {"near": f"{lat},{lon}", "radius_km": "5", "type": "service", "page_size": "3"}
    ).json()
    distances = [item["distance_km"] for item in body["results"]]
    assert len(distances) == 3 and distances == sorted(distances)
    assert body["total"] > 3


def test_api_labels_follow_lang(client, indexed):
    english = client.get("/api/search", {"q": "σταθμός", "lang": "en"}).json()
    greek = client.get("/api/search", {"q": "σταθμός", "lang": "el"}).json()
    assert {v["value"]: v["label"] for v in english["facets"]["category"]}["nursery"] == "Nursery"
    assert {v["value"]: v["label"] for v in greek["facets"]["category"]}["nursery"] == "Βρεφονηπιακός σταθμός"
    # Greek pages are the fallback, reached under the visitor's language (directory.locale_fallback).
    assert english["results"][0]["url"].startswith("http://testserver/en/")
    assert greek["results"][0]["url"].startswith("http://testserver/el/")


def test_api_filters_by_every_parameter(client, indexed):
    body = client.get(
        "/api/search",
        {"category": "social-grocery", "municipality": "m-67", "language": "ar", "free": "1", "open_now": "1"},
    ).json()
    assert [item["title"] for item in body["results"]] == ["Κοινωνικό Παντοπωλείο Κοζάνης"]


def test_suggest_api(client, indexed):
    body = client.get("/api/search/suggest", {"q": "βρεφον", "lang": "el"}).json()
    titles = [item["title"] for item in body["suggestions"]]
    assert "Βρεφονηπιακός Σταθμός Περιστερίου" in titles
    category = body["suggestions"][0]
    assert category["type"] == "category" and category["url"] == "/el/search/?category=nursery"
    assert client.get("/api/search/suggest", {"q": "β"}).json()["suggestions"] == []


def test_suggestions_keep_the_visitor_in_their_language(client, indexed):
    """A Greek-only page suggested on /en/ links under /en/, as search results do (it
    linked the Greek address, and the visitor left their language)."""
    body = client.get("/api/search/suggest", {"q": "βρεφον", "lang": "en"}).json()
    pages = [item for item in body["suggestions"] if item["type"] == "service"]
    assert pages, body
    assert all(item["url"].startswith("/en/") for item in pages)
    assert set(pages[0]) == {"type", "title", "url", "label"}


def test_search_api_needs_no_trailing_slash(client, indexed):
    assert client.get("/api/search").status_code == 200
    assert client.get("/api/search/").status_code == 200
    assert client.get("/api/search/suggest?q=παιδ").status_code == 200


# --- the synonyms snippet ----------------------------------------------------------------


def test_editors_manage_synonyms_in_the_admin(admin_client, indexed):
    from wagtail.models import Locale

    from directory.models import ServiceCategory
    from search.models import Synonym

    # Searched for: the sector's abbreviations, seeded first, fill the first page.
    listing = admin_client.get(reverse("wagtailsnippets_search_synonym:list"), {"locale": "el", "q": "γηροκομείο"})
    assert listing.status_code == 200
    assert "γηροκομείο" in listing.content.decode()
    english = admin_client.get(reverse("wagtailsnippets_search_synonym:list"), {"locale": "en", "q": "food"})
    assert "food" in english.content.decode()
    add = admin_client.post(
        reverse("wagtailsnippets_search_synonym:add") + "?locale=el",
        {"term": "μπακάλικο", "also_means": "παντοπωλείο\nμίνι μάρκετ"},
    )
    assert add.status_code == 302
    assert Synonym.objects.get(term="μπακάλικο").phrases() == ["μπακάλικο", "παντοπωλείο", "μίνι μάρκετ"]
    body = admin_client.get("/api/search", {"q": "μπακάλικο", "type": "service"}).json()
    assert [item["title"] for item in body["results"]] == ["Κοινωνικό Παντοπωλείο Κοζάνης"]
    # A word in another language, mapped to a category with the checkboxes of the form.
    form = admin_client.get(reverse("wagtailsnippets_search_synonym:add") + "?locale=en").content.decode()
    assert 'name="categories"' in form and 'name="groups"' in form
    food = ServiceCategory.objects.get(code="social-grocery", locale=Locale.get_default())
    add = admin_client.post(
        reverse("wagtailsnippets_search_synonym:add") + "?locale=en",
        {"term": "corner shop", "also_means": "", "categories": [food.pk]},
    )
    assert add.status_code == 302
    body = admin_client.get("/api/search", {"q": "corner shop", "type": "service", "lang": "en"}).json()
    assert [item["title"] for item in body["results"]] == ["Κοινωνικό Παντοπωλείο Κοζάνης"]
