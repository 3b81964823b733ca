"""Template tags of events: when an event is, in the visitor's language and Athens time,
and the home page's "upcoming events"."""

from django import template

from wagtail.models import Locale

from campaigns.event_mail import when_text
from campaigns.events import index_for
from campaigns.events import upcoming_events as next_events

register = template.Library()


@register.simple_tag
def event_when(event):
    """'Tuesday 15 December 2026, 10:00–13:00' (Athens time); both dates when it spans days."""
    return when_text(event)


@register.inclusion_tag("campaigns/upcoming_events.html", takes_context=True)
def upcoming_events(context, limit=3):
    """The next events for the home page, in the visitor's language (empty: nothing shown)."""
    locale = Locale.get_active()
    return {"events": next_events(locale, limit), "index": index_for(locale), "request": context.get("request")}
