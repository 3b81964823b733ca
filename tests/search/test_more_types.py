"""Consultations, surveys and standard pages in the site search.

They go through the same signals, service, page and API as the directory, so these
tests publish, unpublish and delete pages as editors do and then search as visitors
do. Privacy is part of the contract: what citizens send (comments, their names and
e-mails, survey answers) must never be findable, only what the page publishes.
PostgreSQL only: the builders are backend-independent, and the contract suite covers
the backends' equivalence.
"""

import datetime
import re

import pytest

from django.utils import timezone, translation

from consultations.factories import (
    CommentFactory,
    ConsultationPageFactory,
    SurveyPageFactory,
    article,
    chapter,
)
from consultations.models import CommentStatus, SurveySubmission
from consultations.search import ConsultationDocumentBuilder, decode_status, encode_status
from directory.factories import OrganisationPageFactory, ServicePageFactory
from portal.models import StandardPage
from search.indexing import Indexer
from search.models import SearchDocument
from search.query import SearchQuery
from search.service import SearchService

pytestmark = pytest.mark.django_db

PHARMACY_RULES = "Κανονισμός λειτουργίας Κοινωνικού Φαρμακείου"


def search(text="", **filters):
    return SearchService().search(SearchQuery(text=text, locale="el", **filters))


def found(text="", **filters):
    return [hit.title for hit in search(text, **filters).results]


def facet(results, name):
    return {v.value: v.count for v in results.facets.get(name, [])}


@pytest.fixture
def consultation(site_tree):
    """An open consultation whose articles hold words that appear nowhere else."""
    return ConsultationPageFactory(
        title=PHARMACY_RULES,
        summary="Ποιοι δικαιούνται φάρμακα και πώς τα παραλαμβάνουν.",
        responsible_body="Δήμος Κοζάνης",
        introduction="<p>Το σχέδιο &amp; οι λόγοι του.</p>",
        body=[
            chapter("Κεφάλαιο Α΄ – Δικαιούχοι"),
            article("Άρθρο 1", "Σκοπός", "Το φαρμακείο εξυπηρετεί ανασφάλιστους συμπολίτες."),
            article("Άρθρο 2", "Παραλαβή", "Η παραλαβή γίνεται με συνταγογράφηση από εθελοντή γιατρό."),
        ],
    )


@pytest.fixture
def survey(site_tree):
    return SurveyPageFactory(
        title="Έρευνα για τη μετακίνηση ηλικιωμένων",
        intro="<p>Πείτε μας πώς πηγαίνετε στο <b>κέντρο υγείας</b>.</p><p>Χρειάζονται πέντε λεπτά.</p>",
    )


@pytest.fixture
def standard_page(site_tree):
    page = site_tree.add_child(
        instance=StandardPage(
            title="Σχετικά με το δίκτυο",
            slug="schetika",
            intro="Ποιοι είμαστε και πώς συνεργαζόμαστε με τους δήμους.",
            body="<h2>Ιστορία</h2><p>Το δίκτυο ιδρύθηκε από εθελοντικές οργανώσεις της Δυτικής Μακεδονίας.</p>",
        )
    )
    page.save_revision().publish()
    return page


# --- consultations ------------------------------------------------------------------


def test_a_consultation_is_found_by_its_article_text_and_by_greeklish(consultation):
    assert found("συνταγογράφηση") == [PHARMACY_RULES]
    assert found("ανασφάλιστους") == [PHARMACY_RULES]
    assert found("kanonismos farmakeiou") == [PHARMACY_RULES]
    assert found("Δυτικής Μακεδονίας") == []


def test_a_consultation_result_shows_its_summary_body_and_deadline(consultation):
    with translation.override("el"):
        (hit,) = search("συνταγογράφηση").results
    assert hit.type == "consultation" and hit.type_label == "Διαβούλευση"
    assert hit.hsds_id is None
    assert hit.snippet == "Ποιοι δικαιούνται φάρμακα και πώς τα παραλαμβάνουν."
    assert hit.organisation == "Δήμος Κοζάνης"
    assert hit.status.startswith("open:")
    assert hit.status_label.startswith("Σχόλια έως ")


def test_type_consultation_filters_and_the_type_facet_counts_it(consultation, directory_page):
    service = ServicePageFactory(
        parent=OrganisationPageFactory(title="Δήμος Κοζάνης"),
        title="Κοινωνικό Φαρμακείο Κοζάνης",
        description="Φάρμακα για ανασφάλιστους.",
    )
    service.save_revision().publish()
    assert set(found("φαρμακείο")) == {PHARMACY_RULES, "Κοινωνικό Φαρμακείο Κοζάνης"}
    results = search("φαρμακείο", types=("consultation",))
    assert [hit.title for hit in results.results] == [PHARMACY_RULES]
    counts = facet(results, "type")
    assert counts["consultation"] == 1 and counts["service"] == 1
    labels = {v.value: v.label for v in results.facets["type"]}
    assert labels["consultation"] == "Διαβουλεύσεις"


def test_unpublishing_or_deleting_a_consultation_removes_it(consultation, survey):
    consultation.unpublish()
    assert found("συνταγογράφηση") == []
    assert not SearchDocument.objects.filter(pk=consultation.pk).exists()
    survey.delete()
    assert found("μετακίνηση") == []


def test_an_edit_is_found_only_once_published(consultation):
    consultation.summary = "Νέα περίληψη για τα εμβόλια."
    consultation.save_revision()
    assert found("εμβόλια") == []
    consultation.get_latest_revision().publish()
    assert found("εμβόλια") == [PHARMACY_RULES]


def test_comments_and_commenters_are_never_findable(consultation):
    for status in (CommentStatus.APPROVED, CommentStatus.PENDING):
        CommentFactory(
            consultation=consultation,
            status=status,
            author_name="Ευστάθιος Παπαβασιλόπουλος",
            email="kryfos.politis@example.org",
            text="Προτείνω ξυλοπόδαρους ζογκλέρ στην πλατεία.",
        )
    consultation.save_revision().publish()  # re-indexed with its comments in place
    Indexer().rebuild()  # and through the batch path
    for text in ("ζογκλέρ", "ξυλοπόδαρους", "Παπαβασιλόπουλος", "kryfos.politis@example.org", "kryfos"):
        assert found(text) == [], text
    document = SearchDocument.objects.get(pk=consultation.pk)
    assert "kryfos" not in f"{document.summary} {document.search_vector}"


# --- surveys and standard pages -----------------------------------------------------


def test_a_survey_is_found_by_its_introduction_never_by_its_answers(survey):
    SurveySubmission.objects.create(page=survey, form_data={"scholia": "Ο γείτονάς μου ο Ζαχαρίας με πηγαίνει"})
    survey.save_revision().publish()
    Indexer().rebuild()
    assert found("κέντρο υγείας") == ["Έρευνα για τη μετακίνηση ηλικιωμένων"]
    assert found("Ζαχαρίας") == []
    (hit,) = search("μετακίνηση").results
    assert hit.type == "survey" and hit.hsds_id is None
    # Rich text becomes words: paragraphs stay apart, tags go.
    assert hit.snippet == "Πείτε μας πώς πηγαίνετε στο κέντρο υγείας. Χρειάζονται πέντε λεπτά."


def test_a_standard_page_is_found_by_its_body_and_intro(standard_page):
    assert found("εθελοντικές οργανώσεις") == ["Σχετικά με το δίκτυο"]
    assert found("συνεργαζόμαστε") == ["Σχετικά με το δίκτυο"]
    assert found("Μακεδονίας", types=("page",)) == ["Σχετικά με το δίκτυο"]
    (hit,) = search("ιστορία").results
    assert hit.type == "page" and hit.status_label == "" and hit.hsds_id is None


def test_a_rebuild_includes_every_new_type(consultation, survey, standard_page):
    SearchDocument.objects.all().delete()
    Indexer().rebuild(batch_size=1)
    types = dict(SearchDocument.objects.values_list("page_id", "doc_type"))
    assert types[consultation.pk] == "consultation"
    assert types[survey.pk] == "survey"
    assert types[standard_page.pk] == "page"
    # setup_site's own standard pages (terms of participation, cookie statement) count too.
    pages = StandardPage.objects.live().filter(locale=standard_page.locale).count()
    assert facet(search(""), "type") == {"consultation": 1, "survey": 1, "page": pages}
    assert pages == 3


# --- status follows the clock -------------------------------------------------------


def test_a_consultation_status_is_read_when_shown_not_when_indexed():
    builder = ConsultationDocumentBuilder()
    now = timezone.now()
    indexed_while_open = encode_status("open", now - datetime.timedelta(days=5), now - datetime.timedelta(hours=1))
    assert len(indexed_while_open) <= 40  # search_document.status
    assert decode_status(indexed_while_open).state == "open"
    with translation.override("el"):
        assert builder.status_label(indexed_while_open).startswith("Έληξε: ")
        upcoming = encode_status("upcoming", now + datetime.timedelta(days=1), now + datetime.timedelta(days=9))
        assert builder.status_label(upcoming).startswith("Έναρξη: ")
        assert builder.status_label("archived") == "Αυτή η διαβούλευση έχει αρχειοθετηθεί."
        assert builder.status_label("results") == "Δημοσιεύθηκαν τα αποτελέσματα"
        assert builder.status_label("nonsense:xyz-abc") == ""


def test_an_archived_consultation_says_so(consultation):
    consultation.archived = True
    consultation.save_revision().publish()
    with translation.override("el"):
        (hit,) = search("συνταγογράφηση").results
    assert hit.status == "archived"
    assert hit.status_label == "Αυτή η διαβούλευση έχει αρχειοθετηθεί."


# --- the page and the API -----------------------------------------------------------


def test_the_api_returns_a_consultation_without_hsds_id(client, consultation):
    response = client.get("/api/search", {"q": "συνταγογράφηση", "type": "consultation", "lang": "el"})
    assert response.status_code == 200
    body = response.json()
    assert body["total"] == 1
    (item,) = body["results"]
    assert item["type"] == "consultation" and item["title"] == PHARMACY_RULES
    assert item["url"] == f"http://testserver{consultation.url}"
    assert "hsds_id" not in item
    assert item["type_label"] == "Διαβούλευση" and item["status"].startswith("Σχόλια έως ")
    assert {v["value"]: v["count"] for v in body["facets"]["type"]} == {"consultation": 1}


def test_the_search_page_renders_a_consultation_result(client, consultation):
    response = client.get("/el/search/", {"q": "συνταγογράφηση"})
    assert response.status_code == 200
    html = response.content.decode()
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))
    assert PHARMACY_RULES in text
    assert f'href="{consultation.url}"' in html
    assert '<span class="tag">Διαβούλευση</span>' in html
    assert "Σχόλια έως" in text and "Δήμος Κοζάνης" in text
    assert "service-card__meta" not in html  # no places, distance or opening hours
    assert re.search(r'name="type" value="consultation" checked', html) is None
    assert re.search(
        r'name="type" value="consultation">\s*<label[^>]*>Διαβουλεύσεις <span class="count">\(1\)</span>', html
    )
