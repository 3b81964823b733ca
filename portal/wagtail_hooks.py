"""Admin for the portal's own snippets: site text, main menu, helplines."""

from django.utils.translation import gettext_lazy as _

from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from portal.models import Helpline, MainMenu, SiteText


class SiteTextViewSet(SnippetViewSet):
    model = SiteText
    icon = "site"
    menu_label = _("Site text")
    menu_order = 900
    add_to_settings_menu = True
    list_display = ["network_name", "locale", "alert_active"]


class MainMenuViewSet(SnippetViewSet):
    model = MainMenu
    icon = "list-ul"
    menu_label = _("Main menu")
    list_display = ["__str__", "locale"]


class HelplineViewSet(SnippetViewSet):
    model = Helpline
    icon = "mobile-alt"
    menu_label = _("Helplines")
    list_display = ["number", "name", "hours", "locale"]
    sort_order_field = "sort_order"


class SiteChromeGroup(SnippetViewSetGroup):
    """The words and links around every page, in one admin menu."""

    items = (MainMenuViewSet, HelplineViewSet)
    menu_icon = "list-ul"
    menu_label = _("Menu and helplines")
    menu_order = 250


register_snippet(SiteTextViewSet)
register_snippet(SiteChromeGroup)
