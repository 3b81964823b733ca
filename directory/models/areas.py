"""Greek administrative areas (Kallikratis/Kleisthenis): Region → Regional unit →
Municipality → Community.

A plain parent/child tree of translatable snippets. Areas carry the alternative
names people actually use ("Μαρούσι" for Δήμος Αμαρουσίου) so that matching an
address, a filter or a search word to a place does not depend on the official form.
"""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.models import TranslatableMixin
from wagtail.search import index

from directory.text import greek_fold

# Greece and its islands, with a margin: anything outside is a typo.
GREECE_LATITUDE = (34.5, 42.0)
GREECE_LONGITUDE = (19.0, 30.0)


class AreaLevel(models.TextChoices):
    REGION = "region", _("Region")
    REGIONAL_UNIT = "regional_unit", _("Regional unit")
    MUNICIPALITY = "municipality", _("Municipality")
    COMMUNITY = "community", _("Community")


class AdministrativeArea(TranslatableMixin, index.Indexed, models.Model):
    """One node of the administrative tree, in one language."""

    code = models.SlugField(
        _("code"),
        max_length=40,
        help_text=_("Stable identifier, the same in every language (e.g. ΥΠΕΣ/Kallikratis code)."),
    )
    level = models.CharField(_("level"), max_length=20, choices=AreaLevel.choices)
    name = models.CharField(_("name"), max_length=200, help_text=_("Official name, e.g. 'Δήμος Αμαρουσίου'."))
    short_name = models.CharField(
        _("short name"), max_length=120, blank=True, help_text=_("Everyday name, e.g. 'Μαρούσι'.")
    )
    parent = models.ForeignKey(
        "self", verbose_name=_("belongs to"), null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    alternative_names = models.TextField(
        _("alternative names"),
        blank=True,
        help_text=_("One per line: other spellings and everyday names, e.g. 'Μαρούσι', 'Αμαρούσιο'."),
    )
    latitude = models.FloatField(
        _("latitude"), null=True, blank=True, validators=[MinValueValidator(-90), MaxValueValidator(90)]
    )
    longitude = models.FloatField(
        _("longitude"), null=True, blank=True, validators=[MinValueValidator(-180), MaxValueValidator(180)]
    )
    #: Accent- and case-folded names for matching (kept in sync on save).
    match_names = models.TextField(editable=False, blank=True)

    panels = [
        FieldPanel("name"),
        FieldPanel("short_name"),
        FieldPanel("code"),
        FieldPanel("level"),
        FieldPanel("parent"),
        FieldPanel("alternative_names"),
        MultiFieldPanel([FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")])], heading=_("Map point")),
    ]
    search_fields = [
        index.SearchField("name"),
        index.SearchField("alternative_names"),
        index.AutocompleteField("name"),
        index.FilterField("level"),
        index.FilterField("locale_id"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("administrative area")
        verbose_name_plural = _("administrative areas")
        unique_together = [("translation_key", "locale"), ("code", "locale")]
        ordering = ["name"]
        indexes = [models.Index(fields=["level", "locale"])]

    def __str__(self):
        return self.display_name

    def save(self, *args, **kwargs):
        self.match_names = "\n".join(sorted({greek_fold(n) for n in self.all_names()}))
        super().save(*args, **kwargs)

    @property
    def display_name(self):
        return self.short_name or self.name

    def all_names(self):
        names = [self.name, self.short_name, *self.alternative_names.splitlines()]
        return [n.strip() for n in names if n and n.strip()]

    def ancestors(self):
        """From the region down to the parent, without self."""
        chain, node = [], self.parent
        while node is not None:
            chain.append(node)
            node = node.parent
        return list(reversed(chain))

    def municipality(self):
        """The municipality this area is or belongs to (None above municipality level)."""
        node = self
        while node is not None and node.level != AreaLevel.MUNICIPALITY:
            node = node.parent
        return node
