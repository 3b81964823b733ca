"""The HSDS 3.0 API under /api/hsds/. Thin: read parameters, ask a query class, serialise.

Every endpoint goes through `hsds_endpoint`, which makes the API what it promises to
be: read-only (405 for anything but GET/HEAD, OPTIONS answers a CORS preflight), open
to any site (`Access-Control-Allow-Origin: *`), in the request's language (`lang` or
Accept-Language, Greek by default), and cheap to poll: the ETag and Last-Modified
follow the directory's generation (directory/cache.py: every publication, unpublication,
move and deletion moves it on), so a conditional GET of an unchanged directory is a
304 before any query runs, and the body of an answer is kept in the cache under its
ETag, so the next client asking the same URL is served without building it again.
"""

import functools
import hashlib
import json
import time
import uuid

from django.core.cache import cache
from django.http import Http404, HttpResponse, JsonResponse, StreamingHttpResponse
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.cache import get_conditional_response, patch_vary_headers
from django.utils.http import http_date
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt

from directory import cache as directory_cache
from directory.hsds import profile
from directory.hsds.api import openapi
from directory.hsds.api.paging import count_key, envelope, page_slice, value_slice
from directory.hsds.api.params import ApiParams, languages
from directory.hsds.api.queries import (
    LocationRecords,
    OrganisationRecords,
    ServiceRecords,
    live_organisations,
    service_pages_of,
)
from directory.hsds.api.serializers import Serializer
from directory.hsds.api.terms import TermSerializer, TermSources, find_term
from directory.models import OrganisationPage, ServiceLocation, ServicePage

NDJSON = "application/x-ndjson"
NDJSON_BATCH = 200
CACHE_SECONDS = 60
#: Answers up to this size are kept in the cache under their ETag (the directory's
#: generation, the language and the URL), so a page many clients ask for is built once
#: per change of the directory; ndjson streams and "open now" minutes excepted.
MAX_STORED_BYTES = 2_000_000
ALLOWED = "GET, HEAD, OPTIONS"


# --- the envelope of every endpoint -------------------------------------------------


def _json(payload, status=200):
    return JsonResponse(payload, status=status, json_dumps_params={"ensure_ascii": False})


def _error(status, message, errors=()):
    return _json({"error": message, "errors": list(errors)}, status=status)


def _cors(response):
    response["Access-Control-Allow-Origin"] = "*"
    response["Access-Control-Expose-Headers"] = "ETag, Last-Modified, Content-Language"
    return response


def _language(request):
    """(language, error response)."""
    value = request.GET.get("lang", "").strip()
    if value:
        if value not in languages():
            message = _("“lang” must be one of: %(codes)s.") % {"codes": ", ".join(languages())}
            return None, _error(400, message, [{"parameter": "lang", "message": message}])
        return value, None
    current = translation.get_language() or "el"
    return (current if current in languages() else "el"), None


def _generation_since():
    """When the directory's current generation began (the Last-Modified of every answer)."""
    generation = directory_cache.generation()
    key = f"hsds-api:since:{generation}"
    cache.add(key, int(time.time()), directory_cache.TTL_SECONDS * 4 * 24)
    return generation, cache.get(key) or int(time.time())


def _etag(request, language, generation):
    # The answers hold absolute addresses (openapi_url, profile): one stored answer per
    # scheme and host, so a request with another Host header cannot poison everyone's.
    parts = [str(generation), language, request.scheme, request.get_host(), request.path]
    parts.append(request.META.get("QUERY_STRING", ""))
    if request.GET.get("open_now"):
        parts.append(timezone.now().strftime("%Y%m%d%H%M"))  # "open now" changes with the clock
    return '"' + hashlib.sha256("|".join(parts).encode()).hexdigest()[:32] + '"'


def hsds_endpoint(view):
    @csrf_exempt  # nothing here changes state; other methods get a JSON 405, not a CSRF page
    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.method == "OPTIONS":
            response = HttpResponse(status=204)
            response["Allow"] = ALLOWED
            response["Access-Control-Allow-Methods"] = ALLOWED
            response["Access-Control-Allow-Headers"] = "Accept, Accept-Language, If-None-Match, If-Modified-Since"
            response["Access-Control-Max-Age"] = "86400"
            return _cors(response)
        if request.method not in ("GET", "HEAD"):
            response = _error(405, _("This API is read-only: use GET."))
            response["Allow"] = ALLOWED
            return _cors(response)
        language, problem = _language(request)
        if problem:
            return _cors(problem)
        generation, since = _generation_since()
        etag = _etag(request, language, generation)
        not_modified = get_conditional_response(request, etag=etag, last_modified=since)
        body_key = f"hsds-api:body:{etag.strip(chr(34))}"
        stored = cache.get(body_key) if not_modified is None else None
        if not_modified is not None:
            response = not_modified
        elif stored is not None:
            response = HttpResponse(stored, content_type="application/json")
        else:
            with translation.override(language):
                try:
                    response = view(request, language, *args, **kwargs)
                except Http404 as missing:
                    response = _error(404, str(missing) or _("Not found."))
            if response.status_code == 200 and not response.streaming and len(response.content) <= MAX_STORED_BYTES:
                cache.set(body_key, response.content, directory_cache.TTL_SECONDS)
        if response.status_code in (200, 304):
            response["ETag"] = etag
            response["Last-Modified"] = http_date(since)
            response["Cache-Control"] = f"public, max-age={CACHE_SECONDS}"
        if response.status_code == 404:
            # Django's LocaleMiddleware would answer a 404 outside the language prefixes
            # with a redirect to /el/… (Wagtail's catch-all makes every such path look
            # valid); judged against the API's own routes, which have no prefixes, it
            # leaves the JSON 404 alone.
            request.urlconf = "directory.hsds.api.urls"
        response["Content-Language"] = language
        patch_vary_headers(response, ["Accept-Language"])
        return _cors(response)

    return wrapper


def _parse(request, language):
    """(ApiQuery, error response)."""
    query = ApiParams(request.GET, language).parse()
    if query.errors:
        return query, _error(400, _("Some parameters are not valid."), query.errors)
    return query, None


#: Parameters that change neither which records match nor how many.
NOT_FILTERS = {"page", "per_page", "format", "minimal", "full", "full_service", "lang"}


def _count_key(request, query):
    """Cache key of this request's total, or None when the total depends on the clock."""
    if query.filters is not None and query.filters.open_now:
        return None
    parts = [(k, tuple(v)) for k, v in request.GET.lists() if k not in NOT_FILTERS]
    return count_key([("path", (request.path.rstrip("/"),)), *parts])


def _uuid_or_404(value):
    try:
        return uuid.UUID(value)
    except ValueError:
        raise Http404(_("Nothing has this id: HSDS ids are UUIDs.")) from None


def _stream(language, lines):
    """ndjson: one object per line, written as they are built (every page, no envelope)."""

    def generate():
        with translation.override(language):
            for obj in lines():
                yield json.dumps(obj, ensure_ascii=False) + "\n"

    return StreamingHttpResponse(generate(), content_type=NDJSON)


def _batches(queryset, model, batch=NDJSON_BATCH):
    """The queryset's records in its order, `batch` at a time, without OFFSET scans."""
    ids = list(queryset.values_list("pk", flat=True))
    for start in range(0, len(ids), batch):
        chunk = ids[start : start + batch]
        rows = model.objects.in_bulk(chunk)
        yield [rows[pk] for pk in chunk if pk in rows]


# --- endpoints ------------------------------------------------------------------------


@hsds_endpoint
def api_root(request, language):
    return _json(
        {
            "version": profile.HSDS_VERSION,
            "profile": request.build_absolute_uri(reverse("hsds_api_profile")),
            "openapi_url": request.build_absolute_uri(reverse("hsds_api_openapi")),
        }
    )


@hsds_endpoint
def openapi_document(request, language):
    return _json(openapi.document())


@hsds_endpoint
def services(request, language):
    query, problem = _parse(request, language)
    if problem:
        return problem
    queryset = ServiceRecords(query).queryset()
    serializer = Serializer(language)
    if query.minimal:
        rows = queryset.values_list("hsds_id", "last_published_at")
        if query.ndjson:
            return _stream(language, lambda: (_minimal(*row) for row in rows.iterator()))
        total, page = value_slice(rows, query.page, query.per_page)
        return _json(envelope([_minimal(*row) for row in page], total=total, page=query.page, per_page=query.per_page))
    if query.ndjson:
        batches = _batches(queryset, ServicePage)
        return _stream(language, lambda: (o for b in batches for o in serializer.services(b, full=query.full)))
    total, pages = page_slice(queryset, query.page, query.per_page, count_key=_count_key(request, query))
    contents = serializer.services(pages, full=query.full)
    return _json(envelope(contents, total=total, page=query.page, per_page=query.per_page))


def _minimal(hsds_id, last_published_at):
    obj = {"id": str(hsds_id)}
    if last_published_at:
        obj["last_modified"] = last_published_at.isoformat()
    return obj


@hsds_endpoint
def service_detail(request, language, service_id):
    wanted = _uuid_or_404(service_id)
    page = ServiceRecords(None).base().filter(hsds_id=wanted).order_by("pk").first()
    found = Serializer(language).services([page], full=True) if page else []
    if not found:
        raise Http404(_("There is no published service with this id."))
    return _json(found[0])


@hsds_endpoint
def organizations(request, language):
    query, problem = _parse(request, language)
    if problem:
        return problem
    queryset = OrganisationRecords(query).queryset()
    serializer = Serializer(language)
    nested = query.full or query.full_service

    def objects(orgs):
        orgs = list(orgs)
        services = service_pages_of(orgs) if nested else None
        return serializer.organisations(orgs, services=services, full_service=query.full_service)

    if query.ndjson:
        batches = _batches(queryset, OrganisationPage)
        return _stream(language, lambda: (o for b in batches for o in objects(b)))
    total, orgs = page_slice(queryset, query.page, query.per_page, count_key=_count_key(request, query))
    return _json(envelope(objects(orgs), total=total, page=query.page, per_page=query.per_page))


@hsds_endpoint
def organization_detail(request, language, organization_id):
    wanted = _uuid_or_404(organization_id)
    query, problem = _parse(request, language)
    if problem:
        return problem
    organisation = live_organisations().filter(hsds_id=wanted).select_related("parent_organisation").first()
    if organisation is None:
        raise Http404(_("There is no published organization with this id."))
    serializer = Serializer(language)
    found = serializer.organisations(
        [organisation], services=service_pages_of([organisation]), full_service=query.full_service
    )
    return _json(found[0])


@hsds_endpoint
def service_at_locations(request, language):
    query, problem = _parse(request, language)
    if problem:
        return problem
    queryset = LocationRecords(query).queryset().select_related("page", "municipality__parent__parent", "community")
    serializer = Serializer(language)
    if query.ndjson:
        batches = _location_batches(queryset)
        full = query.full
        return _stream(language, lambda: (o for b in batches for o in serializer.service_at_locations(b, full=full)))
    total, locations = page_slice(
        queryset, query.page, query.per_page, fetch=_locations_by_id, count_key=_count_key(request, query)
    )
    contents = serializer.service_at_locations(locations, full=query.full)
    return _json(envelope(contents, total=total, page=query.page, per_page=query.per_page))


def _locations_by_id(ids):
    return ServiceLocation.objects.select_related("page", "municipality__parent__parent", "community").in_bulk(ids)


def _location_batches(queryset, batch=NDJSON_BATCH):
    ids = list(queryset.values_list("pk", flat=True))
    for start in range(0, len(ids), batch):
        chunk = ids[start : start + batch]
        rows = _locations_by_id(chunk)
        yield [rows[pk] for pk in chunk if pk in rows]


@hsds_endpoint
def service_at_location_detail(request, language, sal_id):
    wanted = _uuid_or_404(sal_id)
    pages = ServiceRecords(None).base().values("pk")
    location = (
        ServiceLocation.objects.filter(hsds_service_at_location_id=wanted, confidential=False, page__in=pages)
        .select_related("page", "municipality__parent__parent", "community")
        .order_by("pk")
        .first()
    )
    found = Serializer(language).service_at_locations([location], full=True) if location else []
    if not found:
        raise Http404(_("There is no published service_at_location with this id."))
    return _json(found[0])


@hsds_endpoint
def taxonomies(request, language):
    query, problem = _parse(request, language)
    if problem:
        return problem
    found = [t for t in profile.taxonomies() if not query.search or query.search.lower() in t["name"]]
    if query.ndjson:
        return _stream(language, lambda: iter(found))
    start = (query.page - 1) * query.per_page
    contents = found[start : start + query.per_page]
    return _json(envelope(contents, total=len(found), page=query.page, per_page=query.per_page))


@hsds_endpoint
def taxonomy_detail(request, language, taxonomy_id):
    wanted = _uuid_or_404(taxonomy_id)
    taxonomy = profile.taxonomy_by_id().get(str(wanted))
    if taxonomy is None:
        raise Http404(_("There is no taxonomy with this id."))
    return _json(taxonomy)


@hsds_endpoint
def taxonomy_terms(request, language):
    query, problem = _parse(request, language)
    if problem:
        return problem
    sources = TermSources(query)
    serializer = TermSerializer(Serializer(language).term_names_or_none(), language)
    if query.ndjson:
        return _stream(language, lambda: (serializer.term(*row) for row in sources.all()))
    total, rows = sources.page((query.page - 1) * query.per_page, query.per_page)
    contents = [serializer.term(*row) for row in rows]
    return _json(envelope(contents, total=total, page=query.page, per_page=query.per_page))


@hsds_endpoint
def taxonomy_term_detail(request, language, term_id):
    wanted = _uuid_or_404(term_id)
    found = find_term(wanted)
    if found is None:
        raise Http404(_("There is no taxonomy term with this id."))
    return _json(TermSerializer(Serializer(language).term_names_or_none(), language).term(*found))


# --- the profile ----------------------------------------------------------------------


@hsds_endpoint
def profile_index(request, language):
    base = request.build_absolute_uri(reverse("hsds_api_profile"))
    return _json(
        {
            "uri": base,
            "name": "Koinonia HSDS 3.0 profile",
            "hsds_version": profile.HSDS_VERSION,
            "description": (
                "Open Referral HSDS 3.0 for the social maps of Greek social-inclusion networks: Greek "
                "taxonomies (koinonia-*), the Greek administrative areas, Greek addresses; confidential "
                "locations and personal e-mail addresses never published. Patches are JSON Merge Patches "
                "(RFC 7386) of the core schema files."
            ),
            "patches": {name: f"{base}{name}.json" for name in profile.patch_names()},
            "schemas": {name: f"{base}schema/{name}.json" for name in profile.core_names()},
            "taxonomies": request.build_absolute_uri(reverse("hsds_api_taxonomies")),
            "openapi_url": request.build_absolute_uri(reverse("hsds_api_openapi")),
        }
    )


@hsds_endpoint
def profile_patch(request, language, name):
    if name not in profile.patch_names():
        raise Http404(_("This profile does not change that file."))
    return _json(profile.patch(name))


@hsds_endpoint
def profile_schema(request, language, name):
    if name not in profile.core_names():
        raise Http404(_("There is no HSDS schema file of that name."))
    return _json(profile.profiled_file(name))
