"""Synonyms as the query parser uses them, cached until an editor changes one.

Expansion happens at query time in both backends (not in the index), so a new
synonym works at once, without a rebuild, and both backends expand identically.
"""

import secrets
import time

from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from wagtail.models import Locale

from search.models import Synonym
from search.query import parse_synonyms
from search.synonym_seeds import ABBREVIATIONS, ENTRIES

VERSION_KEY = "search:synonyms:version"
#: The groups this process parsed last, with the version they belong to (an edit moves
#: the version on in the shared cache, which every process reads on each search).
_parsed = {}
TTL_SECONDS = 60 * 60

#: The common ones every network starts with (editors add, change and translate them).
DEFAULT_SYNONYMS = [
    ("γηροκομείο", ["Μονάδα Φροντίδας Ηλικιωμένων", "ΜΦΗ", "οίκος ευγηρίας"]),
    ("ΑμεΑ", ["άτομα με αναπηρία", "ανάπηροι"]),
    ("ΚΑΠΗ", ["Κέντρο Ανοιχτής Προστασίας Ηλικιωμένων"]),
    ("ΚΔΑΠ", ["Κέντρο Δημιουργικής Απασχόλησης Παιδιών"]),
    ("ΚΗΦΗ", ["Κέντρο Ημερήσιας Φροντίδας Ηλικιωμένων"]),
    ("παιδικός σταθμός", ["βρεφονηπιακός σταθμός", "βρεφικός σταθμός", "νηπιακός σταθμός"]),
    ("συσσίτιο", ["σίτιση", "δωρεάν γεύμα"]),
    ("άστεγοι", ["άστεγα άτομα", "αστεγία"]),
    ("υπνωτήριο", ["ξενώνας αστέγων"]),
    ("ΚΕΠ", ["Κέντρο Εξυπηρέτησης Πολιτών"]),
    ("ΕΕΕ", ["Ελάχιστο Εγγυημένο Εισόδημα", "κοινωνικό εισόδημα αλληλεγγύης", "ΚΕΑ"]),
    ("Βοήθεια στο Σπίτι", ["κατ' οίκον φροντίδα"]),
    ("ψυχολόγος", ["ψυχολογική υποστήριξη"]),
    ("δικηγόρος", ["νομική βοήθεια", "νομική συμβουλευτική"]),
    ("ρούχα", ["ρουχισμός", "ιματισμός"]),
    ("φαγητό", ["τρόφιμα", "σίτιση"]),
]


def version():
    """The synonyms' version in the shared cache. It starts at a random number, so that a
    cache that was flushed never hands back a version a process already saw."""
    value = cache.get(VERSION_KEY)
    if value is None:
        cache.add(VERSION_KEY, secrets.randbelow(2**31), None)
        value = cache.get(VERSION_KEY)
    return value


def invalidate():
    try:
        cache.incr(VERSION_KEY)
    except ValueError:
        cache.set(VERSION_KEY, secrets.randbelow(2**31), None)


def synonym_groups(language_code=None):
    """Parsed synonym groups of every language, whatever the visitor's interface.

    Most visitors arrive on the Greek site and type in the language they read best:
    "طعام" on /el/ must find the soup kitchens as it does on /ar/. The scripts keep the
    languages apart, so one set serves everyone (`language_code` is kept for callers)."""
    current = version()
    if current is not None and _parsed.get("version") == current and time.monotonic() - _parsed["at"] < TTL_SECONDS:
        return _parsed["groups"]  # this process parsed them already: no unpickling
    key = f"search:synonyms:{current}:all"
    groups = cache.get(key)
    if groups is None:
        groups = parse_synonyms(Synonym.objects.prefetch_related("categories", "groups").order_by("pk"))
        cache.set(key, groups, TTL_SECONDS)
    _parsed.update(version=current, groups=groups, at=time.monotonic())
    return groups


def load_default_synonyms():
    """Create the default synonyms that do not exist yet: the Greek ones (the sector's
    abbreviations first, then the everyday words), and the
    everyday words of search/synonym_seeds.py in each of their languages that has a
    locale (idempotent by language and term; editors' changes are kept). Returns how
    many were created."""
    # The models the synonyms point at (the directory's), read from the relations
    # themselves: search imports no other app.
    ServiceCategory = Synonym.categories.field.related_model  # noqa: N806
    TargetGroup = Synonym.groups.field.related_model  # noqa: N806
    default = Locale.get_default()
    existing = {(lang, term.lower()) for lang, term in Synonym.objects.values_list("locale__language_code", "term")}
    created = 0
    for term, equivalents in [*ABBREVIATIONS, *DEFAULT_SYNONYMS]:
        if (default.language_code, term.lower()) not in existing:
            Synonym.objects.create(locale=default, term=term, also_means="\n".join(equivalents))
            created += 1
    locales = {locale.language_code: locale for locale in Locale.objects.all()}
    categories = {term.code: term for term in ServiceCategory.objects.filter(locale=default)}
    groups = {term.code: term for term in TargetGroup.objects.filter(locale=default)}
    for category_codes, group_codes, words in ENTRIES:
        for language, phrases in words.items():
            if language not in locales or (language, phrases[0].lower()) in existing:
                continue
            synonym = Synonym.objects.create(
                locale=locales[language], term=phrases[0], also_means="\n".join(phrases[1:])
            )
            synonym.categories.set([categories[c] for c in category_codes if c in categories])
            synonym.groups.set([groups[g] for g in group_codes if g in groups])
            existing.add((language, phrases[0].lower()))
            created += 1
    invalidate()
    return created


@receiver(post_save, sender=Synonym)
@receiver(post_delete, sender=Synonym)
def synonyms_changed(sender, **kwargs):
    invalidate()
