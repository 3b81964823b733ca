"""Consultations and surveys keep the visitor in their language.

Most consultations and surveys exist only in Greek. Under /en/, /ar/ and /uk/ they
are listed beside the translated ones and served, with every route (comment form,
comments, flag form, results, exports, survey form, thanks and results), inside the
visitor's interface: the content marked lang="el", a notice in the visitor's
language, forms posting to the visitor-language address and redirects staying
there. What citizens send belongs to the Greek page, as it does from a translation.
A real translation always wins over the fallback (directory.locale_fallback).
"""

import re

import pytest

from django.utils import translation

from wagtail.models import Locale

from consultations.factories import CommentFactory, ConsultationPageFactory, SurveyFieldFactory, SurveyPageFactory
from consultations.models import Comment, CommentStatus, ConsultationIndexPage, SurveySubmission
from search.query import SearchQuery
from search.service import SearchService
from tests.helpers import translated

pytestmark = pytest.mark.django_db

SLUG = "schedio-drasis"
TITLE = "Σχέδιο δράσης κοινωνικής ένταξης"
SURVEY_SLUG = "anagkes-stegasis"
SURVEY_TITLE = "Ανάγκες στέγασης"


def hrefs(response):
    return re.findall(r'(?:href|action)="([^"]+)"', response.content.decode())


def translate(page, code, **fields):
    """Publish `page` in language `code` with the given fields (as a translator would)."""
    copy = page.copy_for_translation(Locale.objects.get(language_code=code), copy_parents=True)
    for name, value in fields.items():
        setattr(copy, name, value)
    copy.save_revision().publish()
    return copy


@pytest.fixture
def consultation(site_tree):
    return ConsultationPageFactory(title=TITLE, slug=SLUG, moderation="post")


@pytest.fixture
def survey(site_tree):
    page = SurveyPageFactory(title=SURVEY_TITLE, slug=SURVEY_SLUG, publish_results=True)
    SurveyFieldFactory(page=page, label="Πού μένετε;", field_type="radio", choices="Σπίτι\nΔρόμος", sort_order=0)
    return page


def test_index_lists_untranslated_consultations_and_surveys_in_the_visitors_language(client, consultation, survey):
    response = client.get("/ar/consultations/")
    assert response.status_code == 200
    html = response.content.decode()
    links = hrefs(response)
    assert f"/ar/consultations/{SLUG}/" in links
    assert f"/ar/consultations/{SURVEY_SLUG}/" in links
    assert f"/ar/consultations/{SURVEY_SLUG}/results/" in links
    assert f'lang="el">{TITLE}<' in html
    assert f'lang="el">{SURVEY_TITLE}<' in html
    assert translated("in Greek", "ar") in html
    assert not [link for link in links if link.startswith(f"/el/consultations/{SLUG}")]
    # The Greek index is unchanged: no notice, no "in Greek" marks.
    greek = client.get("/el/consultations/").content.decode()
    assert f'href="/el/consultations/{SLUG}/">{TITLE}<' in greek


def test_a_greek_consultation_is_served_under_the_arabic_prefix(client, consultation):
    response = client.get(f"/ar/consultations/{SLUG}/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="ar"' in html
    assert f'<h1 class="govgr-heading-xl" lang="el">{TITLE}</h1>' in html
    article = consultation.articles()[0]
    assert f'id="article-{article.key}-title" lang="el">{article.label}<' in html
    with translation.override("ar"):
        notice = translation.gettext(
            "This page is not yet available in %(language)s; it is shown in %(content_language)s."
        ) % {
            "language": translation.get_language_info("ar")["name_translated"],
            "content_language": translation.get_language_info("el")["name_translated"],
        }
    assert notice in html
    assert 'role="note" lang="ar"' in html
    links = hrefs(response)
    for route in ("comment/", "comments/", "export/csv/", "export/json/"):
        assert f"/ar/consultations/{SLUG}/{route}" in links
    assert f'<link rel="canonical" href="http://testserver/el/consultations/{SLUG}/">' in html


def test_every_consultation_route_answers_under_the_visitors_prefix(client, consultation):
    comment = CommentFactory(consultation=consultation, status=CommentStatus.APPROVED)
    base = f"/uk/consultations/{SLUG}/"
    for route in ("comment/", "comments/", f"comments/{comment.pk}/flag/", "export/csv/", "export/json/"):
        response = client.get(base + route)
        assert response.status_code == 200, route
    comment_form = client.get(base + "comment/")
    assert base + "comment/" in hrefs(comment_form)
    flag_form = client.get(base + f"comments/{comment.pk}/flag/")
    assert base + f"comments/{comment.pk}/flag/" in hrefs(flag_form)
    assert '<html lang="uk"' in flag_form.content.decode()


def test_results_are_served_under_the_visitors_prefix_once_closed(client, consultation):
    import datetime

    from django.utils import timezone

    consultation.starts_at = timezone.now() - datetime.timedelta(days=20)
    consultation.ends_at = timezone.now() - datetime.timedelta(days=1)
    consultation.save_revision().publish()
    response = client.get(f"/en/consultations/{SLUG}/results/")
    assert response.status_code == 200
    assert f"/en/consultations/{SLUG}/comments/" in hrefs(response)


def test_a_comment_sent_under_en_is_stored_once_against_the_greek_page(client, consultation, comment_data):
    data = comment_data()
    response = client.post(f"/en/consultations/{SLUG}/comment/", data)
    assert response.status_code == 302
    assert response["Location"].startswith(f"/en/consultations/{SLUG}/#")
    assert client.post(f"/en/consultations/{SLUG}/comment/", data).status_code == 302  # double submit
    comment = Comment.objects.get()
    assert comment.consultation_id == consultation.pk
    assert comment.language == "en"
    page = client.get(response["Location"].split("#")[0])
    assert comment.text in page.content.decode()
    # The Greek page shows the same comment: it belongs to the translation group.
    assert comment.text in client.get(f"/el/consultations/{SLUG}/").content.decode()


def test_a_flag_sent_under_ar_redirects_under_ar(client, consultation):
    comment = CommentFactory(consultation=consultation, status=CommentStatus.APPROVED)
    from consultations.forms import FlagForm

    reason = FlagForm().fields["reason"].choices[-1][0]
    response = client.post(f"/ar/consultations/{SLUG}/comments/{comment.pk}/flag/", {"reason": reason, "note": ""})
    assert response.status_code == 302
    assert response["Location"] == f"/ar/consultations/{SLUG}/#comment-{comment.pk}"
    assert comment.flags.count() == 1


def test_a_translation_wins_over_the_fallback(client, consultation):
    english = translate(consultation, "en", title="Social inclusion action plan", slug="action-plan")
    assert client.get(f"/en/consultations/{SLUG}/").status_code == 404
    assert client.get(f"/en/consultations/{SLUG}/comment/").status_code == 404
    response = client.get("/en/consultations/")
    html = response.content.decode()
    assert "/en/consultations/action-plan/" in hrefs(response)
    assert TITLE not in html  # listed once, in English
    assert html.count("Social inclusion action plan<") == 1
    page = client.get("/en/consultations/action-plan/")
    assert page.status_code == 200
    assert "language-fallback" not in page.content.decode()  # no notice on a real translation
    assert english.canonical.pk == consultation.pk
    # Arabic still has only the Greek one, served under /ar/.
    assert client.get(f"/ar/consultations/{SLUG}/").status_code == 200


def test_a_draft_translation_does_not_hide_the_greek_page(client, consultation):
    draft = consultation.copy_for_translation(Locale.objects.get(language_code="en"), copy_parents=True)
    assert not draft.live and draft.slug == SLUG
    response = client.get(f"/en/consultations/{SLUG}/")
    assert response.status_code == 200
    assert f'lang="el">{TITLE}</h1>' in response.content.decode()
    assert f"/en/consultations/{SLUG}/" in hrefs(client.get("/en/consultations/"))


def test_unknown_slugs_are_still_a_404(client, consultation):
    assert client.get("/en/consultations/no-such-consultation/").status_code == 404
    assert client.get(f"/en/consultations/{SLUG}/no-such-route/").status_code == 404


def test_a_survey_answered_under_uk_is_stored(client, survey):
    import uuid

    form = client.get(f"/uk/consultations/{SURVEY_SLUG}/")
    assert form.status_code == 200
    html = form.content.decode()
    assert '<html lang="uk"' in html
    assert f'lang="el">{SURVEY_TITLE}</h1>' in html
    assert f"/uk/consultations/{SURVEY_SLUG}/" in hrefs(form)
    field = survey.get_form_fields()[0].clean_name
    data = {field: "Δρόμος", "website": "", "submission_token": str(uuid.uuid4())}
    response = client.post(f"/uk/consultations/{SURVEY_SLUG}/", data)
    assert response.status_code == 302
    assert response["Location"] == f"/uk/consultations/{SURVEY_SLUG}/thanks/"
    submission = SurveySubmission.objects.get()
    assert submission.page_id == survey.pk
    assert submission.form_data[field] == "Δρόμος"
    thanks = client.get(response["Location"])
    assert thanks.status_code == 200
    assert "/uk/consultations/" in hrefs(thanks)
    # The only link to /el/ is the language switcher's "Ελληνικά", to the same page.
    assert {link for link in hrefs(thanks) if link.startswith("/el/")} == {f"/el/consultations/{SURVEY_SLUG}/thanks/"}
    results = client.get(f"/uk/consultations/{SURVEY_SLUG}/results/")
    assert results.status_code == 200
    assert "Δρόμος" in results.content.decode()


def test_search_links_greek_consultations_and_surveys_under_the_visitors_prefix(consultation, survey):
    assert ConsultationIndexPage.objects.filter(locale__language_code="en").exists()
    for text, expected in ((TITLE, f"/en/consultations/{SLUG}/"), (SURVEY_TITLE, f"/en/consultations/{SURVEY_SLUG}/")):
        hits = SearchService().search(SearchQuery(text=text, locale="en")).results
        hit = next(h for h in hits if h.page_id in (consultation.pk, survey.pk))
        assert hit.is_fallback
        assert hit.url == expected
