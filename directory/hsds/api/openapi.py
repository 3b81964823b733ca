"""The OpenAPI document of /api/hsds/: the official HSDS 3.0 one, made self-contained and
exact for what we serve.

Built, not hand-written, from three sources so it cannot drift from them:

1. the specification's `openapi.json` and core schema files (`spec/`, unchanged), with
   our profile's merge patches applied (`directory/hsds/profile/`);
2. the external `$ref`s of the official document (raw.githubusercontent.com/…/compiled/…)
   replaced by local components built from the core files, so that clients and our
   property-based tests (schemathesis) need no network; the "list" shapes (one-to-one
   fields only) are derived from the full ones the way the specification's compiled
   `*_list.json` files are: array fields left out, nested objects in their list shape;
3. what we add and declare: exact parameter types and bounds, our extension parameters
   (near, radius_km, the public search's filters, lang), the ndjson format, the 400/404
   error body, conditional GET and CORS headers.
"""

import copy
import functools

from directory.hsds import profile
from directory.hsds.api import params as api_params

SCHEMA_BASE = "https://raw.githubusercontent.com/openreferral/specification/3.0/schema/"
#: External schema of the official document → our component.
EXTERNAL_SCHEMAS = {
    "compiled/service.json": "service",
    "compiled/service_list.json": "service_list",
    "compiled/organization.json": "organization_full",
    "compiled/organization_list.json": "organization_list",
    "compiled/service_at_location.json": "service_at_location_full",
    "compiled/service_at_location_list.json": "service_at_location_list",
    "taxonomy.json": "taxonomy",
    "taxonomy_term.json": "taxonomy_term",
}
#: Keywords of the HSDS schema files that only serve their tabular (CSV) form or docs.
TABULAR_KEYWORDS = {
    "name",
    "path",
    "constraints",
    "example",
    "core",
    "datapackage_metadata",
    "datapackage_type",
    "tabular_required",
}
NDJSON = "application/x-ndjson"
LIST_PATHS = ("/services", "/service_at_locations")


def _local_ref(ref):
    """'phone.json' → '#/components/schemas/phone'."""
    if ref.endswith(".json") and "/" not in ref:
        return "#/components/schemas/" + ref[: -len(".json")]
    return ref


def clean_schema(node):
    """A core schema as an OpenAPI component: local $refs, no tabular-only keywords."""
    if isinstance(node, list):
        return [clean_schema(item) for item in node]
    if not isinstance(node, dict):
        return node
    cleaned = {}
    for key, value in node.items():
        if key in TABULAR_KEYWORDS:
            continue
        if key == "$ref":
            cleaned[key] = _local_ref(value)
        elif key in ("properties", "$defs", "definitions"):
            cleaned[key] = {name: clean_schema(sub) for name, sub in value.items()}
        else:
            cleaned[key] = clean_schema(value)
    return cleaned


def list_variant(schema, list_names):
    """The one-to-one shape of a schema: no array fields; nested objects by their list shape."""
    variant = copy.deepcopy(schema)
    properties = {}
    for name, prop in schema.get("properties", {}).items():
        if prop.get("type") == "array":
            continue
        ref = prop.get("$ref", "")
        target = ref.rsplit("/", 1)[-1]
        if target in list_names:
            prop = {**prop, "$ref": f"#/components/schemas/{target}_list"}
        properties[name] = prop
    variant["properties"] = properties
    return variant


def _ref(name):
    return {"$ref": f"#/components/schemas/{name}"}


def build_schemas():
    schemas = {name: clean_schema(profile.profiled_file(name)) for name in profile.core_names()}
    with_lists = ("service", "organization", "location", "program", "service_at_location", "taxonomy")
    for name in with_lists:
        schemas[f"{name}_list"] = list_variant(schemas[name], with_lists)
    # The compiled schemas of the specification add the links back to these objects.
    schemas["organization_full"] = copy.deepcopy(schemas["organization"])
    schemas["organization_full"]["properties"]["services"] = {
        "type": "array",
        "description": "The organization's services (list shape; every field with full_service=true).",
        "items": _ref("service_list"),
    }
    schemas["service_at_location_full"] = copy.deepcopy(schemas["service_at_location"])
    schemas["service_at_location_full"]["properties"]["service"] = _ref("service_list")
    schemas["service_at_location_list"]["properties"]["service"] = _ref("service_list")
    schemas["service_minimal"] = {
        "type": "object",
        "description": "A service with minimal=true: its id and when it last changed.",
        "properties": {
            "id": {"type": "string", "format": "uuid"},
            "last_modified": {"type": "string", "format": "date-time"},
        },
        "required": ["id"],
    }
    schemas["Error"] = {
        "type": "object",
        "description": "Why the request cannot be answered, in the request's language.",
        "properties": {
            "error": {"type": "string"},
            "errors": {
                "type": "array",
                "items": {
                    "type": "object",
                    "properties": {"parameter": {"type": "string"}, "message": {"type": "string"}},
                },
            },
        },
        "required": ["error"],
    }
    return schemas


def _replace_external_refs(node):
    if isinstance(node, list):
        return [_replace_external_refs(item) for item in node]
    if not isinstance(node, dict):
        return node
    result = {}
    for key, value in node.items():
        if key == "$ref" and isinstance(value, str) and value.startswith(SCHEMA_BASE):
            result[key] = "#/components/schemas/" + EXTERNAL_SCHEMAS[value[len(SCHEMA_BASE) :]]
        else:
            result[key] = _replace_external_refs(value)
    return result


def _parameter(name, schema, description, *, explode=None):
    parameter = {"name": name, "in": "query", "required": False, "description": description, "schema": schema}
    if explode is not None:
        parameter["explode"] = explode
    return parameter


def extension_parameters():
    """Our parameters beyond the specification (components/parameters)."""
    code_list = {"type": "array", "items": {"type": "string", "maxLength": 80}, "maxItems": 20}
    flag = {"type": "boolean"}
    return {
        "lang": _parameter(
            "lang",
            {"type": "string", "enum": list(api_params.languages())},
            "Language of the content (default: Accept-Language, else Greek). Records without a translation "
            "are given in Greek. Ids are the same in every language.",
        ),
        "near": _parameter(
            "near",
            {"type": "string", "maxLength": 100},
            "Koinonia extension: LAT,LON (or a municipality's name). Only records with a public location within "
            "radius_km are returned, nearest first.",
        ),
        "radius_km": _parameter(
            "radius_km",
            {"type": "number", "exclusiveMinimum": 0, "maximum": 500},
            "Koinonia extension: radius around `near` in kilometres (default 10, at most 500).",
        ),
        "category": _parameter(
            "category",
            code_list,
            "Koinonia extension: koinonia-service-category term codes (any of them; a sector includes its "
            "subcategories), as in the public search.",
        ),
        "group": _parameter("group", code_list, "Koinonia extension: koinonia-target-group term codes (any of them)."),
        "municipality": _parameter(
            "municipality",
            code_list,
            "Koinonia extension: koinonia-area codes (a municipality, regional unit or region; any of them).",
        ),
        "language": _parameter(
            "language", code_list, "Koinonia extension: koinonia-language codes spoken by the service (any of them)."
        ),
        "access": _parameter("access", code_list, "Koinonia extension: koinonia-accessibility codes (any of them)."),
        "open_now": _parameter("open_now", flag, "Koinonia extension: only services open now (Europe/Athens)."),
        "free": _parameter("free", flag, "Koinonia extension: only services free of charge."),
    }


EXTENSION_NAMES = ("near", "radius_km", "category", "group", "municipality", "language", "access", "open_now", "free")


def _exact_core_parameters(parameters):
    """The specification's parameters with the types and bounds we enforce."""
    exact = {
        "page": {"type": "integer", "minimum": 1, "maximum": api_params.MAX_PAGE},
        "per_page": {"type": "integer", "minimum": 1, "maximum": api_params.MAX_MINIMAL_PER_PAGE},
        "format": {"type": "string", "enum": ["json", "ndjson"]},
        "modified_after": {"type": "string", "format": "date-time"},
        "search": {"type": "string", "maxLength": api_params.MAX_SEARCH_CHARS},
        "taxonomy_term_id": {"type": "string", "format": "uuid"},
        "taxonomy_id": {"type": "string", "format": "uuid"},
        "organization_id": {"type": "string", "format": "uuid"},
        "postcode": {"type": "string", "maxLength": 20},
        "proximity": {"type": "integer", "minimum": 1, "maximum": api_params.MAX_PROXIMITY_METRES},
    }
    for name, schema in exact.items():
        if name in parameters:
            parameters[name]["schema"] = schema
    parameters["per_page"]["description"] = (
        f"Number of results requested in a single page: 1 to {api_params.MAX_PER_PAGE} "
        f"(default {api_params.DEFAULT_PER_PAGE}); with minimal=true up to {api_params.MAX_MINIMAL_PER_PAGE}."
    )
    parameters["format"]["description"] += " ndjson streams one object per line, every page, in list shape."
    parameters["proximity"]["description"] = (
        "Metres around the centre of the given postcode (the mean point of our locations with that postcode)."
    )
    return parameters


def _headers():
    text = {"schema": {"type": "string"}}
    return {
        "ETag": {**text, "description": "Send it back in If-None-Match: 304 while nothing has changed."},
        "Last-Modified": {**text, "description": "For If-Modified-Since."},
        "Access-Control-Allow-Origin": {**text, "description": "Always *: any site may read this API."},
    }


def _error(description):
    return {"description": description, "content": {"application/json": {"schema": _ref("Error")}}}


def _finish_operation(path, operation):
    operation.setdefault("parameters", [])
    names = {p.get("$ref", "").rsplit("/", 1)[-1] or p.get("name") for p in operation["parameters"]}
    if path in LIST_PATHS:
        operation["parameters"] += [{"$ref": f"#/components/parameters/{name}"} for name in EXTENSION_NAMES]
    if "lang" not in names:
        operation["parameters"].append({"$ref": "#/components/parameters/lang"})
    responses = operation["responses"]
    ok = responses["200"]
    ok["headers"] = _headers()
    if "format" in names:
        ok["content"][NDJSON] = {"schema": {"type": "string"}}
    responses["304"] = {"description": "Not modified since the ETag or date sent in the request."}
    responses["400"] = _error("A parameter is not valid; `errors` says which and why.")
    if "{id}" in path:
        responses["404"] = _error("No published record has this id.")
    responses["405"] = _error("The API is read-only: GET (and HEAD) only.")


def _contents_items(operation, schema):
    content = operation["responses"]["200"]["content"]["application/json"]
    content["schema"]["properties"]["contents"]["items"] = schema


@functools.cache
def _document():
    document = _replace_external_refs(profile.merge_patch(profile.core_file("openapi"), profile.patch("openapi")))
    document["servers"] = [{"url": "/api/hsds", "description": "This site"}]
    components = document["components"]
    components["schemas"].update(build_schemas())
    components["schemas"]["Page"]["properties"]["contents"] = {"type": "array"}
    components["schemas"]["Page"]["required"] = [
        "total_items",
        "total_pages",
        "page_number",
        "size",
        "first_page",
        "last_page",
        "empty",
        "contents",
    ]
    _exact_core_parameters(components["parameters"])
    components["parameters"].update(extension_parameters())
    for parameters in (p.get("parameters", []) for p in document["paths"].values()):
        for parameter in parameters:
            if parameter.get("in") == "path":
                parameter["schema"] = {"type": "string", "maxLength": 100}
    for operation in document["paths"]["/taxonomy_terms"]["get"]["parameters"]:
        if operation.get("name") == "top_only":
            operation["description"] = "Only top-level terms (those without a parent)."
        if operation.get("name") == "parent_id":
            operation["schema"] = {"type": "string", "format": "uuid"}
    services = document["paths"]["/services"]["get"]
    _contents_items(services, {"anyOf": [_ref("service_list"), _ref("service_minimal")]})
    services["description"] = (
        "Services in list shape (one-to-one fields); full=true gives each fully nested, minimal=true "
        "only id and last_modified. Ordered by name, or by distance with near."
    )
    document["paths"]["/"]["get"]["responses"]["200"]["content"]["application/json"]["schema"]["required"] = [
        "version",
        "profile",
        "openapi_url",
    ]
    for path, item in document["paths"].items():
        _finish_operation(path, item["get"])
    document["paths"]["/profile/"] = _profile_path()
    return document


def _profile_path():
    return {
        "get": {
            "summary": "The Koinonia HSDS profile: its description, patches and taxonomies.",
            "operationId": "getProfile",
            "parameters": [],
            "responses": {
                "200": {
                    "description": "The profile's URI, what it changes and links to its files.",
                    "content": {"application/json": {"schema": {"type": "object"}}},
                    "headers": _headers(),
                },
                "304": {"description": "Not modified."},
                "405": _error("The API is read-only."),
            },
        }
    }


def document():
    """The OpenAPI document (a fresh copy: callers may add absolute URLs to it)."""
    return copy.deepcopy(_document())
