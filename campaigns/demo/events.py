"""Demo events: the events index in every language and five upcoming events (Kozani,
Athens, Piraeus, online), some translated into English, with registrations; the focus
group in Piraeus is full and has a waiting list. Registrants use example.org addresses.

Idempotent: events are matched by slug; a second run changes nothing. Dates are set
relative to the day of the first load, so the events are upcoming on a fresh demo.
"""

import datetime

from django.db import transaction
from django.utils import timezone

from wagtail.models import Locale

from campaigns.event_partners import ensure_organiser_folder
from campaigns.models.events import EventPage
from campaigns.setup_events import ensure_events_section
from core.site import default_home
from directory.models import OrganisationPage, ServiceLocation

EVENTS = [
    {
        "slug": "imera-enimerosis-elachisto-eggyimeno-eisodima-kozani",
        "title": "Ημέρα ενημέρωσης: Ελάχιστο Εγγυημένο Εισόδημα και επιδόματα",
        "summary": "Οι κοινωνικοί λειτουργοί του Κέντρου Κοινότητας εξηγούν ποιος δικαιούται, ποια "
        "δικαιολογητικά χρειάζονται και πώς γίνεται η αίτηση. Με διερμηνεία στα αραβικά.",
        "en": (
            "Info day: Minimum Guaranteed Income and benefits",
            "Social workers of the Community Centre explain "
            "who is eligible, which documents are needed and how to apply. With Arabic interpretation.",
        ),
        "type": "info_day",
        "days": 3,
        "hours": (10, 13),
        "mode": "offline",
        "city": "Κοζάν",
        "organiser": "Κοζάν",
        "capacity": 40,
        "registrations": [("Ελένη Καραγιάννη", 2), ("AHMAD AL-HASSAN", 3), ("Γιώργος Παπαδόπουλος", 1)],
    },
    {
        "slug": "ergastirio-viografikou-athina",
        "title": "Εργαστήριο: γράφω το βιογραφικό μου και ετοιμάζομαι για συνέντευξη",
        "summary": "Πρακτικό εργαστήριο για ανέργους με τον σύμβουλο απασχόλησης. Φέρτε, αν έχετε, ένα "
        "παλιό βιογραφικό. Και διαδικτυακά για όσους δεν μπορούν να έρθουν.",
        "en": (
            "Workshop: writing my CV and preparing for an interview",
            "A practical workshop for job seekers "
            "with an employment adviser. Bring an old CV if you have one. Also online for those who cannot come.",
        ),
        "type": "workshop",
        "days": 7,
        "hours": (17, 19),
        "mode": "mixed",
        "city": "Αθ",
        "organiser": "Αθην",
        "capacity": 20,
        "registrations": [("Olena Kovalenko", 1), ("Νίκος Δημητρίου", 1)],
    },
    {
        "slug": "diadiktyako-seminario-dikaiomata-anergon",
        "title": "Διαδικτυακό σεμινάριο: τα δικαιώματα των ανέργων και η ΔΥΠΑ",
        "summary": "Σεμινάριο μιας ώρας με ερωτήσεις και απαντήσεις. Ο σύνδεσμος στέλνεται με το e-mail επιβεβαίωσης.",
        "en": None,
        "type": "seminar",
        "days": 10,
        "hours": (18, 19),
        "mode": "online",
        "city": None,
        "organiser": None,
        "capacity": None,
        "registrations": [("Maria Georgiou", 1)],
    },
    {
        "slug": "omada-estiasis-anagkes-oikogeneion-peiraia",
        "title": "Ομάδα εστίασης: τι χρειάζονται οι οικογένειες στον Πειραιά",
        "summary": "Συζήτηση σε μικρή ομάδα για τις ανάγκες σε στέγη, τροφή και φύλαξη παιδιών. Οι "
        "απόψεις σας θα μπουν στο σχέδιο δράσης του δικτύου.",
        "en": None,
        "type": "focus_group",
        "days": 14,
        "hours": (11, 13),
        "mode": "offline",
        "city": "Πειρ",
        "organiser": None,
        "capacity": 6,
        "registrations": [
            ("Αικατερίνη Βασιλείου", 2),
            ("Fatima Rahimi", 2),
            ("Σπύρος Αντωνίου", 2),
            ("Παναγιώτα Λαμπράκη", 1),
            ("Yusuf Demir", 2),
            ("Χρήστος Ιωάννου", 1),
        ],
    },
    {
        "slug": "tournoua-podosfairou-entaxis-kozani",
        "title": "Τουρνουά ποδοσφαίρου ένταξης «Όλοι μαζί»",
        "summary": "Μικτές ομάδες νέων από την πόλη και από τις δομές φιλοξενίας. Ελάτε να παίξετε ή να "
        "φωνάξετε για την ομάδα σας.",
        "en": (
            "Inclusion football tournament “All together”",
            "Mixed teams of young people from the town and "
            "from the reception facilities. Come to play or to cheer for your team.",
        ),
        "type": "sports",
        "days": 21,
        "hours": (10, 14),
        "mode": "offline",
        "city": "Κοζάν",
        "organiser": None,
        "capacity": 80,
        "registrations": [("Ομάδα «Γέφυρα»", 4)],
    },
]


def _when(days, hours):
    day = timezone.localtime() + datetime.timedelta(days=days)
    start = day.replace(hour=hours[0], minute=0, second=0, microsecond=0)
    return start, start.replace(hour=hours[1])


def _parent(index, spec):
    """A partner's event goes in its organisation's folder (as the partner would add it)."""
    default = Locale.get_default()
    organisation = (
        OrganisationPage.objects.filter(locale=default, title__contains=spec["organiser"]).order_by("path").first()
        if spec["organiser"]
        else None
    )
    folder = ensure_organiser_folder(organisation) if organisation else None
    return folder or index, organisation


@transaction.atomic
def load_events_demo():
    default = Locale.get_default()
    index = ensure_events_section(default_home(default))
    created = 0
    for spec in EVENTS:
        if EventPage.objects.filter(slug=spec["slug"], locale=default).exists():
            continue
        parent, organisation = _parent(index, spec)
        location = (
            ServiceLocation.objects.filter(city__contains=spec["city"], confidential=False).order_by("pk").first()
            if spec["city"]
            else None
        )
        start, end = _when(spec["days"], spec["hours"])
        event = EventPage(
            title=spec["title"],
            slug=spec["slug"],
            summary=spec["summary"],
            event_type=spec["type"],
            starts_at=start,
            ends_at=end,
            attendance_mode=spec["mode"],
            location=location,
            municipality_id=location.municipality_id if location else None,
            address="" if location or spec["mode"] == "online" else "Πλατεία Ελευθερίας 1",
            online_url="https://meet.example.org/koinonia-demo" if spec["mode"] != "offline" else "",
            organiser=organisation,
            capacity=spec["capacity"],
            max_group_size=4,
            locale=default,
        )
        parent.add_child(instance=event)
        event.save_revision().publish()
        for n, (name, people) in enumerate(spec["registrations"]):
            _register(event, name, people, n)
        if spec["en"]:
            _translate(event, *spec["en"])
        created += 1
    return f"Events: {created} created ({EventPage.objects.filter(locale=default).count()} in Greek)"


def _register(event, name, people, n):
    from campaigns import registration

    data = {"name": name, "email": f"registrant{event.pk}-{n}@example.org", "people": people}
    registration.register(event, data, "el" if n % 2 == 0 else "en")


def _translate(event, title, summary):
    english = Locale.objects.filter(language_code="en").first()
    if english is None or event.has_translation(english):
        return
    translation = event.copy_for_translation(english, copy_parents=True)
    translation.title, translation.summary = title, summary
    translation.save_revision().publish()
