"""Keep the search index in step with the page lifecycle.

Which hook sees what:

* `post_save` of a page, for a full save. Wagtail's publish and unpublish actions
  both end in a full save of the page (with live=True and the new content, or with
  live=False), and so do pages created live by importers, scripts and factories that
  never call publish(). So this one hook covers publishing (including the publication
  of a new translation, which is just a page in another locale), unpublishing and
  direct saves; listening to `page_published`/`page_unpublished` as well would only
  index every publication twice. Saves of bookkeeping fields only (a draft
  revision, a lock, a workflow step) leave the live content unchanged and are
  ignored. The page object given is the one being saved, whose child rows
  (locations, hours) may still be in memory only; the builder reads it as given.
* `post_page_move` and `page_slug_changed`: every URL below the page changed.
* `post_delete`: the page is gone.
* Inside `search.indexing.defer_indexing()` (bulk imports) these hooks only record
  the change; the index is written once when the block ends.
* The reference data builders read (taxonomy terms, areas) is dropped by the app
  that owns it when it changes (directory/search.py).
"""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from wagtail.models import Page
from wagtail.signals import page_slug_changed, post_page_move

from search.documents import builder_for
from search.indexing import Indexer, pending_changes

#: Fields Wagtail saves without changing what is live.
BOOKKEEPING_FIELDS = frozenset(
    {
        "latest_revision",
        "latest_revision_created_at",
        "has_unpublished_changes",
        "draft_title",
        "locked",
        "locked_at",
        "locked_by",
        "approved_go_live_at",
        "go_live_at",
        "expire_at",
        "expired",
        "owner",
    }
)


def _is_indexable(instance):
    return isinstance(instance, Page) and builder_for(instance) is not None


def _indexer():
    """Where a change goes: the changes being recorded inside `defer_indexing()`, or an
    Indexer that writes it now. Both take the same calls."""
    pending = pending_changes()
    return Indexer() if pending is None else pending


@receiver(post_save)
def page_saved(sender, instance, raw=False, update_fields=None, **kwargs):
    if raw or not _is_indexable(instance):
        return
    if update_fields is not None and set(update_fields) <= BOOKKEEPING_FIELDS:
        return
    _indexer().page_changed(instance)


@receiver(post_page_move)
def page_moved(sender, instance, parent_page_before=None, **kwargs):
    _indexer().subtree_changed(instance, previous_parent=parent_page_before)


@receiver(page_slug_changed)
def page_slug_was_changed(sender, instance, **kwargs):
    _indexer().subtree_changed(instance)


@receiver(post_delete)
def page_deleted(sender, instance, **kwargs):
    # Multi-table inheritance sends this for the specific model and for Page itself;
    # the specific one (which has a builder) is enough.
    if _is_indexable(instance) and type(instance) is not Page:
        _indexer().page_removed(instance.pk, instance.translation_key, instance.path)
