"""How consultations and surveys are found through the site search (search/documents.py).

Only what the page itself publishes is indexed: a consultation's title, summary,
responsible body, introduction and the text under consultation; a survey's title and
introduction. Comments, the names and e-mails of commenters and survey answers live
in their own tables and are never read here, so nothing a citizen sent can be found
through search, whatever its moderation state.

A consultation opens and closes by the clock, without anyone publishing anything, so
a status worked out when the page was indexed ("open") would be wrong the day after
the deadline. The document's `status` therefore carries the dates with the state it
had when indexed, e.g. "open:20250301T0600Z-20250314T2159Z" (UTC, to the minute:
deadlines are shown to the minute), and `status_label` works the state out again
when a result is shown. Archived and "results published" depend on the page alone
and are stored as they are. Surveys follow the same scheme with their optional dates.
"""

import datetime
from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from consultations.dates import format_deadline
from consultations.models import ConsultationPage, ConsultationStatus, SurveyPage
from search import documents
from search.documents import SUMMARY_LENGTH, DocumentBuilder, PageRelations

STAMP_FORMAT = "%Y%m%dT%H%MZ"
ARCHIVED = "archived"


@dataclass(frozen=True)
class Window:
    """A status read back from a document: the state when indexed and the dates."""

    state: str
    starts_at: datetime.datetime | None = None
    ends_at: datetime.datetime | None = None
    # The attribute names ConsultationPage.status_at reads, so the consultations' own
    # rule decides the state (see consultation_state).
    results_published: bool = False

    @property
    def opens_at(self):
        return self.starts_at

    @property
    def closes_at(self):
        return self.ends_at


def _stamp(moment):
    return moment.astimezone(datetime.UTC).strftime(STAMP_FORMAT) if moment else ""


def _moment(stamp):
    if not stamp:
        return None
    return datetime.datetime.strptime(stamp, STAMP_FORMAT).replace(tzinfo=datetime.UTC)


def encode_status(state, starts_at=None, ends_at=None):
    """ "open:20250301T0600Z-20250314T2159Z"; a state without dates is stored alone."""
    if starts_at is None and ends_at is None:
        return state
    return f"{state}:{_stamp(starts_at)}-{_stamp(ends_at)}"


def decode_status(status):
    """The Window of an encoded status; a bad or foreign value gives an empty state."""
    state, _sep, dates = (status or "").partition(":")
    starts, _dash, ends = dates.partition("-")
    try:
        return Window(state, _moment(starts), _moment(ends))
    except ValueError:
        return Window("")


def consultation_state(window, now=None):
    """The state of a consultation now, by the rule of ConsultationPage.status_at."""
    if window.state in (ARCHIVED, ConsultationStatus.RESULTS):
        return window.state
    if window.starts_at is None or window.ends_at is None:
        return window.state
    return ConsultationPage.status_at(window, now or timezone.now())


def survey_state(window, now=None):
    """upcoming, open or closed now, by the rule of SurveyPage.is_open_at."""
    now = now or timezone.now()
    if SurveyPage.is_open_at(window, now):
        return ConsultationStatus.OPEN
    if window.starts_at is not None and now < window.starts_at:
        return ConsultationStatus.UPCOMING
    return ConsultationStatus.CLOSED


class ConsultationDocumentBuilder(DocumentBuilder):
    """A consultation is found by its title, summary, responsible body and the text
    of its articles, and its result says whether it still takes comments."""

    doc_type = "consultation"
    model = ConsultationPage
    label = _lazy("Consultation")
    label_plural = _lazy("Consultations")
    order = 40

    def build(self, page, context, relations=None):
        relations = relations or PageRelations()
        return self.base(
            page,
            context,
            relations,
            summary=page.summary[:SUMMARY_LENGTH],
            organisation=page.responsible_body,
            status=self.status(page),
            text_a=page.title,
            text_b=self.join(page.summary, page.responsible_body),
            text_c=self.join(self.html_text(page.introduction), *self.article_texts(page)),
            keys=["type:consultation"],
        )

    @staticmethod
    def status(page):
        """Archived, results published, or the state now with the dates. The dates and
        flags are those of the page in the default language (`canonical`): the server
        enforces that deadline, whichever translation a citizen reads."""
        canonical = page.canonical
        if canonical.archived:
            return ARCHIVED
        state = canonical.status_at()
        if state == ConsultationStatus.RESULTS:
            return state
        return encode_status(state, canonical.starts_at, canonical.ends_at)

    def article_texts(self, page):
        """Chapter headings, article numbers, titles and texts, in reading order."""
        parts, chapter = [], ""
        for article in page.articles():
            if article.chapter and article.chapter != chapter:
                chapter = article.chapter
                parts.append(chapter)
            text = getattr(article.text, "source", article.text) or ""
            parts.extend([article.number, article.title, self.html_text(text)])
        return parts

    def status_label(self, status):
        window = decode_status(status)
        state = consultation_state(window)
        if state == ARCHIVED:
            return _("This consultation is archived.")
        if state == ConsultationStatus.RESULTS:
            return str(ConsultationStatus.RESULTS.label)
        if window.ends_at is None:
            return ""
        end = format_deadline(window.ends_at)
        if state == ConsultationStatus.UPCOMING:
            return _("Opens on %(start)s, comments until %(end)s") % {
                "start": format_deadline(window.starts_at),
                "end": end,
            }
        if state == ConsultationStatus.OPEN:
            return _("Comments until %(end)s") % {"end": end}
        return _("Closed on %(end)s") % {"end": end}


class SurveyDocumentBuilder(DocumentBuilder):
    """A survey is found by its title and introduction; never by its questions' answers."""

    doc_type = "survey"
    model = SurveyPage
    label = _lazy("Survey")
    label_plural = _lazy("Surveys")
    order = 50

    def build(self, page, context, relations=None):
        relations = relations or PageRelations()
        intro = self.html_text(page.intro)
        return self.base(
            page,
            context,
            relations,
            summary=self.short_summary(intro),
            status=self.status(page),
            text_a=page.title,
            text_c=intro,
            keys=["type:survey"],
        )

    @staticmethod
    def status(page):
        state = survey_state(Window("", page.opens_at, page.closes_at))
        return encode_status(state, page.opens_at, page.closes_at)

    def status_label(self, status):
        window = decode_status(status)
        if not window.state:
            return ""
        state = survey_state(window)
        if state == ConsultationStatus.UPCOMING:
            return _("This survey opens on %(when)s.") % {"when": format_deadline(window.starts_at)}
        if state == ConsultationStatus.OPEN:
            return _("Open for answers")
        return _("Not open for answers")


def register_builders():
    """Called from ConsultationsConfig.ready()."""
    documents.register("consultations.ConsultationPage", ConsultationDocumentBuilder())
    documents.register("consultations.SurveyPage", SurveyDocumentBuilder())
