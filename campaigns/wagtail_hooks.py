"""Wagtail hooks of the campaigns app: each part registers its own in its module."""

from campaigns import admin_newsletter  # noqa: E402

admin_newsletter.register()
from campaigns import admin_events  # noqa: E402

admin_events.register()
from campaigns import admin_reach  # noqa: E402, F401 (registers its own hooks)
from campaigns import admin_alerts  # noqa: E402

admin_alerts.register()
