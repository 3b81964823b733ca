"""Admin for the portal's own snippets."""

from django.utils.translation import gettext_lazy as _

from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from portal.models import SiteText


class SiteTextViewSet(SnippetViewSet):
    model = SiteText
    icon = "site"
    menu_label = _("Site text")
    menu_order = 900
    add_to_settings_menu = True
    list_display = ["network_name", "locale", "alert_active"]


register_snippet(SiteTextViewSet)
