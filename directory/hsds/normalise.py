"""The forgiving first pass over an imported record: fix what can be fixed, say so.

Real registries are not clean HSDS: ids that are not UUIDs, `www.example.gr` without a
scheme, "" where a number belongs, dates written 12/03/2023, "Active" for `active`,
points in another country, names longer than a page title. A record is refused only
when it cannot be a listing at all (no id, no name, no organisation); everything else
is repaired here, before the HSDS schema check, and every repair leaves an
`ImportWarning` naming its kind (`directory.models.ReviewKind`), its field and the
value as it was, so that nothing a person typed is silently lost.

What the schema still finds wrong after the repairs is dropped value by value (the
smallest part that holds the error: a field, or one item of a list), each with a
warning, and the record is checked again.

Repairs are deterministic: the same file gives the same record, so importing it again
finds nothing changed (ids that are not UUIDs become the same UUIDs every time).
"""

import copy
import datetime
import json
import math
import re
import uuid
from dataclasses import dataclass, field

from dateutil import parser as date_parser

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator, validate_email
from django.utils.translation import gettext as _

from directory.hsds.schema import field_path, is_valid, service_validator

#: Namespace of the UUIDs given to ids that are not UUIDs ("svc-123" → always the same UUID).
ID_NAMESPACE = uuid.UUID("6f1d3c52-2f7e-4b7a-9a57-6b1f3e0f6a10")

#: Page titles (Wagtail's Page.title) hold this many characters.
TITLE_LENGTH = 255
#: Fields that keep a format's length: (path regex, length).
LIMITED_TEXT = (
    (re.compile(r"(^|\.)postal_code$"), 20),
    (re.compile(r"(^|\.)extension$"), 20),
)
_URL_FIELDS = re.compile(r"^(url|organization\.(website|url)|required_documents\[\d+\]\.uri)$")
_EMAIL_FIELDS = re.compile(r"^(email|organization\.email)$")
_NUMBER_FIELDS = re.compile(r"(^|\.)(minimum_age|maximum_age|latitude|longitude|extension|year|amount)$")
_DATE_FIELDS = re.compile(r"(^|\.)(assured_date|valid_from|valid_to|dtstart|until|last_modified)$")
_TIME_FIELDS = re.compile(r"(^|\.)(opens_at|closes_at)$")
#: The keys of HSDS 3.0 that hold ids (UUIDs) of its objects; `tax_id` is no such id.
_ID_KEYS = re.compile(
    r"^(id|organization_id|service_id|location_id|service_at_location_id|parent_organization_id|program_id"
    r"|contact_id|phone_id|taxonomy_id|taxonomy_term_id|parent_id|link_id|resource_id)$"
)
_STATUSES = {
    "active": "active",
    "open": "active",
    "inactive": "inactive",
    "closed": "inactive",
    "defunct": "defunct",
    "temporarily closed": "temporarily closed",
    "temporarily_closed": "temporarily closed",
    "temporarily-closed": "temporarily closed",
}
_URL = URLValidator(schemes=["http", "https"])
_TWELVE_HOUR = re.compile(r"^(\d{1,2})(?::(\d{2}))?\s*([ap])\.?\s*m\.?$", re.IGNORECASE)
_TIME = re.compile(r"^(\d{1,2})[:.](\d{2})(?::(\d{2}))?$")


@dataclass(frozen=True)
class ImportWarning:
    """One value the import normalised or dropped.

    `kind` is a `ReviewKind` value, `field` the path in the HSDS record
    ("service_at_locations[0].location.phones[1].number"), `original` the value as it
    was in the file (text; '' when there was none).
    """

    kind: str
    field: str
    message: str
    original: str = ""
    #: False for repairs nobody needs to look at (an id that was no UUID): report only, no flag.
    review: bool = True


@dataclass
class Tidied:
    """A record after the first pass: `problems` non-empty means it cannot be a listing."""

    record: dict
    warnings: list = field(default_factory=list)
    problems: list = field(default_factory=list)


def stable_uuid(value, scope=""):
    """The UUID of an id: itself when it is one, else always the same UUID for the same text."""
    text = str(value).strip()
    try:
        return str(uuid.UUID(text))
    except ValueError:
        return str(uuid.uuid5(ID_NAMESPACE, f"{scope}{text}"))


def original_text(value):
    """A value of the file as text for a report (JSON for objects and lists)."""
    if isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False, default=str)


def shorten_title(name):
    """A title of at most 255 characters, cut at a word boundary, ending with '…'."""
    if len(name) <= TITLE_LENGTH:
        return name
    cut = name[: TITLE_LENGTH - 1]
    if " " in cut[TITLE_LENGTH // 2 :]:
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip(" ,.;:-–") + "…"


class RecordTidier:
    """Repairs HSDS service objects; `region` decides how 03/04/2023 reads (US: month first)."""

    def __init__(self, region="GR"):
        self.region = (region or "GR").upper()

    def tidy(self, data):
        record = copy.deepcopy(data)
        result = Tidied(record=record)
        self._warnings, self._problems = result.warnings, result.problems
        service_id = self._identity(record)
        if self._problems:
            return result
        self._ids(record, "", f"{service_id}:")
        self._values(record, "")
        self._status(record)
        self._drop_schema_errors(record)
        return result

    # Identity: what makes a listing -------------------------------------------------

    def _identity(self, record):
        raw_id = record.get("id")
        if raw_id in (None, "") or (isinstance(raw_id, str) and not raw_id.strip()):
            self._problem("id", _("A service needs an id: without one it cannot be found again."))
            return ""
        if isinstance(record.get("name"), str):
            record["name"] = " ".join(record["name"].split())
        if not record.get("name") or not isinstance(record["name"], str):
            self._problem("name", _("A service needs a name."))
        organisation = record.get("organization")
        if organisation is not None and not isinstance(organisation, dict):
            self._warn("value-dropped", "organization", _("The organisation is not an object; ignored."), organisation)
            del record["organization"]
            organisation = None
        org_id = (organisation or {}).get("id") or record.get("organization_id")
        if org_id in (None, "") or (isinstance(org_id, str) and not org_id.strip()):
            self._problem("organization", _("Every service needs the organisation that provides it."))
        elif organisation is not None:
            if not organisation.get("id"):
                organisation["id"] = org_id
            name = organisation.get("name")
            if not isinstance(name, str) or not name.strip():
                self._problem("organization.name", _("The organisation needs a name."))
        return stable_uuid(raw_id)

    def _ids(self, value, path, scope):
        """Every id a UUID, the same one for the same text; a missing nested id is derived from its place."""
        if isinstance(value, list):
            for index, item in enumerate(value):
                self._ids(item, f"{path}[{index}]", scope)
            return
        if not isinstance(value, dict):
            return
        for key in list(value):
            item = value[key]
            here = f"{path}.{key}" if path else key
            if _ID_KEYS.match(key) and not isinstance(item, dict | list):
                if item in (None, ""):
                    if key != "id":
                        del value[key]
                    continue
                fixed = stable_uuid(item)
                if fixed != item:
                    value[key] = fixed
                    if key in ("id", "organization_id") and path in ("", "organization"):
                        self._warn(
                            "value-changed",
                            here,
                            _("The id '%(id)s' is not a UUID; it was given the UUID %(uuid)s.")
                            % {"id": item, "uuid": fixed},
                            item,
                            review=False,
                        )
            elif isinstance(item, dict | list):
                self._ids(item, here, scope)
        if path and "id" in value and value["id"] in (None, ""):
            # Nested objects need ids (phones, schedules...): derive one from the service and place.
            value["id"] = str(uuid.uuid5(ID_NAMESPACE, f"{scope}{path}"))
        elif path and "id" not in value and not path.endswith("taxonomy_term") and _needs_id(path):
            value["id"] = str(uuid.uuid5(ID_NAMESPACE, f"{scope}{path}"))

    # Values -------------------------------------------------------------------------

    def _values(self, value, path):
        if isinstance(value, list):
            for item in value:
                self._values(item, path)
            return
        if not isinstance(value, dict):
            return
        for key in list(value):
            item = value[key]
            here = f"{path}.{key}" if path else key
            if isinstance(item, dict | list):
                if isinstance(item, list):
                    for index, element in enumerate(item):
                        self._values(element, f"{here}[{index}]")
                else:
                    self._values(item, here)
                continue
            if isinstance(item, str):
                item = item.strip()
                value[key] = item
                if item == "":
                    # An empty string says nothing; for numbers and dates it breaks the schema.
                    del value[key]
                    continue
            self._value(value, key, item, here)

    def _value(self, parent, key, item, path):
        bare = re.sub(r"\[\d+\]", "", path)
        if _URL_FIELDS.match(path):
            self._url(parent, key, item, path)
        elif _EMAIL_FIELDS.match(path):
            self._email(parent, key, item, path)
        elif _NUMBER_FIELDS.search(bare):
            self._number(parent, key, item, path)
        elif _DATE_FIELDS.search(bare):
            self._date(parent, key, item, path)
        elif _TIME_FIELDS.search(bare):
            self._time(parent, key, item, path)
        elif isinstance(item, str):
            for pattern, length in LIMITED_TEXT:
                if pattern.search(bare) and len(item) > length:
                    parent[key] = item[:length]
                    self._warn(
                        "text-truncated",
                        path,
                        _("It was cut to %(length)s characters.") % {"length": length},
                        item,
                    )

    def _url(self, parent, key, item, path):
        text = str(item)
        fixed = text if re.match(r"^[a-z][a-z0-9+.\-]*://", text, re.IGNORECASE) else f"https://{text.lstrip('/')}"
        try:
            _URL(fixed)
        except ValidationError:
            del parent[key]
            self._warn("url-dropped", path, _("'%(value)s' is not a web address; dropped.") % {"value": text}, text)
            return
        if len(fixed) > 2048:
            del parent[key]
            self._warn("url-dropped", path, _("The web address is longer than 2048 characters; dropped."), text)
            return
        if fixed != text:
            parent[key] = fixed
            self._warn(
                "url-scheme-added",
                path,
                _("'%(value)s' had no scheme; it became %(url)s.") % {"value": text, "url": fixed},
                text,
            )

    def _email(self, parent, key, item, path):
        text = str(item)
        fixed = re.sub(r"^mailto:", "", text, flags=re.IGNORECASE).strip()
        try:
            validate_email(fixed)
        except ValidationError:
            del parent[key]
            self._warn(
                "email-dropped", path, _("'%(value)s' is not an e-mail address; dropped.") % {"value": text}, text
            )
            return
        if fixed != text:
            parent[key] = fixed
            self._warn(
                "value-changed", path, _("'%(value)s' became %(email)s.") % {"value": text, "email": fixed}, text
            )

    def _number(self, parent, key, item, path):
        if isinstance(item, bool):
            number = None
        elif isinstance(item, int) or (isinstance(item, float) and math.isfinite(item)):
            return
        elif isinstance(item, float):
            number = None  # 1e400 in JSON is infinity to Python: no field can hold it
        else:
            text = str(item).replace(",", ".") if str(item).count(",") == 1 and "." not in str(item) else str(item)
            match = re.fullmatch(r"\s*([+-]?\d+(?:\.\d+)?)\s*\+?\s*", text)
            number = float(match.group(1)) if match else None
            if number is not None and number == int(number) and "." not in match.group(1):
                number = int(number)
        if number is None:
            del parent[key]
            self._warn("value-dropped", path, _("'%(value)s' is not a number; dropped.") % {"value": item}, item)
            return
        parent[key] = number
        if str(number) != str(item).strip():
            self._warn(
                "value-changed",
                path,
                _("'%(value)s' was read as %(number)s.") % {"value": item, "number": number},
                item,
            )

    def _date(self, parent, key, item, path):
        text = str(item)
        try:
            if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
                datetime.date.fromisoformat(text)
                return
            if key == "last_modified" and _iso_datetime(text):
                return  # a date-time, as HSDS wants it: never re-read day-first
            yearfirst = bool(re.match(r"^\d{4}", text))
            parsed = _iso_datetime(text) or date_parser.parse(text, dayfirst=self.region != "US", yearfirst=yearfirst)
        except (ValueError, OverflowError, date_parser.ParserError):
            del parent[key]
            self._warn("value-dropped", path, _("'%(value)s' is not a date; dropped.") % {"value": text}, text)
            return
        parent[key] = parsed.date().isoformat()
        self._warn(
            "value-changed",
            path,
            _("'%(value)s' was read as the date %(date)s.") % {"value": text, "date": parent[key]},
            text,
        )

    def _time(self, parent, key, item, path):
        text = str(item).strip()
        match = _TIME.fullmatch(text)
        if match and int(match[1]) < 24 and int(match[2]) < 60:
            fixed = f"{int(match[1]):02d}:{match[2]}" + (f":{match[3]}" if match[3] else "")
            if "." in text or len(match[1]) == 1:
                parent[key] = fixed
                self._warn(
                    "value-changed", path, _("'%(value)s' was read as %(time)s.") % {"value": text, "time": fixed}, text
                )
            return
        twelve = _TWELVE_HOUR.fullmatch(text)
        if twelve and 1 <= int(twelve[1]) <= 12:
            hour = int(twelve[1]) % 12 + (12 if twelve[3].lower() == "p" else 0)
            parent[key] = f"{hour:02d}:{twelve[2] or '00'}"
            self._warn(
                "value-changed",
                path,
                _("'%(value)s' was read as %(time)s.") % {"value": text, "time": parent[key]},
                text,
            )
            return
        if text in ("24:00", "24:00:00"):
            parent[key] = "23:59"
            self._warn(
                "value-changed", path, _("'%(value)s' was read as %(time)s.") % {"value": text, "time": "23:59"}, text
            )
            return
        del parent[key]
        self._warn("value-dropped", path, _("'%(value)s' is not a time of day; dropped.") % {"value": text}, text)

    def _time_read(self, path, text, time):
        self._warn("value-changed", path, _("'%(value)s' was read as %(time)s.") % {"value": text, "time": time}, text)

    def _status(self, record):
        status = record.get("status")
        wanted = _STATUSES.get(" ".join(str(status).lower().split())) if status is not None else None
        if wanted is None:
            record["status"] = "active"
            message = (
                _("No status was given; taken as active.")
                if status is None
                else _("'%(value)s' is not an HSDS status; taken as active.") % {"value": status}
            )
            self._warn("value-changed", "status", message, "" if status is None else status)
        elif wanted != status:
            record["status"] = wanted
            if str(status).strip().lower() != wanted:
                self._warn(
                    "value-changed",
                    "status",
                    _("'%(value)s' was read as %(status)s.") % {"value": status, "status": wanted},
                    status,
                )

    # What the schema still refuses ------------------------------------------------------

    def _drop_schema_errors(self, record):
        for _round in range(20):
            if is_valid(record):
                return  # answered fast (jsonschema-rs); jsonschema below says what is wrong
            errors = list(service_validator().iter_errors(record))
            if not errors:
                return
            for error in sorted(errors, key=lambda e: len(e.absolute_path), reverse=True):
                path = list(error.absolute_path)
                if error.validator == "required" and not path:
                    missing = [name for name in error.validator_value if name not in record]
                    for name in missing:
                        self._problem(name, _("This field is required."))
                    continue
                if error.validator == "required" and self._fill_required(error):
                    continue
                if path in (["id"], ["name"], ["organization_id"], ["organization"], ["organization", "id"]):
                    self._problem(field_path(path), error.message)
                    continue
                if path[:1] == ["organization"] and path[1:] in (["name"],):
                    self._problem(field_path(path), error.message)
                    continue
                self._drop(record, path, error.message)
            if self._problems:
                return
        self._problem("", _("It could not be repaired to follow the HSDS 3.0 schema."))

    @staticmethod
    def _fill_required(error):
        """A required text left out ("" dropped above, or never given) is an empty text, not a lost object."""
        properties = error.schema.get("properties", {})
        missing = [name for name in error.validator_value if name not in (error.instance or {})]
        if not isinstance(error.instance, dict):
            return False
        if not missing:
            return True  # filled while answering another error about the same object
        for name in missing:
            kind = properties.get(name, {}).get("type")
            if name == "id" or not (kind == "string" or (isinstance(kind, list) and "string" in kind)):
                return False
        for name in missing:
            error.instance[name] = ""
        return True

    def _drop(self, record, path, message):
        parent = record
        for part in path[:-1]:
            try:
                parent = parent[part]
            except (KeyError, IndexError, TypeError):
                return
        last = path[-1]
        try:
            value = parent[last]
        except (KeyError, IndexError, TypeError):
            return
        if isinstance(parent, list):
            parent.pop(last)
        else:
            del parent[last]
        self._warn(
            "value-dropped",
            field_path(path),
            _("It does not follow the HSDS 3.0 schema (%(detail)s); dropped.") % {"detail": message[:200]},
            value,
        )

    # Reporting ------------------------------------------------------------------------

    def _warn(self, kind, path, message, original="", review=True):
        self._warnings.append(ImportWarning(kind, path, str(message), original_text(original), review))

    def _problem(self, path, message):
        self._problems.append((path, str(message)))


def _needs_id(path):
    """Objects of a service that HSDS gives ids (the schema requires them)."""
    last = re.sub(r"\[\d+\]$", "", path.rsplit(".", 1)[-1])
    return last in {
        "phones",
        "schedules",
        "service_at_locations",
        "location",
        "addresses",
        "accessibility",
        "languages",
        "required_documents",
        "organization_identifiers",
        "attributes",
        "contacts",
        "cost_options",
        "service_areas",
        "funding",
        "program",
        "organization",
    }


def _iso_datetime(text):
    """An ISO 8601 date-time ("2026-12-07T17:40:00Z"), or None: read as written, never day-first."""
    if not re.match(r"^\d{4}-\d{2}-\d{2}[T ]", text):
        return None
    try:
        return datetime.datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None
