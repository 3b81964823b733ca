"""Names of facet values in the visitor's language (codes are the same in every language).

Taxonomy terms and areas are translatable snippets: the name in the visitor's
language where a translation exists, the Greek name otherwise. The maps are small
(a few hundred rows), cached per language until the directory's next change.
"""

from django.core.cache import cache
from django.utils import translation
from django.utils.translation import gettext as _

from wagtail.models import Locale

from directory import cache as directory_cache
from directory.models import (
    AccessibilityFeature,
    AdministrativeArea,
    AreaLevel,
    Language,
    ServiceCategory,
    TargetGroup,
)
from search import documents

TTL_SECONDS = 15 * 60


def type_labels():
    return {
        "service": _("Services"),
        "organisation": _("Organisations"),
        "good_practice": _("Good practices"),
        "consultation": _("Consultations"),
        "survey": _("Surveys"),
        "page": _("Information pages"),
    }


def type_label(doc_type):
    singular = {
        "service": _("Service"),
        "organisation": _("Organisation"),
        "good_practice": _("Good practice"),
        "consultation": _("Consultation"),
        "survey": _("Survey"),
        "page": _("Information page"),
        "category": _("Category"),
    }
    return singular.get(doc_type, doc_type)


def status_label(doc_type, status):
    """A result's status in words ("Temporarily closed", "Comments until …"), as the
    builder of its type reads it: only the builder knows what its statuses mean."""
    builder = documents.builder_for_type(doc_type)
    return str(builder.status_label(status)) if builder is not None and status else ""


def _names(model, language, **filters):
    """[(code, name)] in the taxonomy's order, in `language` with the Greek name as fallback."""
    default = Locale.get_default().language_code
    rows = list(model.objects.filter(locale__language_code=default, **filters).values_list("code", "name"))
    if language != default:
        localized = dict(model.objects.filter(locale__language_code=language, **filters).values_list("code", "name"))
        rows = [(code, localized.get(code, name)) for code, name in rows]
    return rows


def _area_names(language):
    default = Locale.get_default().language_code
    rows = {}
    for lang in dict.fromkeys([default, language]):
        for code, level, name, short in AdministrativeArea.objects.filter(locale__language_code=lang).values_list(
            "code", "level", "name", "short_name"
        ):
            rows[code] = (level, short or name)
    return rows


def _build(language):
    categories = _names(ServiceCategory, language, parent__isnull=True)
    subcategories = _names(ServiceCategory, language, parent__isnull=False)
    parents = dict(
        ServiceCategory.objects.filter(parent__isnull=False, locale=Locale.get_default()).values_list(
            "code", "parent__code"
        )
    )
    areas = _area_names(language)
    return {
        "category": dict(categories + subcategories),
        "category_parent": parents,
        "group": dict(_names(TargetGroup, language)),
        "language": dict(_names(Language, language)),
        "access": dict(_names(AccessibilityFeature, language)),
        "municipality": {
            code: name
            for code, (level, name) in areas.items()
            if level in (AreaLevel.MUNICIPALITY, AreaLevel.COMMUNITY)
        },
        "area": {code: name for code, (_level, name) in areas.items()},
    }


def term_labels(language):
    """{facet: {code: name}} for the taxonomies and areas, in `language`."""
    key = f"search:labels:{directory_cache.generation()}:{language}"
    labels = cache.get(key)
    if labels is None:
        labels = _build(language)
        cache.set(key, labels, TTL_SECONDS)
    return labels


def facet_labels(language):
    """{facet: {value: label}} for every facet, in `language` (UI strings included)."""
    with translation.override(language):
        labels = dict(term_labels(language))
        labels["type"] = type_labels()
        labels["free"] = {"free": _("Free of charge")}
        labels["open_now"] = {"1": _("Open now")}
    return labels
