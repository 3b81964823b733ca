"""What every installation needs for events: the events index in every language, the
secretariat's permissions on it and a folder per partner organisation
(campaigns.event_partners). Idempotent."""

from django.db import transaction

from wagtail.models import Locale

from campaigns.models.events import EventIndexPage

SECTION = {
    "el": ("Εκδηλώσεις", "Ημέρες ενημέρωσης, εργαστήρια και σεμινάρια του δικτύου και των εταίρων του."),
    "en": ("Events", "Info days, workshops and seminars of the network and its partners."),
    "ar": ("الفعاليات", "أيام إعلامية وورش عمل وندوات تنظمها الشبكة وشركاؤها."),
    "uk": ("Події", "Інформаційні дні, майстер-класи та семінари мережі та її партнерів."),
}
SECTION_SLUG = "events"


@transaction.atomic
def ensure_events_index(home):
    """An EventIndexPage under the default home page, translated into every locale."""
    index = EventIndexPage.objects.child_of(home).first()
    if index is None:
        title, intro = SECTION.get(home.locale.language_code, SECTION["en"])
        index = home.add_child(instance=EventIndexPage(title=title, slug=SECTION_SLUG, intro=intro, locale=home.locale))
        index.save_revision().publish()
    for locale in Locale.objects.exclude(pk=index.locale_id):
        if index.has_translation(locale):
            continue
        translation = index.copy_for_translation(locale, copy_parents=True)
        translation.title, translation.intro = SECTION.get(locale.language_code, SECTION["en"])
        translation.save_revision().publish()
    return index


def ensure_events_section(home):
    from campaigns.event_partners import ensure_events_section as permissions_and_folders

    index = ensure_events_index(home)
    permissions_and_folders()
    return index
