"""Read-side queries of consultations and surveys, kept out of the views.

`ConsultationComments` answers everything the public pages and exports ask about
one consultation's comments (whichever language's page is given); `SurveyResults`
counts a survey's answers.
"""

from collections import Counter, OrderedDict
from dataclasses import dataclass, field

from django.db.models import Count, F, Q, Window
from django.db.models.functions import RowNumber

from consultations.models import (
    COUNTED_TYPES,
    SCALE_POINTS,
    Comment,
    Stance,
    SurveyFieldType,
)


@dataclass
class ArticleTally:
    """One row of the results table: an article (or the general comments) and its counts."""

    key: str
    label: str
    total: int = 0
    stances: dict = field(default_factory=dict)

    @property
    def no_stance(self):
        return self.total - sum(self.stances.values())


class ConsultationComments:
    def __init__(self, page):
        self.page = page
        self.articles = page.articles()
        self.labels = {article.key: article.label for article in self.articles}
        self.order = {article.key: article.position for article in self.articles}

    def all(self):
        return Comment.objects.for_consultation(self.page)

    def published(self, article=None):
        comments = self.all().published().select_related("consultation")
        if article is not None:
            comments = comments.filter(article_key=article)
        return comments.order_by("published_at", "pk")

    def first_per_article(self, limit):
        """The first `limit` published comments of each article, in one query (a window function)."""
        ranked = (
            self.all()
            .published()
            .annotate(
                rank=Window(
                    RowNumber(), partition_by=[F("article_key")], order_by=[F("published_at").asc(), F("pk").asc()]
                )
            )
            .filter(rank__lte=limit)
            .order_by("article_key", "rank")
        )
        grouped = {}
        for comment in ranked:
            grouped.setdefault(comment.article_key, []).append(comment)
        return grouped

    def counts_by_article(self):
        """{article_key: number of published comments}; "" holds the general comments."""
        rows = self.all().published().values("article_key").annotate(n=Count("pk"))
        return {row["article_key"]: row["n"] for row in rows}

    def label_for(self, key, fallback=""):
        from django.utils.translation import gettext

        if not key:
            return gettext("General comments")
        return self.labels.get(key) or fallback or key

    def tallies(self):
        """Per-article counts and stances of the published comments, in reading order."""
        stance_counts = {stance: Count("pk", filter=Q(stance=stance)) for stance in Stance.values}
        rows = self.all().published().values("article_key").annotate(total=Count("pk"), **stance_counts)
        by_key = {row["article_key"]: row for row in rows}
        keys = ["", *[article.key for article in self.articles]]
        # Articles removed from the text cannot have comments (the edit form refuses), but
        # a comment on a key the page no longer knows is still counted, never dropped.
        keys += sorted(k for k in by_key if k not in keys)
        tallies = []
        for key in keys:
            row = by_key.get(key, {"total": 0})
            tallies.append(
                ArticleTally(
                    key=key,
                    label=self.label_for(key),
                    total=row["total"],
                    stances={stance: row.get(stance, 0) for stance in Stance.values},
                )
            )
        return tallies

    def in_article_order(self, comments):
        """General comments first, then by article as the text reads, then by date."""
        return sorted(
            comments,
            key=lambda c: (
                0 if not c.article_key else 1,
                self.order.get(c.article_key, len(self.order)),
                c.created_at,
                c.pk,
            ),
        )

    def export_rows(self):
        return self.in_article_order(self.published())

    def staff_rows(self):
        comments = self.all().select_related("moderated_by", "replied_by").prefetch_related("decisions__user", "flags")
        return self.in_article_order(comments)


class SurveyResults:
    """Counts per answer for the counted questions (choices, multiple choices, scale)."""

    def __init__(self, page, municipality=""):
        self.page = page
        self.fields = list(page.get_form_fields())
        submissions = page.get_submission_class().objects.filter(page=page)
        if municipality:
            submissions = submissions.filter(municipality_code=municipality)
        self.submissions = submissions

    @property
    def total(self):
        return self.submissions.count()

    def questions(self):
        """[(field, [(answer, count), ...], answered)] in the questions' order; free text excluded."""
        counters = OrderedDict((f.clean_name, Counter()) for f in self.fields if f.field_type in COUNTED_TYPES)
        answered = Counter()
        for data in self.submissions.values_list("form_data", flat=True):
            for name, counter in counters.items():
                value = data.get(name)
                values = value if isinstance(value, list) else [value]
                values = [str(v) for v in values if v not in (None, "")]
                if values:
                    answered[name] += 1
                counter.update(values)
        result = []
        for f in self.fields:
            if f.clean_name not in counters:
                continue
            counter = counters[f.clean_name]
            options = self._options(f)
            rows = [(option, counter.get(option, 0)) for option in options]
            rows += [(value, n) for value, n in counter.items() if value not in options]
            result.append((f, rows, answered[f.clean_name]))
        return result

    @staticmethod
    def _options(survey_field):
        if survey_field.field_type == SurveyFieldType.SCALE:
            return [str(n) for n in range(1, SCALE_POINTS + 1)]
        from wagtail.contrib.forms.forms import FormBuilder

        return [value for value, _label in FormBuilder([]).get_formatted_field_choices(survey_field)]

    def municipality_counts(self):
        rows = (
            self.page.get_submission_class()
            .objects.filter(page=self.page)
            .exclude(municipality_code="")
            .values("municipality_code")
            .annotate(n=Count("pk"))
            .order_by("-n")
        )
        return {row["municipality_code"]: row["n"] for row in rows}

    def free_text_answers(self):
        names = [f for f in self.fields if f.field_type == SurveyFieldType.FREE_TEXT]
        for submission in self.submissions.order_by("submit_time"):
            for f in names:
                value = submission.form_data.get(f.clean_name)
                if value:
                    yield f, submission, value
