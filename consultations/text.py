"""Cleaning what citizens type, so that hostile text is stored and shown inert.

Text is stored as typed, minus characters that have no business in a comment and
that can disguise it: control characters (except new lines and tabs), the Unicode
bidirectional embeddings, overrides and isolates (a "right-to-left override" can
make a comment read differently from what it says, or spill into the page around
it), and invisible zero-width spaces and byte-order marks. Zero-width joiners and
the left/right-to-left marks stay: Arabic and emoji sequences need them, and
templates isolate each comment's direction anyway (`dir="auto"`, `<bdi>`).
HTML is never stripped here: templates escape it, so "<script>" reads as text.
"""

import unicodedata

BIDI_CONTROLS = {chr(c) for c in (*range(0x202A, 0x202F), *range(0x2066, 0x206A))}
INVISIBLE = {"\u200b", "\u2060", "\ufeff", "\u180e"}
KEEP_CONTROLS = {"\n", "\t"}


def clean_user_text(value, *, multiline=True):
    """NFC-normalised text without disguising characters; single-line text has no new lines."""
    value = unicodedata.normalize("NFC", value or "").replace("\r\n", "\n").replace("\r", "\n")
    kept = []
    for ch in value:
        if ch in BIDI_CONTROLS or ch in INVISIBLE:
            continue
        if unicodedata.category(ch) == "Cc" and not (multiline and ch in KEEP_CONTROLS):
            if ch in KEEP_CONTROLS:
                kept.append(" ")
            continue
        kept.append(ch)
    text = "".join(kept)
    if not multiline:
        text = " ".join(text.split())
    return text.strip()
