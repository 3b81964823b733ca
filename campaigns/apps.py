from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CampaignsConfig(AppConfig):
    """The publicity team's app: campaigns, traceable materials, newsletter, events, alerts."""

    name = "campaigns"
    verbose_name = _("Campaigns")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Listens to core.visits.action_noted: actions of campaign visitors are counted.
        from campaigns import (
            reach,  # noqa: F401
            search,
            views_events,  # noqa: F401  (registers the event pages' views, core.page_views)
        )

        search.register_builders()
        # Campaigns going online or offline refresh their index and home page in the front cache;
        # events published or withdrawn, their lists, feeds and home pages in every language.
        from campaigns import (
            signals_events,  # noqa: F401
            signals_pages,  # noqa: F401
        )
