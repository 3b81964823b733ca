"""The front cache follows campaigns going online and offline.

Wagtail's frontend-cache app refreshes a published page's own address; a campaign is
also shown on its language's campaigns index and home page ("running now"), which the
front cache would keep showing without it for up to KOINONIA_FRONT_CACHE_SECONDS. A
campaign exists in its own language only (campaigns.models.pages), so these are the
addresses of that one language. `publish_scheduled` publishes and unpublishes through
the same signals, so a scheduled campaign appears on the home page when it goes live.
"""

from django.dispatch import receiver

from wagtail.signals import page_published, page_unpublished

from campaigns.models import CampaignPage
from directory.cache import purge_front_cache


def campaign_urls(page):
    """The campaign, its index and its home page: full addresses."""
    urls = {page.get_full_url()}
    index = page.get_parent()
    if index is not None:
        urls.add(index.get_full_url())
        home = index.get_parent()
        if home is not None and home.depth > 1:
            urls.add(home.get_full_url())
    return {url for url in urls if url}


@receiver(page_published, sender=CampaignPage)
@receiver(page_unpublished, sender=CampaignPage)
def _refresh_listings(sender, instance, **kwargs):
    purge_front_cache(campaign_urls(instance))
