"""Opening hours: is a service open now, and when does it open next?

Times are wall-clock times in Europe/Athens. We work on local dates and times
(not UTC offsets), so a service that opens at 09:00 opens at 09:00 on both sides
of a DST change, and an overnight shift (20:00 → 08:00 next day) is open at
02:00 on the night the clocks change.

Rules, in order of precedence for a given date:
1. a `closed` exception covering the date closes the service all day;
2. dated special hours covering the date replace the weekly hours for that date;
3. otherwise the weekly hours apply (rows without dates, or whose validity covers the date).
An overnight row that starts on date D also covers the early hours of D+1.
"""

import datetime
from dataclasses import dataclass
from zoneinfo import ZoneInfo

ATHENS = ZoneInfo("Europe/Athens")
LOOKAHEAD_DAYS = 14


@dataclass(frozen=True)
class Interval:
    start: datetime.datetime  # naive local time
    end: datetime.datetime
    note: str = ""


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


def _covers(row, date):
    return not (row.valid_from and date < row.valid_from) and not (row.valid_to and date > row.valid_to)


def _applies_on_weekday(row, date):
    return not row.weekdays or date.weekday() in row.weekdays


def intervals_for_date(schedules, date):
    """Opening intervals that start on `date` (an overnight one ends on the next day)."""
    rows = list(schedules)
    for row in rows:
        if row.closed and _covers(row, date) and (row.valid_from or row.valid_to) and _applies_on_weekday(row, date):
            return []
        if row.closed and not (row.valid_from or row.valid_to) and row.weekdays and date.weekday() in row.weekdays:
            return []
    special = [
        r
        for r in rows
        if not r.closed and (r.valid_from or r.valid_to) and _covers(r, date) and _applies_on_weekday(r, date)
    ]
    chosen = special or [
        r for r in rows if not r.closed and not (r.valid_from or r.valid_to) and _applies_on_weekday(r, date)
    ]
    intervals = []
    for row in chosen:
        if row.opens_at is None or row.closes_at is None:
            continue
        start = datetime.datetime.combine(date, row.opens_at)
        end_date = date + datetime.timedelta(days=1) if row.closes_next_day or row.closes_at <= row.opens_at else date
        intervals.append(Interval(start, datetime.datetime.combine(end_date, row.closes_at), row.description))
    return sorted(intervals, key=lambda i: i.start)


def local_now(now=None):
    """Naive Athens wall-clock time for an aware datetime (default: now)."""
    now = now or datetime.datetime.now(datetime.UTC)
    if now.tzinfo is None:
        return now
    return now.astimezone(ATHENS).replace(tzinfo=None)


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
                return OpeningStatus(is_open=True, closes_at=interval.end)
    for day_offset in range(LOOKAHEAD_DAYS):
        for interval in intervals_for_date(rows, today + datetime.timedelta(days=day_offset)):
            if interval.start > here:
                return OpeningStatus(is_open=False, opens_at=interval.start, today=today)
    return OpeningStatus(is_open=False)


def weekly_table(schedules):
    """[(weekday, [Interval-like (opens, closes, overnight, note)])] for Monday..Sunday, regular hours only."""
    rows = [r for r in schedules if not r.closed and not (r.valid_from or r.valid_to)]
    table = []
    for weekday in range(7):
        day_rows = sorted(
            (r for r in rows if weekday in (r.weekdays or [])), key=lambda r: r.opens_at or datetime.time()
        )
        table.append((weekday, day_rows))
    return table


def upcoming_exceptions(schedules, today=None):
    """Closures and special hours that have not ended yet, soonest first."""
    today = today or local_now().date()
    rows = [r for r in schedules if (r.valid_from or r.valid_to) and (r.valid_to or r.valid_from) >= today]
    return sorted(rows, key=lambda r: r.valid_from or today)
