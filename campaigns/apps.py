from django.apps import AppConfig


class CampaignsConfig(AppConfig):
    """Placeholder until its issue: the app exists so the layout is stable."""

    name = "campaigns"
    default_auto_field = "django.db.models.BigAutoField"
