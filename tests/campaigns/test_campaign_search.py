"""Campaigns in the site search: found in the languages they run in and nowhere else,
by their words and their groups, gone when withdrawn; their running/ended label is read
from their dates when the result is shown."""

import datetime

import pytest

from django.utils import timezone

from wagtail.models import Locale

from campaigns.factories_pages import CampaignPageFactory, block, translate
from campaigns.search import CampaignDocumentBuilder, decode_dates, encode_dates
from directory.models import TargetGroup
from search.query import SearchQuery
from search.service import SearchService

pytestmark = pytest.mark.django_db


def found(text, language="el", **filters):
    results = SearchService().search(SearchQuery(text=text, locale=language, **filters)).results
    return {hit.page_id: hit for hit in results}


@pytest.fixture
def winter(site_tree):
    today = timezone.localdate()
    page = CampaignPageFactory(
        title="Χειμώνας χωρίς κρύο",
        slug="winter-without-cold",
        summary="Επίδομα θέρμανσης και ζεστοί χώροι.",
        starts_on=today - datetime.timedelta(days=3),
        ends_on=today + datetime.timedelta(days=30),
        target_groups=[TargetGroup.objects.get(code="homeless", locale=Locale.get_default())],
        body=[block("text", "<p>Κουβέρτες από το Κοινωνικό Παντοπωλείο.</p>")],
    )
    page.save_revision().publish()  # publishing indexes it, as an editor's publish does
    return page


def test_campaign_is_found_by_title_and_body_words(winter):
    assert winter.pk in found("χειμωνας κρυο")  # without accents
    hit = found("κουβέρτες")[winter.pk]
    assert hit.url == "/el/campaigns/winter-without-cold/"


def test_greek_only_campaign_is_not_found_in_other_languages(winter):
    assert winter.pk not in found("Χειμώνας χωρίς κρύο", "en")
    english = translate(winter, "en", title="Winter without cold", summary="Heating allowance.")
    hits = found("winter cold", "en")
    assert english.pk in hits and winter.pk not in hits
    assert hits[english.pk].url == "/en/campaigns/winter-without-cold/"


def test_withdrawn_campaign_leaves_the_search(winter):
    winter.unpublish()
    assert winter.pk not in found("Χειμώνας χωρίς κρύο")


def test_campaign_filter_keys_of_groups(winter):
    assert winter.pk in found("", groups=("homeless",))


def test_status_label_is_read_from_the_dates_when_shown(in_english):
    builder = CampaignDocumentBuilder()
    today = timezone.localdate()
    day = datetime.timedelta(days=1)
    assert "Starts on" in builder.status_label(encode_dates(today + day, None))
    assert "Ended on" in builder.status_label(encode_dates(today - 9 * day, today - day))
    assert "Running until" in builder.status_label(encode_dates(today - day, today + day))
    assert builder.status_label("dates:garbage/2026-13-45") == ""
    assert decode_dates("open:20250301T0600Z-20250314T2159Z") == (None, None)
