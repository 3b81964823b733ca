"""The text under consultation, as StreamField blocks.

Each top-level block has a UUID that Wagtail keeps across edits, reordering and
wagtail-localize translations; comments point at that id (`Comment.article_key`),
so an editor can rewrite, move or translate an article without touching its
comments. Chapters are headings in the same flat stream (not nested blocks), which
keeps every article at the top level where its id is stable and easy to find.
"""

from django.utils.translation import gettext_lazy as _

from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock

ARTICLE_TEXT_FEATURES = ["bold", "italic", "ol", "ul", "link", "document-link"]


class ChapterBlock(blocks.StructBlock):
    """A heading that groups the articles after it (e.g. "Κεφάλαιο Α΄ – Γενικές διατάξεις")."""

    heading = blocks.CharBlock(label=_("Chapter heading"), max_length=255)

    class Meta:
        icon = "folder-open-inverse"
        label = _("Chapter")


class ArticleBlock(blocks.StructBlock):
    """One article: what citizens comment on."""

    number = blocks.CharBlock(label=_("Number"), max_length=60, required=False, help_text=_("For example “Άρθρο 3”."))
    title = blocks.CharBlock(label=_("Title"), max_length=255, required=False)
    text = blocks.RichTextBlock(label=_("Text"), features=ARTICLE_TEXT_FEATURES)

    class Meta:
        icon = "doc-full"
        label = _("Article")


class ConsultationTextBlock(blocks.StreamBlock):
    chapter = ChapterBlock()
    article = ArticleBlock()


class ConsultationDocumentBlock(blocks.StructBlock):
    """A document under consultation (usually the PDF of the draft) with a visible title."""

    document = DocumentChooserBlock(label=_("Document"))
    title = blocks.CharBlock(
        label=_("Title"), max_length=255, required=False, help_text=_("Leave empty to use the document's title.")
    )

    class Meta:
        icon = "doc-full-inverse"
        label = _("Document")


def article_label(value):
    """ "Άρθρο 3 – Τίτλος", "Άρθρο 3" or "Τίτλος": how an article is named everywhere."""
    number, title = (value.get("number") or "").strip(), (value.get("title") or "").strip()
    if number and title:
        return f"{number} – {title}"
    return number or title
