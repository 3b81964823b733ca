"""Kinds of service in the demo, each with pools of real-sounding text.

A real social map has dozens of social groceries and ΚΑΠΗ, and no two of them are
described with the same words. Each kind therefore has several openings, a pool of
detail sentences and alternative wordings for eligibility and how to apply; every
service draws its own combination (seeded by its identity, so the file is stable).

Text may use the placeholders {town}, {in_town}, {mun_gen} ("Δήμου Κοζάνης"),
{town_gen} ("Κοζάνης") and {org} (the organisation's name).
"""

from dataclasses import dataclass


@dataclass(frozen=True, kw_only=True)
class ServiceKind:
    names: tuple[str, ...]
    categories: tuple[str, ...]  # koinonia-service-category codes (children mostly)
    target_groups: tuple[str, ...]
    access: tuple[str, ...]  # koinonia-access-condition codes
    openers: tuple[str, ...]
    details: tuple[str, ...]
    eligibility: tuple[str, ...]
    application: tuple[str, ...]
    documents: tuple[str, ...] = ()
    closers: tuple[str, ...] = ()
    fees: tuple[str, ...] = ("Δωρεάν.",)
    wait: tuple[str, ...] = ("",)
    languages: tuple[str, ...] = ("el",)
    interpretation: tuple[str, ...] = ("",)
    hours: str = "office"  # a key of build_demo.HOURS
    min_age: int | None = None
    max_age: int | None = None
    own_place: bool = False  # has its own building rather than the organisation's offices
    mailbox: str = "info"
    confidential: bool = False
    closure_chance: float = 0.15


ID_CARD = "Αστυνομική ταυτότητα ή διαβατήριο"
AMKA = "ΑΜΚΑ"
TAX_NOTICE = "Εκκαθαριστικό σημείωμα φόρου εισοδήματος του τελευταίου έτους"
FAMILY_CERT = "Πιστοποιητικό οικογενειακής κατάστασης"
UNEMPLOYMENT_CERT = "Βεβαίωση ανεργίας της ΔΥΠΑ"
UTILITY_BILL = "Λογαριασμός ΔΕΚΟ ή μισθωτήριο για την απόδειξη κατοικίας"
GMI_DECISION = "Εγκριτική απόφαση Ελάχιστου Εγγυημένου Εισοδήματος (αν υπάρχει)"
KEPA_DECISION = "Γνωμάτευση ΚΕΠΑ (για άτομα με αναπηρία)"
TAXISNET = "Κωδικοί TAXISnet"
RESIDENCE_PERMIT = "Άδεια διαμονής ή κάρτα αιτούντος διεθνή προστασία"


def all_kinds():
    """Every kind of service, by key (the two text modules are merged here)."""
    from directory.demo import texts_municipal, texts_specialist

    kinds = {**texts_municipal.KINDS, **texts_specialist.KINDS}
    assert len(kinds) == len(texts_municipal.KINDS) + len(texts_specialist.KINDS), "duplicate service kind"
    return kinds
