"""Place names written in Latin letters, read with the keys the text search uses.

People type "athina", "peiraias", "thessaloniki", "irakleio", "kozani": Greeklish, not
the English names the area matcher knows ("Athens", "Piraeus"). The text search reads
such words through phonetic keys (search/text.py: "athina" and "Αθήνα" share the key
"athin"); this index reads place names the same way. It is built from the names the
registered place finder lists (`names()`: (name, code) pairs, Greek names of
municipalities and communities) and answers a run of Latin words with the one Greek
name they stand for, which the finder then resolves as if it had been typed in Greek.
A key shared by names of different areas is ambiguous and answers nothing.
"""

import itertools
import time

from search import text as search_text

REFRESH_SECONDS = 300
#: Readings of a run of words tried at most (each Latin word has a few).
MAX_READINGS = 64
_cache = {"built": 0.0, "finder": None, "index": None}


def _index(finder):
    """{stemmed keys of a name: {name: code}} from the finder's names, kept a few minutes."""
    names = getattr(finder, "names", None)
    if names is None:
        return {}
    now = time.monotonic()
    if _cache["index"] is None or now - _cache["built"] > REFRESH_SECONDS or _cache["finder"] is not type(finder):
        index = {}
        for name, code in names():
            keys = search_text.document_keys(name)
            if keys:
                index.setdefault(keys, {})[name] = code
        _cache.update(built=now, finder=type(finder), index=index)
    return _cache["index"]


def reset():
    _cache["index"] = None


def greek_name(finder, words):
    """The one Greek place name the Latin `words` stand for, or None."""
    if not words or not all(search_text.is_latin(word) for word in words):
        return None
    index = _index(finder)
    if not index:
        return None
    readings = [search_text.word_key_stems(word) for word in words]
    found = {}
    for combination in itertools.islice(itertools.product(*readings), MAX_READINGS):
        for name, code in index.get(" ".join(combination), {}).items():
            found.setdefault(code, name)
    return next(iter(found.values())) if len(found) == 1 else None
