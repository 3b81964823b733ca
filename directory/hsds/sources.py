"""Find the service records in whatever PATH `import_hsds` was given.

Accepted: a JSON file holding a list of full HSDS service objects (or an HSDS API page,
`{"contents": [...]}`), a tabular data package's `datapackage.json`, or the folder
holding one. Anything else stops the import with a message that says what was wrong
and where; problems inside one record are the importer's business, not this module's.
"""

import json
from pathlib import Path

from django.utils.translation import gettext as _

from directory.hsds import HsdsFileError
from directory.hsds.importer import SourceRecord
from directory.hsds.tabular import read_package

_JSON_KINDS = {dict: "object", str: "string", int: "number", float: "number", bool: "boolean", type(None): "null"}


def load_records(path):
    """[SourceRecord] from a JSON file, a datapackage.json or a data package folder."""
    path = Path(path)
    if path.is_dir():
        descriptor = path / "datapackage.json"
        if not descriptor.is_file():
            raise HsdsFileError(_("%(path)s is a folder without a datapackage.json.") % {"path": path})
        return _from_package(descriptor)
    if not path.is_file():
        raise HsdsFileError(_("No such file or folder: %(path)s") % {"path": path})
    if path.suffix.lower() == ".csv":
        raise HsdsFileError(
            _("%(path)s is one CSV file; give the datapackage.json beside it, or its folder.") % {"path": path}
        )
    try:
        with open(path, encoding="utf-8-sig") as fh:
            # NaN and Infinity are not JSON; Python would read them as numbers no field holds.
            data = json.load(fh, parse_constant=_not_a_number)
    except UnicodeDecodeError as error:
        raise HsdsFileError(_("%(path)s is not UTF-8 text: %(error)s") % {"path": path, "error": error}) from error
    except ValueError as error:
        raise HsdsFileError(_("%(path)s is not valid JSON: %(error)s") % {"path": path, "error": error}) from error
    if isinstance(data, dict) and isinstance(data.get("resources"), list):
        return _from_package(path)
    if isinstance(data, dict) and isinstance(data.get("contents"), list):
        data = data["contents"]
    if not isinstance(data, list):
        raise HsdsFileError(
            _("%(path)s holds a JSON %(kind)s; expected a list of HSDS service objects.")
            % {"path": path, "kind": _JSON_KINDS.get(type(data), type(data).__name__)}
        )
    return [SourceRecord(index=number, data=item) for number, item in enumerate(data, start=1)]


def _from_package(descriptor):
    return [
        SourceRecord(index=number, data=service, where=_("services.csv line %(line)s") % {"line": line})
        for number, (line, service) in enumerate(read_package(descriptor), start=1)
    ]


def _not_a_number(name):
    """`NaN`, `Infinity` and `-Infinity` in a file are read as "no value" (then dropped with a warning)."""
    return None
