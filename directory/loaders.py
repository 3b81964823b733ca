"""Load the reference data every installation needs: areas and taxonomies.

Both loaders are idempotent (update by code and locale) so `make run` can call them
every time, and editors' own additions are left alone.
"""

import csv
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

CONTENT_LANGUAGES = ("el", "en")


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
    return obj


@transaction.atomic
def load_taxonomies():
    """Seed the taxonomies in Greek and English. Returns the number of terms."""
    locales = _locales()
    count = 0
    flat = [
        (TargetGroup, seeds.TARGET_GROUPS),
        (AccessCondition, seeds.ACCESS_CONDITIONS),
        (AccessibilityFeature, seeds.ACCESSIBILITY_FEATURES),
        (Language, seeds.LANGUAGES),
    ]
    for model, rows in flat:
        for order, (code, el, en) in enumerate(rows):
            greek = _upsert(model, locales["el"], code, None, name=el, sort_order=order)
            _upsert(model, locales["en"], code, greek, name=en, sort_order=order)
            count += 1
    for order, (code, el, en, children) in enumerate(seeds.SERVICE_CATEGORIES):
        parents = {}
        for lang, name in (("el", el), ("en", en)):
            parents[lang] = _upsert(
                ServiceCategory, locales[lang], code, parents.get("el"), name=name, sort_order=order, parent=None
            )
        count += 1
        for child_order, (child_code, child_el, child_en) in enumerate(children):
            greek = None
            for lang, name in (("el", child_el), ("en", child_en)):
                term = _upsert(
                    ServiceCategory,
                    locales[lang],
                    child_code,
                    greek,
                    name=name,
                    sort_order=child_order,
                    parent=parents[lang],
                )
                greek = greek or term
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
