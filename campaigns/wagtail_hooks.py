"""Wagtail hooks of the campaigns app: each part registers its own in its module."""
from campaigns import admin_events  # noqa: E402

admin_events.register()
