"""From pages to the backend: single pages as they change, and full rebuilds.

A page is never indexed alone: with it go its translations (the "translation
group"), because whether the Greek page is shown to English visitors depends on
whether an English translation is published. Re-indexing a group of two or three
documents on every change keeps that rule in one place (`visible_languages`) and
the backends free of it.
"""

import logging
import time
from collections import defaultdict

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ObjectDoesNotExist
from django.db import transaction

from wagtail.models import Locale, Page

from directory import cache as directory_cache
from search.backends import get_backend
from search.documents import BuildContext, builder_for, builders, content_languages, shared_context

logger = logging.getLogger(__name__)

BATCH_SIZE = 500


def indexable_content_types():
    return [ContentType.objects.get_for_model(builder.model) for builder in builders()]


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

    def subtree_changed(self, page):
        """A page moved or changed its slug: every URL below it changed."""
        self._run(lambda: self._subtree_changed(page))

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
            directory_cache.invalidate()

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
        self._index_parent(page.path)
        if page.specific_class is not None and builder_for(page).doc_type == "organisation":
            self._index_pages(Page.objects.child_of(page).live())

    def _page_removed(self, page_id, translation_key, path):
        self.backend.remove([page_id])
        self._index_group(translation_key)
        self._index_parent(path)

    def _subtree_changed(self, page):
        self._index_pages(Page.objects.descendant_of(page, inclusive=True).live())
        self._index_parent(page.path)

    def _index_parent(self, path):
        """Re-index the page above the page at `path` (an organisation gathers its services)."""
        parent_path = path[: -Page.steplen]
        if not parent_path:
            return
        parent = Page.objects.filter(path=parent_path, live=True).first()
        if parent is not None and builder_for(parent) is not None:
            self._index_group(parent.translation_key)

    def _index_pages(self, pages):
        keys = set(pages.filter(content_type__in=indexable_content_types()).values_list("translation_key", flat=True))
        for key in keys:
            self._index_group(key)

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
        live_languages = defaultdict(set)
        for key, language in (
            Page.objects.live()
            .filter(content_type__in=indexable_content_types())
            .values_list("translation_key", "locale__language_code")
        ):
            live_languages[key].add(language)
        context = BuildContext()
        for builder in builders():
            ids = list(builder.queryset().order_by("pk").values_list("pk", flat=True))
            for start in range(0, len(ids), batch_size):
                pages = list(builder.queryset().filter(pk__in=ids[start : start + batch_size]).order_by("pk"))
                documents = builder.build_many(pages, context)
                for document in documents:
                    document.visible_in = visible_languages(
                        document.locale, live_languages[_uuid(document.translation_key)], default
                    )
                yield documents

    def rebuild(self, progress=None, batch_size=BATCH_SIZE):
        """Rebuild the whole index. Returns (documents, seconds)."""
        started = time.perf_counter()
        total = self.count()
        count = self.backend.rebuild(self.iter_batches(batch_size), total, progress=progress)
        directory_cache.invalidate()
        return count, time.perf_counter() - started


def _uuid(value):
    import uuid

    return value if isinstance(value, uuid.UUID) else uuid.UUID(str(value))
