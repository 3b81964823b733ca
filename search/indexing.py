"""From pages to the backend: single pages as they change, and full rebuilds.

A page is never indexed alone: with it go its translations (the "translation
group"), because whether the Greek page is shown to English visitors depends on
whether an English translation is published. Re-indexing a group of two or three
documents on every change keeps that rule in one place (`visible_languages`) and
the backends free of it.

Bulk writers (the HSDS import) wrap their work in `defer_indexing()`: the signals
then only record which pages changed, and the index is written once at the end, in
batches, instead of once per save (an organisation used to be re-indexed once for
every service saved under it).
"""

import contextlib
import contextvars
import functools
import logging
import operator
import time
from collections import defaultdict

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ObjectDoesNotExist
from django.db import connection, transaction
from django.db.models import Q

from wagtail.models import Locale, Page

from core import cache as core_cache
from search.backends import get_backend
from search.documents import BuildContext, builder_for, builders, content_languages, shared_context

logger = logging.getLogger(__name__)

BATCH_SIZE = 500
#: Paths per query when looking for the pages below many pages at once.
PATHS_PER_QUERY = 200


def _builders_by_content_type():
    return {ContentType.objects.get_for_model(builder.model).pk: builder for builder in builders()}


def indexable_content_types():
    """Ids of the content types that have a builder."""
    return list(_builders_by_content_type())


def _live_languages(translation_keys=None):
    """{translation key: languages in which that page is live}, for every indexable page
    or for the given translation groups."""
    pages = Page.objects.live().filter(content_type__in=indexable_content_types())
    if translation_keys is not None:
        pages = pages.filter(translation_key__in=translation_keys)
    languages = defaultdict(set)
    for key, language in pages.values_list("translation_key", "locale__language_code"):
        languages[key].add(language)
    return languages


def visible_languages(language, live_languages, default_language):
    """Where a document is shown: its own language, and for a page in the default
    language also every language in which no translation of it is published."""
    if language != default_language:
        return [language]
    return [language, *(code for code in content_languages() if code != language and code not in live_languages)]


class Indexer:
    """Keeps one backend in step with the pages."""

    def __init__(self, backend=None):
        self.backend = backend or get_backend()

    # -- single pages (signals) ------------------------------------------------------

    def page_changed(self, page):
        """Index a page (or drop it if no longer live) with its translations and the
        organisation above it, whose document gathers its services' needs and places."""
        self._run(lambda: self._page_changed(page))

    def page_removed(self, page_id, translation_key, path):
        self._run(lambda: self._page_removed(page_id, translation_key, path))

    def subtree_changed(self, page, previous_parent=None):
        """A page moved or changed its slug: every URL below it changed. A page that
        moved also left its `previous_parent`, whose document gathered it."""
        self._run(lambda: self._subtree_changed(page, previous_parent))

    def flush(self, pending):
        """Index what `defer_indexing` recorded: every affected translation group once,
        in batches, and the documents of pages that are gone or no longer live removed.

        The pages are read back from the database, not from the objects the signals
        saw: by now their child rows are saved, and a change that was rolled back is
        simply not there (a page created in a failed import record is gone)."""
        if not pending:
            return
        if connection.in_atomic_block and connection.needs_rollback:
            # The transaction that made these changes is rolling back: none of them stays.
            return
        self._run(lambda: self._flush(pending))

    def _run(self, work):
        """Write now (in a savepoint, so a search failure cannot break a publish), or
        after commit for an external index. Search trouble is logged, never raised:
        a page must publish even when its index entry cannot be written."""

        def guarded():
            self._context = None
            try:
                with transaction.atomic():
                    work()
            except Exception:
                logger.exception("Search index update failed; run `manage.py rebuild_search_index`.")
            # Cached answers (browsing, counts) of the old index are stale now.
            core_cache.invalidate()

        if self.backend.index_after_commit:
            transaction.on_commit(guarded)
        else:
            guarded()

    def _page_changed(self, page):
        if builder_for(page) is None:
            return
        if page.live:
            self._index_group(page.translation_key, current=page)
        else:
            self.backend.remove([page.pk])
            self._index_group(page.translation_key)
        self._when_saved(lambda: self._index_parent(page.path))
        if page.specific_class is not None and builder_for(page).doc_type == "organisation":
            self._index_pages(Page.objects.child_of(page).live())

    def _when_saved(self, work):
        """Do `work` once the save under way has finished. Page.save() is atomic and
        writes a page's child rows (its categories, locations, hours) after post_save
        has fired, so the organisation above a service, whose document reads those rows
        back from the database, is indexed when that transaction commits, not before."""
        transaction.on_commit(lambda: self._run(work))

    def _page_removed(self, page_id, translation_key, path):
        self.backend.remove([page_id])
        self._index_group(translation_key)
        self._index_parent(path)

    def _subtree_changed(self, page, previous_parent=None):
        self._index_pages(Page.objects.descendant_of(page, inclusive=True).live())
        self._index_parent(page.path)
        if previous_parent is not None:
            self._index_at(previous_parent.path)

    def _flush(self, pending):
        by_type = _builders_by_content_type()
        steplen = Page.steplen
        keys = set(pending.removed.values())
        parent_paths = set(pending.parent_paths)
        organisation_paths, subtree_paths = [], []
        rows = Page.objects.filter(pk__in=pending.changed | pending.subtrees).values_list(
            "pk", "translation_key", "path", "content_type_id"
        )
        for pk, key, path, content_type in rows:
            parent_paths.add(path[:-steplen])
            if pk in pending.changed and content_type in by_type:
                keys.add(key)
                if by_type[content_type].doc_type == "organisation":
                    organisation_paths.append(path)  # its services show its name
            if pk in pending.subtrees:
                subtree_paths.append(path)
        live = Page.objects.live().filter(content_type__in=list(by_type))
        parent_paths.discard("")
        keys.update(live.filter(path__in=parent_paths).values_list("translation_key", flat=True))
        for paths, children_only in ((organisation_paths, True), (subtree_paths, False)):
            for start in range(0, len(paths), PATHS_PER_QUERY):
                below = _below(paths[start : start + PATHS_PER_QUERY], children_only)
                keys.update(live.filter(below).values_list("translation_key", flat=True))
        indexed = self._index_groups(keys)
        self.backend.remove(sorted((pending.changed | set(pending.removed)) - indexed))

    def _index_parent(self, path):
        """Re-index the page above the page at `path` (an organisation gathers its services)."""
        self._index_at(path[: -Page.steplen])

    def _index_at(self, path):
        """Re-index the page at `path` if it is live and indexable."""
        if not path:
            return
        page = Page.objects.filter(path=path, live=True).first()
        if page is not None and builder_for(page) is not None:
            self._index_group(page.translation_key)

    def _index_pages(self, pages):
        self._index_groups(
            set(pages.filter(content_type__in=indexable_content_types()).values_list("translation_key", flat=True))
        )

    def _index_groups(self, keys, batch_size=BATCH_SIZE):
        """(Re)index every live page of these translation groups from the database, a
        batch of groups at a time with one query per relation (`build_many`), as a
        rebuild does. Returns the ids of the pages indexed."""
        keys = sorted(keys, key=str)
        default = Locale.get_default().language_code
        context = self.context()
        indexed = set()
        for start in range(0, len(keys), batch_size):
            chunk = keys[start : start + batch_size]
            live_languages = _live_languages(chunk)
            for builder in builders():
                pages = list(builder.queryset().filter(translation_key__in=chunk).order_by("pk"))
                if not pages:
                    continue
                documents = _with_visibility(builder.build_many(pages, context), live_languages, default)
                self.backend.index(documents)
                built = {document.page_id for document in documents}
                self.backend.remove(sorted({page.pk for page in pages} - built))  # merged into another result
                indexed.update(built)
        return indexed

    def _index_group(self, translation_key, current=None):
        """(Re)index every live page sharing `translation_key`, `current` as given in memory
        (a page being saved has child rows that are not in the database yet)."""
        live = list(
            Page.objects.live()
            .filter(translation_key=translation_key, content_type__in=indexable_content_types())
            .select_related("locale")
        )
        if current is not None and current.pk not in {p.pk for p in live}:
            live.append(current)
        if not live:
            return
        default = Locale.get_default().language_code
        languages = {p.locale.language_code for p in live}
        context = self.context()
        documents = []
        for page in live:
            builder = builder_for(page)
            if builder is None:
                continue
            given = current is not None and page.pk == current.pk and isinstance(current, builder.model)
            try:
                specific = current if given else page.specific
            except ObjectDoesNotExist:  # half-deleted: a delete is cascading through this subtree
                continue
            document = builder.build(specific, context)
            if document is None:  # merged into another result (see OrganisationDocumentBuilder)
                self.backend.remove([page.pk])
                continue
            document.visible_in = visible_languages(document.locale, languages, default)
            documents.append(document)
        self.backend.index(documents)

    def context(self):
        """Reference data for building, loaded once per change (not once per page)."""
        if getattr(self, "_context", None) is None:
            self._context = shared_context()
        return self._context

    # -- everything (rebuild_search_index) -------------------------------------------

    def count(self):
        return sum(builder.queryset().count() for builder in builders())

    def iter_batches(self, batch_size=BATCH_SIZE):
        """Documents of every live indexable page, in batches, with their visibility."""
        default = Locale.get_default().language_code
        live_languages = _live_languages()
        context = BuildContext()
        for builder in builders():
            ids = list(builder.queryset().order_by("pk").values_list("pk", flat=True))
            for start in range(0, len(ids), batch_size):
                pages = list(builder.queryset().filter(pk__in=ids[start : start + batch_size]).order_by("pk"))
                yield _with_visibility(builder.build_many(pages, context), live_languages, default)

    def rebuild(self, progress=None, batch_size=BATCH_SIZE):
        """Rebuild the whole index. Returns (documents, seconds)."""
        started = time.perf_counter()
        total = self.count()
        count = self.backend.rebuild(self.iter_batches(batch_size), total, progress=progress)
        core_cache.invalidate()
        return count, time.perf_counter() - started


def _uuid(value):
    import uuid

    return value if isinstance(value, uuid.UUID) else uuid.UUID(str(value))


def _with_visibility(documents, live_languages, default):
    """Fill in where each document is shown, from the live languages of its group."""
    for document in documents:
        document.visible_in = visible_languages(
            document.locale, live_languages[_uuid(document.translation_key)], default
        )
    return documents


def _below(paths, children_only):
    """Pages below any of `paths` (inclusive), or only their children."""
    conditions = []
    for path in paths:
        condition = Q(path__startswith=path)
        if children_only:
            condition &= Q(depth=len(path) // Page.steplen + 1)
        conditions.append(condition)
    return functools.reduce(operator.or_, conditions)


# -- deferring (bulk writes) -------------------------------------------------------------


class PendingChanges:
    """What changed while indexing was deferred, by page: only ids and paths, so that
    recording costs nothing and the flush reads every page back once."""

    def __init__(self):
        self.changed = set()
        #: page id → translation key: a removed page's row is gone by the flush.
        self.removed = {}
        self.subtrees = set()
        #: Paths of the pages above changes, as they were when recorded (a page that
        #: moved away or was deleted leaves an organisation to re-index).
        self.parent_paths = set()

    def __bool__(self):
        return bool(self.changed or self.removed or self.subtrees)

    # The same calls as Indexer's, so that the signals hand a change to either.

    def page_changed(self, page):
        self.changed.add(page.pk)
        self.parent_paths.add(page.path[: -Page.steplen])

    def page_removed(self, page_id, translation_key, path):
        self.removed[page_id] = translation_key
        self.parent_paths.add(path[: -Page.steplen])

    def subtree_changed(self, page, previous_parent=None):
        self.subtrees.add(page.pk)
        if previous_parent is not None:
            self.parent_paths.add(previous_parent.path)


# A context variable, not a module global: a new thread starts with none, so deferring
# in one thread (an import) never holds back the index writes of another (a request).
_pending = contextvars.ContextVar("search_pending_changes", default=None)


def pending_changes():
    """The PendingChanges being recorded by `defer_indexing` here, or None."""
    return _pending.get()


@contextlib.contextmanager
def defer_indexing():
    """Record page changes instead of indexing them, and index them all on the way out.

    For bulk writes: each page is indexed once, however often it was saved, and each
    organisation once, however many services were saved under it. The flush runs on
    every exit, an exception included (re-raised afterwards): work committed before the
    error, such as the import records before a failing one, must be searchable. Nested
    uses join the outermost, which alone flushes."""
    if _pending.get() is not None:
        yield
        return
    pending = PendingChanges()
    token = _pending.set(pending)
    try:
        yield
    finally:
        _pending.reset(token)
        Indexer().flush(pending)
