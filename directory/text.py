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
