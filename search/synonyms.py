"""Synonyms as the query parser uses them, cached until an editor changes one.

Expansion happens at query time in both backends (not in the index), so a new
synonym works at once, without a rebuild, and both backends expand identically.
"""

from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from wagtail.models import Locale

from search.models import Synonym
from search.query import parse_synonyms

VERSION_KEY = "search:synonyms:version"
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
    value = cache.get(VERSION_KEY)
    if value is None:
        value = 1
        cache.add(VERSION_KEY, value, None)
    return value


def invalidate():
    try:
        cache.incr(VERSION_KEY)
    except ValueError:
        cache.set(VERSION_KEY, 2, None)


def synonym_groups(language_code):
    """Parsed synonym groups of this language and of the default one (Greek pages
    are shown to everyone where no translation exists, so Greek synonyms always apply)."""
    default = Locale.get_default().language_code
    key = f"search:synonyms:{version()}:{language_code}"
    groups = cache.get(key)
    if groups is None:
        languages = {language_code, default}
        groups = parse_synonyms(Synonym.objects.filter(locale__language_code__in=languages))
        cache.set(key, groups, TTL_SECONDS)
    return groups


def load_default_synonyms():
    """Create the default Greek synonyms that do not exist yet (idempotent; editors'
    changes are kept). Returns how many were created."""
    locale = Locale.get_default()
    existing = {s.lower() for s in Synonym.objects.filter(locale=locale).values_list("term", flat=True)}
    created = 0
    for term, equivalents in DEFAULT_SYNONYMS:
        if term.lower() not in existing:
            Synonym.objects.create(locale=locale, term=term, also_means="\n".join(equivalents))
            created += 1
    return created


@receiver(post_save, sender=Synonym)
@receiver(post_delete, sender=Synonym)
def synonyms_changed(sender, **kwargs):
    invalidate()
