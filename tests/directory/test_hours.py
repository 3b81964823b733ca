"""Opening-hours rules in Europe/Athens: DST, overnight hours, closures, special hours.

The SQL filter (`ServiceQuery.open_now`) must agree with the Python rules
(`directory.hours`) at every instant, so the last test compares both on the
real database across a week that contains a DST change.
"""

import datetime
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

import pytest

from directory.factories import ServicePageFactory, ServiceScheduleFactory
from directory.hours import local_now, opening_status, weekly_table
from directory.models import ServicePage
from directory.queries import OpenAtFilter, ServiceQuery

ATHENS = ZoneInfo("Europe/Athens")
T = datetime.time


@dataclass
class Row:
    weekdays: list = field(default_factory=list)
    opens_at: datetime.time | None = None
    closes_at: datetime.time | None = None
    closes_next_day: bool = False
    valid_from: datetime.date | None = None
    valid_to: datetime.date | None = None
    closed: bool = False
    description: str = ""


def at(year, month, day, hour, minute=0):
    return datetime.datetime(year, month, day, hour, minute, tzinfo=ATHENS)


WEEKDAYS_9_15 = Row(weekdays=[0, 1, 2, 3, 4], opens_at=T(9), closes_at=T(15))


def test_open_during_hours_and_closing_time_given():
    status = opening_status([WEEKDAYS_9_15], at(2026, 11, 23, 10))  # Monday
    assert status.is_open
    assert status.closes_at == datetime.datetime(2026, 11, 23, 15, 0)


def test_closed_at_closing_time_and_opens_next_morning():
    status = opening_status([WEEKDAYS_9_15], at(2026, 11, 23, 15))
    assert not status.is_open
    assert status.opens_at == datetime.datetime(2026, 11, 24, 9, 0)


def test_weekend_opens_on_monday():
    status = opening_status([WEEKDAYS_9_15], at(2026, 11, 21, 12))  # Saturday
    assert not status.is_open
    assert status.opens_at == datetime.datetime(2026, 11, 23, 9, 0)


def test_utc_input_is_read_in_athens_time():
    # 07:30 UTC is 09:30 in Athens in winter (UTC+2).
    now = datetime.datetime(2026, 11, 23, 7, 30, tzinfo=datetime.UTC)
    assert opening_status([WEEKDAYS_9_15], now).is_open


def test_summer_time_shift_keeps_wall_clock_hours():
    # 06:30 UTC is 09:30 in Athens in summer (UTC+3), 08:30 in winter.
    summer = datetime.datetime(2026, 7, 6, 6, 30, tzinfo=datetime.UTC)
    winter = datetime.datetime(2026, 11, 23, 6, 30, tzinfo=datetime.UTC)
    assert opening_status([WEEKDAYS_9_15], summer).is_open
    assert not opening_status([WEEKDAYS_9_15], winter).is_open


def test_overnight_shelter_open_after_midnight_including_dst_night():
    shelter = Row(weekdays=list(range(7)), opens_at=T(20), closes_at=T(8), closes_next_day=True)
    assert opening_status([shelter], at(2026, 11, 23, 23)).is_open
    assert opening_status([shelter], at(2026, 11, 24, 2)).is_open
    assert not opening_status([shelter], at(2026, 11, 24, 12)).is_open
    # The night the clocks go back (25 Oct 2026, 04:00 → 03:00): still open at 03:30.
    assert opening_status([shelter], datetime.datetime(2026, 10, 25, 0, 30, tzinfo=datetime.UTC)).is_open
    # And the night they go forward (29 Mar 2026).
    assert opening_status([shelter], datetime.datetime(2026, 3, 29, 2, 30, tzinfo=datetime.UTC)).is_open


def test_closed_day_exception_overrides_weekly_hours():
    christmas = Row(valid_from=datetime.date(2026, 12, 24), valid_to=datetime.date(2026, 12, 26), closed=True)
    rows = [WEEKDAYS_9_15, christmas]
    assert not opening_status(rows, at(2026, 12, 24, 10)).is_open  # Thursday
    status = opening_status(rows, at(2026, 12, 23, 16))
    assert status.opens_at == datetime.datetime(2026, 12, 28, 9, 0)


def test_special_hours_replace_weekly_hours_on_their_dates():
    august = Row(
        weekdays=[0, 1, 2, 3, 4],
        opens_at=T(9),
        closes_at=T(12),
        valid_from=datetime.date(2026, 8, 1),
        valid_to=datetime.date(2026, 8, 31),
    )
    rows = [WEEKDAYS_9_15, august]
    assert not opening_status(rows, at(2026, 8, 3, 13)).is_open
    assert opening_status(rows, at(2026, 8, 3, 11)).is_open
    assert opening_status(rows, at(2026, 9, 7, 13)).is_open


def test_split_shift_and_no_hours():
    morning = Row(weekdays=[2], opens_at=T(9), closes_at=T(13))
    evening = Row(weekdays=[2], opens_at=T(17), closes_at=T(20))
    status = opening_status([morning, evening], at(2026, 11, 25, 14))
    assert status.opens_at == datetime.datetime(2026, 11, 25, 17, 0)
    assert not opening_status([], at(2026, 11, 25, 14)).has_hours


def test_weekly_table_lists_regular_hours_per_day():
    table = weekly_table([WEEKDAYS_9_15])
    assert [len(rows) for _day, rows in table] == [1, 1, 1, 1, 1, 0, 0]


@pytest.mark.django_db
def test_sql_open_now_agrees_with_python_rules_through_a_dst_week(directory_page):
    shapes = {
        "office": [dict(weekdays=[0, 1, 2, 3, 4], opens_at=T(9), closes_at=T(15))],
        "shelter": [dict(weekdays=list(range(7)), opens_at=T(20), closes_at=T(8), closes_next_day=True)],
        "split": [
            dict(weekdays=[0, 2, 4], opens_at=T(9), closes_at=T(13)),
            dict(weekdays=[0, 2, 4], opens_at=T(17), closes_at=T(21)),
        ],
        "closed-sunday": [
            dict(weekdays=list(range(7)), opens_at=T(0), closes_at=T(23, 59)),
            dict(weekdays=[6], closed=True),
        ],
        "holiday": [
            dict(weekdays=[0, 1, 2, 3, 4], opens_at=T(8), closes_at=T(16)),
            dict(valid_from=datetime.date(2026, 10, 28), valid_to=datetime.date(2026, 10, 28), closed=True),
        ],
        "special": [
            dict(weekdays=[0, 1, 2, 3, 4], opens_at=T(8), closes_at=T(16)),
            dict(
                weekdays=[0, 1, 2, 3, 4],
                opens_at=T(10),
                closes_at=T(12),
                valid_from=datetime.date(2026, 10, 26),
                valid_to=datetime.date(2026, 10, 27),
            ),
        ],
    }
    services = {}
    for name, rows in shapes.items():
        service = ServicePageFactory(title=name)
        for row in rows:
            ServiceScheduleFactory(page=service, **row)
        services[name] = service
    # Every 90 minutes from Friday 23 Oct to Friday 30 Oct 2026 (clocks go back on the 25th).
    moment = datetime.datetime(2026, 10, 23, 0, 15, tzinfo=datetime.UTC)
    while moment < datetime.datetime(2026, 10, 30, tzinfo=datetime.UTC):
        open_in_sql = set(ServiceQuery().open_now(moment).queryset.values_list("title", flat=True))
        open_in_python = {
            name for name, service in services.items() if opening_status(service.schedules.all(), moment).is_open
        }
        assert open_in_sql == open_in_python, moment
        # The same rules read only the schedules of pages already picked (search results).
        among = [services[name].pk for name in ("shelter", "holiday", "special")]
        open_among = ServicePage.objects.filter(OpenAtFilter(local_now(moment), among=among).q())
        assert set(open_among.values_list("title", flat=True)) == open_in_python & {"shelter", "holiday", "special"}
        moment += datetime.timedelta(minutes=90)


def test_next_opening_says_today_or_tomorrow():
    later_today = opening_status([WEEKDAYS_9_15], at(2026, 11, 23, 7))
    assert later_today.opens_today and not later_today.opens_tomorrow
    tomorrow = opening_status([WEEKDAYS_9_15], at(2026, 11, 23, 16))
    assert tomorrow.opens_tomorrow and not tomorrow.opens_today
    monday = opening_status([WEEKDAYS_9_15], at(2026, 11, 21, 12))
    assert not monday.opens_today and not monday.opens_tomorrow
