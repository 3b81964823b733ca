"""Cached chrome (menu, site text) must change as soon as an editor saves."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from directory import cache
from portal.models import SiteText


@receiver(post_save, sender=SiteText)
@receiver(post_delete, sender=SiteText)
def site_text_changed(sender, **kwargs):
    cache.invalidate()
