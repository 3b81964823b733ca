"""Taxonomies of the social map: what a service does, for whom, on what terms.

Each taxonomy is a translatable snippet so that editors can extend and translate it.
Every term has a `code` that is the same in all languages: filters and URLs use codes
(`?category=sitisi`), so a filtered link means the same thing whatever the language,
and pages may point at the Greek term while visitors see `.localized` names.
The codes also carry HSDS taxonomy_term codes in and out of import/export.
"""

import uuid

from wagtail_localize.fields import SynchronizedField, TranslatableField

from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.models import TranslatableMixin
from wagtail.search import index


class TaxonomyTerm(TranslatableMixin, index.Indexed, models.Model):
    """Common shape of every taxonomy: a code shared across languages and a name."""

    #: HSDS `taxonomy` name written on export, e.g. "koinonia-service-category".
    hsds_taxonomy = ""

    code = models.SlugField(
        _("code"),
        max_length=80,
        help_text=_("Stable identifier used in links and data exchange. Same in every language."),
    )
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    hsds_id = models.UUIDField(_("HSDS id"), default=uuid.uuid4, editable=False)
    sort_order = models.PositiveIntegerField(_("sort order"), default=100)

    panels = [FieldPanel("name"), FieldPanel("code"), FieldPanel("description"), FieldPanel("sort_order")]
    # wagtail-localize translates the words; the code (in URLs and HSDS files) and the
    # order stay those of the Greek term.
    translatable_fields = [
        TranslatableField("name"),
        TranslatableField("description"),
        SynchronizedField("code"),
        SynchronizedField("sort_order"),
    ]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name"), index.FilterField("locale_id")]

    class Meta(TranslatableMixin.Meta):
        abstract = True
        ordering = ["sort_order", "name"]

    def __str__(self):
        return self.name

    @classmethod
    def for_codes(cls, codes, locale=None):
        """Terms with the given codes, in `locale` (default: the default locale)."""
        from wagtail.models import Locale

        locale = locale or Locale.get_default()
        return cls.objects.filter(code__in=list(codes), locale=locale)


SENSITIVE_HELP = _(
    "Services of this term are about violence or abuse: their pages, and lists filtered by it, "
    "show a “leave this site quickly” button."
)


def sensitive_field():
    """Marks terms whose pages a visitor may need to hide at once (violence, abuse)."""
    return models.BooleanField(_("sensitive"), default=False, help_text=SENSITIVE_HELP)


class ServiceCategory(TaxonomyTerm):
    """Sector of action, two levels: Βασικά αγαθά → Σίτιση."""

    hsds_taxonomy = "koinonia-service-category"

    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent category"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
        help_text=_("Leave empty for a top-level sector of action."),
    )
    icon = models.CharField(_("icon"), max_length=40, blank=True)
    sensitive = sensitive_field()

    panels = TaxonomyTerm.panels + [FieldPanel("parent"), FieldPanel("icon"), FieldPanel("sensitive")]
    # Marking the Greek term marks its translations when wagtail-localize syncs them.
    translatable_fields = TaxonomyTerm.translatable_fields + [SynchronizedField("sensitive")]
    translatable_fields = TaxonomyTerm.translatable_fields + [
        TranslatableField("parent"),  # the parent's translation in the same language
        SynchronizedField("icon"),
        SynchronizedField("sensitive"),
    ]

    class Meta(TaxonomyTerm.Meta):
        verbose_name = _("service category")
        verbose_name_plural = _("service categories")
        unique_together = [("translation_key", "locale"), ("code", "locale")]

    def __str__(self):
        if self.parent_id:
            return f"{self.parent.name} › {self.name}"
        return self.name


class TargetGroup(TaxonomyTerm):
    """Who a service is for: άτομα με αναπηρία, άστεγοι, μετανάστες και πρόσφυγες…"""

    hsds_taxonomy = "koinonia-target-group"

    sensitive = sensitive_field()

    panels = TaxonomyTerm.panels + [FieldPanel("sensitive")]
    translatable_fields = TaxonomyTerm.translatable_fields + [SynchronizedField("sensitive")]
    translatable_fields = TaxonomyTerm.translatable_fields + [SynchronizedField("sensitive")]

    class Meta(TaxonomyTerm.Meta):
        verbose_name = _("target group")
        verbose_name_plural = _("target groups")
        unique_together = [("translation_key", "locale"), ("code", "locale")]


class AccessCondition(TaxonomyTerm):
    """On what terms a service is reached: free, by appointment, with a referral…"""

    hsds_taxonomy = "koinonia-access-condition"

    class Meta(TaxonomyTerm.Meta):
        verbose_name = _("access condition")
        verbose_name_plural = _("access conditions")
        unique_together = [("translation_key", "locale"), ("code", "locale")]


class AccessibilityFeature(TaxonomyTerm):
    """Physical and sensory accessibility of the places where a service is given."""

    hsds_taxonomy = "koinonia-accessibility"

    class Meta(TaxonomyTerm.Meta):
        verbose_name = _("accessibility feature")
        verbose_name_plural = _("accessibility features")
        unique_together = [("translation_key", "locale"), ("code", "locale")]


class Language(TaxonomyTerm):
    """A language spoken at a service; `code` is the ISO 639-1 code (HSDS language.code)."""

    hsds_taxonomy = "koinonia-language"

    class Meta(TaxonomyTerm.Meta):
        verbose_name = _("language")
        verbose_name_plural = _("languages")
        unique_together = [("translation_key", "locale"), ("code", "locale")]
