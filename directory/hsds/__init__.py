"""HSDS 3.0 import and export of the social map (DESIGN.md, "Data in and out").

- `mapping`: how HSDS names map onto our models, and the reading of one service record;
- `importer`: writing records as Wagtail pages, one transaction per record;
- `exporter`: the published directory as HSDS service objects;
- `sources` and `tabular`: reading and writing files (JSON lists, CSV data packages);
- `schema`: the HSDS 3.0 schemas kept in `schema/`.
"""


class HsdsFileError(Exception):
    """The file cannot be read as HSDS at all; the message says why, for whoever runs the command."""
