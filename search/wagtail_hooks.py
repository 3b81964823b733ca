"""Synonyms are a snippet editors manage (and translate) under "Snippets"."""

from django.utils.translation import gettext_lazy as _

from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from search.models import Synonym


class SynonymViewSet(SnippetViewSet):
    model = Synonym
    icon = "search"
    menu_label = _("Search synonyms")
    list_display = ["term", "also_means", "locale"]
    search_fields = ["term", "also_means"]
    add_to_admin_menu = False


register_snippet(SynonymViewSet)
