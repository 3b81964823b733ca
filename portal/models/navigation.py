"""The ways around the site: the main menu and the helplines.

Both are translatable snippets (one copy per language, sharing a translation key),
so editors manage them in the admin per language and wagtail-localize lists them
with what needs translating. A language without its own copy shows the Greek one.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel, PageChooserPanel
from wagtail.models import Locale, Orderable, TranslatableMixin


class MainMenu(TranslatableMixin, ClusterableModel):
    """The header's menu for one language: an ordered list of links.

    A snippet rather than the home page's children with "show in menus": the menu
    must also point at places that are not children of the home page (good
    practices, the surveys section of the consultations page, a search) and keep
    the order editors choose.
    """

    panels = [InlinePanel("items", label=_("Links"), min_num=1)]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("main menu")
        verbose_name_plural = _("main menus")

    def __str__(self):
        return str(_("Main menu (%(language)s)") % {"language": self.locale.get_display_name()})

    @classmethod
    def for_locale(cls, locale):
        """This language's menu, else the default language's, else None."""
        return cls.objects.filter(locale=locale).first() or cls.objects.filter(locale=Locale.get_default()).first()

    def links(self, request=None):
        """The menu as plain data (title, url, path, depth), in the menu's language.

        Plain data so that it can be cached until the next publish. A page link that
        wagtail-localize copied from the Greek menu still points at the Greek page:
        `.localized` follows it to this language's page when there is one.
        """
        links = []
        for item in self.items.select_related("page"):
            link = item.link(self.locale, request)
            if link:
                links.append(link)
        return links


class MainMenuItem(TranslatableMixin, Orderable):
    """One link of the main menu: a page (with an optional #fragment) or a URL."""

    menu = ParentalKey(MainMenu, related_name="items", on_delete=models.CASCADE)
    title = models.CharField(_("title"), max_length=80, blank=True, help_text=_("Leave empty to use the page's title."))
    page = models.ForeignKey(
        "wagtailcore.Page", verbose_name=_("page"), null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    fragment = models.SlugField(
        _("section of the page"), max_length=80, blank=True, help_text=_("Optional: the id of a heading, e.g. surveys.")
    )
    url = models.CharField(
        _("or a URL"), max_length=300, blank=True, help_text=_("A path such as /el/search/?type=survey, or a full URL.")
    )

    panels = [FieldPanel("title"), PageChooserPanel("page"), FieldPanel("fragment"), FieldPanel("url")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("menu link")
        ordering = ["sort_order"]

    def clean(self):
        if not self.page_id and not self.url:
            raise ValidationError(_("Choose a page or enter a URL."))
        if self.url and not self.title:
            raise ValidationError({"title": _("Enter the title of the link.")})

    def link(self, locale, request=None):
        if self.page_id:
            page = self.page.get_translation_or_none(locale) or self.page
            if not page.live:
                return None
            url = page.get_url(request)
            if not url:
                return None
            return {
                "title": self.title or page.title,
                "url": url + (f"#{self.fragment}" if self.fragment else ""),
                "path": page.path,
                "depth": page.depth,
                "fragment": self.fragment,
            }
        return {"title": self.title, "url": self.url, "path": "", "depth": 0, "fragment": ""}


class Helpline(TranslatableMixin, Orderable):
    """A national phone line for emergencies and crises, shown wherever a visitor may be
    stuck: the home page, every "nothing found" page, the 404 page, the print guide.

    `source` records where the number was checked, so that the next editor can check
    it again; it is not shown to visitors.
    """

    number = models.CharField(_("number"), max_length=20, help_text=_("As dialled, e.g. 112 or 15900."))
    name = models.CharField(_("name"), max_length=120)
    description = models.CharField(_("what it is for"), max_length=255, blank=True)
    hours = models.CharField(_("when"), max_length=80, blank=True, help_text=_("E.g. 24 hours, every day."))
    source = models.URLField(_("checked against"), blank=True, help_text=_("The official page that gives the number."))

    panels = [
        FieldPanel("number"),
        FieldPanel("name"),
        FieldPanel("description"),
        FieldPanel("hours"),
        FieldPanel("source"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("helpline")
        verbose_name_plural = _("helplines")
        ordering = ["sort_order"]

    def __str__(self):
        return f"{self.number} {self.name}"

    @classmethod
    def for_locale(cls, locale):
        """This language's helplines, else the default language's (as plain data)."""
        lines = cls.objects.filter(locale=locale)
        if not lines.exists():
            lines = cls.objects.filter(locale=Locale.get_default())
        return [
            {"number": h.number, "name": h.name, "description": h.description, "hours": h.hours}
            for h in lines.order_by("sort_order", "pk")
        ]
