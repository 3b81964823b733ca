"""Public views of events. Thin: they parse input, call campaigns.events (queries),
campaigns.registration (places) and campaigns.event_mail, and render."""

import json

from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path
from django.utils import timezone, translation
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _

from wagtail.models import Locale

from campaigns import event_mail, registration
from campaigns.events import EventListing, Filters, feed_events
from campaigns.forms_events import EventFilterForm, RegistrationForm
from campaigns.ical import build_calendar
from campaigns.models.events import (
    SCHEMA_ATTENDANCE,
    SCHEMA_STATUS,
    EventType,
    RegistrationStatus,
)
from core import visits
from core.page_views import page_view
from core.spam import captcha_offline, over_rate_limit

EVENTS_PER_PAGE = 10
REGISTRATION_RATE = "10/h"  # per address; KOINONIA_EVENT_REGISTRATION_RATE overrides it


def _locale():
    return Locale.get_active()


# --- the index -----------------------------------------------------------------


@page_view("campaigns.EventIndexPage", "context")
def event_index_context(request, page):
    listing = EventListing(page.locale)
    form = EventFilterForm(request.GET, areas=listing.area_choices(), months=listing.month_choices())
    filters = form.filters()
    paginator = Paginator(listing.filtered(Filters(**filters)), EVENTS_PER_PAGE)
    events_page = paginator.get_page(request.GET.get("page"))
    types = dict(EventType.choices)
    chips = [str(types[t]) for t in filters["event_type"]]
    chips += [label for value, label in form.fields["area"].choices if value and value == filters["area"]]
    chips += [label for value, label in form.fields["month"].choices if value and value == filters["month"]]
    query = request.GET.copy()
    query.pop("page", None)
    return {
        "filter_form": form,
        "filters": filters,
        "chips": chips,
        "event_types": [(value, label, value in filters["event_type"]) for value, label in EventType.choices],
        "events": listing.page(events_page.object_list),
        "events_page": events_page,
        "paginator": paginator,
        "page_query": query.urlencode(),
    }


# --- an event ----------------------------------------------------------------------


def json_ld(request, page):
    """schema.org Event for search engines; the online link is never in it."""
    data = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": page.title,
        "description": page.summary,
        "startDate": timezone.localtime(page.starts_at).isoformat(),
        "endDate": timezone.localtime(page.ends_at).isoformat(),
        "eventStatus": SCHEMA_STATUS[page.status],
        "eventAttendanceMode": SCHEMA_ATTENDANCE[page.attendance_mode],
        "url": request.build_absolute_uri(page.get_url(request)),
        "inLanguage": getattr(page, "content_locale", None) or page.locale.language_code,
        "isAccessibleForFree": True,
        "offers": {
            "@type": "Offer",
            "price": "0",
            "priceCurrency": "EUR",
            "availability": "https://schema.org/InStock",
            "url": request.build_absolute_uri(page.get_url(request)),
        },
    }
    locations = []
    if page.has_place:
        place = {"@type": "Place", "name": page.place_name or page.place_address}
        if page.place_address:
            place["address"] = {"@type": "PostalAddress", "streetAddress": page.place_address, "addressCountry": "GR"}
        locations.append(place)
    if page.is_online:
        # The join link is for registrants; the page stands in for it.
        locations.append({"@type": "VirtualLocation", "url": data["url"]})
    if locations:
        data["location"] = locations[0] if len(locations) == 1 else locations
    if page.organiser_id:
        data["organizer"] = {
            "@type": "Organization",
            "name": page.organiser.title,
            "url": request.build_absolute_uri(page.organiser.url or "/"),
        }
    # Escaped for a <script> element: "</" cannot close it, whatever an editor wrote.
    return json.dumps(data, ensure_ascii=False).replace("<", "\\u003c").replace(">", "\\u003e")


def _status_context(page, now=None):
    now = now or timezone.now()
    canonical = page.canonical
    left = registration.places_left(canonical)
    return {
        "accepts_registrations": page.accepts_registrations_at(now),
        "places_left": left,
        "full": left is not None and left < 1,
        "event_over": canonical.ends_at <= now,
        "closes_at": canonical.registration_closes_at(),
    }


def _form(page, data=None):
    return RegistrationForm(data, max_people=page.canonical.max_group_size)


def _in_locale(terms, locale):
    """Each term in the visitor's language, else as it is."""
    return [t if t.locale_id == locale.pk else (t.get_translation_or_none(locale) or t) for t in terms]


@page_view("campaigns.EventPage", "context")
def event_context(request, page, form=None):
    locale = _locale()
    context = _status_context(page)
    context.update(
        {
            "accessibility": _in_locale(page.accessibility.all(), locale),
            "languages": _in_locale(page.languages.all(), locale),
            "target_groups": _in_locale(page.target_groups.all(), locale),
            "form": form or _form(page),
            "captcha_offline": captcha_offline(),
            "json_ld": json_ld(request, page),
        }
    )
    return context


def _event_page(request, page, form, status):
    context = page.get_context(request)
    context.update(event_context(request, page, form))
    return TemplateResponse(request, page.get_template(request), context, status=status)


@page_view("campaigns.EventPage", "register")
def register(request, page):
    """The registration form posts here; GET leads back to the event page's form."""
    if request.method != "POST":
        return redirect(page.get_url(request) + "#register")
    form = _form(page, request.POST)
    if not page.accepts_registrations_at():
        form.is_valid()
        form.add_error(None, _("Registration for this event is closed."))
        return _event_page(request, page, form, 403)
    if over_rate_limit(
        request, "event-registration", getattr(settings, "KOINONIA_EVENT_REGISTRATION_RATE", REGISTRATION_RATE)
    ):
        form.is_valid()
        form.add_error(
            None, _("Many registrations have come from your connection in a short time. Please try again later.")
        )
        return _event_page(request, page, form, 429)
    if not form.is_valid():
        return _event_page(request, page, form, 400)
    outcome = registration.register(page, form.cleaned_data, translation.get_language() or settings.LANGUAGE_CODE)
    signup = outcome.registration
    event_mail.send_after_commit(signup, "confirmed" if signup.status == RegistrationStatus.CONFIRMED else "waiting")
    visits.note_action(request, visits.REGISTRATION, page.canonical.pk)  # reach of campaigns
    if signup.status == RegistrationStatus.CONFIRMED:
        messages.success(
            request,
            _("You are registered. We have sent the details to you.") if signup.email else _("You are registered."),
        )
    else:
        messages.success(
            request, _("The event is full: you are on the waiting list. If a place frees up, we will offer it to you.")
        )
    return redirect(page.get_url(request) + "#main-content")


@page_view("campaigns.EventPage", "registration")
def manage_registration(request, page, token):
    """A registrant's link from an e-mail: see the registration, cancel it, or accept an offered place.

    GET only shows a page with buttons: mail scanners that open links must not cancel."""
    try:
        signup = registration.registration_from_token(page, token)
    except registration.BadLink:
        context = page.get_context(request)
        context["link_problem"] = True
        return TemplateResponse(request, "campaigns/event_registration.html", context, status=404)
    now = timezone.now()
    problem = ""
    if request.method == "POST":
        action = request.POST.get("action")
        if page.canonical.ends_at <= now:
            problem = _("This event is over; there is nothing to change.")
        elif action == "cancel":
            outcome = registration.cancel(signup, now)
            event_mail.send_offers(outcome.offers)
            messages.success(request, _("Your registration is cancelled. Thank you for letting us know."))
            return redirect(request.get_full_path())
        elif action == "accept":
            try:
                registration.accept_offer(signup, now)
            except registration.OfferExpired:
                problem = _("This offer has expired and the place was offered to the next person. We are sorry.")
            else:
                event_mail.send_after_commit(signup, "confirmed")
                messages.success(request, _("The place is yours. We have sent the details to you."))
                return redirect(request.get_full_path())
        else:
            problem = _("Choose what you want to do.")
        signup.refresh_from_db()
    context = page.get_context(request)
    context.update({"registration": signup, "problem": problem, "now": now})
    response = TemplateResponse(request, "campaigns/event_registration.html", context, status=400 if problem else 200)
    add_never_cache_headers(response)  # one person's registration: never in a shared cache
    return response


@page_view("campaigns.EventPage", "ics")
def event_ics(request, page):
    body = build_calendar([page], page.title, translation.get_language(), request)
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="event-{page.pk}.ics"'
    return response


def calendar_feed(request):
    """/<lang>/events/calendar.ics: every event of the language, upcoming and recent."""
    locale = _locale()
    events = feed_events(locale)
    name = _("Events")
    body = build_calendar(events, name, locale.language_code, request)
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="calendar.ics"'
    return response


events_i18n_urlpatterns = [path("events/calendar.ics", calendar_feed, name="events_calendar")]
