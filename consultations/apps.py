from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConsultationsConfig(AppConfig):
    """E-consultations (articles, comments, moderation, results, exports) and surveys."""

    name = "consultations"
    verbose_name = _("Consultations")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from consultations import admin_views, search, signals, views  # noqa: F401 (views register: core.page_views)

        signals.connect()
        search.register_builders()
