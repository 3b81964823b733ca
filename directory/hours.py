"""Opening hours of services as people read them: is it open now, when does it open
next, the week in lines ("Mon–Fri 09:00–17:00"), today's closure.

The rule itself (which intervals the rows open on a date, Athens wall-clock time)
is core.hours, shared with search's backends; this module builds what pages show
from it.
"""

import datetime
from dataclasses import dataclass

from core.hours import ATHENS, Interval, applies_on_weekday, covers, intervals_for_date, local_now  # noqa: F401

LOOKAHEAD_DAYS = 14


@dataclass(frozen=True)
class OpeningStatus:
    is_open: bool
    closes_at: datetime.datetime | None = None  # when open
    opens_at: datetime.datetime | None = None  # when closed: next opening, if within the lookahead
    has_hours: bool = True
    today: datetime.date | None = None

    @property
    def opens_today(self):
        return bool(self.opens_at and self.today and self.opens_at.date() == self.today)

    @property
    def opens_tomorrow(self):
        return bool(self.opens_at and self.today and self.opens_at.date() == self.today + datetime.timedelta(days=1))

    @property
    def around_the_clock(self):
        """Open now and not closing within the lookahead: "closes at 00:00" would be wrong."""
        return self.is_open and self.closes_at is None

    @property
    def closes_tomorrow(self):
        # Closing at midnight is "closes at 00:00", not "tomorrow".
        return bool(
            self.closes_at
            and self.today
            and self.closes_at.date() > self.today
            and self.closes_at.time() != datetime.time(0)
        )


def opening_status(schedules, now=None):
    """Whether the service is open at `now` (aware; default: now), and until/from when."""
    rows = list(schedules)
    if not any(not r.closed for r in rows):
        return OpeningStatus(is_open=False, has_hours=False)
    here = local_now(now)
    today = here.date()
    # Yesterday's overnight interval may still be running.
    for day_offset in (-1, 0):
        for interval in intervals_for_date(rows, today + datetime.timedelta(days=day_offset)):
            if interval.start <= here < interval.end:
                return OpeningStatus(is_open=True, closes_at=_closing_time(rows, interval.end, here), today=today)
    for day_offset in range(LOOKAHEAD_DAYS):
        for interval in intervals_for_date(rows, today + datetime.timedelta(days=day_offset)):
            if interval.start > here:
                return OpeningStatus(is_open=False, opens_at=interval.start, today=today)
    return OpeningStatus(is_open=False)


def _closing_time(rows, end, here):
    """When the service really closes: back-to-back openings (00:00–00:00 every day) run on.

    None when it does not close within the lookahead (open around the clock).
    """
    horizon = here + datetime.timedelta(days=LOOKAHEAD_DAYS)
    while end < horizon:
        following = [
            i
            for offset in (-1, 0)
            for i in intervals_for_date(rows, end.date() + datetime.timedelta(days=offset))
            if i.start <= end < i.end
        ]
        if not following:
            return end
        end = max(i.end for i in following)
    return None


def weekly_table(schedules):
    """[(weekday, [schedule rows sorted by opening time])] for Monday..Sunday, regular hours only.

    A regular closure ("closed on Sundays", no dates) empties its weekdays, as it
    does in `intervals_for_date`.
    """
    schedules = list(schedules)
    closed_days = {
        day for r in schedules if r.closed and not (r.valid_from or r.valid_to) for day in (r.weekdays or [])
    }
    rows = [r for r in schedules if not r.closed and not (r.valid_from or r.valid_to)]
    table = []
    for weekday in range(7):
        day_rows = []
        if weekday not in closed_days:
            day_rows = sorted(
                (
                    r
                    for r in rows
                    if weekday in (r.weekdays or []) and r.opens_at is not None and r.closes_at is not None
                ),
                key=lambda r: r.opens_at,
            )
        table.append((weekday, day_rows))
    return table


def upcoming_exceptions(schedules, today=None):
    """Closures and special hours that have not ended yet, soonest first."""
    today = today or local_now().date()
    rows = [r for r in schedules if (r.valid_from or r.valid_to) and (r.valid_to or r.valid_from) >= today]
    return sorted(rows, key=lambda r: r.valid_from or today)


# --- the week as people read it ------------------------------------------------
#
# "Monday–Friday 07:30–15:00", "Saturday–Sunday Closed", "Open 24 hours": the
# weekly table grouped into runs of consecutive days with the same hours. The run
# that ends on Sunday joins the one that starts on Monday when their hours are the
# same ("Friday–Monday 10:00–14:00"), because for people the week has no seam.

MINUTES_PER_DAY = 24 * 60


@dataclass(frozen=True)
class Span:
    """One opening on a day; `overnight` when it closes the next day."""

    opens_at: datetime.time
    closes_at: datetime.time
    overnight: bool = False
    note: str = ""


@dataclass(frozen=True)
class DayGroup:
    """Consecutive weekdays (Monday = 0, in reading order, may wrap past Sunday) with the same hours."""

    weekdays: tuple
    spans: tuple = ()
    all_day: bool = False
    today: int | None = None  # today's weekday, when it falls in this group

    @property
    def first(self):
        return self.weekdays[0]

    @property
    def last(self):
        return self.weekdays[-1]

    @property
    def single_day(self):
        return len(self.weekdays) == 1

    @property
    def every_day(self):
        return len(self.weekdays) == 7

    @property
    def closed(self):
        return not self.all_day and not self.spans

    @property
    def is_today(self):
        return self.today is not None


@dataclass(frozen=True)
class DayHours:
    """The hours of one date when a closure or special hours replace the weekly ones."""

    date: datetime.date
    spans: tuple = ()
    note: str = ""

    @property
    def closed(self):
        return not self.spans


@dataclass(frozen=True)
class WeekSummary:
    groups: tuple
    today: int | None = None
    today_exception: DayHours | None = None  # today's closure or special hours, if any

    @property
    def always_open(self):
        """Open around the clock every day: one line, "Open 24 hours", says it all."""
        return len(self.groups) == 1 and self.groups[0].every_day and self.groups[0].all_day

    @property
    def has_hours(self):
        return any(not g.closed for g in self.groups)


def _overnight(row):
    return bool(row.closes_next_day or row.closes_at <= row.opens_at)


def _minutes(time):
    # 23:59 is how many systems write "until midnight".
    return MINUTES_PER_DAY if time == datetime.time(23, 59) else time.hour * 60 + time.minute


def _span(row):
    return Span(row.opens_at, row.closes_at, _overnight(row), row.description or "")


def _covered(ranges):
    """True when the (start, end) minute ranges cover the whole day."""
    reached = 0
    for start, end in sorted(ranges):
        if start > reached:
            return False
        reached = max(reached, end)
    return reached >= MINUTES_PER_DAY


def _open_all_day(week, weekday):
    """Whether the hours starting on `weekday`, plus the previous night's, cover all 24 hours."""
    ranges = []
    for row in week[weekday][1]:
        start = row.opens_at.hour * 60 + row.opens_at.minute
        end = _minutes(row.closes_at) + (MINUTES_PER_DAY if _overnight(row) else 0)
        ranges.append((start, min(end, MINUTES_PER_DAY)))
    for row in week[(weekday - 1) % 7][1]:
        if _overnight(row):
            ranges.append((0, _minutes(row.closes_at)))
    return _covered(ranges)


def summarise_week(week, exceptions=(), today=None, *, mark_today=True):
    """Group a `weekly_table` into runs of days with the same hours, and mark today.

    `exceptions` are the dated rows (`upcoming_exceptions`): when one covers
    `today` (default: today in Athens), `today_exception` says what replaces the
    weekly hours today (closed, or special hours). A printed guide outlives the
    day it is printed on, so it passes `mark_today=False`.
    """
    week = list(week)
    if len(week) != 7:
        return WeekSummary(groups=())
    today = today or local_now().date()
    keys = []
    for weekday, rows in week:
        if _open_all_day(week, weekday):
            keys.append((True, ()))
        else:
            keys.append((False, tuple(_span(r) for r in rows)))
    runs = []  # [[key, [weekdays]]]
    for weekday, key in enumerate(keys):
        if runs and runs[-1][0] == key:
            runs[-1][1].append(weekday)
        else:
            runs.append([key, [weekday]])
    if len(runs) > 1 and runs[0][0] == runs[-1][0]:
        key, days = runs.pop()
        runs[0][1] = days + runs[0][1]
    groups = tuple(
        DayGroup(
            weekdays=tuple(days),
            spans=spans,
            all_day=all_day,
            today=today.weekday() if mark_today and today.weekday() in days else None,
        )
        for (all_day, spans), days in runs
    )
    if not mark_today:
        return WeekSummary(groups=groups)
    return WeekSummary(groups=groups, today=today.weekday(), today_exception=_today_exception(exceptions, today))


def _today_exception(exceptions, today):
    dated = [
        r for r in exceptions if (r.valid_from or r.valid_to) and covers(r, today) and applies_on_weekday(r, today)
    ]
    if not dated:
        return None
    closures = [r for r in dated if r.closed]
    if closures:
        return DayHours(today, (), closures[0].description or "")
    rows = sorted((r for r in dated if r.opens_at is not None and r.closes_at is not None), key=lambda r: r.opens_at)
    notes = [r.description for r in rows if r.description]
    return DayHours(today, tuple(_span(r) for r in rows), notes[0] if notes else "")
