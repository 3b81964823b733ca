"""The main menu: its seed (the site's sections) and the links the header shows.

setup_site writes the seed once as a MainMenu per language, after the consultations
section exists; from then on editors own the menu. Until a menu exists (a database
built without setup_site, such as the tests'), the header shows the same sections.
"""

from django.db import transaction

from wagtail.models import Locale

from portal.chrome_seeds import MENU_LABELS


def section_entries(home):
    """(page, fragment, label key or None) for the sections of `home`, in menu order."""
    from consultations.models import ConsultationIndexPage
    from directory.models import DirectoryIndexPage, GoodPracticeIndexPage

    entries = []
    directory = DirectoryIndexPage.objects.child_of(home).live().first()
    if directory is not None:
        entries.append((directory, "", None))
        practices = GoodPracticeIndexPage.objects.child_of(directory).live().first()
        if practices is not None:
            entries.append((practices, "", None))
    consultations = ConsultationIndexPage.objects.child_of(home).live().first()
    if consultations is not None:
        entries.append((consultations, "", "consultations"))
        entries.append((consultations, "surveys-title", "surveys"))
    return entries


def _label(key, language):
    if not key:
        return ""
    return MENU_LABELS[key].get(language) or MENU_LABELS[key]["en"]


@transaction.atomic
def ensure_main_menu(home):
    """A MainMenu in every language with the sections that exist; nothing if one exists."""
    from portal.models import MainMenu, MainMenuItem

    if MainMenu.objects.filter(locale=home.locale).exists():
        return 0
    created = 0
    greek = MainMenu.objects.create(locale=home.locale)
    greek_items = []
    for order, (page, fragment, key) in enumerate(section_entries(home)):
        greek_items.append(
            MainMenuItem.objects.create(
                menu=greek,
                locale=home.locale,
                sort_order=order,
                page=page,
                fragment=fragment,
                title=_label(key, home.locale.language_code),
            )
        )
    created += 1
    for locale in Locale.objects.exclude(pk=home.locale_id):
        if MainMenu.objects.filter(locale=locale).exists():
            continue
        menu = MainMenu.objects.create(locale=locale, translation_key=greek.translation_key)
        for item in greek_items:
            page = item.page.get_translation_or_none(locale) or item.page
            key = next((k for k, labels in MENU_LABELS.items() if labels.get("el") == item.title), None)
            MainMenuItem.objects.create(
                menu=menu,
                locale=locale,
                translation_key=item.translation_key,
                sort_order=item.sort_order,
                page=page,
                fragment=item.fragment,
                title=_label(key, locale.language_code),
            )
        created += 1
    return created


def menu_links(home, locale, request=None):
    """The header's links for `locale` (plain data, cacheable)."""
    from portal.models import MainMenu

    menu = MainMenu.for_locale(locale)
    if menu is not None:
        return menu.links(request)
    links = []
    for page, fragment, key in section_entries(home):
        url = page.get_url(request)
        if url:
            links.append(
                {
                    "title": _label(key, locale.language_code) or page.title,
                    "url": url + (f"#{fragment}" if fragment else ""),
                    "path": page.path,
                    "depth": page.depth,
                    "fragment": fragment,
                }
            )
    return links
