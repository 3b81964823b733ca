"""E-consultation in a real browser: a citizen reads an article and comments; a moderator
approves it in the admin; the comment appears under its article and in the CSV export.
axe-core checks the consultation page (with and without form errors), the results page
and the survey page."""

import datetime
import re

import pytest

from django.contrib.auth import get_user_model
from django.utils import timezone

from consultations.factories import CommentFactory, ConsultationPageFactory, SurveyFieldFactory, SurveyPageFactory
from consultations.setup import ensure_moderators_group
from consultations.views import AWAITING_MODERATION_MESSAGE
from tests.e2e.conftest import axe_violations, describe_violations
from tests.helpers import translated

PASSWORD = "a-Strong-pass-2026"


@pytest.fixture
def consultation(e2e_site):
    page = ConsultationPageFactory(title="Σχέδιο δράσης για την κοινωνική ένταξη", slug="schedio-drasis")
    moderator = get_user_model().objects.create_user("moderator-e2e", "moderator@example.org", PASSWORD)
    moderator.groups.add(ensure_moderators_group())
    return {"server": e2e_site, "page": page}


def assert_accessible(page):
    violations = axe_violations(page)
    assert not violations, describe_violations(violations)


def test_citizen_comments_moderator_approves_comment_appears_and_is_exported(consultation, page, browser):
    server, consultation_page = consultation["server"], consultation["page"]
    article = consultation_page.articles()[1]
    page.goto(server.url + consultation_page.url)
    assert page.locator("h1").inner_text() == "Σχέδιο δράσης για την κοινωνική ένταξη"
    assert_accessible(page)

    # Read the article through the contents, then comment on it.
    page.locator(f'.consultation-toc a[href="#article-{article.key}"]').click()
    section = page.locator(f"#article-{article.key}")
    assert section.get_by_text("Κείμενο του άρθρου 2.").is_visible()
    section.locator("a[href*='comment/?article=']").click()
    page.wait_for_url(re.compile(r".*/comment/\?article="))
    assert page.locator("select[name=article]").input_value() == article.key

    # Sending without accepting the terms shows the errors, accessibly.
    page.locator("input[name=author_name]").fill("Ελένη Κ.")
    page.locator("input[name=email]").fill("eleni@example.org")
    page.locator("textarea[name=text]").fill("Να υπάρχει διερμηνεία και στα ρομανί.")
    page.locator("form.consultation-form button[type=submit]").click()
    page.wait_for_load_state()
    assert page.locator(".govgr-error-summary").is_visible()
    assert page.locator("textarea[name=text]").input_value() == "Να υπάρχει διερμηνεία και στα ρομανί."
    assert_accessible(page)

    page.locator("input[name=accept_terms]").check()
    page.locator("input[value=agree]").check()
    page.locator("form.consultation-form button[type=submit]").click()
    page.wait_for_url(server.url + consultation_page.url + "#main-content")
    assert translated(AWAITING_MODERATION_MESSAGE) in page.locator("main").inner_text()
    assert page.get_by_text("Να υπάρχει διερμηνεία και στα ρομανί.").count() == 0

    # The moderator approves it in the admin.
    moderator_context = browser.new_context(locale="el-GR", timezone_id="Europe/Athens")
    admin = moderator_context.new_page()
    admin.goto(server.url + "/admin/login/")
    admin.locator("input[name=username]").fill("moderator-e2e")
    admin.locator("input[name=password]").fill(PASSWORD)
    admin.locator("form button[type=submit]").first.click()
    admin.wait_for_url("**/admin/")
    admin.goto(server.url + "/admin/consultations/moderation/")
    row = admin.locator("tr", has_text="Να υπάρχει διερμηνεία και στα ρομανί.")
    row.locator("form[action$='/approve/'] button").click()
    admin.wait_for_url("**/admin/consultations/moderation/**")
    assert admin.locator("tr", has_text="Να υπάρχει διερμηνεία και στα ρομανί.").count() == 0
    moderator_context.close()

    # The comment is now under its article, without the e-mail, and in the open-data CSV.
    page.goto(server.url + consultation_page.url)
    section = page.locator(f"#article-{article.key}")
    assert section.get_by_text("Να υπάρχει διερμηνεία και στα ρομανί.").is_visible()
    assert "eleni@example.org" not in page.content()
    csv_response = page.request.get(server.url + consultation_page.url + "export/csv/")
    assert csv_response.ok
    csv_text = csv_response.body().decode("utf-8-sig")
    assert "Να υπάρχει διερμηνεία και στα ρομανί." in csv_text and article.label in csv_text
    assert "eleni@example.org" not in csv_text


def test_results_survey_and_index_pages_are_accessible(e2e_site, page):
    closed = ConsultationPageFactory(
        title="Κανονισμός Κοινωνικού Παντοπωλείου",
        starts_at=timezone.now() - datetime.timedelta(days=30),
        ends_at=timezone.now() - datetime.timedelta(days=2),
        results_published=True,
        results_text="<p>Υιοθετήθηκαν οι περισσότερες προτάσεις.</p>",
    )
    for n, stance in enumerate(["agree", "partly", "disagree", ""]):
        CommentFactory(
            consultation=closed,
            article_key=closed.articles()[n % 3].key,
            status="approved",
            stance=stance,
            text="<script>alert(1)</script> " + "Μακριάλέξηχωρίςκενά" * 20 + " \u202eανάποδα",
        )
    page.goto(e2e_site.url + closed.url + "results/")
    assert page.locator("table.results-table").is_visible()
    assert_accessible(page)
    page.goto(e2e_site.url + closed.url)
    assert_accessible(page)
    page.goto(e2e_site.url + closed.url + "comments/?article=" + closed.articles()[0].key)
    assert_accessible(page)
    page.locator(".consultation-comment a[href*='/flag/']").first.click()
    page.wait_for_url("**/flag/")
    assert_accessible(page)
    page.locator("form.consultation-form button[type=submit]").click()
    page.wait_for_load_state()
    assert page.locator(".govgr-error-summary").is_visible()
    assert_accessible(page)

    survey = SurveyPageFactory(title="Ανάγκες ηλικιωμένων", publish_results=True)
    SurveyFieldFactory(page=survey, label="Δήμος", field_type="municipality", choices="", sort_order=0)
    SurveyFieldFactory(page=survey, label="Ηλικία", field_type="radio", choices="Κάτω από 65\n65 και άνω", sort_order=1)
    SurveyFieldFactory(page=survey, label="Ευκολία", field_type="scale", choices="Καθόλου\nΠολύ", sort_order=2)
    SurveyFieldFactory(
        page=survey, label="Ανάγκες", field_type="checkboxes", choices="Ψώνια\nΦάρμακα", required=False, sort_order=3
    )
    SurveyFieldFactory(page=survey, label="Σχόλια", field_type="multiline", choices="", required=False, sort_order=4)
    page.goto(e2e_site.url + survey.url)
    assert_accessible(page)
    page.locator("form.consultation-form button[type=submit]").click()
    page.wait_for_load_state()
    assert page.locator(".govgr-error-summary").is_visible()
    assert_accessible(page)
    page.locator("select[name=dimos]").select_option(index=1)
    page.locator("input[name=ilikia]").first.check()
    page.locator("input[name=eykolia]").nth(3).check()
    page.locator("form.consultation-form button[type=submit]").click()
    page.wait_for_url("**/thanks/")
    assert_accessible(page)
    page.goto(e2e_site.url + survey.url + "results/")
    assert_accessible(page)
    page.goto(e2e_site.url + survey.get_parent().url)
    assert_accessible(page)
    page.goto(e2e_site.url + "/ar/consultations/")  # right to left
    assert page.locator("html").get_attribute("dir") == "rtl"
    assert_accessible(page)
