"""Full rebuilds of the PostgreSQL index, fast and never empty.

Everything happens in one transaction (DELETE, then INSERT): until it commits,
searches keep reading the old rows (DELETE, unlike TRUNCATE, takes no lock readers
wait on), so the index is never empty or half-built.

Where the time goes, at 50,000 pages: about half in Python (reading pages, folding,
Greeklish keys) and half in PostgreSQL (the Greek stemmer in to_tsvector, the GIN
indexes). Outside any transaction (the management command) the two overlap: this
thread builds the next batch while a writer thread, on its own connection, has
PostgreSQL store the previous one. Inside a transaction (tests, or a caller's own
atomic block) it writes in the caller's connection, one batch after the other, so
the caller's transaction sees its own rebuild.
"""

import queue
import threading
from collections import Counter

from django.db import connection, transaction

#: Batches waiting for the writer: enough to keep it busy, not enough to fill memory.
QUEUE_BATCHES = 2
_DONE, _ABORT = object(), object()


class Lexicon:
    """Counts the words of the documents written, for `search_lexicon`."""

    def __init__(self, entries):
        self.entries = entries  # document → {key: display}
        self.counts = Counter()
        self.displays = {}

    def add(self, documents):
        for document in documents:
            for key, display in self.entries(document).items():
                self.counts[key] += 1
                self.displays.setdefault(key, Counter())[display] += 1

    def rows(self):
        return [(key, self.displays[key].most_common(1)[0][0], n) for key, n in self.counts.items()]


def rebuild(write, entries, batches, progress=None):
    """Replace every document with those of `batches`. `write(cursor, documents)` stores
    one batch; `entries(document)` gives its lexicon words. Returns the count."""
    if connection.in_atomic_block:
        return _rebuild_here(write, entries, batches, progress)
    return _rebuild_alongside(write, entries, batches, progress)


def _start(cursor):
    cursor.execute("DELETE FROM search_point")
    cursor.execute("DELETE FROM search_document")


def _finish(cursor, lexicon):
    cursor.execute("DELETE FROM search_lexicon")
    cursor.executemany("INSERT INTO search_lexicon (key, display, documents) VALUES (%s, %s, %s)", lexicon.rows())


def _analyze():
    """Reclaim the rows the rebuild replaced and refresh the planner's statistics
    (outside any transaction: VACUUM cannot run inside one)."""
    with connection.cursor() as cursor:
        for table in ("search_document", "search_point", "search_lexicon"):
            cursor.execute(f"VACUUM ANALYZE {table}")  # noqa: S608 - fixed table names


def _rebuild_here(write, entries, batches, progress):
    count, lexicon = 0, Lexicon(entries)
    with transaction.atomic(), connection.cursor() as cursor:
        _start(cursor)
        for documents in batches:
            write(cursor, documents)
            lexicon.add(documents)
            count += len(documents)
            if progress:
                progress(len(documents))
        _finish(cursor, lexicon)
    return count


def _rebuild_alongside(write, entries, batches, progress):
    pending = queue.Queue(maxsize=QUEUE_BATCHES)
    outcome = {"count": 0, "error": None}
    lexicon = Lexicon(entries)

    def writer():
        ended = False  # whether the producer's last word (_DONE or _ABORT) was read
        try:
            with transaction.atomic(), connection.cursor() as cursor:
                _start(cursor)
                while True:
                    documents = pending.get()
                    if documents is _ABORT:
                        ended = True
                        raise RuntimeError("rebuild aborted")
                    if documents is _DONE:
                        ended = True
                        break
                    write(cursor, documents)
                    outcome["count"] += len(documents)
                    if progress:
                        progress(len(documents))
                _finish(cursor, lexicon)
        except BaseException as error:  # reported to the main thread, which raises it
            outcome["error"] = error
            while not ended:  # unblock the producer until it says it has stopped
                ended = pending.get() in (_DONE, _ABORT)
        finally:
            connection.close()

    thread = threading.Thread(target=writer, name="search-rebuild-writer", daemon=True)
    thread.start()
    end = _ABORT
    try:
        for documents in batches:
            lexicon.add(documents)  # before handing over: the lexicon is written last
            pending.put(documents)
            if outcome["error"] is not None:
                break
        else:
            end = _DONE
    finally:
        pending.put(end)
        thread.join()
    if outcome["error"] is not None:
        raise outcome["error"]
    _analyze()
    return outcome["count"]
