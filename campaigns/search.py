"""How campaigns are found through the site search (search/documents.py).

A campaign is found by its title (weight A), the groups it speaks to (B) and its
summary, body text and areas (C), and filtered by "group:…" and "area:…" like the
social map. Only live campaign pages are indexed (Wagtail's go-live and expiry decide
that, and publishing and unpublishing re-index through search's signals), and each
language's page is its own document: a campaign not translated into a language is
not found in it, as it is not listed there.

Whether a campaign is running depends on the calendar, not on an edit, so the
document's `status` carries the dates ("dates:2026-12-01/2027-02-28") and
`status_label` reads them when a result is shown.
"""

import datetime

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from campaigns.models import CampaignPage
from search import documents
from search.documents import SUMMARY_LENGTH, Document, DocumentBuilder, PageRelations

STATUS_PREFIX = "dates:"


def encode_dates(starts_on, ends_on):
    return f"{STATUS_PREFIX}{starts_on.isoformat() if starts_on else ''}/{ends_on.isoformat() if ends_on else ''}"


def decode_dates(status):
    """(starts_on, ends_on) from a status; a bad or foreign value gives (None, None)."""
    if not (status or "").startswith(STATUS_PREFIX):
        return None, None
    start, _sep, end = status[len(STATUS_PREFIX) :].partition("/")
    try:
        return (
            datetime.date.fromisoformat(start) if start else None,
            datetime.date.fromisoformat(end) if end else None,
        )
    except ValueError:
        return None, None


def body_text(page):
    """The words of the body's text, quote and call-to-action blocks, in reading order."""
    parts = []
    for block in page.body:
        value = block.value
        if block.block_type == "text":
            parts.append(DocumentBuilder.html_text(getattr(value, "source", str(value))))
        elif block.block_type == "quote":
            parts.extend([value.get("quote", ""), value.get("attribution", "")])
        elif block.block_type == "call_to_action":
            parts.extend([value.get("label", ""), value.get("text", "")])
        elif block.block_type in ("image", "video"):
            parts.append(value.get("caption", "") or value.get("title", ""))
        elif block.block_type in ("services", "take_part"):
            parts.append(value.get("heading", "") or value.get("text", ""))
    return DocumentBuilder.join(*parts)


class CampaignDocument(Document):
    """A campaign's document is shown in its own language only.

    The indexer shows a Greek page's document in every language without a published
    translation (`search.indexing.visible_languages`: the social map's Greek fallback),
    and sets `visible_in` after the builder has built the document. A campaign has no
    fallback (campaigns.models.pages), so whatever is set, it stays its own language.
    search/ has no per-type switch for this yet; when it has one, this class goes.
    """

    def __setattr__(self, name, value):
        if name == "visible_in":
            value = [self.locale]
        super().__setattr__(name, value)


class CampaignDocumentBuilder(DocumentBuilder):
    doc_type = "campaign"
    model = CampaignPage
    label = gettext_lazy("Campaign")
    label_plural = gettext_lazy("Campaigns")
    order = 60

    def base(self, page, context, relations, **fields):
        document = super().base(page, context, relations, **fields)
        return CampaignDocument(**{name: getattr(document, name) for name in document.__dataclass_fields__})

    def build(self, page, context, relations=None):
        relations = relations or PageRelations()
        groups = list(page.target_groups.all())
        areas = list(page.areas.all())
        keys = ["type:campaign", *(f"group:{g.code}" for g in groups), *(f"area:{a.code}" for a in areas)]
        return self.base(
            page,
            context,
            relations,
            summary=page.summary[:SUMMARY_LENGTH],
            status=encode_dates(page.starts_on, page.ends_on),
            text_a=page.title,
            text_b=self.join(*(g.name for g in groups)),
            text_c=self.join(page.summary, body_text(page), *(a.name for a in areas)),
            keys=sorted(set(keys)),
        )

    def status_label(self, status):
        starts_on, ends_on = decode_dates(status)
        today = timezone.localdate()
        if starts_on and today < starts_on:
            return _("Starts on %(date)s") % {"date": date_format(starts_on, "j E Y")}
        if ends_on and ends_on < today:
            return _("Ended on %(date)s") % {"date": date_format(ends_on, "j E Y")}
        if ends_on:
            return _("Running until %(date)s") % {"date": date_format(ends_on, "j E Y")}
        return _("Running now") if starts_on else ""


def register_builders():
    """Called from CampaignsConfig.ready()."""
    documents.register("campaigns.CampaignPage", CampaignDocumentBuilder())
