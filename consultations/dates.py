"""Dates of consultations as people read them: always in Athens time, always with the hour."""

from zoneinfo import ZoneInfo

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

ATHENS = ZoneInfo("Europe/Athens")
#: "Τρίτη 4 Μαρτίου 2025, 08:00": "E" is the month's genitive in Greek ("Μαρτίου").
DEADLINE_FORMAT = "l j E Y, H:i"


def format_deadline(moment):
    return date_format(timezone.localtime(moment, ATHENS), DEADLINE_FORMAT)


def time_left(until, now=None):
    """ "3 days and 4 hours", "5 hours and 10 minutes", "12 minutes": for the countdown without JavaScript."""
    now = now or timezone.now()
    seconds = max(0, int((until - now).total_seconds()))
    days, rest = divmod(seconds, 86400)
    hours, rest = divmod(rest, 3600)
    minutes = rest // 60
    day_text = ngettext("%(n)d day", "%(n)d days", days) % {"n": days}
    hour_text = ngettext("%(n)d hour", "%(n)d hours", hours) % {"n": hours}
    minute_text = ngettext("%(n)d minute", "%(n)d minutes", minutes) % {"n": minutes}
    if days:
        return _("%(first)s and %(second)s") % {"first": day_text, "second": hour_text}
    if hours:
        return _("%(first)s and %(second)s") % {"first": hour_text, "second": minute_text}
    return minute_text
