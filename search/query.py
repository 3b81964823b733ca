"""What a search asks and what it answers, independent of the backend.

`SearchQuery` is the question (text, filters, place, page, language): a frozen value
object every caller builds, the search page, the API and the directory listing alike.
`QueryParser` turns its text into a `ParsedQuery`: the words that must match, each
with the alternatives that count as the same word (synonyms), and the place the
text names, if any. Both backends compile the same `ParsedQuery`, which is how they
keep the same semantics: every unit must match (AND); within a unit any alternative
may match (OR); the place is a preference, not a requirement.

`SearchResults` is the answer, already labelled in the visitor's language.
"""

import datetime
import math
import re
from dataclasses import dataclass, field, replace

from search import place_keys
from search import text as search_text

#: Characters of the query that are read; the rest is ignored (a query is not an essay).
MAX_QUERY_CHARS = 200
#: Words of the query that are read.
MAX_UNITS = 12
DEFAULT_PAGE_SIZE = 20
MAX_PAGE_SIZE = 50
#: Results beyond this rank are never fetched (deep pages cost, and nobody reads them).
MAX_RESULT_WINDOW = 10_000
DEFAULT_RADIUS_KM = 10.0
MAX_RADIUS_KM = 500.0

#: URL parameter → key prefix in documents. The order is the order of the facets.
#: Search has the type; the apps register theirs (search.registry.register_filter:
#: the directory's category, group, municipality → area, language, access, free →
#: condition). The document types are those of the registered builders
#: (search.documents.doc_types).
FILTER_KEYS = {"type": "type"}
#: Document statuses ranked after the rest: services that no longer run (HSDS service.status).
STOPPED_STATUSES = ("inactive", "defunct")


@dataclass(frozen=True)
class SearchQuery:
    """One search: free text plus filters. Tuples, not lists, so it can be hashed and cached."""

    text: str = ""
    types: tuple = ()
    categories: tuple = ()
    groups: tuple = ()
    areas: tuple = ()
    languages: tuple = ()
    accessibility: tuple = ()
    free: bool = False
    open_now: bool = False
    near: tuple | None = None
    radius_km: float | None = None
    page: int = 1
    page_size: int = DEFAULT_PAGE_SIZE
    locale: str = "el"
    #: The moment "open now" refers to (tests pin it; None means now).
    now: datetime.datetime | None = None
    with_facets: bool = True

    def filter_values(self):
        """{URL parameter: selected values} for the facet filters."""
        return {
            "type": self.types,
            "category": self.categories,
            "group": self.groups,
            "municipality": self.areas,
            "language": self.languages,
            "access": self.accessibility,
            "free": ("free",) if self.free else (),
        }

    def filter_keys(self):
        """{URL parameter: [document keys]} for the active facet filters (OR within, AND across)."""
        return {
            name: [f"{FILTER_KEYS[name]}:{value}" for value in values]
            for name, values in self.filter_values().items()
            if values and name in FILTER_KEYS
        }

    @property
    def offset(self):
        return (self.page - 1) * self.page_size

    @property
    def beyond_window(self):
        return self.offset + self.page_size > MAX_RESULT_WINDOW

    @property
    def effective_radius_km(self):
        return self.radius_km if self.radius_km is not None else DEFAULT_RADIUS_KM

    def with_page(self, page):
        return replace(self, page=page)


@dataclass
class Unit:
    """One thing the query asks for: a word, or a phrase with its synonyms."""

    #: The words as typed (folded), e.g. ("γηροκομειο",).
    typed: tuple
    #: Alternatives, each a tuple of folded words; the typed words come first.
    alternatives: list
    #: Stemmed Greeklish keys of close known words (typo tolerance; PostgreSQL fills these).
    corrections: list = field(default_factory=list)
    #: Category and group keys the words stand for ("category:food"): a document
    #: carrying any of them matches, whatever the language of its text.
    codes: tuple = ()

    @property
    def is_single_word(self):
        return len(self.typed) == 1 and len(self.alternatives) == 1 and not self.codes


@dataclass
class ParsedQuery:
    text: str
    units: list
    #: {"code", "name"} of the municipality/community the text names, if any.
    place: dict | None = None
    place_words: tuple = ()
    #: The visitor's language ("did you mean" depends on it: see text.suggestion_scripts).
    language: str = "el"

    @property
    def is_empty(self):
        return not self.units

    @property
    def folded(self):
        return " ".join(w for unit in self.units for w in unit.typed)

    @property
    def typed_keys(self):
        """The likeliest stemmed key of each typed word (compared with titles' keys).
        Words that stand for a category ("food", "طعام") are left out: they match by
        code, and their spelling says nothing about a Greek title."""
        return " ".join(
            (search_text.word_key_stems(w) or [w])[0] for unit in self.units if not unit.codes for w in unit.typed
        )

    def highlight_stems(self):
        """Stemmed keys of every word that counts as a match (for highlighting)."""
        stems = set()
        for unit in self.units:
            for alternative in unit.alternatives:
                for word in alternative:
                    stems.update(search_text.word_key_stems(word))
            stems.update(unit.corrections)
        return stems


_TOKEN = re.compile(r"[^\W_]+", re.UNICODE)


def typed_words(text, folded_words):
    """The tokens of `text` whose folded form is one of `folded_words`, as typed."""
    wanted, found = list(folded_words), []
    for token in _TOKEN.findall(text or ""):
        folded = search_text.fold(token)
        if folded in wanted:
            wanted.remove(folded)
            found.append(token)
    return found


def clean_text(text):
    """User text as search reads it: no control characters, at most MAX_QUERY_CHARS."""
    return search_text.strip_control_characters(text or "")[:MAX_QUERY_CHARS].strip()


class QueryParser:
    """Text → ParsedQuery: stop words out, synonyms grouped, the place recognised."""

    def __init__(self, synonyms=None, places=None, language="el"):
        self.synonyms = synonyms if synonyms is not None else []
        self.places = places
        self.language = language
        self._by_first_stem = synonym_index(self.synonyms)

    def parse(self, text):
        text = clean_text(text)
        words = search_text.content_words(text)
        place, place_words = self._find_place(search_text.words(text))
        if place_words:
            words = self._without(words, place_words)
        units = self._group(words)[:MAX_UNITS]
        return ParsedQuery(text=text, units=units, place=place, place_words=place_words, language=self.language)

    def parse_prefix(self, text):
        """For autocomplete: the words typed so far, the last one possibly unfinished."""
        return search_text.content_words(clean_text(text))[:MAX_UNITS]

    # -- synonyms -------------------------------------------------------------------

    def _group(self, words):
        stems = [search_text.key_stem(search_text.word_key(w)) for w in words]
        units, i = [], 0
        while i < len(words):
            match = self._longest_synonym_at(words, stems, i)
            if match:
                length, group, codes = match
                typed = tuple(words[i : i + length])
                alternatives = [typed] + [phrase for phrase in group if phrase != typed]
                units.append(Unit(typed=typed, alternatives=alternatives, codes=codes))
                i += length
            else:
                units.append(Unit(typed=(words[i],), alternatives=[(words[i],)]))
                i += 1
        return units

    def _longest_synonym_at(self, words, stems, i):
        """(length, phrases, codes) of the longest synonym phrase at word i. Where
        several synonyms share that phrase ("food" in the food and the grocery entries),
        their phrases and codes are merged. Stems join inflections, and so can join two
        abbreviations ("κεπα" and "κεπ" both stem to "kep"): among phrases of one
        length, those written exactly as typed win when there are any."""
        matches = []
        for phrase_stems, group in self._by_first_stem.get(stems[i], ()):
            n = len(phrase_stems)
            if tuple(stems[i : i + n]) == phrase_stems:
                typed = tuple(words[i : i + n])
                exact = any(phrase == typed for phrase, s in group.phrases if s == phrase_stems)
                matches.append((n, exact, group))
        if not matches:
            return None
        longest = max(n for n, _e, _g in matches)
        matches = [(exact, group) for n, exact, group in matches if n == longest]
        if any(exact for exact, _g in matches):
            matches = [(exact, group) for exact, group in matches if exact]
        phrases, codes = [], ()
        for _exact, group in matches:
            phrases += [p for p, _s in group.phrases if p not in phrases]
            codes = tuple(dict.fromkeys((*codes, *group.codes)))
        return longest, phrases, codes

    # -- places ---------------------------------------------------------------------

    def _find_place(self, words):
        """The longest run of words (up to three) that names one municipality or community."""
        if self.places is None:
            return None, ()
        for length in (3, 2, 1):
            for start in range(0, len(words) - length + 1):
                run = words[start : start + length]
                if length == 1 and len(run[0]) < 4:
                    continue
                area = self.places.match(" ".join(run))
                if area is None:
                    # Greeklish ("athina", "peiraias"): read with the text search's keys.
                    greek = place_keys.greek_name(self.places, run)
                    area = self.places.match(greek) if greek else None
                if area is not None:
                    return area, tuple(run)
        return None, ()

    @staticmethod
    def _without(words, removed):
        out, skip = [], list(removed)
        for word in words:
            if word in skip:
                skip.remove(word)
            else:
                out.append(word)
        return out


@dataclass(frozen=True)
class SynonymGroup:
    """One synonym as the parser matches it: its phrases as (folded words, stems), and
    the category/group keys it stands for."""

    phrases: tuple
    codes: tuple = ()


_INDEXES = {}


def synonym_index(groups):
    """{first stem: [(phrase stems, group)]}: a query word is compared with the phrases
    that start like it, not with every phrase of every language (some thousand). The
    index of the last few group lists is kept (they are cached and shared)."""
    key = id(groups)
    found = _INDEXES.get(key)
    if found is not None and found[0] is groups:
        return found[1]
    index = {}
    for group in groups:
        for _phrase, phrase_stems in group.phrases:
            if phrase_stems:
                index.setdefault(phrase_stems[0], []).append((phrase_stems, group))
    if len(_INDEXES) > 8:
        _INDEXES.clear()
    _INDEXES[key] = (groups, index)
    return index


def parse_synonyms(synonyms):
    """Synonym snippets → SynonymGroups the parser matches on. A group needs two
    phrases, or one phrase and a category or group (what else would it mean?)."""
    groups = []
    for synonym in synonyms:
        group = []
        for phrase in synonym.phrases():
            phrase_words = tuple(search_text.content_words(phrase))
            if phrase_words and all(phrase_words != words for words, _s in group):
                stems = tuple(search_text.key_stem(search_text.word_key(w)) for w in phrase_words)
                group.append((phrase_words, stems))
        codes = tuple(synonym.codes()) if hasattr(synonym, "codes") else ()
        if len(group) > 1 or (group and codes):
            groups.append(SynonymGroup(tuple(group), codes))
    return groups


@dataclass
class FacetValue:
    value: str
    label: str
    count: int
    selected: bool = False


@dataclass
class Hit:
    """One result as callers use it (the API serialises a subset)."""

    page_id: int
    type: str
    title: str
    url: str
    snippet: str = ""
    snippet_html: str = ""
    title_html: str = ""
    hsds_id: str | None = None
    distance_km: float | None = None
    organisation: str = ""
    place_names: list = field(default_factory=list)
    #: The places a result card shows: `place_names` without those its title or
    #: organisation already names ("Δήμος Πειραιά" under the organisation "Δήμος Πειραιά").
    shown_places: list = field(default_factory=list)
    status: str = ""
    locale: str = ""
    is_fallback: bool = False
    opening: object = None
    type_label: str = ""
    status_label: str = ""


@dataclass
class RawResults:
    """What a backend returns: ids and counts; the service labels it."""

    total: int
    hits: list
    facet_counts: dict = field(default_factory=dict)
    open_now_count: int | None = None
    suggestion: str | None = None
    corrected: bool = False


@dataclass
class SearchResults:
    query: SearchQuery
    parsed: ParsedQuery
    total: int
    results: list
    facets: dict
    suggestion: str | None = None
    corrected: bool = False
    backend: str = ""
    #: Units of the query no result matches (a search that found nothing with all its
    #: words shows what the others find: see SearchService._partial).
    left_out: tuple = ()
    #: [(code, name)] of the categories nearest to the words, when nothing matched.
    closest_categories: tuple = ()

    @property
    def left_out_words(self):
        """The words left out, as typed ("Άνοια", not the folded "ανοια")."""
        dropped = [word for unit in self.left_out for word in unit.typed]
        return " ".join(typed_words(self.parsed.text, dropped))

    @property
    def searched_text(self):
        """The query as searched when words were left out: what was typed, without them."""
        dropped = [word for unit in self.left_out for word in unit.typed]
        shown = typed_words(self.parsed.text, dropped)
        kept, skip = [], list(shown)
        for token in _TOKEN.findall(self.parsed.text):
            if token in skip:
                skip.remove(token)
            else:
                kept.append(token)
        return " ".join(kept)

    @property
    def suggestion_lang(self):
        """The language "did you mean" is written in, for its lang attribute ("" when
        it is Latin script: English, or the visitor's own Greeklish)."""
        if not self.suggestion:
            return ""
        scripts = {search_text.script(word) for word in search_text.words(self.suggestion)}
        return {"greek": "el", "arabic": "ar", "cyrillic": "uk"}.get(scripts.pop(), "") if len(scripts) == 1 else ""

    @property
    def page(self):
        return self.query.page

    @property
    def page_size(self):
        return self.query.page_size

    @property
    def num_pages(self):
        reachable = min(self.total, MAX_RESULT_WINDOW)
        return max(1, math.ceil(reachable / self.page_size))

    @property
    def beyond_window(self):
        return self.query.beyond_window

    @property
    def has_previous(self):
        return 1 < self.page <= self.num_pages + 1

    @property
    def has_next(self):
        return self.page < self.num_pages

    @property
    def place(self):
        return self.parsed.place
