"""Split a pasted draft into chapters and articles, and merge it into the text.

Drafts arrive as plain text copied from a word processor or from a PDF:

    Κεφάλαιο Α΄ – Γενικές διατάξεις
    Άρθρο 1 – Σκοπός
    Το παρόν σχέδιο δράσης ...
    Άρθρο 2
    Ορισμοί
    ...

A line that starts with "Άρθρο"/"Article" and a number starts an article (its title
follows a dash or colon, or is the next short line); "Κεφάλαιο"/"Μέρος"/"Chapter"/
"Part" starts a chapter. Merging never removes anything: an article whose number is
already in the text is updated in place and keeps its block id (and so its
comments); new ones are appended. That makes pasting a revised draft safe.
"""

import html
import re
import unicodedata
import uuid
from dataclasses import dataclass, field

ARTICLE_RE = re.compile(
    r"^\s*(?P<word>άρθρο|αρθρο|article|art\.)\s+(?P<num>\d+[a-zα-ω]?|[α-ω]{1,3}[΄'\u02b9\u0374]?)"
    r"\s*(?:[-\u2013\u2014:.]\s*(?P<title>.*\S))?\s*$",
    re.IGNORECASE,
)
CHAPTER_RE = re.compile(
    r"^\s*(?P<word>κεφάλαιο|κεφαλαιο|μέρος|μερος|ενότητα|ενοτητα|chapter|part|section)\s+\S+.*$", re.IGNORECASE
)
BULLET_RE = re.compile(r"^\s*[-\u2022*\u2013]\s+")
TITLE_MAX_LENGTH = 120


@dataclass
class DraftArticle:
    number: str
    key: str
    title: str = ""
    lines: list = field(default_factory=list)

    @property
    def html(self):
        return text_to_html("\n".join(self.lines))


@dataclass
class DraftChapter:
    heading: str


@dataclass
class ParsedDraft:
    preamble: str
    items: list

    @property
    def articles(self):
        return [item for item in self.items if isinstance(item, DraftArticle)]


def _fold(text):
    """Lower case without accents, for comparing numbers and headings."""
    decomposed = unicodedata.normalize("NFD", text.lower())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).strip()


def number_key(number):
    """ "Άρθρο 3", "ΑΡΘΡΟ 3" and "Article 3" all give "3"; "Άρθρο 3α" gives "3α"."""
    match = ARTICLE_RE.match(number or "")
    token = match.group("num") if match else (number or "")
    return _fold(token).rstrip("΄'\u02b9\u0374")


def _is_title_line(line):
    stripped = line.strip()
    return (
        0 < len(stripped) <= TITLE_MAX_LENGTH
        and not stripped.endswith((".", ":", ";", ","))
        and not ARTICLE_RE.match(stripped)
        and not CHAPTER_RE.match(stripped)
    )


def parse_draft(text):
    """Chapters and articles in the order they appear, and any text before the first heading."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    preamble, items, current = [], [], None
    expecting_title = False
    for line in lines:
        article = ARTICLE_RE.match(line)
        if article:
            word = line.strip().split()[0]
            number = f"{word} {article.group('num')}"
            current = DraftArticle(number=number, key=number_key(number), title=(article.group("title") or "").strip())
            items.append(current)
            expecting_title = not current.title
            continue
        if CHAPTER_RE.match(line):
            items.append(DraftChapter(heading=" ".join(line.split())))
            current, expecting_title = None, False
            continue
        if current is None:
            if not items:
                preamble.append(line)
            continue
        if expecting_title and line.strip():
            expecting_title = False
            if _is_title_line(line):
                current.title = line.strip()
                continue
        current.lines.append(line)
    return ParsedDraft(preamble="\n".join(preamble).strip(), items=items)


def text_to_html(text):
    """Plain text to the rich-text HTML Wagtail stores: paragraphs and bullet lists, all escaped."""
    parts = []
    for paragraph in re.split(r"\n\s*\n", text.strip()):
        lines = [line.strip() for line in paragraph.split("\n") if line.strip()]
        run, bullets = [], False
        for line in [*lines, None]:
            is_bullet = line is not None and bool(BULLET_RE.match(line))
            if run and (line is None or is_bullet != bullets):
                if bullets:
                    parts.append(
                        "<ul>" + "".join(f"<li>{html.escape(BULLET_RE.sub('', x))}</li>" for x in run) + "</ul>"
                    )
                else:
                    parts.append("<p>" + "<br/>".join(html.escape(x) for x in run) + "</p>")
                run = []
            if line is not None:
                run.append(line)
                bullets = is_bullet
    return "".join(parts)


def merge_draft(raw_blocks, parsed):
    """The stream's raw blocks with the parsed draft merged in (see the module docstring).

    `raw_blocks` is the stored JSON form ([{"type", "value", "id"}, ...]); the result
    is in the same form. Returns (blocks, added, updated).
    """
    blocks = [dict(block) for block in raw_blocks]
    by_number = {}
    chapters = set()
    for block in blocks:
        if block["type"] == "article":
            by_number.setdefault(number_key(block["value"].get("number", "")), block)
        elif block["type"] == "chapter":
            chapters.add(_fold(block["value"].get("heading", "")))
    added = updated = 0
    for item in parsed.items:
        if isinstance(item, DraftChapter):
            if _fold(item.heading) not in chapters:
                chapters.add(_fold(item.heading))
                blocks.append({"type": "chapter", "value": {"heading": item.heading}, "id": str(uuid.uuid4())})
            continue
        existing = by_number.get(item.key) if item.key else None
        if existing is not None:
            value = dict(existing["value"])
            value["text"] = item.html
            if item.title:
                value["title"] = item.title
            existing["value"] = value
            updated += 1
        else:
            block = {
                "type": "article",
                "value": {"number": item.number, "title": item.title, "text": item.html},
                "id": str(uuid.uuid4()),
            }
            blocks.append(block)
            if item.key:
                by_number[item.key] = block
            added += 1
    return blocks, added, updated
