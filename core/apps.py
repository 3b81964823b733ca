from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    """Shared plumbing: request guards and helpers that every app may use.

    No models. It imports no other Koinonia app, so any of them can depend on it.
    """

    name = "core"
    verbose_name = _("Core")
    default_auto_field = "django.db.models.BigAutoField"
