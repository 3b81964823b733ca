"""Bad input, always (issue 13), for the newsletter's sign-up form and its links, with the
contract of tests/portal/test_fuzz_forms.py: each hostile submission is either saved (a
redirect and exactly one pending sign-up more) or refused with the error summary in
words, nothing saved and what was typed still in the form; a hostile link is a page
that says so, never a 5xx."""

import uuid

import pytest
from hypothesis import given
from hypothesis import strategies as st

from campaigns.models.newsletter import PendingSignup, Subscriber
from tests.portal.test_fuzz import encoded, hostile
from tests.portal.test_fuzz_forms import FUZZ, SWEEP_VALUES, PublicForm, changes_of

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def no_rate_limits(settings):
    settings.RATELIMIT_ENABLE = False


@pytest.fixture
def signup_form(site_tree):
    from campaigns.factories_newsletter import NewsletterTopicFactory

    NewsletterTopicFactory(code="events", name="Εκδηλώσεις")
    valid = {"email": "", "language": "el", "topics": ["events"], "consent": "on", "website": ""}
    # A new address at each submission: the same one twice within minutes is answered
    # the same but stores nothing more (no second e-mail to one mailbox).
    return PublicForm(
        "/el/newsletter/", valid, PendingSignup, ["email"], fresh=lambda: {"email": f"{uuid.uuid4().hex}@example.org"}
    )


def test_the_valid_submission_is_saved(client, signup_form):
    assert signup_form.check(client, {}).status_code == 302


@FUZZ
@given(data=st.data())
def test_the_sign_up_form_saves_or_says_what_to_fix(client, signup_form, data):
    signup_form.check(client, data.draw(changes_of(signup_form)))


def test_every_value_in_every_field(client, signup_form):
    for name in [*signup_form.valid, "g-recaptcha-response"]:
        for value in SWEEP_VALUES:
            signup_form.check(client, {name: value})
        signup_form.check(client, {name: ["x", "\x00", "1e308"]})  # repeated


@FUZZ
@given(token=hostile)
def test_hostile_links_are_pages_not_errors(client, site_tree, token):
    for kind in ("confirm", "unsubscribe"):
        for method in (client.get, client.post):
            response = method(f"/el/newsletter/{kind}/{encoded(token) or 'x'}/")
            assert response.status_code in (404, 410), (kind, token, response.status_code)
            assert b"govgr-btn" in response.content or b"<h1" in response.content
    assert Subscriber.objects.count() == 0
