"""The HSDS 3.0 schemas, read from the copy kept in this package.

Production servers have only this repository, so the files live beside the code
(`schema/`, copied unchanged from the specification) rather than in a shared folder.
The validator is built once per process: compiling the service schema takes longer
than validating a record with it.
"""

import functools
import json
from pathlib import Path

from jsonschema import Draft7Validator, FormatChecker

SCHEMA_DIR = Path(__file__).resolve().parent / "schema"
SERVICE_SCHEMA_FILE = SCHEMA_DIR / "service_with_definitions.json"
DATAPACKAGE_FILE = SCHEMA_DIR / "datapackage.json"

#: Formats checked on top of types and enums. Ids must be UUIDs because our models store
#: them as such; e-mails get jsonschema's light check (models validate them properly).
_FORMATS = FormatChecker(formats=("uuid", "email"))


@functools.cache
def service_schema():
    with open(SERVICE_SCHEMA_FILE, encoding="utf-8") as fh:
        return json.load(fh)


@functools.cache
def service_validator():
    schema = service_schema()
    Draft7Validator.check_schema(schema)
    return Draft7Validator(schema, format_checker=_FORMATS)


@functools.cache
def datapackage_descriptor():
    """The HSDS tabular data package: resource names, CSV file names and column types."""
    with open(DATAPACKAGE_FILE, encoding="utf-8") as fh:
        return json.load(fh)


@functools.cache
def _fast_validator():
    import jsonschema_rs

    return jsonschema_rs.Draft7Validator(service_schema(), validate_formats=True)


def is_valid(record):
    """Whether `record` follows the service schema, answered by jsonschema-rs (Rust, about a
    hundred times faster than jsonschema: 0.05 ms a record instead of 8). Most records of a
    file are valid and only the others need jsonschema's detailed errors, so callers ask
    this first. It checks every format, more than `_FORMATS`: a "no" only sends a record to
    the detailed check, which has the last word."""
    return _fast_validator().is_valid(record)


def field_path(path):
    """`['service_at_locations', 0, 'location', 'latitude']` → 'service_at_locations[0].location.latitude'."""
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def schema_errors(record, limit=5):
    """[(field path, message)] of the ways `record` breaks the HSDS 3.0 service schema."""
    errors = sorted(service_validator().iter_errors(record), key=lambda error: list(map(str, error.absolute_path)))
    found = []
    for error in errors[:limit]:
        path = list(error.absolute_path)
        if error.validator == "required":
            # Point at the missing field itself, not at the object that lacks it.
            missing = [name for name in error.validator_value if name not in (error.instance or {})]
            path += missing[:1]
        found.append((field_path(path), error.message))
    return found
