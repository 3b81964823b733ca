"""Wagtail hooks of the campaigns app: each part registers its own in its module."""

from campaigns import (
    admin_alerts,
    admin_events,
    admin_newsletter,
    admin_reach,  # noqa: F401 (registers its own hooks)
)

admin_newsletter.register()
admin_events.register()
admin_alerts.register()
