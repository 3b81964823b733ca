"""A citizen's comment: what is stored, and every refusal (with nothing typed lost)."""

import datetime

import pytest

from django.test import override_settings
from django.utils import timezone

from consultations.factories import ConsultationPageFactory
from consultations.models import Comment, CommentStatus
from consultations.views import AWAITING_MODERATION_MESSAGE
from tests.helpers import translated

pytestmark = pytest.mark.django_db


def test_the_page_shows_articles_with_anchors_deadline_and_form(client, consultation):
    response = client.get(consultation.url)
    assert response.status_code == 200
    html = response.content.decode()
    for article in consultation.articles():
        assert f'id="article-{article.key}"' in html
        assert article.label in html
    assert 'id="comment-form-section"' in html
    # The deadline is shown with its time, in Athens time.
    ends = timezone.localtime(consultation.ends_at, datetime.timezone(datetime.timedelta(hours=0)))
    assert ends  # the exact text is checked in test_dates
    assert translated("Open for comments") in html


def test_a_comment_is_stored_awaiting_moderation(client, consultation, comment_data, comment_url):
    article = consultation.articles()[1]
    response = client.post(comment_url(consultation), comment_data(article=article.key), follow=True)
    assert response.status_code == 200
    comment = Comment.objects.get()
    assert comment.status == CommentStatus.PENDING
    assert comment.article_key == article.key and comment.article_label == article.label
    assert comment.consultation_id == consultation.pk
    assert comment.language == "el"
    html = response.content.decode()
    assert translated(AWAITING_MODERATION_MESSAGE) in html
    # Pre-moderated: not on the page yet.
    assert comment.text not in html


def test_post_moderated_comments_appear_at_once_and_wait_for_review(client, site_tree, comment_data, comment_url):
    page = ConsultationPageFactory(moderation="post")
    response = client.post(comment_url(page), comment_data(), follow=True)
    comment = Comment.objects.get()
    assert comment.status == CommentStatus.APPROVED and comment.needs_review
    assert comment in Comment.objects.to_moderate()
    assert comment.text in response.content.decode()


def test_the_comment_page_preselects_and_shows_the_article(client, consultation, comment_url):
    article = consultation.articles()[0]
    response = client.get(comment_url(consultation) + f"?article={article.key}")
    assert response.status_code == 200
    html = response.content.decode()
    assert f'<option value="{article.key}" selected>' in html
    assert "Κείμενο του άρθρου 1." in html


def test_a_late_comment_is_refused_whatever_the_page_showed(client, consultation, comment_data, comment_url):
    client.get(consultation.url)  # the citizen opened the page while it was open ...
    consultation.ends_at = timezone.now() - datetime.timedelta(minutes=1)
    consultation.save()  # ... and the deadline passed while they were typing
    data = comment_data(text="Ένα σχόλιο που άργησε.")
    response = client.post(comment_url(consultation), data)
    assert response.status_code == 403
    assert not Comment.objects.exists()
    html = response.content.decode()
    assert "Ένα σχόλιο που άργησε." in html  # nothing typed is lost
    assert translated("This consultation closed on %(deadline)s. Comments can no longer be sent.").split("%")[0] in html


def test_a_comment_before_the_opening_is_refused(client, site_tree, comment_data, comment_url):
    page = ConsultationPageFactory(starts_at=timezone.now() + datetime.timedelta(days=1))
    response = client.post(comment_url(page), comment_data())
    assert response.status_code == 403
    assert not Comment.objects.exists()


def test_an_archived_consultation_takes_no_comments(client, consultation, comment_data, comment_url):
    consultation.archived = True
    consultation.save()
    assert client.post(comment_url(consultation), comment_data()).status_code == 403
    assert not Comment.objects.exists()


@override_settings(RECAPTCHA_SKIP_VERIFY_WITH_TEST_KEYS=False)
def test_a_failed_captcha_is_refused(client, consultation, comment_data, comment_url, monkeypatch):
    # Google's answer is the only thing replaced: "this token is not valid".
    from django_recaptcha import client as recaptcha_client

    monkeypatch.setattr(recaptcha_client, "submit", lambda **kwargs: recaptcha_client.RecaptchaResponse(is_valid=False))
    response = client.post(comment_url(consultation), comment_data(**{"g-recaptcha-response": "bad"}))
    assert response.status_code == 400
    assert not Comment.objects.exists()
    assert translated("Please confirm that you are not a robot.") in response.content.decode()


@override_settings(RECAPTCHA_SKIP_VERIFY_WITH_TEST_KEYS=False)
def test_an_unreachable_captcha_service_refuses_with_a_message(
    client, consultation, comment_data, comment_url, monkeypatch
):
    from urllib.error import URLError

    from django_recaptcha import client as recaptcha_client

    def unreachable(**kwargs):
        raise URLError("no route to host")

    monkeypatch.setattr(recaptcha_client, "submit", unreachable)
    response = client.post(comment_url(consultation), comment_data(**{"g-recaptcha-response": "x"}))
    assert response.status_code == 400
    assert not Comment.objects.exists()
    assert translated("We could not check that you are not a robot. Please try again in a moment.") in (
        response.content.decode()
    )


def test_the_honeypot_refuses_robots(client, consultation, comment_data, comment_url):
    response = client.post(comment_url(consultation), comment_data(website="http://spam.example"))
    assert response.status_code == 400
    assert not Comment.objects.exists()


@override_settings(KOINONIA_CONSULTATION_IP_RATE="2/m")
def test_the_per_ip_rate_limit(client, consultation, comment_data, comment_url):
    for n in range(2):
        assert client.post(comment_url(consultation), comment_data(email=f"p{n}@example.org")).status_code == 302
    response = client.post(comment_url(consultation), comment_data(email="p3@example.org", text="Τρίτο σχόλιο."))
    assert response.status_code == 429
    assert "Τρίτο σχόλιο." in response.content.decode()
    assert Comment.objects.count() == 2


@override_settings(KOINONIA_CONSULTATION_EMAIL_RATE="2/h")
def test_the_per_email_rate_limit_holds_whatever_the_address(client, consultation, comment_data, comment_url):
    for n in range(2):
        client.post(comment_url(consultation), comment_data(), REMOTE_ADDR=f"10.0.0.{n}")
    # Same address in other letters, from a third connection.
    response = client.post(comment_url(consultation), comment_data(email="MARIA@example.org"), REMOTE_ADDR="10.0.0.9")
    assert response.status_code == 429
    assert translated("You have sent many comments in a short time. Please wait a while and try again.") in (
        response.content.decode()
    )
    assert Comment.objects.count() == 2


def test_text_up_to_5000_characters(client, consultation, comment_data, comment_url):
    assert client.post(comment_url(consultation), comment_data(text="α" * 5000)).status_code == 302
    response = client.post(comment_url(consultation), comment_data(text="β" * 5001))
    assert response.status_code == 400
    assert Comment.objects.count() == 1


@pytest.mark.parametrize(
    "overrides",
    [
        {"accept_terms": None},
        {"email": "not-an-address"},
        {"email": None},
        {"author_name": "   "},
        {"text": "\u200b\u202e  "},
        {"article": "no-such-article"},
        {"stance": "maybe"},
        {"submission_token": "not-a-uuid"},
    ],
)
def test_invalid_input_is_refused_with_a_message_never_a_500(
    client, consultation, comment_data, comment_url, overrides
):
    response = client.post(comment_url(consultation), comment_data(**overrides))
    assert response.status_code == 400
    assert not Comment.objects.exists()
    assert 'class="govgr-error-summary"' in response.content.decode()


def test_terms_not_accepted_says_so(client, consultation, comment_data, comment_url):
    response = client.post(comment_url(consultation), comment_data(accept_terms=None))
    assert translated("Tick the box to accept the participation terms") in response.content.decode()


def test_a_double_submit_stores_one_comment(client, consultation, comment_data, comment_url):
    data = comment_data()
    first = client.post(comment_url(consultation), data)
    second = client.post(comment_url(consultation), data)
    assert first.status_code == second.status_code == 302
    assert Comment.objects.count() == 1


def test_the_same_form_with_another_email_is_still_one_comment(client, consultation, comment_data, comment_url):
    data = comment_data()
    client.post(comment_url(consultation), data)
    client.post(comment_url(consultation), {**data, "email": "other@example.org"})
    assert Comment.objects.count() == 1


def test_garbage_posts_never_500(client, consultation, comment_url):
    for data in ({}, {"article": ["a", "b"]}, {"text": "\x00" * 10}, {"email": "a" * 10_000}):
        assert client.post(comment_url(consultation), data).status_code in (400, 429)
    assert client.get(consultation.url + "comments/?article=nonsense&page=-1").status_code == 200
    assert client.get(consultation.url + "comments/?article=%00").status_code == 400  # core.middleware
    assert client.get(consultation.url + "comments/999999/flag/").status_code == 404


def test_the_page_shows_the_first_comments_of_each_article_and_links_the_rest(client, consultation):
    from consultations.factories import CommentFactory
    from consultations.views import COMMENTS_PER_ARTICLE_ON_PAGE

    first = consultation.articles()[0]
    for n in range(COMMENTS_PER_ARTICLE_ON_PAGE + 2):
        CommentFactory(consultation=consultation, article_key=first.key, status="approved", text=f"Σχόλιο αρ. {n:02d}")
    html = client.get(consultation.url).content.decode()
    shown = [n for n in range(COMMENTS_PER_ARTICLE_ON_PAGE + 2) if f"Σχόλιο αρ. {n:02d}" in html]
    assert shown == list(range(COMMENTS_PER_ARTICLE_ON_PAGE))
    assert f"comments/?article={first.key}" in html
