from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConsultationsConfig(AppConfig):
    """E-consultations (articles, comments, moderation, results, exports) and surveys."""

    name = "consultations"
    verbose_name = _("Consultations")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from consultations import search, signals

        signals.connect()
        search.register_builders()
