"""The PostgreSQL backend: the project's own database, no other server.

How each requirement is met:

* Greek stemming, accents, case, final sigma: text is folded in Python and stemmed by
  PostgreSQL's `greek` configuration (`english` for English pages); stop words are
  dropped in Python (search/text.py), since PostgreSQL has no Greek stop list.
* Greeklish and misspelt vowels: each document's tsvector also holds the stemmed
  phonetic keys of its words (as `simple` lexemes), and each query word ORs its key(s).
* Field weights: A (title), B (categories, groups, places), C (the rest), ranked by
  `ts_rank_cd` plus trigram similarity of the title.
* Typos: unknown query words are matched to the nearest known keys in
  `search_lexicon` (pg_trgm, GiST, KNN), which also gives "did you mean".
* Facets: one scan materialises the matching rows (`WITH m AS MATERIALIZED`); the
  page, the total and every facet's counts are computed from it in the same
  statement. A facet with a selected value is counted without its own filter
  (disjunctive facets), so its other values stay choosable.
* Geo: `earth_box` + `earth_distance` over `search_point` (GiST index).
* Open now: the SQL the directory registers (search.registry.register_open_at, its
  `OpenAtFilter`, the SQL form of core.hours) runs on the documents, whose
  primary key is the page id.

User text only ever reaches PostgreSQL as a bound parameter of `plainto_tsquery`,
or as prefix lexemes made of letters and digits only (autocomplete), so no query
syntax can be injected and no input can raise a database error.
"""

import json
from dataclasses import replace

from django.contrib.postgres.search import SearchQuery as TsQuery
from django.contrib.postgres.search import SearchRank
from django.db import connection, transaction
from django.db.models import BooleanField, Case, Count, F, FloatField, IntegerField, Q, Value, When
from django.db.models.expressions import RawSQL

from core.hours import local_now
from search import registry
from search import text as search_text
from search.backends import SearchBackend, postgres_rebuild
from search.models import SearchDocument
from search.query import FILTER_KEYS, STOPPED_STATUSES, RawResults

#: Text search configuration by document language. PostgreSQL has Snowball stemmers
#: for Greek, English and Arabic (`SELECT cfgname FROM pg_ts_config`), none for
#: Ukrainian: Ukrainian text is folded (search/text.py) and indexed as `simple`.
TEXT_CONFIGS = {"el": "greek", "en": "english", "ar": "arabic"}
#: Prefixes of the document keys that are also lexemes of its vector (see `code_lexemes`).
CODE_PREFIXES = ("category:", "group:")
#: A correction is used in the search itself above this similarity…
AUTO_CORRECT_SIMILARITY = 0.45
#: …and offered as "did you mean" above this one.
SUGGEST_SIMILARITY = 0.3
#: "Open now" is counted as a facet only for result sets up to this size (it is a
#: per-row subquery; on larger sets the filter still works, without a count).
OPEN_NOW_COUNT_LIMIT = 1000
#: Text results whose order is refined by title similarity (see PostgresBackend._order).
RERANK_TOP = 200
#: Autocomplete ranks the closest titles among this many matches of what was typed.
SUGGEST_CANDIDATES = 200
#: For the search statement only (SET LOCAL ends with its transaction). PostgreSQL
#: estimates OR-heavy text queries (synonyms, Greeklish readings) as matching a third
#: of the table and then reads every row; on solid-state storage random reads cost
#: little more than sequential ones, and with this the GIN index is used as it should.
#: The larger work_mem keeps the matching rows of a broad search in memory.
PLANNER_SETTINGS = "SET LOCAL random_page_cost = 1.1; SET LOCAL work_mem = '32MB'"

#: Metres from a point (two parameters: latitude, longitude) to a document's nearest map point.
_NEAREST_SQL = """(SELECT min(earth_distance(ll_to_earth(%s, %s), ll_to_earth(p.latitude, p.longitude)))
    FROM search_point p WHERE p.document_id = search_document.page_id)"""

_UPSERT = """
INSERT INTO search_document (
    page_id, locale, translation_key, doc_type, title, url, hsds_id, summary, organisation,
    place_names, status, title_folded, title_keys, keys, visible_in, search_vector, rank_vector, suggest_vector,
    indexed_at)
SELECT
    %(page_id)s, %(locale)s, %(translation_key)s, %(doc_type)s, %(title)s, %(url)s, %(hsds_id)s, %(summary)s,
    %(organisation)s, %(place_names)s, %(status)s, %(title_folded)s, %(title_keys)s, %(keys)s, %(visible_in)s,
    v.a || v.b || v.c, v.a || v.b, to_tsvector('simple', %(suggest)s), now()
FROM (SELECT
    setweight(to_tsvector(%(config)s::regconfig, %(a)s), 'A') || setweight(to_tsvector('simple', %(a_keys)s), 'A') AS a,
    setweight(to_tsvector(%(config)s::regconfig, %(b)s), 'B') || setweight(to_tsvector('simple', %(b_keys)s), 'B')
        || setweight(%(b_codes)s::tsvector, 'B') AS b,
    setweight(to_tsvector(%(config)s::regconfig, %(c)s), 'C') || setweight(to_tsvector('simple', %(c_keys)s), 'C')
        || setweight(%(c_codes)s::tsvector, 'C') AS c
) AS v
ON CONFLICT (page_id) DO UPDATE SET
    locale = EXCLUDED.locale, translation_key = EXCLUDED.translation_key, doc_type = EXCLUDED.doc_type,
    title = EXCLUDED.title, url = EXCLUDED.url, hsds_id = EXCLUDED.hsds_id, summary = EXCLUDED.summary,
    organisation = EXCLUDED.organisation, place_names = EXCLUDED.place_names, status = EXCLUDED.status,
    title_folded = EXCLUDED.title_folded, title_keys = EXCLUDED.title_keys, keys = EXCLUDED.keys,
    visible_in = EXCLUDED.visible_in,
    search_vector = EXCLUDED.search_vector, rank_vector = EXCLUDED.rank_vector,
    suggest_vector = EXCLUDED.suggest_vector, indexed_at = EXCLUDED.indexed_at
"""


def text_config(language):
    return TEXT_CONFIGS.get(language, "simple")


def code_lexemes(document):
    """The document's category and group keys as a tsvector literal ("'category:food':1 …").

    A synonym that names a category ("food", "طعام") matches these lexemes, whatever the
    language of the text; they carry weight B, as the category names do. No parser
    runs on them (a tsvector literal is taken as it is) and no query parser can produce
    them from typed text, which splits on the colon."""
    codes = sorted(k for k in document.keys if k.startswith(CODE_PREFIXES))
    return " ".join("'{}':1".format(code.replace("'", "''").replace("\\", "")) for code in codes)


#: A lexicon word (as displayed) written in each script, as PostgreSQL regular expressions.
SCRIPT_PATTERNS = {
    "greek": "[\u0370-\u03ff\u1f00-\u1fff]",
    "latin": "^[0-9a-z\u00e0-\u024f]+$",
    "arabic": "[\u0600-\u06ff\u0750-\u077f]",
    "cyrillic": "[\u0400-\u04ff]",
}


def script_pattern(scripts):
    """One regular expression matching words of any of `scripts` (nothing for "other")."""
    patterns = [SCRIPT_PATTERNS[s] for s in scripts if s in SCRIPT_PATTERNS]
    return "|".join(f"({p})" for p in patterns) if patterns else "^$"


class CodeQuery(TsQuery):
    """A tsquery of one code lexeme, taken literally (quote_literal, then a cast)."""

    template = "quote_literal(%(expressions)s)::tsquery"

    def __init__(self, code):
        super().__init__(code, search_type="raw")


def lexicon_entries(document):
    """{stemmed key: display form} of the words of a document."""
    entries = {}
    for value in (document.text_a, document.text_b, document.text_c):
        for token in search_text.display_words(value):
            folded = search_text.fold_word(token)
            if len(folded) < 3 or search_text.is_stop_word(folded) or folded.isdigit():
                continue
            key = search_text.word_stem(folded)
            if key and len(key) <= 64 and len(token) <= 64:
                entries.setdefault(key, token)
    return entries


def document_row(document):
    (_, a, a_keys), (_, b, b_keys), (_, c, c_keys) = document.weighted_text()
    suggest_words = search_text.content_words(document.text_a)
    suggest = " ".join([*suggest_words, a_keys])
    return {
        "page_id": document.page_id,
        "locale": document.locale,
        "translation_key": document.translation_key,
        "doc_type": document.doc_type,
        "title": document.title[:255],
        "url": document.url[:1000],
        "hsds_id": document.hsds_id,
        "summary": document.summary,
        "organisation": document.organisation[:255],
        "place_names": [p[:200] for p in document.place_names],
        "status": document.status,
        "title_folded": search_text.fold(document.title)[:255],
        "title_keys": search_text.document_keys(document.title)[:255],
        "keys": sorted(k[:120] for k in document.keys),
        "visible_in": list(document.visible_in),
        "config": text_config(document.locale),
        "a": a,
        "a_keys": a_keys,
        "b": b,
        "b_keys": b_keys,
        # An organisation's codes are its services': weight C keeps them out of the
        # ranking vector, so a word such as "food" lists the services first.
        "b_codes": "" if document.doc_type == "organisation" else code_lexemes(document),
        "c_codes": code_lexemes(document) if document.doc_type == "organisation" else "",
        "c": c,
        "c_keys": c_keys,
        "suggest": suggest,
    }


class PostgresBackend(SearchBackend):
    name = "postgres"

    # -- writing ----------------------------------------------------------------------

    def index(self, documents):
        if not documents:
            return
        with transaction.atomic(), connection.cursor() as cursor:
            self._write(cursor, documents)
            lexicon = {}
            for document in documents:
                for key, display in lexicon_entries(document).items():
                    lexicon.setdefault(key, display)
            cursor.executemany(
                "INSERT INTO search_lexicon (key, display, documents) VALUES (%s, %s, 1) ON CONFLICT (key) DO NOTHING",
                sorted(lexicon.items()),
            )

    def _write(self, cursor, documents):
        ids = [d.page_id for d in documents]
        cursor.executemany(_UPSERT, [document_row(d) for d in documents])
        cursor.execute("DELETE FROM search_point WHERE document_id = ANY(%s)", [ids])
        points = [(d.page_id, lat, lon) for d in documents for lat, lon in d.points]
        if points:
            cursor.executemany(
                "INSERT INTO search_point (document_id, latitude, longitude) VALUES (%s, %s, %s)", points
            )

    def remove(self, page_ids):
        page_ids = list(page_ids)
        if not page_ids:
            return
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("DELETE FROM search_point WHERE document_id = ANY(%s)", [page_ids])
            cursor.execute("DELETE FROM search_document WHERE page_id = ANY(%s)", [page_ids])

    def rebuild(self, batches, total, progress=None):
        """One transaction, never an empty index; see search/backends/postgres_rebuild.py."""
        return postgres_rebuild.rebuild(self._write, lexicon_entries, batches, progress)

    def count(self):
        return SearchDocument.objects.count()

    # -- reading ----------------------------------------------------------------------

    def search(self, query, parsed):
        self._correct(parsed)
        ranked = self._ranked(self._matching(query, parsed), query, parsed)
        statement = SearchStatement(
            *ranked.query.sql_with_params(),
            facet_filters=query.filter_keys(),
            order=self._order(query, parsed),
            limit=0 if query.beyond_window else query.page_size,
            offset=0 if query.beyond_window else query.offset,
            with_facets=query.with_facets,
        )
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(PLANNER_SETTINGS)
            cursor.execute(*statement.sql())
            row = cursor.fetchone()
        total, hits, open_candidates = row[0], _json(row[1]), row[2]
        facet_counts = statement.facet_counts(_json(row[3])) if query.with_facets else {}
        open_now_count = None
        if query.with_facets:
            if query.open_now:
                open_now_count = total
            elif open_candidates is not None:
                open_now_count = (
                    SearchDocument.objects.filter(pk__in=open_candidates)
                    .filter(registry.open_at_filter(local_now(query.now), among=open_candidates))
                    .count()
                )
        return RawResults(
            total=total,
            hits=hits,
            facet_counts=facet_counts,
            open_now_count=open_now_count,
            suggestion=getattr(parsed, "suggestion", None),
            corrected=any(unit.corrections for unit in parsed.units),
        )

    def unit_counts(self, query, parsed):
        """How many documents each unit matches on its own, within the query's filters,
        in one pass: the rows matching any unit (GIN index), each unit counted with a
        FILTER. The service asks only when a search found nothing with all its words."""
        self._correct(parsed)
        queries = [self._tsquery(replace(parsed, units=[unit])) for unit in parsed.units]
        queryset = self._matching(query, replace(parsed, units=[])).filter(search_vector=_any(queries))
        for keys in query.filter_keys().values():
            queryset = queryset.filter(keys__overlap=keys)
        counts = queryset.aggregate(
            **{f"n{index}": Count("pk", filter=Q(search_vector=tsquery)) for index, tsquery in enumerate(queries)}
        )
        return [counts[f"n{index}"] for index in range(len(queries))]

    def matching_page_ids(self, parsed, types=None):
        """The matching pages' ids, as a list read now rather than a subquery.

        As a subquery, the text match was planned inside the caller's statement with
        the default settings: a Greeklish word expanded into its readings and synonyms
        ("sitisi": eight alternatives) was estimated at 26,600 of 50,000 documents for
        6,000 real ones, so PostgreSQL read and tested every document (300 ms), and
        the caller's own plan was built on the wrong count. Read here, through the GIN
        index only, it takes a few milliseconds, and the caller's plan sees the real
        number of ids (see core.sql.id_set).
        """
        self._correct(parsed)
        queryset = SearchDocument.objects.all()
        if types:
            queryset = queryset.filter(doc_type__in=types)
        tsquery = self._tsquery(parsed)
        if tsquery is None:
            return queryset.values("page_id")
        sql, params = queryset.filter(search_vector=tsquery).values_list("page_id").query.sql_with_params()
        with transaction.atomic(), connection.cursor() as cursor:
            # A text match always has the GIN index to start from; a sequential read is
            # never the better plan for it, whatever the estimate says.
            cursor.execute(f"{PLANNER_SETTINGS}; SET LOCAL enable_seqscan = off")
            cursor.execute(sql, params)
            return [page_id for (page_id,) in cursor.fetchall()]

    def suggest(self, words, language, limit):
        if not words:
            return []
        terms = []
        for word in words:
            forms = [word, *search_text.word_key_stems(word)]
            # Letters and digits only (search_text.words guarantees it), quoted: no operator can slip in.
            lexemes = [f"'{form}':*" for form in dict.fromkeys(forms) if form.isalnum()]
            if lexemes:
                terms.append("(" + " | ".join(lexemes) + ")")
        if not terms:
            return []
        tsquery = " & ".join(terms)
        typed = " ".join(search_text.word_stem(w) for w in words)
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(PLANNER_SETTINGS)
            # A short prefix can match half the index: the closest titles are picked among
            # the first SUGGEST_CANDIDATES matches, which keeps every keystroke cheap.
            cursor.execute(
                """
                SELECT doc_type, title, url, page_id, locale FROM (
                    SELECT doc_type, title, url, page_id, locale, title_keys FROM search_document
                    WHERE visible_in @> %s::varchar[] AND suggest_vector @@ to_tsquery('simple', %s)
                    LIMIT %s) AS candidates
                ORDER BY similarity(title_keys, %s) DESC, length(title), title
                LIMIT %s
                """,
                [[language], tsquery, SUGGEST_CANDIDATES, typed, limit],
            )
            return [
                {"type": t, "title": title, "url": url, "page_id": page_id, "locale": locale}
                for t, title, url, page_id, locale in cursor.fetchall()
            ]

    # -- building the query -----------------------------------------------------------

    def _word_query(self, word):
        """One word: its stem (Greek, or English and as-is for Latin script) or any of its keys."""
        if search_text.is_greek(word):
            parts = [TsQuery(word, config="greek", search_type="plain")]
        elif search_text.script(word) == "arabic":
            parts = [TsQuery(word, config="simple", search_type="plain"), TsQuery(word, config="arabic")]
        else:
            parts = [TsQuery(word, config="simple", search_type="plain"), TsQuery(word, config="english")]
        parts += [TsQuery(key, config="simple", search_type="plain") for key in search_text.word_key_stems(word)]
        return _any(parts)

    def _tsquery(self, parsed):
        units = []
        for unit in parsed.units:
            alternatives = [_all([self._word_query(word) for word in alt]) for alt in unit.alternatives]
            alternatives += [TsQuery(key, config="simple", search_type="plain") for key in unit.corrections]
            alternatives += [CodeQuery(code) for code in unit.codes]
            units.append(_any(alternatives))
        return _all(units) if units else None

    def _matching(self, query, parsed):
        """Documents visible in the visitor's language matching the text and the
        non-facet filters (open now, near). Facet filters are applied around it."""
        queryset = SearchDocument.objects.filter(visible_in__contains=[query.locale])
        tsquery = self._tsquery(parsed)
        if tsquery is not None:
            queryset = queryset.filter(search_vector=tsquery)
        if query.open_now:
            queryset = queryset.filter(registry.open_at_filter(local_now(query.now)))
        if query.near:
            lat, lon = query.near
            metres = query.effective_radius_km * 1000
            if tsquery is not None:
                # The text's matches are found first (GIN index), then each is measured:
                # PostgreSQL would otherwise start from the points in the circle, which it
                # underestimates a hundredfold, and test the text of thousands of them.
                within = RawSQL(f"{_NEAREST_SQL} <= %s", (lat, lon, metres), output_field=BooleanField())  # noqa: S611
            else:
                within = RawSQL(
                    """search_document.page_id IN (
                        SELECT p.document_id FROM search_point p
                        WHERE earth_box(ll_to_earth(%s, %s), %s) @> ll_to_earth(p.latitude, p.longitude)
                          AND earth_distance(ll_to_earth(%s, %s), ll_to_earth(p.latitude, p.longitude)) <= %s)""",
                    (lat, lon, metres, lat, lon, metres),
                    output_field=BooleanField(),
                )
            queryset = queryset.filter(within)
        return queryset

    def _ranked(self, queryset, query, parsed):
        tsquery = self._tsquery(parsed)
        rank = Value(0.0)
        if tsquery is not None:
            rank = SearchRank(F("rank_vector"), tsquery, normalization=Value(1))
        place = parsed.place["code"] if parsed.place else None
        boost = (
            Case(When(keys__contains=[f"area:{place}"], then=Value(1)), default=Value(0), output_field=IntegerField())
            if place
            else Value(0)
        )
        distance = Value(None, output_field=FloatField())
        if query.near:
            lat, lon = query.near
            distance = RawSQL(_NEAREST_SQL, (lat, lon), output_field=FloatField())  # noqa: S611 - a constant
        inactive = Case(When(status__in=STOPPED_STATUSES, then=Value(1)), default=Value(0), output_field=IntegerField())
        return queryset.annotate(
            rank=rank,
            boost=boost,
            distance=distance,
            inactive=inactive,
            sort_title=F("title_folded"),
            name_match=self._name_match(parsed),
        ).values("page_id", "keys", "rank", "boost", "distance", "inactive", "sort_title", "title_keys", "name_match")

    @staticmethod
    def _name_match(parsed):
        """2 when the title is the query as typed, 1 when it holds every word of it (the
        place's words too, in any spelling, or a single-word synonym of each), else 0.

        It orders before the place's boost: "ΙΔΡΥΜΑ ... Ο ΑΓΙΟΣ ΕΥΣΤΡΑΤΙΟΣ" is that
        organisation's name before it is a search in the island of Άγιος Ευστράτιος
        (issue 12: an exact name came seventh). Compared as stemmed keys, so capitals,
        accents, genitives and Greeklish agree."""
        words = []
        for unit in parsed.units:
            keys = set(unit.corrections)
            for alternative in unit.alternatives:
                if len(alternative) == 1:
                    keys.update(search_text.word_key_stems(alternative[0]))
            if len(unit.typed) == 1:
                words.append(sorted(keys | set(search_text.word_key_stems(unit.typed[0]))))
            else:
                words += [sorted(set(search_text.word_key_stems(word))) for word in unit.typed]
        words += [sorted(set(search_text.word_key_stems(word))) for word in parsed.place_words]
        words = [keys for keys in words if keys]
        if not words:
            return Value(0, output_field=IntegerField())
        all_words = " AND ".join(["string_to_array(search_document.title_keys, ' ') && %s::text[]"] * len(words))
        return RawSQL(  # noqa: S611 - a fixed fragment, every value a parameter
            f"CASE WHEN search_document.title_folded = %s THEN 2 WHEN {all_words} THEN 1 ELSE 0 END",
            (search_text.fold(parsed.text)[:255], *words),
            output_field=IntegerField(),
        )

    @staticmethod
    def _order(query, parsed):
        """How the page of hits is ordered: an `Ordering` over the narrow rows `r`."""
        if query.near:
            return Ordering("r.distance ASC NULLS LAST, r.rank DESC, r.page_id")
        if parsed.units:
            return Ordering(
                "r.name_match DESC, r.boost DESC, r.inactive ASC, r.rank DESC, r.page_id",
                head_score="r.rank + 0.5 * similarity(r.title_keys, %s)",
                params=[parsed.typed_keys],
            )
        return Ordering("r.boost DESC, r.inactive ASC, r.sort_title, r.page_id")

    # -- typos ------------------------------------------------------------------------

    def _correct(self, parsed):
        """Give each unknown single word the nearest known keys; build "did you mean"."""
        if getattr(parsed, "corrections_done", False):
            return
        parsed.corrections_done = True
        parsed.suggestion = None
        probes = []
        for index, unit in enumerate(parsed.units):
            word = unit.typed[0]
            if unit.is_single_word and not word.isdigit() and len(word) >= 3:
                pattern = script_pattern(search_text.suggestion_scripts(word, parsed.language))
                for stem in search_text.word_key_stems(word):
                    probes.append((index, stem, pattern))
        if not probes:
            return
        with connection.cursor() as cursor:
            # Candidates are only words of the scripts the typed word allows (an Arabic
            # or Cyrillic word is never "corrected" into Greek; a Latin one only into
            # Greek on the Greek site, where it is Greeklish): see suggestion_scripts.
            cursor.execute(
                """
                SELECT q.i, q.stem, known.hit, c.key, c.display, c.sim
                FROM unnest(%s::int[], %s::text[], %s::text[]) AS q(i, stem, pattern)
                LEFT JOIN LATERAL (SELECT true AS hit FROM search_lexicon WHERE key = q.stem LIMIT 1) known ON true
                LEFT JOIN LATERAL (
                    SELECT key, display, similarity(key, q.stem) AS sim FROM search_lexicon
                    WHERE display ~ q.pattern
                    ORDER BY key <-> q.stem LIMIT 5) c ON known.hit IS NULL
                """,
                [[i for i, _s, _p in probes], [s for _i, s, _p in probes], [p for _i, _s, p in probes]],
            )
            rows = cursor.fetchall()
        known = {i for i, _stem, hit, *_rest in rows if hit}
        best = {}
        for i, stem, _hit, key, display, sim in rows:
            if i in known or key is None:
                continue
            unit = parsed.units[i]
            # Trigram similarity misses one letter wrong in a short word ("μονδα":
            # "mond" / "monad", 0.33); one edit there is a typo too.
            close = sim >= AUTO_CORRECT_SIMILARITY or search_text.edit_distance(
                key, stem, limit=2
            ) <= search_text.typo_allowance(stem)
            if close and key not in unit.corrections and len(unit.corrections) < 3:
                unit.corrections.append(key)
            if sim >= SUGGEST_SIMILARITY and (i not in best or sim > best[i][0]):
                best[i] = (sim, display)
        if best:
            words = [best[i][1] if i in best else " ".join(unit.typed) for i, unit in enumerate(parsed.units)]
            parsed.suggestion = " ".join(words)


class SearchStatement:
    """The single SQL statement of a search: page, total and facet counts from one scan.

    `m` materialises the documents matching the text and the non-facet filters; `r` is
    `m` narrowed by every facet filter. The total and the page come from `r`. Facets
    are counted in one pass over `m`: each key is counted among the rows that pass
    every facet filter (`n_all`) and, for each facet with a selection, among the rows
    that pass every *other* facet's filter (disjunctive facets: the other values of a
    facet stay choosable). Only the fixed fragments here and the ORM-compiled `m` are
    interpolated; every value is a bound parameter.
    """

    def __init__(self, matching_sql, matching_params, *, facet_filters, order, limit, offset, with_facets):
        self.matching = (matching_sql, list(matching_params))
        self.facet_filters = facet_filters
        self.order = order
        self.limit, self.offset = limit, offset
        self.with_facets = with_facets

    def _where(self, excluding=None):
        parts, params = [], []
        for name, keys in self.facet_filters.items():
            if name != excluding:
                parts.append("keys && %s::varchar[]")
                params.append(keys)
        return (" AND ".join(parts) or "TRUE"), params

    def sql(self):
        matching_sql, params = self.matching
        where, where_params = self._where()
        hits_sql, hits_params = self.order.hits(self.limit, self.offset)
        params = [*params, *where_params, *hits_params]
        selects = [
            "(SELECT count(*) FROM r) AS total",
            hits_sql,
            _OPEN_CANDIDATES_SQL.format(limit=OPEN_NOW_COUNT_LIMIT),
        ]
        if self.with_facets:
            flags, counts, names = [], [], []
            for index, name in enumerate(["all", *self.facet_filters]):
                flag_where, flag_params = self._where(excluding=name)
                flags.append(f"({flag_where}) AS ok_{index}")
                counts.append(f"count(*) FILTER (WHERE x.ok_{index}) AS n_{index}")
                names.append(f"n_{index}")
                params += flag_params
            selects.append(_FACETS_SQL.format(flags=", ".join(flags), counts=", ".join(counts), names=", ".join(names)))
        sql = (
            f"WITH m AS MATERIALIZED ({matching_sql}),\n"  # noqa: S608
            f"r AS (SELECT {_RESULT_COLUMNS} FROM m WHERE {where})\n"
            "SELECT " + ",\n".join(selects)
        )
        return sql, params

    def facet_counts(self, rows):
        """{key: count} from the facet rows: each key counted without its own facet's filter."""
        prefixes = {FILTER_KEYS[name] + ":": index for index, name in enumerate(self.facet_filters, start=1)}
        counts = {}
        for key, *columns in rows:
            column = next((index for prefix, index in prefixes.items() if key.startswith(prefix)), 0)
            if columns[column]:
                counts[key] = int(columns[column])
        return counts


class Ordering:
    """The order of the hits, and the SQL that fetches one page of them in that order.

    `order` sorts every result. With a `head_score` (text searches), the first
    RERANK_TOP results of `order` are reordered by that score instead of the text rank
    alone: title similarity to what was typed, a per-row function too costly for
    thousands of matches. A page within that head is fetched with two top-N sorts
    (PostgreSQL keeps only the best rows and never sorts them all); a deeper page sorts
    everything once, the reordered head first.
    """

    _TIES = "r.sort_title, r.page_id"

    def __init__(self, order, head_score=None, params=()):
        self.order, self.head_score, self.params = order, head_score, list(params)

    def hits(self, limit, offset):
        """(SQL of the `hits` column, its parameters)."""
        if self.head_score is None:
            return _HITS_SQL.format(source="r", order=self.order), [limit, offset]
        if offset + limit <= RERANK_TOP:
            source = f"(SELECT * FROM r ORDER BY {self.order} LIMIT {RERANK_TOP}) r"  # noqa: S608 - constants only
            order = f"r.name_match DESC, r.boost DESC, r.inactive ASC, {self.head_score} DESC, {self._TIES}"
        else:
            source = f"(SELECT r.*, row_number() OVER (ORDER BY {self.order}) <= {RERANK_TOP} AS head FROM r) r"  # noqa: S608
            order = (
                "r.head DESC, r.name_match DESC, r.boost DESC, r.inactive ASC, "
                f"CASE WHEN r.head THEN {self.head_score} ELSE r.rank END DESC, {self._TIES}"
            )
        return _HITS_SQL.format(source=source, order=order), [*self.params, limit, offset]


#: The columns of `r`: what ordering needs and not `keys` (only `m` is faceted), so the
#: rows kept and sorted stay narrow.
_RESULT_COLUMNS = "page_id, rank, boost, distance, inactive, sort_title, title_keys, name_match"
#: One page of hits as JSON, numbered in the order of the sorted subquery.
_HITS_SQL = """(SELECT coalesce(json_agg(json_build_object(
        'page_id', d.page_id, 'type', d.doc_type, 'title', d.title, 'url', d.url, 'hsds_id', d.hsds_id,
        'summary', d.summary, 'organisation', d.organisation, 'place_names', d.place_names,
        'status', d.status, 'locale', d.locale, 'distance', top.distance) ORDER BY top.position), '[]')
    FROM (SELECT ordered.*, row_number() OVER () AS position FROM (
          SELECT r.page_id, r.distance FROM {source} ORDER BY {order} LIMIT %s OFFSET %s) ordered) top
    JOIN search_document d ON d.page_id = top.page_id) AS hits"""
_OPEN_CANDIDATES_SQL = "(SELECT CASE WHEN count(*) <= {limit} THEN array_agg(page_id) END FROM r) AS open_candidates"
# Keys are unnested in a select list (a ProjectSet: half the time of a lateral join to
# unnest() at 10,000 matches). OFFSET 0 keeps the inner subquery apart, so each
# document's flags are computed once, not once per key.
_FACETS_SQL = """(SELECT coalesce(json_agg(json_build_array(k, {names})), '[]') FROM (
        SELECT k, {counts} FROM (SELECT unnest(y.keys) AS k, y.* FROM (SELECT keys, {flags} FROM m OFFSET 0) y) x
        GROUP BY k) f) AS facets"""


def _any(queries):
    combined = None
    for q in queries:
        combined = q if combined is None else combined | q
    return combined


def _all(queries):
    combined = None
    for q in queries:
        combined = q if combined is None else combined & q
    return combined


def _json(value):
    if isinstance(value, str):
        return json.loads(value)
    return value or ({} if value is None else value)
