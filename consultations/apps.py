from django.apps import AppConfig


class ConsultationsConfig(AppConfig):
    """Placeholder until its issue: the app exists so the layout is stable."""

    name = "consultations"
    default_auto_field = "django.db.models.BigAutoField"
