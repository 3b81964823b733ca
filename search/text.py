"""How search reads words: folding, stop words, Greeklish and a crude stem.

People type "Παιδικός Σταθμός", "παιδικος σταθμος", "paidikos stathmos", "pedikos
stathmos" or "vrefonhpiako" and expect the same services. Two things make that work,
and both run in Python so that the PostgreSQL and Elasticsearch backends see exactly
the same tokens:

* `fold` (accents, case, final sigma) and `content_words` (drops the Greek function
  words PostgreSQL has no stop list for), feeding each backend's own Greek stemmer;
* `word_key`, a *phonetic key*: Greek and Latin spellings of one word map to the same
  Latin string. Greek letters that sound alike collapse (η/ι/υ/ει/οι → i, ω/ο → o,
  αι/ε → e, ντ/δ → d, μπ → b, γγ/γκ → g), so the key also forgives the commonest Greek
  spelling mistakes. Latin input is ambiguous (x is χ or ξ, h is η or χ, b is β or μπ),
  so `latin_keys` returns every reading (a handful at most) and the query ORs them.

Keys are stemmed by `key_stem`, a suffix strip that treats "stathmos", "stathmoi" and
"stathmon" as one word. It is deliberately crude: the same function runs on documents
and queries, so consistency matters more than linguistic accuracy.
"""

import functools
import itertools
import re
import unicodedata

#: The commonest Greek function words (folded). PostgreSQL's `greek` configuration
#: stems them instead of dropping them ("και" → "κα"), which would make "και" a
#: required word of every query.
GREEK_STOP_WORDS = frozenset(
    """
    ο η το οι τα του τησ των τον την τη τουσ τισ στο στη στην στον στα στισ στουσ στου στησ
    και κι για με σε σ απο προσ ωσ που να θα δεν μη μην ειναι ενα ενασ μια μιασ ενοσ
    αλλα ομωσ οτι κατα μετα παρα χωρισ αν ωστε επι δια εκ εξ αυτο αυτη αυτοσ αυτα
    εγω εσυ εμεισ εσεισ μου σου μασ σασ ποιοσ ποια ποιο τι πωσ πολυ πιο οπου εδω εκει
    """.split()  # noqa: SIM905 - a word list reads best as words
)
#: English and Greeklish function words, for Latin-script queries.
LATIN_STOP_WORDS = frozenset(
    """
    a an the and or of for in on at to with by from near is are be my me i
    kai ki gia se sto sti stin ston sta stis tou tis ton tin to ta o oi apo pros na
    """.split()  # noqa: SIM905
)

_WORD = re.compile(r"[^\W_]+", re.UNICODE)
_GREEK = re.compile(r"[\u0370-\u03ff\u1f00-\u1fff]")
_LATIN = re.compile(r"[a-z]")
#: A word longer than this is not a word (and would only feed trigram work).
MAX_WORD_LENGTH = 40


#: Combining marks (Unicode category Mn) of the Basic Multilingual Plane, as one
#: character class: stripping them with a regular expression is some ten times
#: faster than testing each character, which matters when rebuilding 50,000 pages.
_COMBINING = re.compile(
    "[" + "".join(re.escape(chr(c)) for c in range(0x10000) if unicodedata.category(chr(c)) == "Mn") + "]+"
)
_NON_WORD_RUN = re.compile(r"[^\w]+", re.UNICODE)


def fold(text: str) -> str:
    """Lower-case, strip accents and diaeresis, final sigma → σ, punctuation → space.

    The same result as directory.text.greek_fold (tested), only faster."""
    text = _COMBINING.sub("", unicodedata.normalize("NFD", text or ""))
    text = text.lower().replace("ς", "σ")
    return " ".join(_NON_WORD_RUN.sub(" ", text).split())


def words(text: str) -> list[str]:
    """Folded words, in order, without punctuation; over-long "words" are cut."""
    return [w[:MAX_WORD_LENGTH] for w in _WORD.findall(fold(text))]


def display_words(text: str) -> list[str]:
    """Words as written, lower-cased with accents kept and a proper final sigma."""
    out = []
    for token in _WORD.findall(text or ""):
        token = token.lower()[:MAX_WORD_LENGTH]
        out.append(token[:-1] + "ς" if token.endswith("σ") else token)
    return out


def is_stop_word(word: str) -> bool:
    return word in GREEK_STOP_WORDS or word in LATIN_STOP_WORDS


def content_words(text: str) -> list[str]:
    """Folded words without function words (the words a query must match)."""
    return [w for w in words(text) if not is_stop_word(w)]


def is_greek(word: str) -> bool:
    return bool(_GREEK.search(word))


def is_latin(word: str) -> bool:
    return bool(_LATIN.search(word)) and not is_greek(word)


_ARABIC = re.compile(r"[\u0600-\u06ff\u0750-\u077f]")
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")


def script(word: str) -> str:
    """The writing system of a word: "greek", "latin", "arabic", "cyrillic" or "other".

    "Did you mean" only proposes words of the script the visitor typed in (see
    `suggestion_scripts`): an Arabic or Cyrillic query is never "corrected" into Greek."""
    if is_greek(word):
        return "greek"
    if _ARABIC.search(word):
        return "arabic"
    if _CYRILLIC.search(word):
        return "cyrillic"
    if _LATIN.search(word):
        return "latin"
    return "other"


def suggestion_scripts(word: str, language: str) -> tuple[str, ...]:
    """Scripts a correction of `word` may be written in, for a visitor of `language`.

    A Latin word may be Greeklish ("paidikos"), and Greeklish → Greek is the one
    crossing wanted, but only for visitors of the Greek site: on /en/ "food" is an
    English word, and proposing "φόρος" for it would be nonsense."""
    kind = script(word)
    if kind == "latin" and language == "el":
        return ("latin", "greek")
    return (kind,)


# --- Greek → key -----------------------------------------------------------------

_GREEK_DIGRAPHS = {
    "ου": "u",
    "αι": "e",
    "ει": "i",
    "οι": "i",
    "υι": "i",
    "αυ": "av",
    "ευ": "ev",
    "ηυ": "iv",
    "μπ": "b",
    "ντ": "d",
    "γγ": "g",
    "γκ": "g",
    "γχ": "gh",
    "τσ": "ts",
    "τζ": "tz",
}
_GREEK_LETTERS = {
    "α": "a",
    "β": "v",
    "γ": "g",
    "δ": "d",
    "ε": "e",
    "ζ": "z",
    "η": "i",
    "θ": "th",
    "ι": "i",
    "κ": "k",
    "λ": "l",
    "μ": "m",
    "ν": "n",
    "ξ": "ks",
    "ο": "o",
    "π": "p",
    "ρ": "r",
    "σ": "s",
    "ς": "s",
    "τ": "t",
    "υ": "i",
    "φ": "f",
    "χ": "h",
    "ψ": "ps",
    "ω": "o",
}

# --- Latin (Greeklish, English) → keys -----------------------------------------------
# Longest spellings first; each maps to its possible readings, the likeliest first.
_LATIN_UNITS = [
    ("th", ("th",)),
    ("ch", ("h",)),
    ("kh", ("h",)),
    ("ps", ("ps",)),
    ("ks", ("ks",)),
    ("cs", ("ks",)),
    ("ou", ("u",)),
    ("oy", ("u",)),
    ("ai", ("e", "ai")),
    ("ae", ("e",)),
    ("ei", ("i", "ei")),
    ("oi", ("i", "oi")),
    ("yi", ("i",)),
    ("ui", ("i",)),
    ("au", ("av",)),
    ("av", ("av",)),
    ("af", ("af", "av")),
    ("eu", ("ev",)),
    ("ev", ("ev",)),
    ("ef", ("ef", "ev")),
    ("mp", ("b",)),
    ("mb", ("b",)),
    ("nt", ("d",)),
    ("nd", ("d",)),
    ("dh", ("d",)),
    ("gg", ("g",)),
    ("gk", ("g",)),
    ("ng", ("g",)),
    ("ts", ("ts",)),
    ("tz", ("tz",)),
    ("8", ("th",)),
    ("3", ("ks",)),
    ("x", ("h", "ks")),
    ("h", ("i", "h")),
    ("y", ("i",)),
    ("u", ("u", "i")),
    ("w", ("o",)),
    ("b", ("v", "b")),
    ("c", ("k",)),
    ("q", ("k",)),
]
_LATIN_UNIT_MAP = dict(_LATIN_UNITS)
_LATIN_UNIT_LENGTHS = sorted({len(s) for s, _ in _LATIN_UNITS}, reverse=True)
#: At most this many readings of one Latin word (x and h can multiply quickly).
MAX_LATIN_READINGS = 8
_DOUBLES = re.compile(r"([a-z])\1+")

#: Key endings stripped by `key_stem` (longest first): Greek case and number endings
#: as they look after transliteration, plus the English plural.
_KEY_ENDINGS = (
    "ion",
    "ias",
    "ies",
    "ios",
    "iu",
    "ia",
    "io",
    "is",
    "os",
    "on",
    "us",
    "as",
    "es",
    "a",
    "e",
    "i",
    "o",
    "u",
    "s",
)
MIN_STEM = 3


def _collapse(key: str) -> str:
    return _DOUBLES.sub(r"\1", key)


def greek_key(word: str) -> str:
    """The phonetic key of a folded Greek word ("παιδικοσ" → "pedikos")."""
    out, i = [], 0
    while i < len(word):
        pair = word[i : i + 2]
        if pair in _GREEK_DIGRAPHS:
            out.append(_GREEK_DIGRAPHS[pair])
            i += 2
            continue
        ch = word[i]
        out.append(_GREEK_LETTERS.get(ch, ch if ch.isascii() else ""))
        i += 1
    return _collapse("".join(out))


def latin_keys(word: str) -> list[str]:
    """Every plausible key of a Latin-script word, the likeliest first."""
    options, i = [], 0
    while i < len(word):
        for length in _LATIN_UNIT_LENGTHS:
            chunk = word[i : i + length]
            if len(chunk) == length and chunk in _LATIN_UNIT_MAP:
                options.append(_LATIN_UNIT_MAP[chunk])
                i += length
                break
        else:
            ch = word[i]
            options.append((ch if ch.isascii() else "",))
            i += 1
    # Readings that depart least from the likeliest spelling come first.
    choices = itertools.islice(itertools.product(*(range(len(o)) for o in options)), 512)
    keys = []
    for combo in sorted(choices, key=sum):
        key = _collapse("".join(option[index] for option, index in zip(options, combo, strict=True)))
        if key and key not in keys:
            keys.append(key)
            if len(keys) == MAX_LATIN_READINGS:
                break
    return keys


def latin_key(word: str) -> str:
    """The likeliest key of a Latin-script word (the first of `latin_keys`, cheaply)."""
    out, i = [], 0
    while i < len(word):
        for length in _LATIN_UNIT_LENGTHS:
            chunk = word[i : i + length]
            if len(chunk) == length and chunk in _LATIN_UNIT_MAP:
                out.append(_LATIN_UNIT_MAP[chunk][0])
                i += length
                break
        else:
            out.append(word[i] if word[i].isascii() else "")
            i += 1
    return _collapse("".join(out))


# --- Arabic and Cyrillic ----------------------------------------------------------------
# Neither has a Greeklish-like spelling problem: the key is the folded word itself,
# lightly normalised so that a synonym, a document and a query agree on it. (Before,
# these words had an empty key, so every Arabic or Ukrainian word looked alike.)

_ARABIC_LETTERS = str.maketrans(
    {"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه", "ؤ": "و", "ئ": "ي", "ـ": None}
)
#: The definite article with the prepositions and conjunctions that fuse with it.
_ARABIC_ARTICLES = ("وال", "بال", "كال", "فال", "لل", "ال")
_ARABIC_ENDINGS = ("ات", "ون", "ين", "يه", "ه")
#: Ukrainian (and Russian) case and number endings, longest first.
_CYRILLIC_ENDINGS = tuple(
    sorted(
        """ами ями ові еві ого ому ими ів їв ах ях ам ям ом ем ою ею ий ій ої ої ою им ім ія ая
        а я у ю і и о е ь й""".split(),  # noqa: SIM905
        key=len,
        reverse=True,
    )
)


def arabic_key(word: str) -> str:
    """Alef, ya and ta marbuta forms unified, the article ("ال", "بال"…) dropped."""
    word = word.translate(_ARABIC_LETTERS)
    for article in _ARABIC_ARTICLES:
        if word.startswith(article) and len(word) - len(article) >= 2:
            return word[len(article) :]
    return word


def other_key_stem(key: str) -> str:
    """A light suffix strip for Arabic and Cyrillic keys (Latin keys: `key_stem`)."""
    if _ARABIC.search(key):
        endings, shortest = _ARABIC_ENDINGS, 3
    elif _CYRILLIC.search(key):
        endings, shortest = _CYRILLIC_ENDINGS, 2
    else:
        return key
    for ending in endings:
        if key.endswith(ending) and len(key) - len(ending) >= shortest:
            return key[: -len(ending)]
    return key


def word_key(word: str) -> str:
    """The one key of a word as written in a document (Greek, Latin or another script)."""
    if is_greek(word):
        return greek_key(word)
    if _LATIN.search(word) or word.isdigit() or word.isascii():
        return latin_key(word)
    return arabic_key(word) if _ARABIC.search(word) else word


@functools.lru_cache(maxsize=200_000)
def word_stem(word: str) -> str:
    """`key_stem(word_key(word))`, remembered: documents repeat their words a lot."""
    return key_stem(word_key(word))


@functools.lru_cache(maxsize=200_000)
def fold_word(word: str) -> str:
    return fold(word)


def key_stem(key: str) -> str:
    """Strip one inflection ending from a key, keeping at least three letters."""
    if not key.isascii():
        return other_key_stem(key)
    for ending in _KEY_ENDINGS:
        if key.endswith(ending) and len(key) - len(ending) >= MIN_STEM:
            return key[: -len(ending)]
    return key


def word_key_stems(word: str) -> list[str]:
    """Stemmed keys a query word may stand for (one for Greek, a few for Latin)."""
    if is_greek(word):
        keys = [greek_key(word)]
    elif _LATIN.search(word) or word.isascii():
        keys = latin_keys(word)
    else:
        keys = [word_key(word)]
    return list(dict.fromkeys(key_stem(k) for k in keys if k))


def document_keys(text: str) -> str:
    """The stemmed keys of a document's text, space-separated, in word order."""
    stems = (word_stem(w) for w in content_words(text))
    return " ".join(s for s in stems if s)


def near_same_names(first: str, second: str) -> bool:
    """Whether two names say the same thing: the words (stemmed keys) of one are all in
    the other ("Αλληλεγγύη" / "Αλληλεγγύη ΜΚΟ", "Κέντρο Νομικής Αρωγής" / "Κέντρο
    Νομικής Αρωγής «Δικαίωμα»"), or they differ by a letter or two."""
    a, b = set(document_keys(first).split()), set(document_keys(second).split())
    if not a or not b:
        return False
    if a <= b or b <= a:
        return True
    import difflib

    return difflib.SequenceMatcher(None, fold(first), fold(second)).ratio() >= 0.9


def content_text(text: str) -> str:
    """Folded text without function words: what the backends stem and index."""
    return " ".join(content_words(text))


def strip_control_characters(text: str) -> str:
    """Drop NUL and other control characters (PostgreSQL rejects NUL in text)."""
    return "".join(ch for ch in text if unicodedata.category(ch)[0] != "C" or ch in " \t\n")


def edit_distance(a: str, b: str, limit: int = 2) -> int:
    """Levenshtein distance between two keys, or `limit + 1` once it exceeds `limit`.

    Trigram similarity misses short words with one letter wrong or missing ("mond" and
    "monad" share three trigrams of nine: 0.33); one edit in a word of four letters
    or more is still a typo people make (see PostgresBackend._correct)."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, start=1):
        current = [i]
        for j, cb in enumerate(b, start=1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        if min(current) > limit:
            return limit + 1
        previous = current
    return min(previous[-1], limit + 1)


def typo_allowance(key: str) -> int:
    """Edits a key of this length may differ by and still be the same word mistyped."""
    return 0 if len(key) < 4 else 1 if len(key) < 8 else 2
