"""Share cards and share links.

Every public page carries OpenGraph and Twitter-card metadata built from its own
fields (title, search description or summary, main image as a 1200x630 rendition with
its size and alt text, canonical address, content language and the languages it is
translated into), with the network's name as the fallback. Campaign pages carry share
links that are plain links: no third-party script, no cookie.
"""

from html.parser import HTMLParser
from urllib.parse import parse_qs, urlparse

import pytest
import wagtail_factories

from wagtail.models import Locale

from campaigns.factories_pages import CampaignPageFactory, campaigns_index, translate
from campaigns.templatetags.share_tags import share_urls
from consultations.factories import ConsultationPageFactory
from directory.factories import ServicePageFactory

pytestmark = pytest.mark.django_db

HOST = "http://testserver"


class HeadReader(HTMLParser):
    """The <meta property|name> values (lists, some repeat) and every <script src>."""

    def __init__(self):
        super().__init__()
        self.meta, self.scripts, self.links = {}, [], []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "meta" and (attrs.get("property") or attrs.get("name")):
            self.meta.setdefault(attrs.get("property") or attrs.get("name"), []).append(attrs.get("content"))
        elif tag == "script":
            self.scripts.append(attrs.get("src"))
        elif tag == "a":
            self.links.append(attrs)


def read(response):
    assert response.status_code == 200
    reader = HeadReader()
    reader.feed(response.content.decode())
    return reader


def one(reader, name):
    values = reader.meta.get(name, [])
    assert len(values) == 1, f"{name}: {values}"
    return values[0]


@pytest.fixture
def campaign(site_tree):
    image = wagtail_factories.ImageFactory(file__width=1600, file__height=900, file__filename="winter.jpg")
    return CampaignPageFactory(
        title="Χειμώνας χωρίς κρύο",
        slug="winter-without-cold",
        summary="Επίδομα θέρμανσης, κουβέρτες & ζεστοί χώροι: πού θα τα βρείτε αυτόν τον χειμώνα.",
        hero_image=image,
        hero_image_alt="Παιδιά παίζουν έξω από πολυκατοικία",
    )


def test_campaign_page_has_a_large_card_with_its_image_and_alternates(client, campaign):
    translate(campaign, "en", title="Winter without cold", summary="Heating allowance and warm spaces.")
    page = read(client.get("/el/campaigns/winter-without-cold/"))
    assert one(page, "og:title") == "Χειμώνας χωρίς κρύο"
    assert one(page, "og:description").startswith("Επίδομα θέρμανσης, κουβέρτες & ζεστοί χώροι")
    assert one(page, "og:type") == "article"
    assert one(page, "og:url") == f"{HOST}/el/campaigns/winter-without-cold/"
    assert one(page, "og:locale") == "el_GR"
    assert page.meta["og:locale:alternate"] == ["en_GB"]
    assert one(page, "og:site_name")
    image = one(page, "og:image")
    assert image.startswith(f"{HOST}/") and "fill-1200x630" in image
    assert (one(page, "og:image:width"), one(page, "og:image:height")) == ("1200", "630")
    assert one(page, "og:image:alt") == "Παιδιά παίζουν έξω από πολυκατοικία"
    assert one(page, "twitter:card") == "summary_large_image"
    assert one(page, "twitter:image") == image
    assert client.get(urlparse(image).path).status_code in (200, 404)  # a media URL (served by nginx in production)

    english = read(client.get("/en/campaigns/winter-without-cold/"))
    assert one(english, "og:title") == "Winter without cold"
    assert one(english, "og:locale") == "en_GB"
    assert english.meta["og:locale:alternate"] == ["el_GR"]
    assert one(english, "og:image:alt") == "Παιδιά παίζουν έξω από πολυκατοικία"  # copied until translated


def test_small_image_gives_its_real_rendition_size(client, site_tree):
    small = wagtail_factories.ImageFactory(file__width=600, file__height=600)
    CampaignPageFactory(slug="small", hero_image=small, hero_image_alt="Λογότυπο")
    page = read(client.get("/el/campaigns/small/"))
    width, height = int(one(page, "og:image:width")), int(one(page, "og:image:height"))
    # Wagtail never upscales: the 1200:630 crop of what exists, its real size in the card.
    assert width == 600 and height in (315, 316)


def test_search_description_wins_over_the_summary(client, campaign):
    campaign.search_description = "Ζεστό σπίτι για όλους."
    campaign.save_revision().publish()
    page = read(client.get("/el/campaigns/winter-without-cold/"))
    assert one(page, "og:description") == "Ζεστό σπίτι για όλους."
    assert one(page, "twitter:description") == "Ζεστό σπίτι για όλους."


def test_home_page_has_a_summary_card_from_its_own_fields(client, site_tree):
    page = read(client.get("/el/"))
    assert one(page, "og:title") == site_tree.title
    assert one(page, "og:type") == "website"
    assert one(page, "og:url") == f"{HOST}/el/"
    assert one(page, "twitter:card") == "summary"
    assert "og:image" not in page.meta
    assert set(page.meta["og:locale:alternate"]) <= {"en_GB", "ar_AR", "uk_UA"}


def test_service_page_card_and_its_greek_fallback_under_en(client, directory_page):
    service = ServicePageFactory(
        title="ΚΟΙΝΩΝΙΚΟ ΠΑΝΤΟΠΩΛΕΙΟ ΔΗΜΟΥ ΚΟΖΑΝΗΣ",
        slug="pantopoleio",
        description="<p>Τρόφιμα &amp; είδη πρώτης ανάγκης για οικογένειες.</p>",
    )
    greek = read(client.get(service.url))
    assert one(greek, "og:title") == "ΚΟΙΝΩΝΙΚΟ ΠΑΝΤΟΠΩΛΕΙΟ ΔΗΜΟΥ ΚΟΖΑΝΗΣ"
    assert one(greek, "og:description") == "Τρόφιμα & είδη πρώτης ανάγκης για οικογένειες."
    english_url = service.url.replace("/el/", "/en/", 1)
    fallback = read(client.get(english_url))
    # The Greek page shown inside the English interface: its card is the Greek page's.
    assert one(fallback, "og:url") == f"{HOST}{service.url}"
    assert one(fallback, "og:locale") == "el_GR"


def test_consultation_page_card(client, site_tree):
    consultation = ConsultationPageFactory(title="Σχέδιο για την αστεγία", slug="astegia", summary="Πρόληψη εξώσεων.")
    page = read(client.get(consultation.url))
    assert one(page, "og:title") == "Σχέδιο για την αστεγία"
    assert one(page, "og:description") == "Πρόληψη εξώσεων."
    assert one(page, "og:url") == f"{HOST}/el/consultations/astegia/"


def test_views_that_are_not_pages_still_have_a_card(client, site_tree):
    page = read(client.get("/el/search/?q=παντοπωλείο"))
    assert one(page, "og:title")  # the network's name
    assert one(page, "og:url") == f"{HOST}/el/search/"  # without the query


def test_hostile_title_is_escaped_in_the_card(client, site_tree):
    CampaignPageFactory(title='"><script>alert(1)</script>', slug="hostile", summary="<b>bold</b> & co")
    response = client.get("/el/campaigns/hostile/")
    assert "<script>alert(1)</script>" not in response.content.decode()
    page = read(response)
    assert one(page, "og:title") == '"><script>alert(1)</script>'
    assert one(page, "og:description") == "bold & co"


@pytest.mark.parametrize("path", ["/el/", "/el/campaigns/winter-without-cold/", "/el/campaigns/"])
def test_no_third_party_script_and_no_cookie(client, campaign, path):
    response = client.get(path)
    page = read(response)
    assert all(src and src.startswith("/") and not src.startswith("//") for src in page.scripts), page.scripts
    assert not response.cookies


def test_campaign_share_links_are_plain_links_to_each_service(client, campaign):
    page = read(client.get("/el/campaigns/winter-without-cold/"))
    links = {a["class"].split("share__link--")[1]: a for a in page.links if "share__link--" in (a.get("class") or "")}
    assert set(links) == {"email", "facebook", "x", "whatsapp", "viber"}
    address = f"{HOST}/el/campaigns/winter-without-cold/"
    for link in links.values():
        assert link["rel"] == "noopener noreferrer"
        assert link["aria-label"]
    assert parse_qs(urlparse(links["facebook"]["href"]).query)["u"] == [address]
    x = parse_qs(urlparse(links["x"]["href"]).query)
    assert x["url"] == [address] and x["text"] == ["Χειμώνας χωρίς κρύο"]
    assert address in parse_qs(urlparse(links["whatsapp"]["href"]).query)["text"][0]
    assert links["viber"]["href"].startswith("viber://forward?text=")
    mail = parse_qs(urlparse(links["email"]["href"]).query)
    assert mail["subject"] == ["Χειμώνας χωρίς κρύο"] and address in mail["body"][0]
    html = client.get("/el/campaigns/winter-without-cold/").content.decode()
    assert f'value="{address}" readonly' in html  # the copy field works without JavaScript


def test_share_urls_encode_hostile_text():
    targets = {t["key"]: t["href"] for t in share_urls("https://x.gr/a?b=1&c=2", 'Τίτλος & "άλλα" #1', "κείμενο\n")}
    assert parse_qs(urlparse(targets["facebook"]).query)["u"] == ["https://x.gr/a?b=1&c=2"]
    assert parse_qs(urlparse(targets["x"]).query)["text"] == ['Τίτλος & "άλλα" #1']
    assert " " not in targets["email"] and "+" not in targets["email"]  # mail clients read + literally


def test_english_index_exists_but_lists_only_english_campaigns(client, campaign):
    campaigns_index(Locale.objects.get(language_code="en"))
    page = read(client.get("/en/campaigns/"))
    assert one(page, "og:locale") == "en_GB"
    assert "Χειμώνας" not in client.get("/en/campaigns/").content.decode()
