"""HSDS 3.0 tabular data packages: CSV files beside a `datapackage.json`.

The importer and exporter work on full service objects (the API's shape), so this
module only translates: reading nests the rows of the CSV files into service objects,
writing flattens service objects back into rows. Both follow one table of relations
(`CHILDREN`, `EMBEDDED`), so what one writes the other reads.

Rows with several owners (the specification's example fills every foreign key of a
phone) are nested under the most specific owner only; a location's phones and hours
end up on the service anyway.

In a flat package a location row is shared by every service given there, while our
listings keep accessibility per service. Writing therefore links a location's
attributes through its `service_at_location` row, which belongs to one service, so
that two services at one address do not swap accessibility features on re-import.
Likewise a phone or an opening-hours row that several services carry under one id (a
location's phone, copied onto each service) gets an id of its own per service instead
of being silently dropped: ids are primary keys in a package.
"""

import csv
import json
import re
import uuid
from collections import defaultdict
from pathlib import Path, PurePosixPath

from django.utils.translation import gettext as _

from directory.hsds import HsdsFileError
from directory.hsds.schema import datapackage_descriptor, service_schema

#: child resource → (its key in the parent object, [(foreign key column, parent resource)], first match wins)
CHILDREN = {
    "phone": (
        "phones",
        [
            ("service_id", "service"),
            ("service_at_location_id", "service_at_location"),
            ("location_id", "location"),
            ("organization_id", "organization"),
            ("contact_id", "contact"),
        ],
    ),
    "schedule": (
        "schedules",
        [("service_id", "service"), ("service_at_location_id", "service_at_location"), ("location_id", "location")],
    ),
    "service_at_location": ("service_at_locations", [("service_id", "service")]),
    "language": ("languages", [("service_id", "service"), ("location_id", "location"), ("phone_id", "phone")]),
    "required_document": ("required_documents", [("service_id", "service")]),
    "organization_identifier": ("organization_identifiers", [("organization_id", "organization")]),
    "address": ("addresses", [("location_id", "location")]),
    "accessibility": ("accessibility", [("location_id", "location")]),
    # issue 10: every other HSDS object
    "contact": (
        "contacts",
        [
            ("service_id", "service"),
            ("service_at_location_id", "service_at_location"),
            ("location_id", "location"),
            ("organization_id", "organization"),
        ],
    ),
    "cost_option": ("cost_options", [("service_id", "service")]),
    "funding": ("funding", [("service_id", "service"), ("organization_id", "organization")]),
    "program": ("programs", [("organization_id", "organization")]),
    "service_area": ("service_areas", [("service_id", "service")]),
}
#: (parent resource, key, foreign key column, resource) of single objects nested in a parent.
EMBEDDED = [
    ("service", "organization", "organization_id", "organization"),
    ("service_at_location", "location", "location_id", "location"),
    ("attribute", "taxonomy_term", "taxonomy_term_id", "taxonomy_term"),
    ("service", "program", "program_id", "program"),
]
#: Entities that several services legitimately share: one row, the first one written.
SHARED = ("service", "organization", "location", "taxonomy_term", "program")
#: Attributes point at any entity through `link_id`; these entities may carry them.
ATTRIBUTE_OWNERS = (
    "service",
    "organization",
    "service_at_location",
    "location",
    "schedule",
    "phone",
    "contact",
    "cost_option",
    "funding",
    "program",
    "service_area",
    "language",
    "required_document",
    "organization_identifier",
    "address",
    "accessibility",
)
RESOURCES = (
    "service",
    "organization",
    "organization_identifier",
    "service_at_location",
    "location",
    "address",
    "accessibility",
    "phone",
    "schedule",
    "language",
    "required_document",
    "contact",
    "cost_option",
    "funding",
    "program",
    "service_area",
    "attribute",
    "taxonomy_term",
)
_INTEGER = re.compile(r"-?\d+")


def _standard_resources():
    return {resource["name"]: resource for resource in datapackage_descriptor()["resources"]}


def _required(resource):
    """Fields the schema requires on a nested object: kept even when their cell is empty."""
    schema = service_schema()
    definition = schema if resource == "service" else schema["definitions"].get(resource, {})
    return set(definition.get("required", []))


# Reading --------------------------------------------------------------------------------


def read_package(descriptor_path):
    """[(line number in services.csv, service object)] from a data package."""
    descriptor_path = Path(descriptor_path)
    folder = descriptor_path.parent
    try:
        with open(descriptor_path, encoding="utf-8-sig") as fh:
            descriptor = json.load(fh)
    except (ValueError, UnicodeDecodeError) as error:
        raise HsdsFileError(
            _("%(file)s is not a JSON data package descriptor: %(error)s") % {"file": descriptor_path, "error": error}
        ) from error
    if not isinstance(descriptor, dict) or not isinstance(descriptor.get("resources", []), list):
        raise HsdsFileError(_("%(file)s has no list of resources.") % {"file": descriptor_path})

    paths = {name: folder / resource["path"] for name, resource in _standard_resources().items()}
    for resource in descriptor.get("resources", []):
        if isinstance(resource, dict) and isinstance(resource.get("path"), str) and resource.get("name"):
            paths[resource["name"]] = _safe_path(folder, resource["path"], descriptor_path)
    if not paths["service"].is_file():
        raise HsdsFileError(_("The data package has no services file (%(file)s).") % {"file": paths["service"].name})

    standard = _standard_resources()
    tables, lines = {}, {}
    for name in RESOURCES:
        if paths[name].is_file():
            types = {f["name"]: f["type"] for f in standard[name]["schema"]["fields"]}
            tables[name], lines[name] = _read_csv(paths[name], types, _required(name))
        else:
            tables[name], lines[name] = [], []
    return _nest(tables, lines["service"])


def _safe_path(folder, relative, descriptor_path):
    path = PurePosixPath(relative)
    if "://" in relative or path.is_absolute() or ".." in path.parts:
        raise HsdsFileError(
            _("%(file)s points outside its folder (%(path)s); only local CSV files beside it are read.")
            % {"file": descriptor_path, "path": relative}
        )
    return folder / path


def _read_csv(path, types, required):
    """Rows as dicts of typed values; empty cells are left out (unless the schema requires the field)."""
    rows, lines = [], []
    try:
        with open(path, encoding="utf-8-sig", newline="") as fh:
            reader = csv.reader(fh, strict=True)
            header = next(reader, None)
            if not header or "id" not in header:
                raise HsdsFileError(_("%(file)s has no header row with an 'id' column.") % {"file": path.name})
            for values in reader:
                if not any(v.strip() for v in values):
                    continue
                if len(values) != len(header):
                    raise HsdsFileError(
                        _("%(file)s line %(line)s has %(found)s values for %(expected)s columns.")
                        % {"file": path.name, "line": reader.line_num, "found": len(values), "expected": len(header)}
                    )
                row = {}
                for name, value in zip(header, values, strict=True):
                    if value != "" or name in required:
                        row[name] = _typed(value, types.get(name, "string"))
                rows.append(row)
                lines.append(reader.line_num)
    except UnicodeDecodeError as error:
        raise HsdsFileError(_("%(file)s is not UTF-8 text: %(error)s") % {"file": path.name, "error": error}) from error
    except csv.Error as error:
        raise HsdsFileError(
            _("%(file)s is not valid CSV (line %(line)s): %(error)s")
            % {"file": path.name, "line": reader.line_num, "error": error}
        ) from error
    return rows, lines


def _typed(value, kind):
    """Numbers become numbers; a cell that is not one stays text so that validation says so."""
    if kind == "number" and value:
        if _INTEGER.fullmatch(value):
            return int(value)
        try:
            return float(value)
        except ValueError:
            return value
    return value


def _nest(tables, service_lines):
    by_id = {name: {row["id"]: row for row in rows if row.get("id")} for name, rows in tables.items()}
    owned = defaultdict(lambda: defaultdict(list))
    for child, (_key, owners) in CHILDREN.items():
        for row in tables[child]:
            for column, parent in owners:
                if row.get(column):
                    owned[(child, parent)][row[column]].append(row)
                    break
    attributes = defaultdict(list)
    for row in tables["attribute"]:
        attributes[row.get("link_id")].append(row)

    def build(resource, row):
        obj = dict(row)
        for child, (key, owners) in CHILDREN.items():
            if any(parent == resource for _column, parent in owners):
                items = owned[(child, resource)].get(row["id"], [])
                if items:
                    obj[key] = [build(child, item) for item in items]
        for parent, key, column, target in EMBEDDED:
            if parent == resource and row.get(column) in by_id[target]:
                obj[key] = build(target, by_id[target][row[column]])
        if resource in ATTRIBUTE_OWNERS and attributes.get(row["id"]):
            obj["attributes"] = [build("attribute", item) for item in attributes[row["id"]]]
        return obj

    return [(line, build("service", row)) for line, row in zip(service_lines, tables["service"], strict=True)]


# Writing --------------------------------------------------------------------------------


def write_package(services, folder, name="koinonia-directory"):
    """Write service objects as CSV files and a datapackage.json into `folder`."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    tables = {resource: {} for resource in RESOURCES}

    def flatten(resource, obj, column=None, parent_id=None, entity=None):
        row = {key: value for key, value in obj.items() if not isinstance(value, list | dict)}
        if column:
            row[column] = parent_id
        if entity:
            row["link_entity"] = entity
        taken = tables[resource].get(row["id"])
        if taken is not None and taken != row and resource not in SHARED:
            row["id"] = str(uuid.uuid5(uuid.UUID(parent_id), row["id"]))
            obj = dict(obj, id=row["id"])
        tables[resource].setdefault(row["id"], row)
        for child, (key, owners) in CHILDREN.items():
            for fk, parent in owners:
                if parent == resource:
                    for item in obj.get(key) or []:
                        flatten(child, _relinked(item) if child == "service_at_location" else item, fk, obj["id"])
                    break
        for parent, key, fk, target in EMBEDDED:
            if parent == resource and isinstance(obj.get(key), dict):
                flatten(target, obj[key])
                row[fk] = obj[key]["id"]
        for item in obj.get("attributes") or []:
            flatten("attribute", item, "link_id", obj["id"], entity=resource)

    for service in services:
        flatten("service", service)

    standard = _standard_resources()
    written = []
    for resource in RESOURCES:
        descriptor = standard[resource]
        columns = [f["name"] for f in descriptor["schema"]["fields"]]
        with open(folder / descriptor["path"], "w", encoding="utf-8", newline="") as fh:
            writer = csv.writer(fh, lineterminator="\n")
            writer.writerow(columns)
            for row in tables[resource].values():
                writer.writerow(["" if row.get(column) is None else row[column] for column in columns])
        written.append(descriptor)
    package = {
        "name": name,
        "profile": "tabular-data-package",
        "version": datapackage_descriptor().get("version", "3.0.0"),
        "resources": written,
    }
    with open(folder / "datapackage.json", "w", encoding="utf-8") as fh:
        json.dump(package, fh, ensure_ascii=False, indent=2)
    return {resource: len(rows) for resource, rows in tables.items()}


def _relinked(link):
    """A service_at_location carrying its location's attributes (see the module docstring)."""
    place = link.get("location")
    if not isinstance(place, dict) or not place.get("attributes"):
        return link
    moved = [dict(item, id=str(uuid.uuid5(uuid.UUID(link["id"]), item["id"]))) for item in place["attributes"]]
    place = {key: value for key, value in place.items() if key != "attributes"}
    return dict(link, location=place, attributes=[*(link.get("attributes") or []), *moved])
