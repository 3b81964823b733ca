"""How search reads words: folding, stop words, the Greeklish key, synonyms, places.

Pure functions; no database except where the parser meets real synonyms and areas."""

import pytest

from search import highlight
from search import text as t
from search.query import QueryParser, SearchQuery, clean_text, parse_synonyms


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Παιδικός Σταθμός", "ΠΑΙΔΙΚΟΣ ΣΤΑΘΜΟΣ"),
        ("σταθμός", "σταθμοσ"),
        ("Ευρώ", "ευρω"),
        ("Αϊδίνι", "αιδινι"),
    ],
)
def test_folding_ignores_accents_case_and_final_sigma(a, b):
    assert t.fold(a) == t.fold(b)


def test_function_words_are_dropped():
    assert t.content_words("Ο παιδικός σταθμός της γειτονιάς και για τα παιδιά") == [
        "παιδικοσ",
        "σταθμοσ",
        "γειτονιασ",
        "παιδια",
    ]
    assert t.content_words("the shelter for kids") == ["shelter", "kids"]


@pytest.mark.parametrize(
    ("greek", "latin"),
    [
        ("παιδικός σταθμός", "paidikos stathmos"),
        ("παιδικός σταθμός", "pedikos stathmoi"),
        ("βρεφονηπιακός", "vrefonipiakos"),
        ("βρεφονηπιακός", "vrefonhpiakos"),
        ("κέντρο κοινότητας", "kentro koinotitas"),
        ("κέντρο κοινότητας", "kedro kinotitas"),
        ("γηροκομείο", "ghrokomeio"),
        ("ψυχολόγος", "psychologos"),
        ("ψυχολόγος", "psixologos"),
        ("βοήθεια", "voitheia"),
        ("βοήθεια", "boh8eia"),
        ("συσσίτιο", "sysitio"),
        ("Αγγλικά", "anglika"),
        ("αυτοκίνητο", "aftokinito"),
        ("μπορώ", "mporo"),
        ("ξενώνας", "ksenonas"),
        ("ξενώνας", "xenonas"),
        ("χαρά", "xara"),
        ("Μαρούσι", "marousi"),
        ("ΚΑΠΗ", "kaph"),
    ],
)
def test_greeklish_spellings_share_the_key_of_the_greek_word(greek, latin):
    greek_keys = [t.key_stem(t.word_key(w)) for w in t.content_words(greek)]
    latin_readings = [t.word_key_stems(w) for w in t.content_words(latin)]
    assert len(greek_keys) == len(latin_readings)
    for key, readings in zip(greek_keys, latin_readings, strict=True):
        assert key in readings, (greek, latin, key, readings)


@pytest.mark.parametrize(
    ("right", "misspelt"),
    [
        ("παντοπωλείο", "παντοπολειο"),
        ("βρεφονηπιακός", "βρεφονιπιακος"),
        ("κοινωνικό", "κινωνικο"),
        ("ψυχολόγος", "ψιχολογοσ"),
    ],
)
def test_the_key_forgives_greek_vowel_mistakes(right, misspelt):
    assert t.key_stem(t.word_key(t.fold(right))) == t.key_stem(t.word_key(t.fold(misspelt)))


@pytest.mark.parametrize(("a", "b"), [("σταθμός", "σταθμοί"), ("σταθμός", "σταθμών"), ("παιδικός", "παιδικοί")])
def test_the_key_stem_joins_inflections(a, b):
    assert t.key_stem(t.word_key(t.fold(a))) == t.key_stem(t.word_key(t.fold(b)))


def test_latin_readings_are_bounded():
    assert len(t.latin_keys("xhxhxhxhxhxhxhxhxhxh")) <= t.MAX_LATIN_READINGS


def test_clean_text_cuts_and_removes_control_characters():
    assert clean_text("\x00σταθμός\x07") == "σταθμός"
    assert len(clean_text("α" * 10_000)) == 200


def test_tokens_never_carry_query_syntax():
    for text in ["σταθ*:A & !x | (y) <-> 'z' \\ \"", "'; DROP TABLE x; --"]:
        for word in t.words(text):
            assert word.isalnum(), word


class FakeSynonym:
    def __init__(self, *phrases):
        self._phrases = phrases

    def phrases(self):
        return list(self._phrases)


def test_the_parser_groups_synonyms_by_the_longest_phrase():
    groups = parse_synonyms([FakeSynonym("παιδικός σταθμός", "βρεφονηπιακός σταθμός"), FakeSynonym("σταθμός", "στάση")])
    parsed = QueryParser(synonyms=groups).parse("παιδικοί σταθμοί Κοζάνης")
    first = parsed.units[0]
    assert first.typed == ("παιδικοι", "σταθμοι")
    assert ("βρεφονηπιακοσ", "σταθμοσ") in first.alternatives
    assert [u.typed for u in parsed.units[1:]] == [("κοζανησ",)]


def test_the_parser_takes_a_place_out_of_the_required_words():
    class Places:
        def match(self, text):
            return {"code": "m-187", "name": "Περιστέρι", "level": "municipality"} if text == "περιστερι" else None

    parsed = QueryParser(places=Places()).parse("παιδικός σταθμός Περιστέρι")
    assert parsed.place["code"] == "m-187"
    assert [u.typed for u in parsed.units] == [("παιδικοσ",), ("σταθμοσ",)]


def test_highlight_escapes_then_marks():
    stems = {t.key_stem(t.word_key("σταθμοσ"))}
    plain, html = highlight.snippet("<b>Σταθμός</b> & \ue000x\ue001 σταθμοί", stems)
    assert str(html) == "&lt;b&gt;<mark>Σταθμός</mark>&lt;/b&gt; &amp; x <mark>σταθμοί</mark>"
    assert plain == "<b>Σταθμός</b> & x σταθμοί"


def test_highlight_cuts_around_the_first_match():
    text = "λέξη " * 100 + "σταθμός " + "λέξη " * 100
    plain, html = highlight.snippet(text, {t.key_stem(t.word_key("σταθμοσ"))})
    assert "<mark>σταθμός</mark>" in html
    assert plain.startswith("… ") and plain.endswith(" …")
    assert len(plain) <= highlight.SNIPPET_LENGTH + 4


def test_repairs_unbalanced_marks_from_a_backend():
    assert highlight.clean_markers_only("\ue000a\ue000b") == "\ue000ab\ue001"
    assert highlight.clean_markers_only("a\ue001b") == "ab"


def test_query_window():
    assert SearchQuery(page=500, page_size=20).beyond_window is False
    assert SearchQuery(page=501, page_size=20).beyond_window is True
    assert SearchQuery(page=10_000).beyond_window is True


@pytest.mark.parametrize(
    "text", ["Παιδικός Σταθμός «Η Αγάπη» — ΑμεΑ", "Αϊδίνι ΰ ΐ ῷ ἀ Ῥόδος", "café naïve", "مرحبا بِكُم", "x_y, z!"]
)
def test_fast_folding_agrees_with_the_directory(text):
    from directory.text import greek_fold

    assert t.fold(text) == greek_fold(text)
