from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DirectoryConfig(AppConfig):
    name = "directory"
    verbose_name = _("Social map")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import search, signals, views  # noqa: F401 (views register the pages' views: core.page_views)

        search.register()
