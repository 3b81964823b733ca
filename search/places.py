"""Places named in a query ("παιδικός σταθμός Περιστέρι", "nursery Peristeri").

Search knows no places of its own: the app that has them registers a finder
(search.registry.register_places; the directory's is directory/search_places.py).
`PlaceFinder(language)` is that finder for the visitor's language, or None when no
app registered one (the parser then recognises no place).
"""

from search import registry


def PlaceFinder(language_code):  # noqa: N802 (called where a class used to be)
    """The registered finder: `match(text)` → {"code", "name", "level"} or None,
    `point(code)` → (latitude, longitude) or None."""
    return registry.place_finder(language_code)
