from django.apps import AppConfig


class SearchConfig(AppConfig):
    """Placeholder until its issue: the app exists so the layout is stable."""

    name = "search"
    default_auto_field = "django.db.models.BigAutoField"
