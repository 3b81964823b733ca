"""The social map's counts (the home page's needs, the social-map home's needs, places
and total) are asked of the search service: one rule of what a language shows, the
search documents', instead of a second copy in the directory's own queries."""

import pytest

from wagtail.models import Locale

from directory.factories import ServiceLocationFactory, ServicePageFactory
from directory.models import AdministrativeArea, ServiceCategory

pytestmark = pytest.mark.django_db

KOZANI = "m-67"


def category_counts(client, url):
    return {c.code: c.count for c in client.get(url).context["categories"]}


def municipality_counts(client, url):
    regions = client.get(url).context["regions"]
    return {area.code: area.count for _region, areas in regions for area in areas}


def test_counts_by_category_and_municipality_come_from_the_index(client, directory_page, term):
    food = term(ServiceCategory, "food")
    service = ServicePageFactory(categories=[food], live=False)
    ServiceLocationFactory(page=service, municipality=term(AdministrativeArea, KOZANI))
    service.save_revision().publish()
    ServicePageFactory(categories=[food])  # no location: counted under its category only

    assert category_counts(client, directory_page.url) == {"basic-goods": 2}
    assert municipality_counts(client, directory_page.url) == {KOZANI: 1}
    assert client.get(directory_page.url).context["total"] == 2
    home = client.get("/el/")
    assert {c.code: c.count for c in home.context["categories"]} == {"basic-goods": 2}


def test_a_draft_translation_does_not_hide_the_greek_service_from_the_counts(client, directory_page, term):
    """The listing's old rule hid a Greek service from English counts as soon as an
    English translation existed, published or not; search shows the Greek page until
    the translation is published, and the counts now follow search."""
    english = Locale.objects.get(language_code="en")
    service = ServicePageFactory(categories=[term(ServiceCategory, "food")], live=False)
    service.save_revision().publish()
    draft = service.copy_for_translation(english, copy_parents=True)
    assert not draft.live
    english_index = directory_page.get_translation(english)
    assert category_counts(client, english_index.url) == {"basic-goods": 1}
