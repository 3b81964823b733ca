"""The week as people read it: days with the same hours grouped, "Open 24 hours", today marked.

Pure tests of `directory.hours.summarise_week` on plain rows, plus one page render
that checks the service page and the printed guide say the same thing.
"""

import datetime

import pytest

from directory.hours import Span, summarise_week, upcoming_exceptions, weekly_table

from .test_hours import Row

T = datetime.time
MONDAY = datetime.date(2026, 11, 23)
WEDNESDAY = datetime.date(2026, 11, 25)
SUNDAY = datetime.date(2026, 11, 29)


def summary(rows, today=WEDNESDAY, **kwargs):
    return summarise_week(weekly_table(rows), upcoming_exceptions(rows, today), today, **kwargs)


def shape(result):
    """[(weekdays, [(opens, closes)] or "24h" or "closed")] for short assertions."""
    out = []
    for group in result.groups:
        if group.all_day:
            hours = "24h"
        elif group.closed:
            hours = "closed"
        else:
            hours = [(s.opens_at.strftime("%H:%M"), s.closes_at.strftime("%H:%M")) for s in group.spans]
        out.append((group.weekdays, hours))
    return out


def test_weekdays_with_the_same_hours_form_one_group_and_the_weekend_another():
    result = summary([Row(weekdays=[0, 1, 2, 3, 4], opens_at=T(7, 30), closes_at=T(15))])
    assert shape(result) == [((0, 1, 2, 3, 4), [("07:30", "15:00")]), ((5, 6), "closed")]
    assert not result.always_open
    assert result.has_hours


def test_split_shifts_group_by_both_openings():
    rows = [
        Row(weekdays=[0, 1, 2, 3, 4], opens_at=T(8), closes_at=T(14)),
        Row(weekdays=[1, 3], opens_at=T(17), closes_at=T(20)),
    ]
    result = summary(rows)
    assert shape(result) == [
        ((0,), [("08:00", "14:00")]),
        ((1,), [("08:00", "14:00"), ("17:00", "20:00")]),
        ((2,), [("08:00", "14:00")]),
        ((3,), [("08:00", "14:00"), ("17:00", "20:00")]),
        ((4,), [("08:00", "14:00")]),
        ((5, 6), "closed"),
    ]
    same_split = summary(
        [
            Row(weekdays=[0, 1, 2, 3, 4], opens_at=T(8), closes_at=T(14)),
            Row(weekdays=[0, 1, 2, 3, 4], opens_at=T(17), closes_at=T(20)),
        ]
    )
    assert shape(same_split)[0] == ((0, 1, 2, 3, 4), [("08:00", "14:00"), ("17:00", "20:00")])


def test_the_run_ending_on_sunday_joins_the_one_starting_on_monday():
    rows = [Row(weekdays=[4, 5, 6, 0], opens_at=T(10), closes_at=T(14))]
    result = summary(rows)
    assert shape(result) == [((4, 5, 6, 0), [("10:00", "14:00")]), ((1, 2, 3), "closed")]
    assert result.groups[0].first == 4 and result.groups[0].last == 0


def test_the_same_hours_every_day_is_one_group():
    result = summary([Row(weekdays=list(range(7)), opens_at=T(9), closes_at=T(17))])
    assert len(result.groups) == 1 and result.groups[0].every_day
    assert not result.always_open


@pytest.mark.parametrize(
    "rows",
    [
        [Row(weekdays=list(range(7)), opens_at=T(0), closes_at=T(0), closes_next_day=True)],  # the demo's form
        [Row(weekdays=list(range(7)), opens_at=T(0), closes_at=T(23, 59))],
        [Row(weekdays=list(range(7)), opens_at=T(8), closes_at=T(8), closes_next_day=True)],  # shift to shift
    ],
    ids=["midnight-to-midnight", "until-23-59", "overnight-shifts"],
)
def test_around_the_clock_is_open_24_hours(rows):
    result = summary(rows)
    assert result.always_open
    assert shape(result) == [((0, 1, 2, 3, 4, 5, 6), "24h")]


def test_open_24_hours_on_some_days_only():
    rows = [
        Row(weekdays=[0, 1, 2, 3, 4], opens_at=T(0), closes_at=T(0), closes_next_day=True),
        Row(weekdays=[5], opens_at=T(9), closes_at=T(13)),
    ]
    result = summary(rows)
    assert shape(result) == [((0, 1, 2, 3, 4), "24h"), ((5,), [("09:00", "13:00")]), ((6,), "closed")]
    assert not result.always_open


def test_overnight_shelter_is_not_open_24_hours_and_says_next_day():
    result = summary([Row(weekdays=list(range(7)), opens_at=T(20), closes_at=T(8), closes_next_day=True)])
    assert not result.always_open
    assert result.groups[0].spans == (Span(T(20), T(8), True, ""),)


def test_a_weekly_closure_empties_its_day():
    rows = [Row(weekdays=list(range(7)), opens_at=T(0), closes_at=T(23, 59)), Row(weekdays=[6], closed=True)]
    result = summary(rows)
    assert shape(result) == [((0, 1, 2, 3, 4, 5), "24h"), ((6,), "closed")]


def test_today_is_marked_on_its_group_only():
    result = summary([Row(weekdays=[0, 1, 2, 3, 4], opens_at=T(9), closes_at=T(15))], today=WEDNESDAY)
    assert [g.is_today for g in result.groups] == [True, False]
    assert result.groups[0].today == 2
    sunday = summary([Row(weekdays=[0, 1, 2, 3, 4], opens_at=T(9), closes_at=T(15))], today=SUNDAY)
    assert [g.is_today for g in sunday.groups] == [False, True]
    printed = summary([Row(weekdays=[0, 1, 2, 3, 4], opens_at=T(9), closes_at=T(15))], mark_today=False)
    assert not any(g.is_today for g in printed.groups) and printed.today_exception is None


def test_a_closure_today_is_told_and_leaves_the_week_unchanged():
    rows = [
        Row(weekdays=[0, 1, 2, 3, 4], opens_at=T(9), closes_at=T(15)),
        Row(valid_from=WEDNESDAY, valid_to=WEDNESDAY, closed=True, description="Staff training"),
    ]
    result = summary(rows)
    assert shape(result)[0] == ((0, 1, 2, 3, 4), [("09:00", "15:00")])
    assert result.today_exception.closed
    assert result.today_exception.note == "Staff training"
    assert summary(rows, today=MONDAY).today_exception is None


def test_special_hours_today_are_told():
    rows = [
        Row(weekdays=[0, 1, 2, 3, 4], opens_at=T(9), closes_at=T(15)),
        Row(
            weekdays=[0, 1, 2, 3, 4],
            opens_at=T(10),
            closes_at=T(12),
            valid_from=MONDAY,
            valid_to=SUNDAY,
            description="Reduced hours",
        ),
    ]
    result = summary(rows)
    assert not result.today_exception.closed
    assert result.today_exception.spans == (Span(T(10), T(12), False, "Reduced hours"),)
    assert shape(result)[0] == ((0, 1, 2, 3, 4), [("09:00", "15:00")])  # the regular week stays
    # Special weekday hours do not apply on Sunday.
    assert summary(rows, today=SUNDAY).today_exception is None


def test_no_regular_hours():
    result = summary([])
    assert shape(result) == [((0, 1, 2, 3, 4, 5, 6), "closed")]
    assert not result.has_hours
    assert summarise_week([]).groups == ()


# --- on the pages ----------------------------------------------------------------


@pytest.fixture
def office(directory_page):
    from directory.factories import ServicePageFactory, ServiceScheduleFactory

    page = ServicePageFactory(title="Office hours")
    ServiceScheduleFactory(page=page, weekdays=[0, 1, 2, 3, 4], opens_at=T(8), closes_at=T(14))
    ServiceScheduleFactory(page=page, weekdays=[0, 1, 2, 3, 4], opens_at=T(17), closes_at=T(20))
    ServiceScheduleFactory(page=page, weekdays=[5, 6], opens_at=T(10), closes_at=T(13))
    return page


def weekday(name):
    from tests.helpers import translated

    return translated(name)


@pytest.mark.django_db
def test_service_page_groups_the_week_and_marks_today_in_words(client, office):
    body = client.get(office.url).content.decode()
    monday_friday = f"{weekday('Monday')}–{weekday('Friday')}"
    assert monday_friday in body
    assert f"{weekday('Saturday')}–{weekday('Sunday')}" in body
    assert '<span class="hours-span">08:00–14:00</span>, <span class="hours-span">17:00–20:00</span>' in body
    assert body.count('class="govgr-summary-list__row') == 2
    # Every day is in one of the two groups, so exactly one of them says it holds today.
    assert body.count('class="hours-today-tag"') == 1
    assert body.count("hours-list__today") == 1


@pytest.mark.django_db
def test_print_guide_groups_the_same_way_without_marking_today(client, office, directory_page):
    body = client.get(directory_page.url + "services/print/").content.decode()
    assert f'{weekday("Monday")}–{weekday("Friday")} <span class="hours-span">08:00–14:00</span>' in body
    assert "hours-today-tag" not in body
    single = client.get(office.url + "print/").content.decode()
    assert f"{weekday('Monday')}–{weekday('Friday')}" in single


@pytest.mark.django_db
def test_around_the_clock_service_says_open_24_hours(client, directory_page):
    from directory.factories import ServicePageFactory, ServiceScheduleFactory
    from tests.helpers import translated

    page = ServicePageFactory(title="Helpline")
    ServiceScheduleFactory(page=page, weekdays=list(range(7)), opens_at=T(0), closes_at=T(0), closes_next_day=True)
    body = client.get(page.url).content.decode()
    assert translated("Open 24 hours") in body
    assert "00:00–00:00" not in body
    assert translated("open 24 hours") in body  # the badge: open now, and no "closes at 00:00"
    assert "closes at 00:00" not in body
    assert translated("Open 24 hours") in client.get(directory_page.url + "services/print/").content.decode()


# --- the "open now" badge of services that do not close -----------------------


def at(year, month, day, hour, minute=0):
    from directory.hours import ATHENS

    return datetime.datetime(year, month, day, hour, minute, tzinfo=ATHENS)


def test_around_the_clock_service_is_open_without_a_closing_time():
    from directory.hours import opening_status

    always = [Row(weekdays=list(range(7)), opens_at=T(0), closes_at=T(0), closes_next_day=True)]
    status = opening_status(always, at(2026, 11, 25, 23, 30))
    assert status.is_open and status.around_the_clock and status.closes_at is None


def test_back_to_back_openings_close_at_the_end_of_the_run():
    from directory.hours import opening_status

    weekdays_round_the_clock = [Row(weekdays=[0, 1, 2, 3, 4], opens_at=T(0), closes_at=T(0), closes_next_day=True)]
    status = opening_status(weekdays_round_the_clock, at(2026, 11, 25, 10))  # Wednesday
    assert status.closes_at == datetime.datetime(2026, 11, 28, 0, 0)  # Friday midnight
    assert not status.around_the_clock


def test_overnight_shelter_closes_tomorrow_and_midnight_is_not_tomorrow():
    from directory.hours import opening_status

    shelter = [Row(weekdays=list(range(7)), opens_at=T(20), closes_at=T(8), closes_next_day=True)]
    evening = opening_status(shelter, at(2026, 11, 25, 21))
    assert evening.closes_at == datetime.datetime(2026, 11, 26, 8, 0) and evening.closes_tomorrow
    late = [Row(weekdays=[2], opens_at=T(18), closes_at=T(0), closes_next_day=True)]
    status = opening_status(late, at(2026, 11, 25, 19))
    assert status.closes_at == datetime.datetime(2026, 11, 26, 0, 0) and not status.closes_tomorrow
