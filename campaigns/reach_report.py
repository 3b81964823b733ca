"""The reach of one campaign: per material and per day, scans, visits and what followed.

Past days come from the anonymous daily counts (ReachDay); today, not rolled up yet,
is counted from the day's per-visitor rows the same way `reach.roll_up` will count it,
so the report is the same before and after the roll-up. A campaign's translations are
one campaign: a material belongs to one language's page, a tracked visit may land on
another.
"""

import csv
import datetime
import io
from collections import defaultdict
from dataclasses import dataclass, field

from django import forms
from django.db.models import Count, Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from campaigns.models.reach import SCAN, TOUCH_KIND_CHOICES, VISIT, Material, ReachDay, VisitorTouch
from core.spreadsheets import spreadsheet_safe
from core.visits import ACTION_CHOICES

DEFAULT_DAYS = 30
MAX_DAYS = 366
KIND_LABELS = dict(TOUCH_KIND_CHOICES)
ACTION_KINDS = [kind for kind, _label in ACTION_CHOICES]
COLUMNS = [SCAN, VISIT, *ACTION_KINDS]
#: Column headings of the report's tables (the totals and the CSV use the full labels).
SHORT_LABELS = {
    SCAN: _("Scans"),
    VISIT: _("Tracked visits"),
    "search": _("Searches"),
    "service": _("Services seen"),
    "phone": _("Calls"),
    "directions": _("Directions"),
    "comment": _("Comments"),
    "registration": _("Registrations"),
    "newsletter": _("Sign-ups"),
}


#: Days a report may ask about: reach is counted from 2026 on; the bounds keep date
#: arithmetic (a default start 29 days before the end, a day before the start) away from
#: the ends of the calendar, where it raises OverflowError.
FIRST_DAY = datetime.date(2000, 1, 1)
LAST_DAY = datetime.date(2100, 12, 31)


def _date_input():
    return forms.DateInput(attrs={"type": "date", "min": FIRST_DAY.isoformat(), "max": LAST_DAY.isoformat()})


class ReportPeriodForm(forms.Form):
    """The report's date range (inclusive), at most a year; empty means the last 30 days."""

    start = forms.DateField(label=_("From"), required=False, widget=_date_input())
    end = forms.DateField(label=_("To"), required=False, widget=_date_input())

    def clean(self):
        data = super().clean()
        for name in ("start", "end"):
            day = data.get(name)
            if day is not None and not FIRST_DAY <= day <= LAST_DAY:
                self.add_error(
                    name,
                    _("Choose a day between %(first)s and %(last)s.")
                    % {"first": FIRST_DAY.isoformat(), "last": LAST_DAY.isoformat()},
                )
        if self.errors:
            return data
        end = data.get("end") or timezone.localdate()
        start = data.get("start") or end - datetime.timedelta(days=DEFAULT_DAYS - 1)
        if start > end:
            raise forms.ValidationError(_("The first day must be on or before the last day."))
        if (end - start).days >= MAX_DAYS:
            raise forms.ValidationError(_("Choose at most a year (%(days)s days).") % {"days": MAX_DAYS})
        data["start"], data["end"] = start, end
        return data

    def period(self):
        """(start, end) of a valid form, else the default period."""
        if self.is_valid():
            return self.cleaned_data["start"], self.cleaned_data["end"]
        end = timezone.localdate()
        return end - datetime.timedelta(days=DEFAULT_DAYS - 1), end


@dataclass
class Row:
    """Counts of one day (or one material, or the total): kind → (count, distinct visitors)."""

    counts: dict = field(default_factory=lambda: defaultdict(int))
    visitors: dict = field(default_factory=lambda: defaultdict(int))

    def add(self, kind, count, visitors):
        self.counts[kind] += count
        self.visitors[kind] += visitors

    @property
    def actions(self):
        return sum(self.counts[kind] for kind in ACTION_KINDS)

    @property
    def arrivals(self):
        return self.counts[SCAN] + self.counts[VISIT]

    def cells(self):
        return [self.counts[kind] for kind in COLUMNS]


class ReachReport:
    """Counts of one campaign (all its translations) between two days, inclusive."""

    def __init__(self, campaign, start, end):
        self.campaign = campaign
        self.start, self.end = start, end
        self.campaign_ids = list(campaign.get_translations(inclusive=True).values_list("pk", flat=True))
        self.materials = list(
            Material.objects.filter(campaign_id__in=self.campaign_ids).order_by("kind", "placement", "pk")
        )
        self._load()

    def _records(self):
        """(day, material id, kind, count, visitors) from the daily counts and today's rows."""
        for record in (
            ReachDay.objects.filter(campaign_id__in=self.campaign_ids, day__range=(self.start, self.end))
            .values("day", "material_id", "kind")
            .annotate(total=Sum("count"), people=Sum("visitors"))
        ):
            yield record["day"], record["material_id"], record["kind"], record["total"], record["people"]
        for record in (
            VisitorTouch.objects.filter(campaign_id__in=self.campaign_ids, day__range=(self.start, self.end))
            .values("day", "material_id", "kind")
            .annotate(
                hits=Sum("hits"),
                rows=Count("pk"),
                people=Count("visitor", distinct=True),
            )
        ):
            count = record["hits"] if record["kind"] in (SCAN, VISIT) else record["rows"]
            yield record["day"], record["material_id"], record["kind"], count, record["people"]

    def _load(self):
        self.by_day = defaultdict(Row)
        self.by_material = defaultdict(Row)
        self.by_day_material = defaultdict(Row)
        self.total = Row()
        for day, material_id, kind, count, people in self._records():
            for row in (
                self.by_day[day],
                self.by_material[material_id],
                self.by_day_material[(day, material_id)],
                self.total,
            ):
                row.add(kind, count, people)

    def days(self):
        """Every day of the period, newest first, with its row (empty days included: a gap is news)."""
        day = self.end
        while day >= self.start:
            yield day, self.by_day.get(day, Row())
            day -= datetime.timedelta(days=1)

    def material_rows(self):
        """(material or None for visits without a material, row), materials in order."""
        rows = [(material, self.by_material.get(material.pk, Row())) for material in self.materials]
        if None in self.by_material:
            rows.append((None, self.by_material[None]))
        return rows

    def chart_max(self):
        return max([row.arrivals for _day, row in self.days()] + [row.actions for _day, row in self.days()] + [1])

    def csv(self):
        """Day × material lines, formula-safe (placements are typed by people)."""
        labels = {material.pk: material for material in self.materials}
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow(
            [str(_("Day")), str(_("Short code")), str(_("Placement")), str(_("Kind")), str(_("Channel"))]
            + [str(KIND_LABELS[kind]) for kind in COLUMNS]
        )
        for (day, material_id), row in sorted(
            self.by_day_material.items(), key=lambda item: (item[0][0], item[0][1] or 0)
        ):
            material = labels.get(material_id)
            described = (
                [material.code, material.placement, material.get_kind_display(), material.get_channel_display()]
                if material
                else ["", str(_("Tracked links without a material")), "", ""]
            )
            writer.writerow([spreadsheet_safe(str(value)) for value in [day.isoformat(), *described]] + row.cells())
        return buffer.getvalue()
