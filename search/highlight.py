"""Snippets with the matched words marked: escape everything, then mark.

Matches are found on the phonetic stems (search/text.py), the same way the index
matched them, so "σταθμοί", "stathmos" and a misspelt "σταθμως" all light up
"Σταθμός". Marks travel as two private-use characters until the very end, when the
text is HTML-escaped and only those characters become <mark> tags: nothing a page
author typed can ever become markup.
"""

import re

from django.utils.html import escape
from django.utils.safestring import mark_safe

from search import text as search_text

MARK_START = "\ue000"
MARK_END = "\ue001"
SNIPPET_LENGTH = 220
_TOKEN = re.compile(r"[^\W_]+", re.UNICODE)


def clean(text):
    """Text with any stray marker characters removed (they must come from us only)."""
    return (text or "").replace(MARK_START, "").replace(MARK_END, "")


def clean_markers_only(marked):
    """Backend-marked text, with unbalanced markers repaired (never trust a counterpart)."""
    out, depth = [], 0
    for ch in marked or "":
        if ch == MARK_START:
            if depth:
                continue
            depth = 1
        elif ch == MARK_END:
            if not depth:
                continue
            depth = 0
        out.append(ch)
    if depth:
        out.append(MARK_END)
    return "".join(out)


def mark(text, stems):
    """Wrap each word of `text` whose stemmed key is in `stems` in marker characters."""
    text = clean(text)
    if not stems:
        return text

    def replace(match):
        word = match.group(0)
        stem = search_text.word_stem(search_text.fold_word(word))
        return f"{MARK_START}{word}{MARK_END}" if stem in stems else word

    return _TOKEN.sub(replace, text)


def fragment(marked, length=SNIPPET_LENGTH):
    """About `length` characters around the first mark, cut at word boundaries."""
    if len(marked) <= length:
        return marked
    first = marked.find(MARK_START)
    start = 0 if first < length // 3 else first - length // 3
    if start:
        space = marked.find(" ", start)
        start = space + 1 if 0 <= space < first else start
    end = start + length
    if end < len(marked):
        space = marked.rfind(" ", start, end)
        end = space if space > start else end
    piece = marked[start:end]
    # Never leave a mark open at the cut.
    if piece.count(MARK_START) > piece.count(MARK_END):
        piece += MARK_END
    if piece.count(MARK_END) > piece.count(MARK_START):
        piece = MARK_START + piece
    return ("… " if start else "") + piece + (" …" if end < len(marked) else "")


def to_html(marked):
    return mark_safe(escape(marked).replace(MARK_START, "<mark>").replace(MARK_END, "</mark>"))  # noqa: S308


def to_plain(marked):
    return clean(marked)


def snippet(text, stems, length=SNIPPET_LENGTH):
    """(plain snippet, safe HTML snippet with <mark>) for a result."""
    marked = fragment(mark(text, stems), length)
    return to_plain(marked), to_html(marked)
