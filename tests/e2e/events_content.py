"""Untidy event content for the browser tests (layout, axe, registration): a long Greek
title in capitals without accents, a long place name, an event that is full with a
waiting list, an online one."""

import datetime

from django.utils import timezone

from campaigns.factories_events import EventPageFactory, EventRegistrationFactory, events_index
from directory.models import AdministrativeArea, Language, TargetGroup

LONG_TITLE = (
    "ΗΜΕΡΙΔΑ ΕΝΗΜΕΡΩΣΗΣ ΓΙΑ ΤΟ ΕΛΑΧΙΣΤΟ ΕΓΓΥΗΜΕΝΟ ΕΙΣΟΔΗΜΑ, ΤΑ ΕΠΙΔΟΜΑΤΑ ΣΤΕΓΑΣΗΣ ΚΑΙ ΤΗΝ "
    "ΚΟΙΝΩΝΙΚΗ ΕΝΤΑΞΗ ΤΩΝ ΕΥΠΑΘΩΝ ΟΜΑΔΩΝ ΣΤΗΝ ΠΕΡΙΦΕΡΕΙΑΚΗ ΕΝΟΤΗΤΑ ΚΟΖΑΝΗΣ"
)


def greek(model, code):
    return model.objects.get(code=code, locale__language_code="el")


def build_events():
    """{key: (Greek page, Arabic title)}: an event full with a waiting list, in Kozani."""
    events_index()
    start = timezone.localtime() + datetime.timedelta(days=5)
    start = start.replace(hour=10, minute=0, second=0, microsecond=0)
    event = EventPageFactory(
        title=LONG_TITLE,
        slug="imerida-eee",
        summary="Οι κοινωνικοί λειτουργοί εξηγούν ποιος δικαιούται και πώς γίνεται η αίτηση, με διερμηνεία.",
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=3),
        venue_name="Κέντρο Κοινότητας Δήμου Κοζάνης – Παράρτημα Ρομά και Μεταναστών, αίθουσα εκδηλώσεων",
        address="Πλατεία Νίκης και Ελευθερίου Βενιζέλου 12, 3ος όροφος, 50100 Κοζάνη",
        municipality=greek(AdministrativeArea, "m-67"),
        attendance_mode="mixed",
        online_url="https://meet.example.org/imerida",
        accessibility_note="Ράμπα στην είσοδο και ανελκυστήρας. Διερμηνεία στη νοηματική γλώσσα αν τη ζητήσετε.",
        capacity=2,
        max_group_size=2,
    )
    event.languages.set([greek(Language, "el"), greek(Language, "ar")])
    event.target_groups.set([greek(TargetGroup, "unemployed")])
    event.save_revision().publish()
    EventRegistrationFactory(event=event, people=2)
    EventRegistrationFactory(event=event, status="waiting")
    return {"event": (event, "يوم إعلامي عن الحد الأدنى للدخل المضمون وإعانات السكن")}
