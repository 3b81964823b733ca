"""Load the reference data every installation needs: areas and taxonomies.

Both loaders are idempotent (update by code and locale) so `make run` can call them
every time, and editors' own additions are left alone.
"""

import csv
import os
from collections import defaultdict
from contextlib import contextmanager

from django.conf import settings
from django.db import transaction
from django.db.models.signals import post_save

from wagtail.models import Locale

from directory import seeds
from directory.models import (
    AccessCondition,
    AccessibilityFeature,
    AdministrativeArea,
    AreaLevel,
    Language,
    ServiceCategory,
    TargetGroup,
)
from directory.text import elot743, greek_fold, with_latin

CONTENT_LANGUAGES = ("el", "en", "ar", "uk")
#: seeds.TRANSLATIONS key of each flat taxonomy.
TAXONOMY_KEYS = {
    TargetGroup: "group",
    AccessCondition: "access",
    AccessibilityFeature: "accessibility",
    Language: "language",
}


def _locales():
    return {code: Locale.objects.get_or_create(language_code=code)[0] for code in CONTENT_LANGUAGES}


@contextmanager
def _indexed_in_bulk(*models):
    """Index what `_upsert` saves in one bulk call per model at the end, instead of a
    search-index task per save (most of the time of a first load: 1,676 areas)."""
    from modelsearch.signal_handlers import post_save_signal_handler

    from wagtail.search.backends import get_search_backends

    global _saved
    disconnected = [m for m in models if post_save.disconnect(post_save_signal_handler, sender=m)]
    _saved = defaultdict(list)
    try:
        yield
        for model, objects in _saved.items():
            for backend in get_search_backends(with_auto_update=True):
                backend.add_bulk(model, objects)
    finally:
        _saved = None
        for model in disconnected:
            post_save.connect(post_save_signal_handler, sender=model)


_saved = None


def _upsert(model, locale, code, translation_source, existing=None, **fields):
    """Create or update one term/area; translations share the Greek one's translation_key.

    `existing` ({(locale id, code): object}, read once) spares a query per row."""
    if existing is not None:
        obj = existing.get((locale.pk, code))
    else:
        obj = model.objects.filter(locale=locale, code=code).first()
    if obj is None:
        obj = model(locale=locale, code=code)
        if translation_source is not None:
            obj.translation_key = translation_source.translation_key
    changed = obj.pk is None
    for name, value in fields.items():
        field = model._meta.get_field(name)
        if field.is_relation:  # compare ids: reading the related object would cost a query
            same = getattr(obj, field.attname) == (value.pk if value is not None else None)
        else:
            same = getattr(obj, name) == value
        if not same:
            setattr(obj, name, value)
            changed = True
    if changed:
        obj.save()
        if _saved is not None:
            _saved[model].append(obj)
    obj._seed_changed = changed
    return obj


class TermTranslator:
    """Makes the seeded English, Arabic and Ukrainian terms wagtail-localize
    translations of the Greek term: a TranslationSource for the Greek term, a
    Translation per language and the seeded name as its StringTranslation, and the
    translated term as wagtail-localize writes it (the Greek term's synchronised
    fields, the translated name, the parent's translation). Editors then see the
    terms as translated and change them in wagtail-localize's editor; a second run
    keeps their changes (names are seeded once) and reads two rows per term.

    The translated terms are written here rather than by `Translation.save_target()`,
    which costs ~150 queries a term (logs, reference index, a search-index task per
    save): the whole taxonomy would take a minute on every new database."""

    def __init__(self, model, locales):
        from wagtail_localize.models import Translation

        self.model = model
        self.locales = {code: locale for code, locale in locales.items() if code != "el"}
        self.done = set(
            Translation.objects.filter(
                target_locale__in=self.locales.values(), source__specific_content_type__model=model._meta.model_name
            ).values_list("source__object_id", "target_locale_id")
        )
        self.existing = {(term.locale_id, term.code): term for term in model.objects.all()}

    def translate(self, greek, names):
        """`names`: {language code: seeded name}."""
        from wagtail_localize.models import StringTranslation, Translation, TranslationSource

        todo = [
            code
            for code, locale in self.locales.items()
            if greek._seed_changed
            or (locale.pk, greek.code) not in self.existing
            or (greek.translation_key, locale.pk) not in self.done
        ]
        if not todo:
            return
        source, _created = TranslationSource.update_or_create_from_instance(greek)
        segment = source.stringsegment_set.select_related("context", "string").filter(context__path="name").first()
        for code in todo:
            locale = self.locales[code]
            Translation.objects.get_or_create(source=source, target_locale=locale, defaults={"enabled": True})
            name = names[code]
            if segment is not None:
                string, _created = StringTranslation.objects.get_or_create(
                    translation_of=segment.string, locale=locale, context=segment.context, defaults={"data": name}
                )
                name = string.data  # an editor's translation wins over the seed
            fields = {"name": name}
            for field in self.model.translatable_fields:
                if field.field_name == "parent":
                    parent = self.existing.get((locale.pk, greek.parent.code)) if greek.parent_id else None
                    fields["parent"] = parent
                elif type(field).__name__ == "SynchronizedField" and field.field_name != "code":
                    fields[field.field_name] = getattr(greek, field.field_name)
            term = _upsert(self.model, locale, greek.code, greek, self.existing, **fields)
            self.existing[(locale.pk, greek.code)] = term
            self.done.add((greek.translation_key, locale.pk))


@transaction.atomic
def load_taxonomies():
    """Seed the taxonomies in Greek, with English, Arabic and Ukrainian translations.

    Returns the number of terms."""
    with _indexed_in_bulk(ServiceCategory, TargetGroup, AccessCondition, AccessibilityFeature, Language):
        return _load_taxonomies()


def _load_taxonomies():
    locales = _locales()
    names = seeds.TRANSLATIONS
    count = 0
    flat = [
        (TargetGroup, seeds.TARGET_GROUPS),
        (AccessCondition, seeds.ACCESS_CONDITIONS),
        (AccessibilityFeature, seeds.ACCESSIBILITY_FEATURES),
        (Language, seeds.LANGUAGES),
    ]
    for model, rows in flat:
        key = TAXONOMY_KEYS[model]
        translator = TermTranslator(model, locales)
        for order, (code, el, en) in enumerate(rows):
            greek = _upsert(model, locales["el"], code, None, name=el, sort_order=order)
            translator.translate(greek, {"en": en, "ar": names["ar"][key][code], "uk": names["uk"][key][code]})
            count += 1
    translator = TermTranslator(ServiceCategory, locales)
    for order, (code, el, en, children) in enumerate(seeds.SERVICE_CATEGORIES):
        parent = _upsert(ServiceCategory, locales["el"], code, None, name=el, sort_order=order, parent=None)
        translator.translate(
            parent, {"en": en, "ar": names["ar"]["category"][code], "uk": names["uk"]["category"][code]}
        )
        count += 1
        for child_order, (child_code, child_el, child_en) in enumerate(children):
            greek = _upsert(
                ServiceCategory, locales["el"], child_code, None, name=child_el, sort_order=child_order, parent=parent
            )
            translator.translate(
                greek,
                {
                    "en": child_en,
                    "ar": names["ar"]["category"][child_code],
                    "uk": names["uk"]["category"][child_code],
                },
            )
            count += 1
    return count


def everyday_name(row):
    """A municipality's everyday Greek name in the nominative ("Κοζάνη" for Δήμος
    Κοζάνης): a known one, else its seat when the seat is the town it is named after,
    else its official name."""
    official = row["municipality_el"]
    if official in seeds.MUNICIPALITY_EVERYDAY_NAMES:
        return seeds.MUNICIPALITY_EVERYDAY_NAMES[official]
    seat, genitive = greek_fold(row["seat_el"]), greek_fold(official)
    if " - " not in official and len(seat) >= 3:
        common = len(os.path.commonprefix([seat, genitive]))
        if common >= len(seat) - 1:
            return row["seat_el"]
    return f"Δήμος {official}"


@transaction.atomic
def load_areas(path=None):
    """Load the 13 regions, 74 regional units and 332 municipalities, in Greek, with
    copies in English, Arabic and Ukrainian.

    Visitors who do not read Greek see a place's Greek name with its ELOT 743 Latin
    form, "Κοζάνη (Kozani)" (the copies' `short_name`), the way it is written on road
    signs and documents; English names ("Municipality of Kozani", "Athens") stay as
    the English copies' official names and as alternative names for matching."""
    with _indexed_in_bulk(AdministrativeArea):
        return _load_areas(path or settings.KOINONIA_GEOGRAPHY_DIR / "municipalities-332.csv")


def _load_areas(path):
    locales = _locales()
    others = [code for code in CONTENT_LANGUAGES if code != "el"]
    with open(path, encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))

    region_points, unit_points = defaultdict(list), defaultdict(list)
    for row in rows:
        point = (float(row["point_lat"]), float(row["point_lon"]))
        region_points[row["region_iso3166_2"]].append(point)
        unit_points[row["kallikratis_unit_code"]].append(point)

    def centre(points):
        return (sum(p[0] for p in points) / len(points), sum(p[1] for p in points) / len(points))

    def with_copies(code, level, point, greek_name, english_name, everyday, parents, alternatives="", english_extra=()):
        """The Greek area and its en/ar/uk copies; returns {language: area}."""
        common = {"level": level, "latitude": point[0], "longitude": point[1]}
        greek = _upsert(
            AdministrativeArea,
            locales["el"],
            code,
            None,
            existing,
            name=greek_name,
            short_name="",
            alternative_names=alternatives,
            parent=parents["el"] if parents else None,
            **common,
        )
        areas = {"el": greek}
        copy_alternatives = "\n".join(dict.fromkeys([*english_extra, elot743(everyday), *alternatives.splitlines()]))
        for lang in others:
            areas[lang] = _upsert(
                AdministrativeArea,
                locales[lang],
                code,
                greek,
                existing,
                name=english_name if lang == "en" else with_latin(greek_name),
                short_name=with_latin(everyday),
                alternative_names=copy_alternatives,
                parent=parents[lang] if parents else None,
                **common,
            )
        return areas

    existing = {(area.locale_id, area.code): area for area in AdministrativeArea.objects.all()}
    regions, units = {}, {}
    count = 0
    for row in rows:
        iso, unit_code = row["region_iso3166_2"], row["kallikratis_unit_code"]
        if iso not in regions:
            greek_name = f"Περιφέρεια {row['region_el']}"
            regions[iso] = with_copies(
                iso.lower(),
                AreaLevel.REGION,
                centre(region_points[iso]),
                greek_name,
                f"Region of {row['region_en']}",
                greek_name,
                None,
                english_extra=[row["region_en"]],
            )
            count += 1
        if unit_code not in units:
            greek_name = f"Περιφερειακή Ενότητα {row['unit_el']}"
            units[unit_code] = with_copies(
                f"ru-{unit_code}",
                AreaLevel.REGIONAL_UNIT,
                centre(unit_points[unit_code]),
                greek_name,
                f"Regional unit of {row['unit_en']}",
                greek_name,
                regions[iso],
                english_extra=[row["unit_en"]],
            )
            count += 1
        aliases = seeds.MUNICIPALITY_ALIASES.get(row["municipality_el"], [])
        greek_alternatives = [row["municipality_el"], row["seat_el"], *aliases]
        with_copies(
            f"m-{row['elutils_municipality_id']}",
            AreaLevel.MUNICIPALITY,
            (float(row["point_lat"]), float(row["point_lon"])),
            f"Δήμος {row['municipality_el']}",
            f"Municipality of {row['municipality_en']}",
            everyday_name(row),
            units[unit_code],
            alternatives="\n".join(dict.fromkeys(greek_alternatives)),
            english_extra=[row["municipality_en"], row["seat_en"]],
        )
        count += 1
    return count
