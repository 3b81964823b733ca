"""Cached counts follow the page lifecycle: publish, unpublish, delete."""

import pytest

from directory.factories import ServicePageFactory
from directory.models import ServiceCategory

pytestmark = pytest.mark.django_db


def counts(client, directory_page):
    return {c.code: c.count for c in client.get(directory_page.url).context["categories"]}


def test_counts_change_when_a_service_is_published_unpublished_or_deleted(client, directory_page, term):
    food = term(ServiceCategory, "food")
    first = ServicePageFactory(categories=[food])
    assert counts(client, directory_page) == {"basic-goods": 1}

    second = ServicePageFactory(categories=[food], live=False)
    second.save_revision().publish()
    assert counts(client, directory_page) == {"basic-goods": 2}

    second.refresh_from_db()
    second.unpublish()
    assert counts(client, directory_page) == {"basic-goods": 1}

    first.delete()
    assert counts(client, directory_page) == {}
