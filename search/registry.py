"""What the apps tell search about their pages: search/ itself knows no app.

search/ defines the plain document (search/documents.py), the query
(search/query.py), the backends and the indexing; every app that owns page types
describes them to it from its own `search.py`, called by its AppConfig.ready()
(directory/search.py, consultations/search.py, campaigns/search.py, portal/search.py):

* `search.documents.register("app.Model", Builder())`: pages of that model become
  documents. The builder (a `search.documents.DocumentBuilder`) says its `doc_type`,
  its names (`label`, `label_plural`) and its place in the type facet (`order`).
* `register_filter(param, key_prefix)`: a facet filter of the URL (`category=food`)
  and the prefix of the document keys it selects (`category:food`).
* `register_labels(provider)`: `provider(language)` names facet values in that
  language, {facet: {code: name}}; cached per language and cache generation.
* `register_places(factory)`: `factory(language)` gives an object whose
  `match(text)` names the place a query mentions ({"code", "name", "level"} or
  None) and whose `point(code)` gives that place's (latitude, longitude).
* `register_open_at(factory)`: `factory(here, among)` is the SQL form of "open at
  the naive local time `here`" as a Q over page ids (`among`: ids already known),
  for the PostgreSQL backend; core.hours is the same rule in Python.
* `register_results_hook(hook)`: `hook(results, language)` adds what the HTML page
  shows and the index does not hold (a service's opening status now).
* `register_url_localizer(hook)`: `hook(results, language)` gives results shown in
  another language than the visitor's their address in the visitor's language.
* `search.documents.register_reference(name, factory)`: reference data (taxonomy
  names, areas) that builders read, loaded once per batch.

Registration happens once per process at start-up, before any request; nothing here
is changed afterwards.
"""

from django.db.models import Q

from search.query import FILTER_KEYS

_filters = {}
_label_providers = []
_hooks = {"places": None, "open_at": None, "url_localizer": None}
_results_hooks = []


# -- facet filters --------------------------------------------------------------------


def register_filter(param, key_prefix):
    """URL parameter `param` selects documents whose keys start with `key_prefix:`."""
    FILTER_KEYS[param] = key_prefix
    _filters[param] = key_prefix


# -- labels ---------------------------------------------------------------------------


def register_labels(provider):
    _label_providers.append(provider)


def term_labels(language):
    """Every registered provider's {facet: {code: name}} for `language`, merged."""
    labels = {}
    for provider in _label_providers:
        labels.update(provider(language))
    return labels


# -- places ---------------------------------------------------------------------------


def register_places(factory):
    _hooks["places"] = factory


def place_finder(language):
    """The registered place finder for `language`, or None when no app knows places."""
    factory = _hooks["places"]
    return factory(language) if factory is not None else None


# -- open now -------------------------------------------------------------------------


def register_open_at(factory):
    _hooks["open_at"] = factory


def open_at_filter(here, among=None):
    """Q over page ids of the pages open at `here` (none when no app has hours)."""
    factory = _hooks["open_at"]
    return factory(here, among) if factory is not None else Q(pk__in=[])


# -- results --------------------------------------------------------------------------


def register_results_hook(hook):
    _results_hooks.append(hook)


def decorate_results(results, language):
    for hook in _results_hooks:
        hook(results, language)


def register_url_localizer(hook):
    _hooks["url_localizer"] = hook


def localize_result_urls(results, language):
    hook = _hooks["url_localizer"]
    if hook is not None:
        hook(results, language)
    return results
