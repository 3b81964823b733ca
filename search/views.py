"""The search page and the JSON API. Thin: parse parameters, ask SearchService, render.

Bad input never reaches the backend as such: parameters are checked by
search/forms.py; the page leaves out what it cannot use and says so, the API answers
400 with a translated message. Both answer in the visitor's language (the page from
its URL, the API from `lang`).
"""

from django.http import JsonResponse
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import translation
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from core import visits
from search.forms import SearchParams, languages
from search.labels import term_labels
from search.query import MAX_RESULT_WINDOW
from search.service import SearchService

API_CACHE_SECONDS = 60


@require_GET
def search_page(request):
    language = translation.get_language()
    parsed = SearchParams(request.GET, language).parse()
    results = SearchService().search(parsed.query) if parsed.has_criteria else None
    if parsed.has_criteria:
        visits.note_action(request, visits.SEARCH, target=request.GET.urlencode())  # campaign reach
    context = {
        "query": parsed.query,
        "errors": parsed.errors,
        "notices": parsed.notices,
        "results": results,
        "suggest_url": reverse("search_suggest"),
        "language": language,
        "max_results": MAX_RESULT_WINDOW,
    }
    if results is not None:
        context.update(_page_links(request, results))
        context.update(_filter_panel(request, results))
    return TemplateResponse(request, "search/search_page.html", context)


RADIUS_CHOICES = (1, 2, 5, 10, 25, 50, 100)
#: Municipalities listed in the filter panel (the API gives every one).
MUNICIPALITIES_SHOWN = 15


def _category_tree(values):
    """Main categories with their subcategories folded under them, not one flat list:
    [{"value": FacetValue, "children": [FacetValue], "open": bool}] in facet order.
    A subcategory whose main category has no result of its own stands on its own."""
    parents = term_labels(translation.get_language())["category_parent"]
    present = {v.value for v in values}
    children = {}
    for v in values:
        parent = parents.get(v.value)
        if parent in present:
            children.setdefault(parent, []).append(v)
    return [
        {
            "value": v,
            "children": children.get(v.value, []),
            "open": any(c.selected for c in children.get(v.value, [])),
        }
        for v in values
        if parents.get(v.value) not in present
    ]


def _filter_panel(request, results):
    legends = {
        "category": _("Category"),
        "group": _("Who it is for"),
        "municipality": _("Municipality"),
        "language": _("Language spoken"),
        "access": _("Accessibility"),
    }
    groups = []
    for name, legend in legends.items():
        values = results.facets.get(name)
        if not values:
            continue
        group = {"name": name, "legend": legend, "values": values, "open": any(v.selected for v in values)}
        if name == "category":
            group["tree"] = _category_tree(values)
        if name == "municipality" and len(values) > MUNICIPALITIES_SHOWN:
            # Hundreds of checkboxes help nobody (and weigh on a phone): the places with
            # most results, every selected one, and the way to ask for any other.
            shown = max(MUNICIPALITIES_SHOWN, sum(v.selected for v in values))
            group["values"] = values[:shown]
            group["hint"] = _(
                "Showing the municipalities with the most results (%(count)s). "
                "For another one, type it in the search box."
            ) % {"count": shown}
        groups.append(group)
    radius = results.query.effective_radius_km
    choices = sorted({*RADIUS_CHOICES, int(radius) if float(radius).is_integer() else radius})
    return {
        "facet_groups": groups,
        "near_text": request.GET.get("near", "")[:100],
        "radius_choices": choices,
        "radius": int(radius) if float(radius).is_integer() else radius,
        "first_rank": results.query.offset + 1,
        "previous_page": min(results.page - 1, results.num_pages),
        "next_page": results.page + 1,
    }


def _page_links(request, results):
    """URLs for pagination, "did you mean" and removing each active filter."""
    params = request.GET.copy()
    params.pop("page", None)
    base = params.urlencode()
    chips = []
    for name, values in results.query.filter_values().items():
        facet = {v.value: v.label for v in results.facets.get(name, [])}
        for value in values:
            without = request.GET.copy()
            without.setlist(name, [v for v in without.getlist(name) if v != value])
            without.pop("page", None)
            chips.append({"label": facet.get(value, value), "remove_url": "?" + without.urlencode()})
    if results.query.open_now:
        without = request.GET.copy()
        without.pop("open_now", None)
        without.pop("page", None)
        chips.append({"label": _("Open now"), "remove_url": "?" + without.urlencode()})
    suggestion_url = None
    if results.suggestion:
        with_suggestion = request.GET.copy()
        with_suggestion["q"] = results.suggestion
        with_suggestion.pop("page", None)
        suggestion_url = "?" + with_suggestion.urlencode()
    place_url = None
    if results.place and results.place["code"] not in results.query.areas:
        with_place = request.GET.copy()
        with_place.appendlist("municipality", results.place["code"])
        with_place.pop("page", None)
        place_url = "?" + with_place.urlencode()
    links = {"query_string": base, "chips": chips, "suggestion_url": suggestion_url, "place_url": place_url}
    if not results.total:
        links.update(_empty_handed_links(request, results))
    return links


def _empty_handed_links(request, results):
    """What a search that found nothing offers instead: the categories nearest to its
    words (each a link to that category) and a wider area (a larger radius, or every
    municipality) when the search was limited to one."""
    search_url = reverse("search")
    categories = [
        {"label": name, "url": search_url + "?" + urlencode({"category": code})}
        for code, name in results.closest_categories
    ]
    widen_url = widen_label = None
    query = results.query
    if query.near:
        wider = next((r for r in RADIUS_CHOICES if r > query.effective_radius_km), None)
        if wider:
            params = request.GET.copy()
            params["radius_km"] = str(wider)
            params.pop("page", None)
            widen_url = "?" + params.urlencode()
            widen_label = _("Search within %(km)s km") % {"km": wider}
    elif query.areas:
        params = request.GET.copy()
        params.pop("municipality", None)
        params.pop("page", None)
        widen_url = "?" + params.urlencode()
        widen_label = _("Search in every municipality")
    return {"closest_categories": categories, "widen_url": widen_url, "widen_label": widen_label}


# --- JSON API -----------------------------------------------------------------------


def _api_language(request):
    """(language, error) from `lang`; the default language when absent."""
    value = request.GET.get("lang", "").strip() or translation.get_language() or "el"
    if value not in languages():
        return None, _("“lang” must be one of: %(codes)s.") % {"codes": ", ".join(languages())}
    return value, None


def _bad_request(message, errors=()):
    return JsonResponse({"error": message, "errors": list(errors)}, status=400)


@require_GET
def api_search(request):
    """GET /api/search?q=…&type=…&category=…&municipality=…&near=LAT,LON&radius_km=…&open_now=1&page=…&lang=el"""
    language, problem = _api_language(request)
    if problem:
        return _bad_request(problem, [{"parameter": "lang", "message": problem}])
    with translation.override(language):
        parsed = SearchParams(request.GET, language, allow_page_size=True).parse()
        if parsed.errors:
            return _bad_request(_("Some parameters are not valid."), parsed.errors)
        results = SearchService().search(parsed.query, decorate=False)
        near = parsed.query.near is not None
        payload = {
            "total": results.total,
            "page": results.page,
            "page_size": results.page_size,
            "results": [_api_hit(request, hit, near) for hit in results.results],
            "facets": {
                name: [{"value": v.value, "label": v.label, "count": v.count} for v in values]
                for name, values in results.facets.items()
            },
            "suggestion": results.suggestion,
        }
        if results.left_out:
            payload["left_out"] = results.left_out_words.split()
            payload["searched"] = results.searched_text
            payload["message"] = _("No results with all your words; showing results for “%(text)s”.") % {
                "text": results.searched_text
            }
        elif not results.total and results.closest_categories:
            payload["closest_categories"] = [
                {"value": code, "label": name} for code, name in results.closest_categories
            ]
        if results.beyond_window:
            payload["message"] = _("Only the first %(count)s results can be paged through; narrow your search.") % {
                "count": MAX_RESULT_WINDOW
            }
    response = JsonResponse(payload, json_dumps_params={"ensure_ascii": False})
    response["Cache-Control"] = f"public, max-age={API_CACHE_SECONDS}"
    return response


def _api_hit(request, hit, near):
    item = {
        "type": hit.type,
        "type_label": str(hit.type_label),
        "title": hit.title,
        "url": request.build_absolute_uri(hit.url),
        "snippet": hit.snippet,
        "snippet_html": str(hit.snippet_html),
    }
    if hit.status_label:  # "Comments until …", "Temporarily closed": in the visitor's language
        item["status"] = str(hit.status_label)
    if hit.hsds_id:
        item["hsds_id"] = hit.hsds_id
    if near:
        item["distance_km"] = hit.distance_km
    return item


@require_GET
def api_suggest(request):
    """GET /api/search/suggest?q=…&lang=el: up to 8 suggestions as people type."""
    language, problem = _api_language(request)
    if problem:
        return _bad_request(problem, [{"parameter": "lang", "message": problem}])
    with translation.override(language):
        text = request.GET.get("q", "")
        suggestions = SearchService().suggest(text, language)
        search_url = reverse("search")
        for item in suggestions:
            if item["type"] == "category":
                item["url"] = search_url + "?" + urlencode({"category": item.pop("value")})
    response = JsonResponse(
        {"query": text[:200], "suggestions": suggestions}, json_dumps_params={"ensure_ascii": False}
    )
    response["Cache-Control"] = f"public, max-age={API_CACHE_SECONDS}"
    return response
