"""Editing, pasting, translating and deleting a consultation never loses a comment.

Edits go through the Wagtail admin's own edit view (the same form editors use);
translations through wagtail-localize's own translation objects.
"""

import datetime
import json

import pytest

from django.contrib.auth import get_user_model
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import timezone

from wagtail.models import Locale, Page
from wagtail.test.utils.form_data import rich_text

from consultations.factories import CommentFactory, ConsultationPageFactory
from consultations.models import Comment, ConsultationPage

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client, site_tree):
    user = get_user_model().objects.create_superuser("admin", "admin@example.org", "pw")
    client.force_login(user)
    return client


def _when(moment):
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M")


def edit_data(page, blocks, **overrides):
    """The admin form's POST data for `page` with `blocks` = [(type, value dict, id or None)]."""
    data = {
        "title": page.title,
        "slug": page.slug,
        "summary": page.summary,
        "responsible_body": page.responsible_body,
        "starts_at": _when(page.starts_at),
        "ends_at": _when(page.ends_at),
        "moderation": page.moderation,
        "introduction": rich_text(""),
        "results_text": rich_text(""),
        "paste_draft": "",
        "documents-count": "0",
        "body-count": str(len(blocks)),
        "action-publish": "action-publish",
    }
    for index, (block_type, value, block_id) in enumerate(blocks):
        data[f"body-{index}-type"] = block_type
        data[f"body-{index}-id"] = block_id or ""
        data[f"body-{index}-order"] = str(index)
        data[f"body-{index}-deleted"] = ""
        for key, item in value.items():
            data[f"body-{index}-value-{key}"] = rich_text(item) if key == "text" else item
    data.update(overrides)
    return data


def current_blocks(page):
    page = ConsultationPage.objects.get(pk=page.pk)
    blocks = []
    for block in page.body:
        if block.block_type == "article":
            value = {"number": block.value["number"], "title": block.value["title"], "text": block.value["text"].source}
        else:
            value = {"heading": block.value["heading"]}
        blocks.append((block.block_type, value, block.id))
    return blocks


def edit(client, page, data):
    return client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), data)


def test_rewriting_and_reordering_articles_keeps_their_comments(admin_client, consultation, client):
    first = consultation.articles()[0]
    comment = CommentFactory(consultation=consultation, article_key=first.key, status="approved", text="Για το 1")
    blocks = current_blocks(consultation)
    chapter, art1, art2, art3 = blocks
    art1[1]["title"] = "Νέος τίτλος"
    art1[1]["text"] = "<p>Νέο κείμενο.</p>"
    response = edit(admin_client, consultation, edit_data(consultation, [chapter, art3, art2, art1]))
    assert response.status_code == 302, response.content.decode()[:2000]
    page = ConsultationPage.objects.get(pk=consultation.pk)
    assert [a.key for a in page.articles()] == [art3[2], art2[2], art1[2]]
    comment.refresh_from_db()
    assert comment.article_key == first.key
    html = client.get(page.url).content.decode()
    section = html.split(f'id="article-{first.key}"')[1]
    assert "Νέος τίτλος" in section.split("</h")[0] + section and "Για το 1" in section


def test_an_article_with_comments_cannot_be_removed(admin_client, consultation):
    second = consultation.articles()[1]
    CommentFactory(consultation=consultation, article_key=second.key, article_label=second.label)
    blocks = [b for b in current_blocks(consultation) if b[2] != second.key]
    response = edit(admin_client, consultation, edit_data(consultation, blocks))
    assert response.status_code == 200
    assert second.label in str(response.context["form"].errors["body"])
    assert second.key in [a.key for a in ConsultationPage.objects.get(pk=consultation.pk).articles()]


def test_an_article_without_comments_can_be_removed(admin_client, consultation):
    third = consultation.articles()[2]
    blocks = [b for b in current_blocks(consultation) if b[2] != third.key]
    assert edit(admin_client, consultation, edit_data(consultation, blocks)).status_code == 302
    assert third.key not in [a.key for a in ConsultationPage.objects.get(pk=consultation.pk).articles()]


def test_pasting_a_revised_draft_updates_in_place_and_adds_new_articles(admin_client, consultation):
    first = consultation.articles()[0]
    CommentFactory(consultation=consultation, article_key=first.key)
    draft = (
        "Κεφάλαιο Α΄ – Γενικές διατάξεις\n"
        "ΑΡΘΡΟ 1 – Σκοπός (αναθεωρημένος)\n"
        "Αναθεωρημένο κείμενο με <script>alert(1)</script>.\n\n"
        "Κεφάλαιο Β΄ – Νέο κεφάλαιο\n"
        "Άρθρο 4\n"
        "Νέο άρθρο\n"
        "- πρώτο\n- δεύτερο\n"
    )
    data = edit_data(consultation, current_blocks(consultation), paste_draft=draft)
    assert edit(admin_client, consultation, data).status_code == 302
    page = ConsultationPage.objects.get(pk=consultation.pk)
    articles = page.articles()
    assert [a.number for a in articles] == ["Άρθρο 1", "Άρθρο 2", "Άρθρο 3", "Άρθρο 4"]
    assert articles[0].key == first.key and articles[0].title == "Σκοπός (αναθεωρημένος)"
    assert "Αναθεωρημένο κείμενο με &lt;script&gt;" in articles[0].text.source
    assert articles[3].title == "Νέο άρθρο" and "<li>πρώτο</li>" in articles[3].text.source
    assert articles[3].chapter == "Κεφάλαιο Β΄ – Νέο κεφάλαιο"
    assert Comment.objects.get().article_key == first.key


def test_a_pasted_draft_without_headings_is_refused_and_nothing_changes(admin_client, consultation):
    data = edit_data(consultation, current_blocks(consultation), paste_draft="Απλό κείμενο χωρίς άρθρα.")
    response = edit(admin_client, consultation, data)
    assert response.status_code == 200 and "paste_draft" in response.context["form"].errors
    assert len(ConsultationPage.objects.get(pk=consultation.pk).articles()) == 3


def test_a_new_consultation_from_a_pasted_draft(admin_client, site_tree):
    from consultations.factories import consultations_index

    index = consultations_index()
    page = ConsultationPage(
        title="Νέα",
        slug="nea",
        summary="Περίληψη",
        responsible_body="Δήμος",
        starts_at=timezone.now(),
        ends_at=timezone.now() + datetime.timedelta(days=5),
    )
    data = edit_data(page, [], paste_draft="Προοίμιο.\nΆρθρο 1: Α\nκείμενο\nΆρθρο 2 - Β\nκείμενο δύο")
    url = reverse("wagtailadmin_pages:add", args=["consultations", "consultationpage", index.pk])
    assert admin_client.post(url, data).status_code == 302
    created = ConsultationPage.objects.get(slug="nea")
    assert [a.label for a in created.articles()] == ["Άρθρο 1 – Α", "Άρθρο 2 – Β"]
    assert "Προοίμιο." in created.introduction


def test_end_before_start_is_refused_on_the_form(admin_client, consultation):
    data = edit_data(consultation, current_blocks(consultation), ends_at=_when(consultation.starts_at))
    response = edit(admin_client, consultation, data)
    assert response.status_code == 200 and "ends_at" in response.context["form"].errors


@pytest.fixture
def translate(django_capture_on_commit_callbacks):
    """translate(page) → (translation, translated page): what the admin's "Translate" action does.

    wagtail-localize publishes the new revision on commit; the test's transaction never
    commits, so the callbacks are run here.
    """

    def run(page, language="en"):
        with django_capture_on_commit_callbacks(execute=True):
            return _translate(page, language)

    return run


def _translate(page, language):
    from wagtail_localize.models import Translation, TranslationSource

    source, _created = TranslationSource.get_or_create_from_instance(page)
    translation, _created = Translation.objects.get_or_create(
        source=source, target_locale=Locale.objects.get(language_code=language)
    )
    translation.save_target(publish=True)
    return translation, ConsultationPage.objects.get(
        translation_key=page.translation_key, locale=translation.target_locale
    )


def test_a_localize_translation_keeps_block_ids_and_shows_the_same_comments(
    consultation, client, comment_data, translate
):
    first = consultation.articles()[0]
    CommentFactory(consultation=consultation, article_key=first.key, status="approved", text="Σχόλιο στα ελληνικά")
    translation, english = translate(consultation)
    assert english.url.startswith("/en/")
    assert [a.key for a in english.articles()] == [a.key for a in consultation.articles()]
    html = client.get(english.url).content.decode()
    assert "Σχόλιο στα ελληνικά" in html.split(f'id="article-{first.key}"')[1]

    # A comment on the English page belongs to the same consultation, under the same article.
    second = english.articles()[1]
    response = client.post(english.url + "comment/", comment_data(article=second.key, email="en@example.org"))
    assert response.status_code == 302
    stored = Comment.objects.get(email="en@example.org")
    assert stored.consultation_id == consultation.pk and stored.article_key == second.key
    assert stored.language == "en"


def test_editing_the_source_and_syncing_the_translation_keeps_everything(
    admin_client, consultation, client, translate, django_capture_on_commit_callbacks
):
    first = consultation.articles()[0]
    CommentFactory(consultation=consultation, article_key=first.key, status="approved", text="Μένει στη θέση του")
    translation, english = translate(consultation)
    blocks = current_blocks(consultation)
    blocks[1][1]["text"] = "<p>Αλλαγμένο μετά τη μετάφραση.</p>"
    assert (
        edit(
            admin_client, consultation, edit_data(consultation, [blocks[0], blocks[3], blocks[1], blocks[2]])
        ).status_code
        == 302
    )
    translation.source.update_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        translation.save_target(publish=True)
    english = ConsultationPage.objects.get(pk=english.pk)
    assert [a.key for a in english.articles()] == [
        a.key for a in ConsultationPage.objects.get(pk=consultation.pk).articles()
    ]
    assert "Μένει στη θέση του" in client.get(english.url).content.decode().split(f'id="article-{first.key}"')[1]


def test_a_consultation_with_comments_cannot_be_deleted_in_the_admin(admin_client, consultation):
    CommentFactory(consultation=consultation)
    url = reverse("wagtailadmin_pages:delete", args=[consultation.pk])
    response = admin_client.post(url)
    assert response.status_code == 302
    assert ConsultationPage.objects.filter(pk=consultation.pk).exists()
    assert any("archive" in str(m).lower() or "αρχειο" in str(m).lower() for m in get_messages(response.wsgi_request))


def test_nor_its_section_nor_its_translation_group(admin_client, consultation, translate):
    CommentFactory(consultation=consultation)
    translate(consultation)
    index = consultation.get_parent()
    assert admin_client.post(reverse("wagtailadmin_pages:delete", args=[index.pk])).status_code == 302
    assert ConsultationPage.objects.filter(pk=consultation.pk).exists()
    bulk = reverse("wagtail_bulk_action", args=["wagtailcore", "page", "delete"]) + f"?id={consultation.pk}"
    admin_client.post(bulk)
    assert ConsultationPage.objects.filter(pk=consultation.pk).exists()
    assert Comment.objects.count() == 1


def test_a_consultation_without_comments_can_be_deleted(admin_client, site_tree):
    page = ConsultationPageFactory()
    admin_client.post(reverse("wagtailadmin_pages:delete", args=[page.pk]))
    assert not Page.objects.filter(pk=page.pk).exists()


def test_archiving_keeps_the_comments_readable(admin_client, consultation, client):
    CommentFactory(consultation=consultation, status="approved", text="Αρχειοθετημένο σχόλιο")
    data = edit_data(consultation, current_blocks(consultation), archived="on")
    assert edit(admin_client, consultation, data).status_code == 302
    page = ConsultationPage.objects.get(pk=consultation.pk)
    assert page.archived and not page.accepts_comments_at()
    assert "Αρχειοθετημένο σχόλιο" in client.get(page.url).content.decode()
    index_html = client.get(page.get_parent().url).content.decode()
    assert 'id="archived-title"' in index_html


def test_the_api_never_shows_comments_or_emails(client, consultation):
    CommentFactory(consultation=consultation, status="approved")
    response = client.get(f"/api/v2/pages/{consultation.pk}/")
    assert response.status_code == 200
    body = json.dumps(response.json())
    assert "@example.org" not in body


def test_the_admin_explorer_offers_comments_exports_and_survey_results(admin_client, consultation):
    from consultations.factories import SurveyPageFactory

    survey = SurveyPageFactory()
    CommentFactory(consultation=consultation)
    response = admin_client.get(reverse("wagtailadmin_explore", args=[consultation.get_parent().pk]))
    assert response.status_code == 200
    html = response.content.decode()
    assert reverse("consultations_staff_export", args=[consultation.pk, "csv"]) in html
    assert reverse("consultations_survey_results", args=[survey.pk]) in html
    assert admin_client.get(reverse("wagtailadmin_pages:edit", args=[consultation.pk])).status_code == 200
    assert admin_client.get(reverse("consultations_survey_results", args=[survey.pk])).status_code == 200
