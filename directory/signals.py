"""Keep derived data (cached counts) in step with the page lifecycle."""

from django.db.models.signals import post_delete
from django.dispatch import receiver

from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

from directory import cache


@receiver(page_published)
@receiver(page_unpublished)
@receiver(post_page_move)
@receiver(page_slug_changed)
def directory_changed(sender, **kwargs):
    cache.invalidate()


@receiver(post_delete)
def page_deleted(sender, instance, **kwargs):
    from wagtail.models import Page

    if isinstance(instance, Page):
        cache.invalidate()
