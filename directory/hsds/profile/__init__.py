"""Our HSDS 3.0 profile: the patches to the core schemas and the shared reference data.

Open Referral profiles are folders of JSON Merge Patches (RFC 7386), one per core schema
file a community changes, plus `data/` holding reference data every dataset of the
profile shares (see README.md in this folder). Keeping ours in that shape means the
official tooling (`hsds_schema.py profile-all`) could build from it, and the API serves
the same files it is built from.

`merge_patch` is RFC 7386 written out (its section 2 gives the whole algorithm in ten
lines): a library for it would be a dependency for less code than its import.
"""

import copy
import functools
import json
from pathlib import Path

PROFILE_DIR = Path(__file__).resolve().parent
CORE_DIR = PROFILE_DIR.parent / "api" / "spec"
HSDS_VERSION = "3.0"


def merge_patch(target, patch):
    """RFC 7386: `patch` applied to `target` (neither is modified); `null` removes a key."""
    if not isinstance(patch, dict):
        return copy.deepcopy(patch)
    result = copy.deepcopy(target) if isinstance(target, dict) else {}
    for key, value in patch.items():
        if value is None:
            result.pop(key, None)
        else:
            result[key] = merge_patch(result.get(key), value)
    return result


def patch_names():
    """Names of the core files this profile patches ("service", "openapi", …)."""
    return sorted(path.stem for path in PROFILE_DIR.glob("*.json"))


@functools.cache
def patch(name):
    """The profile's merge patch for core file `name`, or None when it leaves it as it is."""
    path = PROFILE_DIR / f"{name}.json"
    if not path.is_file():
        return None
    with open(path, encoding="utf-8") as fh:
        return json.load(fh)


def core_names():
    return sorted(path.stem for path in CORE_DIR.glob("*.json") if path.stem != "openapi")


@functools.cache
def core_file(name):
    with open(CORE_DIR / f"{name}.json", encoding="utf-8") as fh:
        return json.load(fh)


@functools.cache
def profiled_file(name):
    """Core file `name` with this profile's patch applied (what our data follows)."""
    core = core_file(name)
    changes = patch(name)
    return merge_patch(core, changes) if changes is not None else core


@functools.cache
def taxonomies():
    """The profile's taxonomies, as HSDS taxonomy objects (ids fixed in data/taxonomy.json)."""
    with open(PROFILE_DIR / "data" / "taxonomy.json", encoding="utf-8") as fh:
        return json.load(fh)


def taxonomy_by_name():
    return {taxonomy["name"]: taxonomy for taxonomy in taxonomies()}


def taxonomy_by_id():
    return {taxonomy["id"]: taxonomy for taxonomy in taxonomies()}
