"""Cached chrome (menu, site text, helplines) must change as soon as an editor saves."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from core import cache
from directory.models import ServiceCategory, TargetGroup
from portal.models import Helpline, MainMenu, MainMenuItem, SiteText


@receiver(post_save, sender=SiteText)
@receiver(post_delete, sender=SiteText)
@receiver(post_save, sender=MainMenu)
@receiver(post_delete, sender=MainMenu)
@receiver(post_save, sender=MainMenuItem)
@receiver(post_delete, sender=MainMenuItem)
@receiver(post_save, sender=Helpline)
@receiver(post_delete, sender=Helpline)
@receiver(post_save, sender=ServiceCategory)
@receiver(post_save, sender=TargetGroup)
def site_text_changed(sender, **kwargs):
    cache.invalidate()
