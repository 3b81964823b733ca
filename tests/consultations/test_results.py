"""Results (tallies as a chart and a table), results notifications, retention, dates,
and hostile text shown inert."""

import datetime

import pytest

from django.core import mail
from django.core.management import call_command
from django.utils import timezone, translation

from consultations.dates import format_deadline
from consultations.factories import CommentFactory, ConsultationPageFactory
from consultations.models import Comment, ConsultationPage
from consultations.notifications import send_results_notifications
from tests.helpers import translated

pytestmark = pytest.mark.django_db


@pytest.fixture
def closed(site_tree):
    return ConsultationPageFactory(
        starts_at=timezone.now() - datetime.timedelta(days=30), ends_at=timezone.now() - datetime.timedelta(days=1)
    )


def test_results_tally_per_article_and_stance(client, closed):
    first, second, _third = closed.articles()
    for stance in ("agree", "agree", "disagree", ""):
        CommentFactory(consultation=closed, article_key=first.key, status="approved", stance=stance)
    CommentFactory(consultation=closed, article_key=second.key, status="approved", stance="partly")
    CommentFactory(consultation=closed, article_key=second.key, status="rejected", stance="agree")
    response = client.get(closed.url + "results/")
    assert response.status_code == 200
    tallies = {t.key: t for t in response.context["tallies"]}
    assert tallies[first.key].total == 4 and tallies[first.key].stances == {"agree": 2, "partly": 0, "disagree": 1}
    assert tallies[first.key].no_stance == 1
    assert tallies[second.key].total == 1 and tallies[""].total == 0
    html = response.content.decode()
    assert "<table" in html and "<caption" in html and 'aria-hidden="true"' in html
    assert translated("The consultation has closed. The report will be published here.") in html


def test_no_results_page_before_the_opening(client, site_tree):
    upcoming = ConsultationPageFactory(starts_at=timezone.now() + datetime.timedelta(days=2))
    assert client.get(upcoming.url + "results/").status_code == 404


def test_comments_filter_by_article(client, closed):
    first, second, _third = closed.articles()
    CommentFactory(consultation=closed, article_key=first.key, status="approved", text="Πρώτο")
    CommentFactory(consultation=closed, article_key=second.key, status="approved", text="Δεύτερο")
    html = client.get(closed.url + f"comments/?article={first.key}").content.decode()
    assert "Πρώτο" in html and "Δεύτερο" not in html
    everything = client.get(closed.url + "comments/?article=all-articles").content.decode()
    assert "Πρώτο" in everything and "Δεύτερο" in everything
    unknown = client.get(closed.url + "comments/?article=<script>")
    assert unknown.status_code == 200 and "<script>" not in unknown.content.decode().split("<main")[1]


def test_publishing_results_tells_commenters_who_asked_once(closed, django_capture_on_commit_callbacks):
    CommentFactory(consultation=closed, notify_results=True, email="a@example.org", status="approved", language="en")
    CommentFactory(consultation=closed, notify_results=True, email="a@example.org", status="approved")
    CommentFactory(consultation=closed, notify_results=False, email="b@example.org", status="approved")
    CommentFactory(consultation=closed, notify_results=True, email="c@example.org", status="spam")
    closed.results_published = True
    closed.results_text = "<p>Η έκθεση.</p>"
    closed.full_clean()
    with django_capture_on_commit_callbacks(execute=True):
        closed.save_revision().publish()
    assert [m.to for m in mail.outbox] == [["a@example.org"]]
    assert "/results/" in mail.outbox[0].body
    closed.refresh_from_db()
    assert closed.results_published_at is not None
    assert send_results_notifications(closed) == 0  # nothing twice


def test_the_results_page_shows_the_report(client, closed):
    closed.results_published = True
    closed.results_text = "<p>Η τελική έκθεση της διαβούλευσης.</p>"
    closed.full_clean()
    closed.save()
    html = client.get(closed.url + "results/").content.decode()
    assert "Η τελική έκθεση της διαβούλευσης." in html
    assert translated("Results published") in client.get(closed.url).content.decode()


def test_retention_erases_emails_but_keeps_comments(closed):
    closed.results_published = True
    closed.results_published_at = timezone.now() - datetime.timedelta(days=200)
    closed.save()
    recent = ConsultationPageFactory(results_published=True, results_published_at=timezone.now())
    old = CommentFactory(consultation=closed, status="approved", text="Μένει")
    kept = CommentFactory(consultation=recent, status="approved")
    call_command("purge_commenter_emails", "--days", "180", stdout=open("/dev/null", "w"))  # noqa: SIM115
    old.refresh_from_db()
    kept.refresh_from_db()
    assert old.email == "" and old.email_erased_at and old.text == "Μένει" and old.status == "approved"
    assert kept.email != ""
    call_command("purge_commenter_emails", "--days", "0", "--dry-run", stdout=open("/dev/null", "w"))  # noqa: SIM115
    kept.refresh_from_db()
    assert kept.email != ""


def test_deadlines_are_shown_with_the_time_in_athens(client, site_tree):
    ends = datetime.datetime(2025, 3, 4, 6, 0, tzinfo=datetime.UTC)  # 08:00 in Athens
    with translation.override("el"):
        assert format_deadline(ends) == "Τρίτη 4 Μαρτίου 2025, 08:00"
    with translation.override("en"):
        assert format_deadline(ends) == "Tuesday 4 March 2025, 08:00"
    page = ConsultationPageFactory(ends_at=timezone.now() + datetime.timedelta(days=2, hours=3))
    html = client.get(page.url).content.decode()
    assert format_deadline(page.ends_at) in html
    assert "data-deadline=" in html


HOSTILE_TEXT = (
    '<script>alert("x")</script><img src=x onerror=alert(1)> '
    + "Α" * 300
    + " \u202eτέλος\u202c zero\u200bwidth \u2066isolate"
)


def test_hostile_text_is_inert_on_the_page(client, consultation, comment_data):
    client.post(
        consultation.url + "comment/",
        comment_data(text=HOSTILE_TEXT, author_name="<b>Όνομα</b>\u202e", email="hostile@example.org"),
    )
    comment = Comment.objects.get()
    assert "\u202e" not in comment.text and "\u200b" not in comment.text and "\u2066" not in comment.text
    assert "\u202e" not in comment.author_name
    comment.status = "approved"
    comment.save()
    html = client.get(consultation.url).content.decode()
    assert "<script>alert" not in html and "<img src=x" not in html
    assert "&lt;script&gt;" in html and "&lt;b&gt;Όνομα&lt;/b&gt;" in html
    assert 'dir="auto"' in html and "<bdi>" in html
    assert "hostile@example.org" not in html


def test_emails_never_reach_public_pages(client, consultation):
    comment = CommentFactory(consultation=consultation, status="approved", email="secret@example.org")
    for url in (
        consultation.url,
        consultation.url + "comments/",
        consultation.url + f"comments/{comment.pk}/flag/",
        consultation.get_parent().url,
    ):
        assert "secret@example.org" not in client.get(url).content.decode()


def test_the_index_groups_consultations_by_status(client, site_tree):
    ConsultationPageFactory(title="Ανοιχτή τώρα")
    ConsultationPageFactory(
        title="Έρχεται",
        starts_at=timezone.now() + datetime.timedelta(days=3),
        ends_at=timezone.now() + datetime.timedelta(days=9),
    )
    ConsultationPageFactory(
        title="Έκλεισε",
        starts_at=timezone.now() - datetime.timedelta(days=9),
        ends_at=timezone.now() - datetime.timedelta(days=3),
    )
    index = ConsultationPage.objects.first().get_parent()
    html = client.get(index.url).content.decode()
    assert html.index("Ανοιχτή τώρα") < html.index("Έρχεται") < html.index("Έκλεισε")
