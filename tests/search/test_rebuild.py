"""Full rebuilds: the writer thread used outside transactions, and batch = single page.

The threaded path is exercised here with its database steps stubbed out, because a
second connection inside a test's transaction could neither see the test's pages nor
be rolled back with it; bench/search_bench.py runs it for real at 50,000 pages.
"""

import pytest

from search.backends import postgres_rebuild
from search.documents import builder_for, shared_context
from search.relations import PageUrls
from tests.search.conftest import PERISTERI, POINTS

pytestmark = pytest.mark.django_db


@pytest.fixture
def stubbed(monkeypatch):
    written = []
    monkeypatch.setattr(postgres_rebuild, "_start", lambda cursor: written.append("start"))
    monkeypatch.setattr(postgres_rebuild, "_finish", lambda cursor, lexicon: written.append(("finish", lexicon.rows())))
    monkeypatch.setattr(postgres_rebuild, "_analyze", lambda: written.append("analyze"))
    return written


class Doc:
    def __init__(self, n):
        self.n = n


def entries(document):
    return {f"key{document.n % 2}": f"word{document.n % 2}"}


def test_the_writer_thread_writes_every_batch_in_order_then_the_lexicon(stubbed):
    progress = []

    def write(cursor, documents):
        stubbed.append([d.n for d in documents])

    batches = ([Doc(n) for n in range(i, i + 3)] for i in range(0, 9, 3))
    count = postgres_rebuild._rebuild_alongside(write, entries, batches, progress.append)
    assert count == 9 and progress == [3, 3, 3]
    assert stubbed[0] == "start" and stubbed[1:4] == [[0, 1, 2], [3, 4, 5], [6, 7, 8]]
    assert stubbed[4] == ("finish", [("key0", "word0", 5), ("key1", "word1", 4)])
    assert stubbed[5] == "analyze"


def test_a_failed_write_is_raised_and_nothing_is_committed(stubbed):
    def write(cursor, documents):
        raise ValueError("disk full")

    with pytest.raises(ValueError, match="disk full"):
        postgres_rebuild._rebuild_alongside(write, entries, ([Doc(n)] for n in range(20)), None)
    assert not any(isinstance(step, tuple) and step[0] == "finish" for step in stubbed)


def test_a_failure_while_building_aborts_the_writer(stubbed):
    def batches():
        yield [Doc(1)]
        raise KeyError("page vanished")

    with pytest.raises(KeyError):
        postgres_rebuild._rebuild_alongside(lambda cursor, documents: None, entries, batches(), None)
    assert not any(isinstance(step, tuple) and step[0] == "finish" for step in stubbed)


def test_inside_a_transaction_the_rebuild_stays_in_it():
    from django.db import connection

    assert connection.in_atomic_block  # pytest-django's test transaction
    # …so Indexer.rebuild (used throughout these tests) takes the in-connection path.


def test_a_batch_builds_the_same_documents_as_single_pages(indexed):
    context = shared_context()
    for name in ("nursery_peristeri", "shelter", "practice"):
        page = indexed[name]
        builder = builder_for(page)
        single = builder.build(page, context, builder.page_relations())
        batch = builder.build_many(list(builder.queryset().filter(pk=page.pk)), context)[0]
        assert single == batch, name
    org = indexed["orgs"]["peristeri"]
    builder = builder_for(org)
    assert builder.build(org, context) == builder.build_many(list(builder.queryset().filter(pk=org.pk)), context)[0]


def test_batch_urls_are_wagtails_urls(indexed):
    urls = PageUrls()
    for page in (indexed["nursery_peristeri"], indexed["orgs"]["athens"], indexed["practice"]):
        assert urls.url(page) == page.get_url()


def test_confidential_points_stay_out_of_batches_too(indexed):
    shelter = indexed["shelter"]
    document = builder_for(shelter).build_many([shelter], shared_context())[0]
    assert document.points == [] and "Μυστική" not in document.text_c and "Κρυφή" not in document.text_c
    nursery = builder_for(indexed["nursery_peristeri"]).build_many([indexed["nursery_peristeri"]], shared_context())[0]
    assert nursery.points == [POINTS[PERISTERI]]
