"""How the portal's standard pages (about the network, terms, privacy…) are found
through the site search (search/documents.py)."""

from django.utils.translation import gettext_lazy as _

from portal.models import StandardPage
from search import documents
from search.documents import SUMMARY_LENGTH, DocumentBuilder, PageRelations


class StandardPageDocumentBuilder(DocumentBuilder):
    """A page of text: its title, its introduction (what the page is about, so it ranks
    above words found deep in the body) and its body."""

    doc_type = "page"
    model = StandardPage
    label = _("Information page")
    label_plural = _("Information pages")
    order = 90

    def build(self, page, context, relations=None):
        relations = relations or PageRelations()
        body = self.html_text(page.body)
        summary = page.intro or self.short_summary(body)
        return self.base(
            page,
            context,
            relations,
            summary=summary[:SUMMARY_LENGTH],
            text_a=page.title,
            text_b=page.intro,
            text_c=body,
            keys=["type:page"],
        )


def register_builders():
    """Called from PortalConfig.ready()."""
    documents.register("portal.StandardPage", StandardPageDocumentBuilder())
