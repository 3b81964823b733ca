"""Open-data exports (CSV, XLSX, JSON): contents, article order, no e-mail, formula-safe;
and the staff export with e-mails and moderation decisions, for moderators only."""

import csv
import io
import json

import pytest
from openpyxl import load_workbook

from django.urls import reverse

from consultations import moderation
from consultations.factories import CommentFactory

pytestmark = pytest.mark.django_db

HOSTILE = [
    '=HYPERLINK("http://evil.example","click")',
    "+1+1",
    "-2+3",
    "@SUM(A1:A2)",
    "\tstarts with a tab",
    "\rstarts with a return",
]


@pytest.fixture
def comments(consultation):
    first, second, third = consultation.articles()
    made = [
        CommentFactory(consultation=consultation, article_key=third.key, status="approved", text="Στο τρίτο άρθρο"),
        CommentFactory(
            consultation=consultation, article_key=first.key, status="approved", text="Στο πρώτο άρθρο", stance="agree"
        ),
        CommentFactory(consultation=consultation, article_key="", status="approved", text="Γενικό σχόλιο"),
        CommentFactory(consultation=consultation, article_key=second.key, status="pending", text="Σε αναμονή"),
        CommentFactory(consultation=consultation, article_key=second.key, status="rejected", text="Απορρίφθηκε"),
        CommentFactory(consultation=consultation, article_key=second.key, status="spam", text="Ανεπιθύμητο"),
    ]
    return made


def export(client, page, fmt):
    response = client.get(page.url + f"export/{fmt}/")
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    return response


def test_csv_has_published_comments_in_article_order_and_no_email(client, consultation, comments):
    response = export(client, consultation, "csv")
    body = response.content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(body)))
    texts = [row[6] for row in rows[1:]]
    assert texts == ["Γενικό σχόλιο", "Στο πρώτο άρθρο", "Στο τρίτο άρθρο"]
    assert rows[2][2] == consultation.articles()[0].label
    for comment in comments:
        assert comment.email not in body
    assert "@example.org" not in body


def test_json_and_xlsx_have_the_same_rows_and_the_licence(client, consultation, comments):
    data = json.loads(export(client, consultation, "json").content)
    assert data["license"]["name"] == "CC BY 4.0"
    assert [c["text"] for c in data["comments"]] == ["Γενικό σχόλιο", "Στο πρώτο άρθρο", "Στο τρίτο άρθρο"]
    assert set(data["comments"][0]) == {"id", "article_id", "article", "date", "name", "stance", "text", "reply"}
    assert "@example.org" not in json.dumps(data)
    workbook = load_workbook(io.BytesIO(export(client, consultation, "xlsx").content))
    values = [[cell.value for cell in row] for row in workbook.active.iter_rows()]
    assert [row[6] for row in values[1:]] == ["Γενικό σχόλιο", "Στο πρώτο άρθρο", "Στο τρίτο άρθρο"]
    assert not any("@example.org" in str(v) for row in values for v in row)


def test_the_page_links_the_exports(client, consultation):
    html = client.get(consultation.url).content.decode()
    for fmt in ("csv", "xlsx", "json"):
        assert f'href="{consultation.url}export/{fmt}/"' in html
    assert 'rel="license"' in html


@pytest.mark.parametrize("text", HOSTILE)
def test_spreadsheet_formulas_are_neutralised(client, consultation, text):
    CommentFactory(consultation=consultation, status="approved", text=text, author_name="=cmd|' /C calc'!A0")
    rows = list(csv.reader(io.StringIO(export(client, consultation, "csv").content.decode("utf-8-sig"))))
    assert rows[1][6] == "'" + text
    assert rows[1][4].startswith("'=")
    workbook = load_workbook(io.BytesIO(export(client, consultation, "xlsx").content))
    row = list(list(workbook.active.iter_rows())[1])
    # (XML stores a carriage return as a new line; what matters is the leading quote.)
    assert row[6].value.replace("\n", "\r") == ("'" + text).replace("\n", "\r") and row[6].data_type == "s"
    assert all(cell.data_type != "f" for cell in row)


def test_unknown_export_formats_are_404(client, consultation):
    assert client.get(consultation.url + "export/exe/").status_code == 404


def test_staff_export_has_emails_and_decisions(moderator_client, moderator, consultation, comments):
    moderation.reject(comments[3], moderator, "duplicate", "Ίδιο με άλλο")
    response = moderator_client.get(reverse("consultations_staff_export", args=[consultation.pk, "csv"]))
    assert response.status_code == 200
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert len(rows) == len(comments)  # every state, not only the published
    emails = {comment.email for comment in comments}
    assert {row[next(k for k in row if "mail" in k.lower() or "ταχυδρομ" in k.lower())] for row in rows} == emails
    rejected = next(r for r in rows if "Σε αναμονή" in r.values())
    assert "Ίδιο με άλλο" in rejected.values()
    xlsx = moderator_client.get(reverse("consultations_staff_export", args=[consultation.pk, "xlsx"]))
    workbook = load_workbook(io.BytesIO(xlsx.content))
    assert workbook.active.max_row == len(comments) + 1


def test_a_translated_page_exports_the_same_comments(client, consultation, comments):
    from wagtail.models import Locale

    english = consultation.copy_for_translation(Locale.objects.get(language_code="en"), copy_parents=True)
    english.save_revision().publish()
    data = json.loads(export(client, english, "json").content)
    assert [c["text"] for c in data["comments"]] == ["Γενικό σχόλιο", "Στο πρώτο άρθρο", "Στο τρίτο άρθρο"]
