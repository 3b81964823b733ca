"""The rule of opening hours: which intervals a set of schedule rows opens on a date,
and the wall-clock time in Europe/Athens those intervals are read in.

One rule for every part of the portal that asks "open now": the directory's pages
(directory/hours.py builds the "open now / opens at" lines and the week on it), the
PostgreSQL backend's SQL (directory.queries.OpenAtFilter, checked against this
by a test) and the Elasticsearch backend's indexed intervals. It reads rows by
attribute (weekdays, opens_at, closes_at, closes_next_day, valid_from, valid_to,
closed, description), so a model row, a search document's ScheduleRow or a test's
plain object are all the same to it.

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


@dataclass(frozen=True)
class Interval:
    start: datetime.datetime  # naive local time
    end: datetime.datetime
    note: str = ""


def covers(row, date):
    return not (row.valid_from and date < row.valid_from) and not (row.valid_to and date > row.valid_to)


def applies_on_weekday(row, date):
    return not row.weekdays or date.weekday() in row.weekdays


def intervals_for_date(schedules, date):
    """Opening intervals that start on `date` (an overnight one ends on the next day)."""
    rows = list(schedules)
    for row in rows:
        if row.closed and covers(row, date) and (row.valid_from or row.valid_to) and applies_on_weekday(row, date):
            return []
        if row.closed and not (row.valid_from or row.valid_to) and row.weekdays and date.weekday() in row.weekdays:
            return []
    special = [
        r
        for r in rows
        if not r.closed and (r.valid_from or r.valid_to) and covers(r, date) and applies_on_weekday(r, date)
    ]
    chosen = special or [
        r for r in rows if not r.closed and not (r.valid_from or r.valid_to) and applies_on_weekday(r, date)
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
