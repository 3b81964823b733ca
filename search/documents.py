"""The plain search document, and the builders that turn pages into documents.

Both backends index exactly what the builders build, so "what is searchable" is
decided once. A document carries:

* text in three weights: A (title, alternate name), B (categories, target groups,
  themes), C (places, description and the rest), each also as Greeklish keys
  (search/text.py);
* filter/facet keys: "type:service", "category:food", "area:m-67"…, which the
  filters registered with search.registry select;
* public map points and the opening hours (for "open now" on Elasticsearch);
* what a result shows: title, URL, summary, organisation, places.

Builders are registered per page model (`register`): write a builder, register it,
and publishing, the signals and `rebuild_search_index` pick it up. Each app that owns
page types registers them from its AppConfig.ready() (directory/search.py: services,
organisations, good practices; consultations/search.py: consultations and surveys;
portal/search.py: standard pages), so each app decides what of its pages is public
enough to be found, and this module knows none of them (search.registry lists the
rest of what an app can tell search).
"""

import html
import re
import time
from dataclasses import dataclass, field

from django.conf import settings
from django.utils.html import strip_tags
from django.utils.text import Truncator

from wagtail.models import Locale, Page

from search import text as search_text
from search.relations import BatchRelations, PageRelations, ScheduleRow  # noqa: F401 (re-exported for builders)

SUMMARY_LENGTH = 600
#: A summary made from the start of a longer text (see DocumentBuilder.short_summary).
SHORT_SUMMARY_LENGTH = 300
#: Tags after which rich text starts a new line (see DocumentBuilder.html_text).
_BLOCK_BREAK = re.compile(r"<(?:br|/?(?:p|div|li|ul|ol|h[1-6]|blockquote|pre|tr|td|th))\b[^>]*>", re.IGNORECASE)


@dataclass
class Document:
    """One page, flattened for search. Plain data: no ORM objects inside."""

    page_id: int
    locale: str
    translation_key: str
    doc_type: str
    title: str
    url: str
    hsds_id: str | None = None
    summary: str = ""
    organisation: str = ""
    place_names: list = field(default_factory=list)
    status: str = ""
    text_a: str = ""
    text_b: str = ""
    text_c: str = ""
    keys: list = field(default_factory=list)
    points: list = field(default_factory=list)
    schedules: list = field(default_factory=list)
    #: Languages in which this document is shown (itself, or a Greek page where no
    #: translation is indexed). Filled in by the indexer, which sees the siblings.
    visible_in: list = field(default_factory=list)

    def weighted_text(self):
        """(weight, folded content text, Greeklish keys) for A, B and C."""
        weighted = []
        for weight, value in (("A", self.text_a), ("B", self.text_b), ("C", self.text_c)):
            words = search_text.content_words(value)  # folded once, used twice
            weighted.append((weight, " ".join(words), " ".join(filter(None, map(search_text.word_stem, words)))))
        return weighted

    def all_keys(self):
        return sorted({*self.keys, *(f"in:{code}" for code in self.visible_in)})


class BuildContext:
    """Reference data loaded once per batch, so building a document costs no extra
    queries: what each app registered with `register_reference` (the directory's
    taxonomy terms and areas with their names in every language), each loaded the
    first time a builder asks for it (`reference(name)`)."""

    def __init__(self):
        self.default_language = Locale.get_default().language_code
        self._references = {}

    def reference(self, name):
        if name not in self._references:
            self._references[name] = _REFERENCES[name]()
        return self._references[name]


#: Name → factory of the reference data builders read (see BuildContext).
_REFERENCES = {}


def register_reference(name, factory):
    """Make `factory()` available to builders as `context.reference(name)`."""
    _REFERENCES[name] = factory


#: BuildContext reused across changes for this long (seconds): publishing a page
#: should not reload every area and term. Saving a term or an area drops it at once
#: in this process (search/signals.py); other processes catch up within the TTL.
CONTEXT_TTL_SECONDS = 60
_shared_context = {"context": None, "built": 0.0}


def shared_context():
    """A recent BuildContext (see CONTEXT_TTL_SECONDS)."""
    now = time.monotonic()
    if _shared_context["context"] is None or now - _shared_context["built"] > CONTEXT_TTL_SECONDS:
        _shared_context["context"] = BuildContext()
        _shared_context["built"] = now
    return _shared_context["context"]


def forget_reference_data():
    _shared_context["context"] = None


class DocumentBuilder:
    """Base builder: subclasses say which pages they index and what text they hold.

    `build(page, context, relations)` reads the page's own fields from the page and
    everything else through `relations` (search/relations.py): the page object for a
    single page, one query per relation for a batch."""

    doc_type = "page"
    model = Page
    #: The type's name in results ("Service") and in the type facet ("Services").
    label = ""
    label_plural = ""
    #: Place in the type facet (the directory first: what most visitors come for).
    order = 100

    def queryset(self):
        """Live pages of this builder's model."""
        return self.model.objects.live().select_related("locale")

    def build(self, page, context, relations=None):
        """The page's Document, or None when the page is not to be found on its own
        (the indexer then removes any document it had)."""
        raise NotImplementedError

    def build_many(self, pages, context):
        """Documents for a batch of pages of this builder's model (pages without one left out)."""
        relations = self.batch_relations(pages, context)
        return [document for page in pages if (document := self.build(page, context, relations)) is not None]

    def page_relations(self):
        """What `build` reads besides the page's fields, for one page (see search/relations.py)."""
        return PageRelations()

    def batch_relations(self, pages, context):
        """The same for a batch of pages of this builder's model, a query per relation."""
        return BatchRelations(self.model, pages, context)

    def status_label(self, status):
        """What a result of this type says about its document's `status`, in the active
        language. Asked at search time, not at indexing time, so that a status that
        depends on the clock (a consultation's deadline) is read when it is shown."""
        return ""

    # Helpers shared by the builders -------------------------------------------------

    def base(self, page, context, relations, **fields):
        return Document(
            page_id=page.pk,
            locale=page.locale.language_code,
            translation_key=str(page.translation_key),
            doc_type=self.doc_type,
            title=page.title,
            url=relations.url(page),
            **fields,
        )

    @staticmethod
    def join(*parts):
        return "\n".join(p for p in parts if p)

    @staticmethod
    def short_summary(text):
        """The first SHORT_SUMMARY_LENGTH characters of `text` on one line, cut on a word:
        what a result shows for a page without a summary of its own."""
        return Truncator(" ".join(text.split())).chars(SHORT_SUMMARY_LENGTH)

    @staticmethod
    def html_text(value):
        """Rich text as plain lines. Block ends become line breaks before the tags go,
        so the last word of a paragraph and the first of the next stay two words, and
        entities are decoded, so a summary does not show "&amp;" (results escape it)."""
        text = html.unescape(strip_tags(_BLOCK_BREAK.sub("\n", value or "")))
        return "\n".join(" ".join(line.split()) for line in text.splitlines() if line.strip())


#: Page model label → builder. `register` adds more (consultations, campaigns…).
_BUILDERS: dict[str, DocumentBuilder] = {}


def register(model_label, builder):
    """Make pages of `model_label` ("app.Model") searchable through `builder`."""
    _BUILDERS[model_label.lower()] = builder


def builders():
    return list(_BUILDERS.values())


def doc_types():
    """Document types of the registered builders, in the order of the type facet."""
    ordered = sorted(_BUILDERS.values(), key=lambda builder: builder.order)
    return tuple(dict.fromkeys(builder.doc_type for builder in ordered))


def builder_for_type(doc_type):
    """The builder of documents of `doc_type` ("service", "consultation"…), or None."""
    return next((builder for builder in _BUILDERS.values() if builder.doc_type == doc_type), None)


def builder_for(page):
    """The builder of a page (any Page instance, specific or not), or None."""
    return _BUILDERS.get(f"{page.specific_class._meta.app_label}.{page.specific_class._meta.model_name}")


def content_languages():
    return [code for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES]
