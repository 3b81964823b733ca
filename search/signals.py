"""Keep the search index in step with the page lifecycle.

Which hook sees what:

* `post_save` of a page, for a full save: publishing (Wagtail saves the page with
  its new content, including a newly published translation), unpublishing (saves it
  with live=False), and pages created live by importers, scripts and factories that
  never call publish(). Saves of bookkeeping fields only (a draft revision, a lock)
  leave the live content unchanged and are ignored. The page object given is the
  one being saved, with child rows (locations, hours) possibly still in memory only;
  the builder reads it as given.
* `page_published`, `page_unpublished`: Wagtail's own lifecycle signals, sent after
  the children are committed; they re-index once more so the stored rows win.
* `post_page_move` and `page_slug_changed`: every URL below the page changed.
* `post_delete`: the page is gone.
"""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from wagtail.models import Page
from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

from search.documents import builder_for
from search.indexing import Indexer

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


@receiver(post_save)
def page_saved(sender, instance, raw=False, update_fields=None, **kwargs):
    if raw or not _is_indexable(instance):
        return
    if update_fields is not None and set(update_fields) <= BOOKKEEPING_FIELDS:
        return
    Indexer().page_changed(instance)


@receiver(page_published)
@receiver(page_unpublished)
def page_lifecycle(sender, instance, **kwargs):
    if _is_indexable(instance):
        Indexer().page_changed(instance)


@receiver(post_page_move)
def page_moved(sender, instance, **kwargs):
    Indexer().subtree_changed(instance)


@receiver(page_slug_changed)
def page_slug_was_changed(sender, instance, **kwargs):
    Indexer().subtree_changed(instance)


@receiver(post_delete)
def page_deleted(sender, instance, **kwargs):
    # Multi-table inheritance sends this for the specific model and for Page itself;
    # the specific one (which has a builder) is enough.
    if _is_indexable(instance) and type(instance) is not Page:
        Indexer().page_removed(instance.pk, instance.translation_key, instance.path)
