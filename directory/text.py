"""Greek text folding for matching names typed in any form.

"Δήμος Αμαρουσίου", "ΑΜΑΡΟΥΣΙΟΥ" and "αμαρουσιου" must compare equal; so must
final and medial sigma. Search (issue #3) builds on the same folding.
"""

import re
import unicodedata

_NON_WORD = re.compile(r"[^\w]+", re.UNICODE)
# Matched after folding, so final sigma is already "σ" and dots are spaces.
_MUNICIPALITY_PREFIXES = ("δημοσ ", "δημου ", "δ ", "δημ ", "κοινοτητα ", "κοινοτητασ ", "municipality of ")
# Greek case endings stripped to compare a genitive with a nominative
# ("Περιστερίου" ~ "Περιστέρι", "Κοζάνης" ~ "Κοζάνη"). Longest first.
_ENDINGS = ("ιου", "ιων", "ουσ", "ου", "ων", "ησ", "ασ", "οσ", "εσ", "ιο", "ια", "ι", "ο", "α", "η", "σ")


def greek_fold(text: str) -> str:
    """Lower-case, strip accents and diaeresis, unify final sigma, squeeze spaces."""
    text = unicodedata.normalize("NFD", text or "")
    text = "".join(ch for ch in text if unicodedata.category(ch) != "Mn")
    text = text.lower().replace("ς", "σ")
    return " ".join(_NON_WORD.sub(" ", text).split())


def place_key(text: str) -> str:
    """A crude stem of a place name for matching across grammatical case."""
    folded = greek_fold(text)
    for prefix in _MUNICIPALITY_PREFIXES:
        if folded.startswith(prefix):
            folded = folded[len(prefix) :]
            break
    words = []
    for word in folded.split():
        for ending in _ENDINGS:
            if len(word) > len(ending) + 2 and word.endswith(ending):
                word = word[: -len(ending)]
                break
        words.append(word)
    return " ".join(words)


# --- ELOT 743 -------------------------------------------------------------------
# Greek → Latin transcription of ELOT 743:2001 (ISO 843:1997 type 2), the standard of
# Greek passports and road signs. No maintained package implements it (the one on
# PyPI runs transpiled JavaScript), so it is written here and tested digraph by digraph.

_ELOT_LETTERS = {
    "α": "a", "β": "v", "γ": "g", "δ": "d", "ε": "e", "ζ": "z", "η": "i", "θ": "th",
    "ι": "i", "κ": "k", "λ": "l", "μ": "m", "ν": "n", "ξ": "x", "ο": "o", "π": "p",
    "ρ": "r", "σ": "s", "ς": "s", "τ": "t", "υ": "y", "φ": "f", "χ": "ch", "ψ": "ps",
    "ω": "o",
}  # fmt: skip
_VOWELS = set("αεηιουω")
# αυ, ευ, ηυ are av/ev/iv before a vowel or a voiced consonant, af/ef/if otherwise.
_VOICED = set("βγδζλμνρ")
_DIAERESIS = "\u0308"


def _greek_letters(text):
    """(lower-case base letter or the character itself, is upper, has diaeresis) per character."""
    out = []
    for ch in unicodedata.normalize("NFC", text):
        decomposed = unicodedata.normalize("NFD", ch)
        base = decomposed[0]
        lower = base.lower()
        out.append((lower if lower in _ELOT_LETTERS else ch, base != lower, _DIAERESIS in decomposed))
    return out


def elot743(text: str) -> str:
    """The ELOT 743 Latin form of Greek text ("Κοζάνη" → "Kozani"); other characters
    pass through. Capitals follow the source: "ΘΕΣΣΑΛΟΝΙΚΗ" → "THESSALONIKI",
    "Θεσσαλονίκη" → "Thessaloniki"."""
    chars = _greek_letters(text or "")
    n = len(chars)

    def letter(i):
        return chars[i][0] if 0 <= i < n and chars[i][0] in _ELOT_LETTERS else None

    def word_is_upper(i):
        start = i
        while start > 0 and letter(start - 1):
            start -= 1
        end = i
        while end < n - 1 and letter(end + 1):
            end += 1
        letters = chars[start : end + 1]
        return len(letters) > 1 and all(upper for _c, upper, _d in letters)

    result = []
    i = 0
    while i < n:
        c, upper, _diaeresis = chars[i]
        if c not in _ELOT_LETTERS:
            result.append(c)
            i += 1
            continue
        nxt = letter(i + 1)
        nxt_plain = nxt is not None and not chars[i + 1][2]  # a diaeresis splits a digraph
        size = 1
        if c in "αεη" and nxt == "υ" and nxt_plain:
            after = letter(i + 2)
            latin = _ELOT_LETTERS[c] + ("v" if after and (after in _VOWELS or after in _VOICED) else "f")
            size = 2
        elif c == "ο" and nxt == "υ" and nxt_plain:
            latin, size = "ou", 2
        elif c == "μ" and nxt == "π":
            at_edge = letter(i - 1) is None or letter(i + 2) is None
            latin, size = ("b" if at_edge else "mp"), 2
        elif c == "γ" and nxt in ("γ", "ξ", "χ"):
            latin = "n"
        else:
            latin = _ELOT_LETTERS[c]
        if upper:
            latin = latin.upper() if word_is_upper(i) else latin[0].upper() + latin[1:]
        result.append(latin)
        i += size
    return "".join(result)


def with_latin(greek_name: str) -> str:
    """A Greek place name with its ELOT 743 form for readers of other scripts:
    "Κοζάνη (Kozani)"; a name with no Greek letters is returned as it is."""
    latin = elot743(greek_name)
    return greek_name if latin == greek_name else f"{greek_name} ({latin})"
