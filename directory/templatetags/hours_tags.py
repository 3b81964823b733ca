"""Opening hours in templates: the grouped week (`directory.hours.summarise_week`)."""

from django import template

from directory import hours

register = template.Library()


@register.simple_tag
def week_summary(week, exceptions=(), mark_today=True):
    """`{% week_summary week exceptions as summary %}`; `mark_today=False` for printed guides."""
    return hours.summarise_week(week or (), exceptions or (), mark_today=mark_today)
