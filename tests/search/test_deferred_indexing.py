"""`defer_indexing()`: bulk writes record their changes and index each page once at the end.

The backend is the real PostgreSQL one, subclassed only to count what it is asked to
write (every write still reaches the database), so "once" is measured, not assumed.
"""

import threading
from collections import Counter
from pathlib import Path

import pytest

from django.db import transaction

from directory.factories import OrganisationPageFactory, ServicePageFactory
from directory.hsds.importer import HsdsImporter
from directory.hsds.sources import load_records
from directory.models import OrganisationPage, ServiceCategory, ServicePage
from search.backends.postgres import PostgresBackend
from search.indexing import Indexer, defer_indexing, pending_changes
from search.models import SearchDocument
from search.query import SearchQuery
from search.service import SearchService
from tests.search.conftest import greek

pytestmark = pytest.mark.django_db

HSDS_GOOD = Path(__file__).parents[1] / "directory" / "data" / "hsds-good.json"


class CountingBackend(PostgresBackend):
    """PostgreSQL, counting the documents it writes and the pages it removes."""

    def __init__(self):
        super().__init__()
        self.reset()

    def reset(self):
        self.index_calls = 0
        self.indexed = Counter()
        self.removed = []

    def index(self, documents):
        self.index_calls += 1
        self.indexed.update(document.page_id for document in documents)
        super().index(documents)

    def remove(self, page_ids):
        page_ids = list(page_ids)
        self.removed.extend(page_ids)
        super().remove(page_ids)


@pytest.fixture
def counting(settings, db):
    """The counting backend, made the one the signals and the search service use."""
    from search.backends import get_backend

    settings.SEARCH_BACKEND = f"{__name__}.CountingBackend"
    backend = get_backend(settings.SEARCH_BACKEND)
    backend.reset()
    return backend


@pytest.fixture
def org(directory_page, counting):
    organisation = OrganisationPageFactory(title="Σύλλογος Γειτονιάς")
    counting.reset()
    return organisation


def found(text, types=("service",)):
    query = SearchQuery(text=text, locale="el", types=types)
    return [hit.title for hit in SearchService().search(query).results]


def indexed_ids():
    return set(SearchDocument.objects.values_list("page_id", flat=True))


def documents():
    """Every stored document, without the time it was written."""
    rows = {}
    for row in SearchDocument.objects.values():
        row.pop("indexed_at")
        rows[row.pop("page_id")] = row
    return rows


def nursery():
    return [greek(ServiceCategory, "nursery")]


def test_without_deferring_the_organisation_is_written_once_per_service(
    org, counting, django_capture_on_commit_callbacks
):
    """Why the context exists: every save re-indexes the organisation above it (once
    that save has committed, see Indexer._when_saved)."""
    for n in range(3):
        with django_capture_on_commit_callbacks(execute=True):
            ServicePageFactory(parent=org, title=f"Παιδικός Σταθμός {n}", categories=nursery())
    assert counting.indexed[org.pk] >= 3


def test_nothing_is_indexed_inside_and_every_page_once_at_the_end(org, counting):
    with defer_indexing():
        services = [
            ServicePageFactory(parent=org, title=f"Παιδικός Σταθμός {n}", categories=nursery()) for n in range(3)
        ]
        services[0].save_revision().publish()  # saved again: still one write at the end
        assert counting.index_calls == 0
        assert indexed_ids().isdisjoint({s.pk for s in services})
        assert found("σταθμός") == []

    assert counting.indexed == Counter({org.pk: 1, **{s.pk: 1 for s in services}})
    assert counting.index_calls == 2  # one batch of services, one of organisations
    assert sorted(found("σταθμός")) == [f"Παιδικός Σταθμός {n}" for n in range(3)]
    # The organisation's document gathers its services' categories, built from the database.
    assert "category:nursery" in SearchDocument.objects.get(pk=org.pk).keys


def test_a_page_unpublished_or_deleted_inside_is_removed_at_the_end(org, counting):
    unpublished = ServicePageFactory(parent=org, title="Ανταλλακτικό Παζάρι Ρούχων", categories=nursery())
    deleted = ServicePageFactory(parent=org, title="Κοινωνικό Φροντιστήριο")
    assert {unpublished.pk, deleted.pk} <= indexed_ids()
    counting.reset()

    with defer_indexing():
        unpublished.unpublish()
        deleted.delete()  # its PostgreSQL row goes with the page (a foreign key); Elasticsearch waits
        assert unpublished.pk in indexed_ids()  # not yet
        assert counting.removed == []

    assert indexed_ids().isdisjoint({unpublished.pk, deleted.pk})
    assert set(counting.removed) >= {unpublished.pk, deleted.pk}
    assert found("παζάρι") == [] and found("φροντιστήριο") == []
    # The organisation no longer gathers the unpublished service's category.
    assert counting.indexed[org.pk] == 1
    assert "category:nursery" not in SearchDocument.objects.get(pk=org.pk).keys


def test_an_exception_still_indexes_what_was_saved_and_is_raised(org, counting):
    """Like an import whose records commit one by one: what was saved before the error stays."""
    with pytest.raises(RuntimeError, match="the import broke"), defer_indexing():
        kept = ServicePageFactory(parent=org, title="Κοινωνικό Παντοπωλείο")
        with pytest.raises(ValueError), transaction.atomic():  # a record that failed half-way
            lost_pk = ServicePageFactory(parent=org, title="Κοινωνικό Ιατρείο").pk
            raise ValueError("record refused")
        assert kept.pk not in indexed_ids()
        raise RuntimeError("the import broke")

    assert found("παντοπωλείο") == ["Κοινωνικό Παντοπωλείο"]
    assert kept.pk in indexed_ids()
    assert not ServicePage.objects.filter(pk=lost_pk).exists()
    assert lost_pk not in indexed_ids()
    assert found("ιατρείο") == []


def test_nested_contexts_flush_once_at_the_outermost_exit(org, counting):
    with defer_indexing():
        with defer_indexing():
            first = ServicePageFactory(parent=org, title="Βρεφικός Σταθμός")
        assert counting.index_calls == 0  # the inner exit wrote nothing
        assert pending_changes() is not None
        second = ServicePageFactory(parent=org, title="Παιδικός Σταθμός")
        assert counting.index_calls == 0

    assert pending_changes() is None
    assert counting.indexed == Counter({first.pk: 1, second.pk: 1, org.pk: 1})
    assert counting.index_calls == 2


def test_deferring_belongs_to_its_own_thread(org, counting):
    seen = []
    with defer_indexing():
        thread = threading.Thread(target=lambda: seen.append(pending_changes()))
        thread.start()
        thread.join()
        assert pending_changes() is not None
    assert seen == [None]


def test_a_move_inside_reindexes_both_organisations(org, counting):
    service = ServicePageFactory(parent=org, title="Παιδικός Σταθμός", categories=nursery())
    other = OrganisationPageFactory(title="Ενορία Αγίου Νικολάου")
    counting.reset()

    with defer_indexing():
        service.move(other, pos="last-child")

    service.refresh_from_db()
    document = SearchDocument.objects.get(pk=service.pk)
    assert document.organisation == "Ενορία Αγίου Νικολάου"
    assert document.url == service.get_url()
    assert "category:nursery" in SearchDocument.objects.get(pk=other.pk).keys
    assert "category:nursery" not in SearchDocument.objects.get(pk=org.pk).keys
    assert counting.indexed == Counter({service.pk: 1, org.pk: 1, other.pk: 1})


def test_an_hsds_import_leaves_a_complete_index_written_once_per_page(directory_page, counting):
    report = HsdsImporter().run(load_records(HSDS_GOOD))

    assert report.services["created"] == 3
    live = set(ServicePage.objects.live().values_list("pk", flat=True))
    live |= set(OrganisationPage.objects.live().values_list("pk", flat=True))
    # setup_site's own standard pages may or may not have documents, depending on which
    # test module cleaned the index before: only the directory's are compared.
    directory = set(
        SearchDocument.objects.filter(doc_type__in=("service", "organisation")).values_list("page_id", flat=True)
    )
    assert directory == live
    assert set(counting.indexed) == live
    assert set(counting.indexed.values()) == {1}
    assert "Κοινωνικό Παντοπωλείο Κοζάνης" in found("παντοπωλείο")
    # Read back from the database once everything was saved, the index is exactly what
    # a full rebuild writes (organisations gather every service, the last one included).
    written = {pk: row for pk, row in documents().items() if pk in live}
    Indexer().rebuild()
    assert {pk: row for pk, row in documents().items() if pk in live} == written
