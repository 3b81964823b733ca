"""Comment, flag and survey forms on the GOV.UK/GOV.GR error pattern.

Every message says what to do, the error summary links each one to its control
(radios and checkboxes by their first option), nothing is stuck in front of a
message ("Label: : message"), and hostile input never ends in a 500.
"""

import re
import uuid

import pytest

from django.template.loader import render_to_string

from consultations.factories import CommentFactory, SurveyFieldFactory, SurveyPageFactory
from consultations.forms import CommentForm, FlagForm
from consultations.models import Comment
from tests.helpers import translated

EMAIL = "Enter an e-mail address in the correct format, like name@example.com"


def comment_form(**overrides):
    data = {
        "article": "",
        "author_name": "Μαρία Π.",
        "email": "maria@example.org",
        "text": "Να προβλεφθεί βοήθεια στο σπίτι.",
        "stance": "",
        "accept_terms": "on",
        "website": "",
    }
    data.update(overrides)
    return CommentForm({k: v for k, v in data.items() if v is not None})


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"author_name": ""}, "author_name", "Enter a name or a pseudonym"),
        ({"author_name": "\u200b \u202e"}, "author_name", "Enter a name or a pseudonym"),
        ({"author_name": "α" * 81}, "author_name", "Your name or pseudonym must be 80 characters or fewer"),
        ({"email": ""}, "email", "Enter your e-mail address"),
        ({"email": "maria@"}, "email", EMAIL),
        ({"email": "maria example.org"}, "email", EMAIL),
        ({"text": ""}, "text", "Enter your comment"),
        ({"text": "\x00\u200b"}, "text", "Enter your comment"),
        ({"accept_terms": None}, "accept_terms", "Tick the box to accept the participation terms"),
        ({"stance": "maybe"}, "stance", "Select your position from the list, or no position"),
        ({"article": "no-such-article"}, "article", "Select what you are commenting on from the list"),
    ],
)
@pytest.mark.usefixtures("in_english")
def test_each_comment_error_says_what_to_do(overrides, field, message):
    form = comment_form(**overrides)
    assert not form.is_valid()
    assert form.errors[field] == [translated(message, "en")]
    anchor = "id_stance_0" if field == "stance" else f"id_{field}"
    assert [(e.message, e.anchor) for e in form.error_summary()] == [(translated(message, "en"), anchor)]


@pytest.mark.usefixtures("in_english")
def test_comment_too_long_says_the_limit():
    from consultations.models import TEXT_MAX_LENGTH

    form = comment_form(text="α" * (TEXT_MAX_LENGTH + 1))
    assert form.errors["text"] == [f"Your comment must be {TEXT_MAX_LENGTH} characters or fewer"]


@pytest.mark.parametrize(
    ("data", "message"),
    [({}, "Select a reason"), ({"reason": "nonsense"}, "Select a reason from the list")],
)
@pytest.mark.usefixtures("in_english")
def test_flag_errors_say_what_to_do(data, message):
    form = FlagForm({"website": "", **data})
    assert not form.is_valid()
    assert [(e.message, e.anchor) for e in form.error_summary()] == [(message, "id_reason_0")]


@pytest.mark.usefixtures("in_english")
def test_flag_note_too_long():
    form = FlagForm({"reason": "spam", "note": "α" * 501, "website": ""})
    assert form.errors["note"] == ["Details must be 500 characters or fewer"]


def test_honeypot_error_is_listed_without_a_link_to_a_field_nobody_sees():
    form = comment_form(website="http://spam.example")
    assert not form.is_valid()
    assert [e.anchor for e in form.error_summary()] == [""]


def test_comment_form_links_the_terms_and_the_privacy_notice_it_mentions():
    context = {"form": comment_form(), "terms_url": "/en/terms/", "privacy_notice_url": "/en/privacy/"}
    html = render_to_string("consultations/components/comment_form.html", context)
    assert 'href="/en/terms/"' in html and 'href="/en/privacy/"' in html
    # The box says what it links to, and the links sit outside the label.
    assert 'aria-describedby="id_accept_terms-hint"' in html
    label = re.search(r'<label class="govgr-checkboxes__label" for="id_accept_terms">(.*?)</label>', html, re.S)
    assert "<a " not in label.group(1)
    without = render_to_string("consultations/components/comment_form.html", {"form": comment_form()})
    assert "/terms/" not in without and "id_accept_terms-hint" not in without


def test_radios_and_checkboxes_use_the_govgr_item_markup():
    html = render_to_string("consultations/components/comment_form.html", {"form": comment_form()})
    for kind, count in (("radios", 4), ("checkboxes", 2)):
        items = re.findall(rf'<div class="govgr-{kind}__item">(.*?)</div>', html, re.S)
        assert len(items) == count, kind
        for item in items:
            ids = re.search(rf'^<input class="govgr-{kind}__input"[^>]* id="(id_[a-z_0-9]+)"', item)
            assert ids, item
            assert re.search(rf'<label class="govgr-{kind}__label" for="{ids.group(1)}">', item), item


# --- pages ---------------------------------------------------------------------


def summary_items(body):
    summary = re.search(r'<div class="govgr-error-summary".*?</ul>', body, re.S).group(0)
    return re.findall(r'<li><a class="govgr-link" href="#([^"]+)">([^<]+)</a></li>', summary)


def assert_clean_messages(body, count):
    texts = [text for _anchor, text in summary_items(body)]
    texts += [re.sub(r"<[^>]+>", "", t) for t in re.findall(r'<p class="govgr-error-message"[^>]*>(.*?)</p>', body)]
    assert len(texts) == 2 * count, texts
    for text in texts:
        assert ": :" not in text and "?:" not in text and ".." not in text and not text.endswith((".", ":")), text


@pytest.mark.django_db
def test_failed_comment_opens_on_a_focused_summary(client, consultation, comment_url):
    response = client.post(comment_url(consultation), {"website": "", "email": "x@", "stance": ""})
    body = response.content.decode()
    assert response.status_code == 400
    assert re.search(r'<div class="govgr-error-summary"[^>]*tabindex="-1"[^>]*autofocus', body)
    assert summary_items(body) == [
        ("id_author_name", translated("Enter a name or a pseudonym")),
        ("id_email", translated(EMAIL)),
        ("id_text", translated("Enter your comment")),
        ("id_accept_terms", translated("Tick the box to accept the participation terms")),
    ]
    assert_clean_messages(body, 4)
    assert 'id="id_email-error"' in body and 'aria-describedby="id_email-hint id_email-error"' in body


@pytest.mark.django_db
def test_failed_flag_links_the_reasons(client, consultation):
    comment = CommentFactory(consultation=consultation, status="approved")
    response = client.post(f"{consultation.url}comments/{comment.pk}/flag/", {"website": ""})
    body = response.content.decode()
    assert response.status_code == 400
    assert summary_items(body) == [("id_reason_0", translated("Select a reason"))]
    assert_clean_messages(body, 1)


@pytest.mark.django_db
def test_failed_survey_names_each_question(client, site_tree):
    page = SurveyPageFactory(title="Ανάγκες", slug="anagkes-forms")
    SurveyFieldFactory(page=page, label="Δήμος", field_type="municipality", choices="", sort_order=0)
    SurveyFieldFactory(page=page, label="Ηλικία;", field_type="radio", choices="Κάτω από 65\n65 και άνω", sort_order=1)
    SurveyFieldFactory(page=page, label="Ανάγκες", field_type="checkboxes", choices="Ψώνια\nΦάρμακα", sort_order=2)
    SurveyFieldFactory(page=page, label="Ευκολία", field_type="scale", choices="Καθόλου\nΠολύ", sort_order=3)
    SurveyFieldFactory(page=page, label="Σχόλια", field_type="multiline", choices="", sort_order=4)
    response = client.post(page.url, {"website": "", "submission_token": str(uuid.uuid4())})
    body = response.content.decode()
    assert response.status_code == 400
    assert [anchor for anchor, _text in summary_items(body)] == [
        "id_dimos",
        "id_ilikia_0",
        "id_anagkes_0",
        "id_eykolia_0",
        "id_scholia",
    ]
    texts = [text for _anchor, text in summary_items(body)]
    assert texts[0] == translated("Select your municipality")
    assert "Ηλικία;" in texts[1] and "Ανάγκες" in texts[2] and "Σχόλια" in texts[4]
    assert_clean_messages(body, 5)
    for anchor in ("id_ilikia_0", "id_anagkes_0", "id_eykolia_0"):
        assert f'id="{anchor}"' in body


@pytest.mark.django_db
@pytest.mark.parametrize(
    "hostile",
    ["\x00", "α" * 10_000, "\u202eevil\u202c", "<script>alert(1)</script>"],
    ids=["nul", "10k", "rtl-override", "script"],
)
@pytest.mark.parametrize("field", ["author_name", "email", "text", "stance", "article"])
def test_hostile_comment_input_never_ends_in_a_500(client, consultation, comment_data, comment_url, field, hostile):
    response = client.post(comment_url(consultation), comment_data(**{field: hostile}))
    assert response.status_code in (302, 400)
    for comment in Comment.objects.all():
        assert "\x00" not in comment.text + comment.author_name
        assert "\u202e" not in comment.text + comment.author_name
