"""Load the reference data every installation needs: areas and taxonomies.

Both loaders are idempotent (update by code and locale) so `make run` can call them
every time, and editors' own additions are left alone.
"""

import csv
import uuid
from collections import defaultdict

from django.conf import settings
from django.db import transaction

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


def _upsert(model, locale, code, translation_source, **fields):
    """Create or update one term/area; translations share the Greek one's translation_key."""
    obj = model.objects.filter(locale=locale, code=code).first()
    if obj is None:
        obj = model(locale=locale, code=code)
        if translation_source is not None:
            obj.translation_key = translation_source.translation_key
    changed = obj.pk is None
    for name, value in fields.items():
        if getattr(obj, name) != value:
            setattr(obj, name, value)
            changed = True
    if changed:
        obj.save()
    obj._seed_changed = changed
    return obj


class TermTranslator:
    """Makes the seeded English, Arabic and Ukrainian terms wagtail-localize
    translations of the Greek term: a TranslationSource for the Greek term, a
    Translation per language and the seeded name as its StringTranslation, then
    wagtail-localize writes the translated term. Editors then see the terms as
    translated and change them in wagtail-localize's editor; a second run leaves
    their changes alone (names are seeded once), and costs one query per term
    when nothing changed."""

    def __init__(self, locales):
        from wagtail_localize.models import Translation

        self.locales = {code: locale for code, locale in locales.items() if code != "el"}
        self.done = set(
            Translation.objects.filter(target_locale__in=self.locales.values()).values_list(
                "source__object_id", "target_locale_id"
            )
        )

    def translate(self, greek, names):
        """`names`: {language code: seeded name}."""
        from wagtail_localize.models import StringTranslation, Translation, TranslationSource

        model = type(greek)
        existing = set(model.objects.filter(translation_key=greek.translation_key).values_list("locale_id", flat=True))
        todo = [
            code
            for code, locale in self.locales.items()
            if greek._seed_changed or locale.pk not in existing or (greek.translation_key, locale.pk) not in self.done
        ]
        if not todo:
            return
        source, _created = TranslationSource.update_or_create_from_instance(greek)
        segments = {s.context.path: s for s in source.stringsegment_set.select_related("context", "string")}
        for code in todo:
            locale = self.locales[code]
            translation, _created = Translation.objects.get_or_create(
                source=source, target_locale=locale, defaults={"enabled": True}
            )
            segment = segments.get("name")
            if segment is not None and names.get(code):
                StringTranslation.objects.get_or_create(
                    translation_of=segment.string,
                    locale=locale,
                    context=segment.context,
                    defaults={"data": names[code]},
                )
            translation.save_target(publish=True)
            # A new translation is a copy of the Greek term, HSDS id included: give it its own.
            model.objects.filter(translation_key=greek.translation_key, locale=locale, hsds_id=greek.hsds_id).update(
                hsds_id=uuid.uuid4()
            )
            self.done.add((greek.translation_key, locale.pk))


@transaction.atomic
def load_taxonomies():
    """Seed the taxonomies in Greek, with English, Arabic and Ukrainian translations.

    Returns the number of terms."""
    locales = _locales()
    translator = TermTranslator(locales)
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
        for order, (code, el, en) in enumerate(rows):
            greek = _upsert(model, locales["el"], code, None, name=el, sort_order=order)
            translator.translate(greek, {"en": en, "ar": names["ar"][key][code], "uk": names["uk"][key][code]})
            count += 1
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


@transaction.atomic
def load_areas(path=None):
    """Load the 13 regions, 74 regional units and 332 municipalities, in Greek and English."""
    path = path or settings.KOINONIA_GEOGRAPHY_DIR / "municipalities-332.csv"
    locales = _locales()
    with open(path, encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))

    region_points, unit_points = defaultdict(list), defaultdict(list)
    for row in rows:
        point = (float(row["point_lat"]), float(row["point_lon"]))
        region_points[row["region_iso3166_2"]].append(point)
        unit_points[row["kallikratis_unit_code"]].append(point)

    def centre(points):
        return (sum(p[0] for p in points) / len(points), sum(p[1] for p in points) / len(points))

    regions, units = {}, {}
    count = 0
    for row in rows:
        iso, unit_code = row["region_iso3166_2"], row["kallikratis_unit_code"]
        if iso not in regions:
            lat, lon = centre(region_points[iso])
            greek = _upsert(
                AdministrativeArea,
                locales["el"],
                iso.lower(),
                None,
                level=AreaLevel.REGION,
                name=f"Περιφέρεια {row['region_el']}",
                short_name="",
                latitude=lat,
                longitude=lon,
                parent=None,
            )
            english = _upsert(
                AdministrativeArea,
                locales["en"],
                iso.lower(),
                greek,
                level=AreaLevel.REGION,
                name=f"Region of {row['region_en']}",
                short_name=row["region_en"],
                latitude=lat,
                longitude=lon,
                parent=None,
            )
            regions[iso] = {"el": greek, "en": english}
            count += 1
        if unit_code not in units:
            lat, lon = centre(unit_points[unit_code])
            greek = _upsert(
                AdministrativeArea,
                locales["el"],
                f"ru-{unit_code}",
                None,
                level=AreaLevel.REGIONAL_UNIT,
                name=f"Περιφερειακή Ενότητα {row['unit_el']}",
                short_name="",
                latitude=lat,
                longitude=lon,
                parent=regions[iso]["el"],
            )
            english = _upsert(
                AdministrativeArea,
                locales["en"],
                f"ru-{unit_code}",
                greek,
                level=AreaLevel.REGIONAL_UNIT,
                name=f"Regional unit of {row['unit_en']}",
                short_name=row["unit_en"],
                latitude=lat,
                longitude=lon,
                parent=regions[iso]["en"],
            )
            units[unit_code] = {"el": greek, "en": english}
            count += 1
        code = f"m-{row['elutils_municipality_id']}"
        aliases = seeds.MUNICIPALITY_ALIASES.get(row["municipality_el"], [])
        greek_alternatives = [row["municipality_el"], row["seat_el"], *aliases]
        greek = _upsert(
            AdministrativeArea,
            locales["el"],
            code,
            None,
            level=AreaLevel.MUNICIPALITY,
            name=f"Δήμος {row['municipality_el']}",
            short_name="",
            alternative_names="\n".join(dict.fromkeys(greek_alternatives)),
            latitude=float(row["point_lat"]),
            longitude=float(row["point_lon"]),
            parent=units[unit_code]["el"],
        )
        _upsert(
            AdministrativeArea,
            locales["en"],
            code,
            greek,
            level=AreaLevel.MUNICIPALITY,
            name=f"Municipality of {row['municipality_en']}",
            short_name=row["municipality_en"],
            alternative_names="\n".join(dict.fromkeys([row["seat_en"], *greek_alternatives])),
            latitude=float(row["point_lat"]),
            longitude=float(row["point_lon"]),
            parent=units[unit_code]["en"],
        )
        count += 1
    return count
