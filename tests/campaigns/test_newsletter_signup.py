"""Newsletter sign-up with double opt-in: the form, the confirmation link, expiry, tampering, purge."""

import datetime
import re
import time

import pytest

from django.core import mail, signing
from django.core.management import call_command
from django.utils import timezone

from campaigns import newsletter
from campaigns.factories_newsletter import NewsletterTopicFactory, PendingSignupFactory, SubscriberFactory
from campaigns.models.newsletter import PendingSignup, Subscriber

pytestmark = pytest.mark.django_db

SIGNUP = "/en/newsletter/"


def post_signup(client, email="Reader@Example.org", **extra):
    data = {"email": email, "language": "en", "consent": "on", **extra}
    return client.post(SIGNUP, data)


def link_in(message):
    return re.search(r"http://testserver(/\S+/confirm/\S+/)", message.body).group(1)


def test_signup_page_renders_with_its_fields_and_the_page_language(client, site_tree):
    NewsletterTopicFactory(code="events", name="Εκδηλώσεις")
    response = client.get("/ar/newsletter/")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'name="email"' in html and 'name="consent"' in html
    assert 'value="ar" id="id_language_2" checked' in html
    assert "Εκδηλώσεις" in html  # a topic with no Arabic name shows its Greek one
    assert "Set-Cookie" not in str(response.cookies.output())


def test_signup_creates_only_a_pending_row_and_sends_one_email(client, site_tree):
    NewsletterTopicFactory(code="events", name="Εκδηλώσεις")
    response = post_signup(client, topics=["events"])
    assert response.status_code == 302
    assert response["Location"] == "/en/newsletter/check-your-email/"
    assert Subscriber.objects.count() == 0
    pending = PendingSignup.objects.get()
    assert (pending.email, pending.language, pending.topics) == ("reader@example.org", "en", ["events"])
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["reader@example.org"]
    assert "Confirm your subscription" in message.subject
    assert "48 hours" in message.body
    assert "List-Unsubscribe" not in message.extra_headers  # not a subscriber yet
    assert client.get(response["Location"]).status_code == 200


def test_confirmation_link_shows_a_button_and_works_once(client, site_tree):
    post_signup(client)
    link = link_in(mail.outbox[0])
    page = client.get(link)  # what a mail scanner following links does: confirms nothing
    assert page.status_code == 200
    assert "Confirm my subscription" in page.content.decode()
    assert Subscriber.objects.count() == 0

    confirmed = client.post(link)
    assert confirmed.status_code == 302 and confirmed["Location"] == "/en/newsletter/confirmed/"
    subscriber = Subscriber.objects.get()
    assert subscriber.email == "reader@example.org" and subscriber.language == "en"
    assert PendingSignup.objects.count() == 0

    again = client.post(link)
    assert again.status_code == 404
    assert "This link is not valid" in again.content.decode()
    assert "Sign up again" in again.content.decode()
    assert Subscriber.objects.count() == 1


def test_an_expired_link_says_so_in_the_visitors_language_and_offers_to_sign_up_again(client, site_tree):
    pending = PendingSignupFactory(language="en")
    signer = signing.TimestampSigner(salt=newsletter.CONFIRM_SALT)
    signer.timestamp = lambda: signing.b62_encode(int(time.time()) - 49 * 3600)
    token = signer.sign(pending.token.hex)
    response = client.post(f"/en/newsletter/confirm/{token}/")
    assert response.status_code == 410
    html = response.content.decode()
    assert "This link has expired" in html and "/en/newsletter/" in html
    assert Subscriber.objects.count() == 0


def test_a_sign_up_older_than_48_hours_is_expired_even_with_a_fresh_signature(client, site_tree):
    pending = PendingSignupFactory(created_at=timezone.now() - datetime.timedelta(hours=49))
    response = client.get(f"/el/newsletter/confirm/{newsletter.confirmation_token(pending)}/")
    assert response.status_code == 410


@pytest.mark.parametrize(
    "mangle",
    [
        lambda t: t[:-1] + ("A" if t[-1] != "A" else "B"),  # signature changed
        lambda t: "0" * 32 + t[32:],  # another row's id under the same signature
        lambda t: t.split(":")[0],  # signature cut off
        lambda t: "x" * 300,
        lambda t: "%00" + t,
    ],
)
def test_a_tampered_link_is_a_clear_page_not_an_error(client, site_tree, mangle):
    pending = PendingSignupFactory()
    token = mangle(newsletter.confirmation_token(pending))
    for method in (client.get, client.post):
        response = method(f"/en/newsletter/confirm/{token}/")
        assert response.status_code == 404
        assert "This link is not valid" in response.content.decode()
    assert Subscriber.objects.count() == 0


def test_the_answer_is_the_same_for_a_subscribed_address(client, site_tree):
    SubscriberFactory(email="known@example.org", language="el")
    first = post_signup(client, email="known@example.org")
    second = post_signup(client, email="unknown@example.org")
    assert first.status_code == second.status_code == 302
    assert first["Location"] == second["Location"]
    assert len(mail.outbox) == 2  # the owner of the subscribed address gets a link that updates it
    client.post(link_in(mail.outbox[0]))
    assert Subscriber.objects.get(email="known@example.org").language == "en"


def test_repeated_sign_ups_of_one_address_send_one_email(client, site_tree):
    for _ in range(3):
        assert post_signup(client, email="flood@example.org").status_code == 302
    assert len(mail.outbox) == 1


@pytest.mark.parametrize(
    "data, message",
    [
        ({"email": ""}, "Enter your e-mail address"),
        ({"email": "not-an-address"}, "Enter an e-mail address in the correct format"),
        ({"email": "a\x00b@example.org"}, None),  # NUL removed: a valid address then
        ({"email": "x" * 10_000 + "@example.org"}, "254 characters or fewer"),
        ({"email": "\u202eevil@example.org"}, "Enter an e-mail address in the correct format"),
        ({"consent": ""}, "Tick the box to agree to receive the newsletter"),
        ({"language": "xx"}, "Select a language from the list"),
        ({"topics": ["no-such-topic"]}, "Select topics from the list"),
        ({"website": "http://spam.example"}, "Your message could not be sent"),
    ],
)
def test_bad_input_gets_a_clear_message_and_nothing_is_stored(client, site_tree, data, message):
    response = post_signup(client, **data)
    if message is None:
        assert response.status_code == 302
        assert PendingSignup.objects.get().email == "ab@example.org"
        return
    assert response.status_code == 400
    html = response.content.decode()
    assert "There is a problem" in html and message in html
    assert PendingSignup.objects.count() == 0 and len(mail.outbox) == 0


class RefusingBackend:
    """An e-mail backend whose SMTP server is down."""

    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        raise ConnectionRefusedError("SMTP server down")


def test_when_the_email_cannot_be_sent_the_form_says_so_and_keeps_nothing(client, site_tree, settings):
    settings.EMAIL_BACKEND = "tests.campaigns.test_newsletter_signup.RefusingBackend"
    response = post_signup(client, email="waiting@example.org")
    assert response.status_code == 503
    html = response.content.decode()
    assert "We could not send the confirmation e-mail just now." in html
    assert 'value="waiting@example.org"' in html  # what was typed is still there
    assert PendingSignup.objects.count() == 0


def test_the_form_is_rate_limited_per_connection(client, site_tree):
    for n in range(10):
        post_signup(client, email=f"person{n}@example.org")
    response = post_signup(client, email="one-more@example.org")
    assert response.status_code == 429
    assert "Many sign-ups have come from your connection" in response.content.decode()
    assert not PendingSignup.objects.filter(email="one-more@example.org").exists()


def test_purge_deletes_unconfirmed_sign_ups_after_7_days_and_is_idempotent(site_tree):
    now = timezone.now()
    old = PendingSignupFactory(created_at=now - datetime.timedelta(days=7, minutes=1))
    recent = PendingSignupFactory(created_at=now - datetime.timedelta(days=6, hours=23))
    subscriber = SubscriberFactory(confirmed_at=now - datetime.timedelta(days=400))
    call_command("purge_newsletter")
    call_command("purge_newsletter")
    assert not PendingSignup.objects.filter(pk=old.pk).exists()
    assert PendingSignup.objects.filter(pk=recent.pk).exists()
    assert Subscriber.objects.filter(pk=subscriber.pk).exists()


def test_every_page_links_the_sign_up_in_its_footer(client, site_tree):
    html = client.get("/en/").content.decode()
    assert 'href="/en/newsletter/"' in html


def test_a_confirmed_sign_up_of_a_campaign_visitor_counts_as_a_newsletter_action(client, site_tree):
    """Reach (core.visits): someone who scanned a poster, then signed up and confirmed."""
    from campaigns import reach
    from campaigns.factories_pages import CampaignPageFactory
    from campaigns.factories_reach import MaterialFactory
    from campaigns.models import VisitorTouch

    reach.salt.forget()
    reach.codes.forget()
    poster = MaterialFactory(campaign=CampaignPageFactory(slug="winter"), placement="ΚΕΠ Κοζάνης, poster A3")
    visitor = {"REMOTE_ADDR": "203.0.113.77", "HTTP_USER_AGENT": "Mozilla/5.0 (Linux; Android 14) Mobile"}
    client.get(f"/c/{poster.code}", **visitor)
    client.post(SIGNUP, {"email": "scanner@example.org", "language": "el", "consent": "on"}, **visitor)
    assert not VisitorTouch.objects.filter(kind="newsletter").exists()  # not before confirming
    client.post(link_in(mail.outbox[0]), **visitor)
    action = VisitorTouch.objects.get(kind="newsletter")
    assert action.material_id == poster.pk
    reach.salt.forget()
    reach.codes.forget()
