"""Search storage for the PostgreSQL backend, and the synonyms editors manage.

`SearchDocument` holds one row per published page (a translation is its own page and
so its own row). The row is derived data: `rebuild_search_index` can always recreate
it from the pages, so it may be truncated, rebuilt or ignored (the Elasticsearch
backend never reads it). Its primary key *is* the page id, which lets the directory's
own "open now" SQL (`directory.queries.OpenAtFilter`, written against page ids) run
unchanged on search results.

`Synonym` is editorial data (not derived): "γηροκομείο" also means "Μονάδα Φροντίδας
Ηλικιωμένων" and "ΜΦΗ". Both backends expand queries with it at query time, so an
edit takes effect at once, without reindexing. A synonym may also name categories and
target groups: "food", "طعام" and "їжа" then find every service of the food categories,
in whatever language its text is written (the directory's are mostly Greek).
"""

from django import forms
from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex, GistIndex, OpClass
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.models import Locale, TranslatableMixin


class SearchDocument(models.Model):
    """The plain search document of one published page (see search/documents.py)."""

    # No database constraint: the row is derived data, and must never stand in the way
    # of deleting or truncating pages in bulk (deleting through Django still cascades).
    page = models.OneToOneField(
        "wagtailcore.Page", primary_key=True, on_delete=models.CASCADE, related_name="+", db_constraint=False
    )
    locale = models.CharField(max_length=16)
    translation_key = models.UUIDField()
    doc_type = models.CharField(max_length=40)
    title = models.CharField(max_length=255)
    url = models.CharField(max_length=1000)
    hsds_id = models.UUIDField(null=True)
    summary = models.TextField(blank=True)
    organisation = models.CharField(max_length=255, blank=True)
    place_names = ArrayField(models.CharField(max_length=200), default=list)
    status = models.CharField(max_length=40, blank=True)
    #: Folded title, for sorting without regard to accents and case.
    title_folded = models.CharField(max_length=255)
    #: The title's stemmed Greeklish keys: trigram similarity to the query's keys
    #: ranks close titles first, however either was spelt.
    title_keys = models.CharField(max_length=255, blank=True)
    #: Filter and facet keys ("type:service", "category:food", "area:m-67"…).
    keys = ArrayField(models.CharField(max_length=120), default=list)
    #: Languages in which this document is shown (its own, and for a Greek page every
    #: language without a published translation). Apart from `keys`, which facets count.
    visible_in = ArrayField(models.CharField(max_length=16), default=list)
    #: Weighted lexemes: Greek/English stems of the text plus the Greeklish keys.
    search_vector = SearchVectorField(null=True)
    #: The A and B part of `search_vector` alone (title, categories, places): small
    #: enough to be stored inline, so ranking thousands of matches never has to read
    #: (and decompress) the long vectors that carry descriptions.
    rank_vector = SearchVectorField(null=True)
    #: Unstemmed title words and keys, for prefix matching as people type.
    suggest_vector = SearchVectorField(null=True)
    indexed_at = models.DateTimeField(auto_now=True)

    class Meta:
        db_table = "search_document"
        indexes = [
            GinIndex(fields=["search_vector"], name="search_doc_vector_gin"),
            GinIndex(fields=["suggest_vector"], name="search_doc_suggest_gin"),
            GinIndex(fields=["keys"], name="search_doc_keys_gin"),
            models.Index(fields=["translation_key", "locale"], name="search_doc_translation"),
        ]

    def __str__(self):
        return self.title


class SearchPoint(models.Model):
    """A public map point of a document (confidential locations never get one).

    One row per point, so a GiST index on `ll_to_earth(latitude, longitude)` (created
    in the migration) answers "within r km" for services with several locations.
    """

    document = models.ForeignKey(SearchDocument, on_delete=models.CASCADE, related_name="points")
    latitude = models.FloatField()
    longitude = models.FloatField()

    class Meta:
        db_table = "search_point"

    def __str__(self):
        return f"{self.latitude},{self.longitude}"


class SearchLexicon(models.Model):
    """Every word the index holds, by its stemmed Greeklish key (search/text.py).

    Typo tolerance and "did you mean" look up the nearest known keys here with
    trigram distance: a small table (tens of thousands of keys, not documents).
    Keyed by the phonetic stem, so "σταθμός", "σταθμοί" and "stathmos" are one row.
    """

    key = models.CharField(max_length=64, primary_key=True)
    #: The word as most documents write it (accents, final sigma), for "did you mean".
    display = models.CharField(max_length=64)
    documents = models.PositiveIntegerField(default=1)

    class Meta:
        db_table = "search_lexicon"
        indexes = [GistIndex(OpClass("key", name="gist_trgm_ops"), name="search_lexicon_key_trgm")]

    def __str__(self):
        return self.display


def default_locale_terms():
    """Taxonomy terms are chosen once, in the default language (codes are the same in all)."""
    return Q(locale_id=Locale.get_default().pk)


class Synonym(TranslatableMixin, models.Model):
    """A word people use and what it also means, e.g. ΚΑΠΗ = Κέντρο Ανοικτής Προστασίας Ηλικιωμένων.

    Each language has its own synonyms (the locale is the language of the words). With
    categories or groups chosen, any of the words also finds the services of those
    categories and groups through their codes, which every document carries whatever
    its language: that is how "shelter" on /en/ finds the Greek "Ξενώνας φιλοξενίας".
    """

    term = models.CharField(
        _("word or phrase"), max_length=200, help_text=_("What people type, e.g. 'γηροκομείο' or 'ΑμεΑ'.")
    )
    also_means = models.TextField(
        _("also means"),
        blank=True,
        help_text=_(
            "One per line: words or phrases that mean the same, e.g. 'Μονάδα Φροντίδας Ηλικιωμένων' and 'ΜΦΗ'. "
            "A search for any of them finds all of them."
        ),
    )
    categories = models.ManyToManyField(
        "directory.ServiceCategory",
        blank=True,
        related_name="+",
        limit_choices_to=default_locale_terms,
        verbose_name=_("categories"),
        help_text=_("A search for any of these words also finds the services of these categories, in any language."),
    )
    groups = models.ManyToManyField(
        "directory.TargetGroup",
        blank=True,
        related_name="+",
        limit_choices_to=default_locale_terms,
        verbose_name=_("target groups"),
        help_text=_("A search for any of these words also finds the services for these groups, in any language."),
    )

    panels = [
        FieldPanel("term"),
        FieldPanel("also_means"),
        FieldPanel("categories", widget=forms.CheckboxSelectMultiple),
        FieldPanel("groups", widget=forms.CheckboxSelectMultiple),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("search synonym")
        verbose_name_plural = _("search synonyms")
        ordering = ["term"]

    def __str__(self):
        return self.term

    def phrases(self):
        """The term and every equivalent, stripped, without empty lines."""
        lines = [self.term, *self.also_means.splitlines()]
        return [line.strip() for line in lines if line.strip()]

    def codes(self):
        """The document keys this synonym stands for ("category:food", "group:homeless")."""
        if self.pk is None:
            return []
        # .all(), not values_list(): synonym_groups() prefetches both relations.
        return [f"category:{term.code}" for term in self.categories.all()] + [
            f"group:{term.code}" for term in self.groups.all()
        ]
