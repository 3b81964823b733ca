"""Wagtail hooks of the campaigns app: each part registers its own in its module."""
