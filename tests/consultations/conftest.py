"""Fixtures of the consultation tests: an open consultation, form data, a moderator."""

import uuid

import pytest

from django.contrib.auth import get_user_model

from consultations.factories import ConsultationPageFactory


@pytest.fixture
def consultation(site_tree):
    """Open, pre-moderated, one chapter and three articles."""
    return ConsultationPageFactory(title="Σχέδιο δράσης κοινωνικής ένταξης", slug="schedio-drasis")


@pytest.fixture
def comment_data():
    """comment_data(article=..., **overrides) → POST data of a valid comment form."""

    def build(article="", **overrides):
        data = {
            "article": article,
            "author_name": "Μαρία Π.",
            "email": "maria@example.org",
            "text": "Να προβλεφθεί βοήθεια στο σπίτι για ηλικιωμένους που ζουν μόνοι.",
            "stance": "partly",
            "accept_terms": "on",
            "submission_token": str(uuid.uuid4()),
            "website": "",
        }
        data.update(overrides)
        return {key: value for key, value in data.items() if value is not None}

    return build


@pytest.fixture
def comment_url():
    def url(page):
        return page.url + "comment/"

    return url


@pytest.fixture
def moderator(site_tree):
    from consultations.setup import ensure_consultations_section, ensure_moderators_group

    ensure_consultations_section(site_tree)
    user = get_user_model().objects.create_user("moderator", "moderator@example.org", "pw")
    user.groups.add(ensure_moderators_group())
    return user


@pytest.fixture
def moderator_client(client, moderator):
    client.force_login(moderator)
    return client
