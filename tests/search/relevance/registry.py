"""A directory in the style of a real registry of licensed social-care units, for relevance.

Real registries (the Ministry's list of licensed units, a region's social map) write
names in capitals without accents, with the municipality in the genitive ("ΚΔΑΠ ΔΗΜΟΥ
ΚΟΖΑΝΗΣ"), mix abbreviations and full names ("ΚΗΦΗ" / "ΚΕΝΤΡΟ ΗΜΕΡΗΣΙΑΣ ΦΡΟΝΤΙΔΑΣ
ΗΛΙΚΙΩΜΕΝΩΝ"), number their units ("2ο ΚΑΠΗ"), name private units after saints that are
also place names ("ΑΓΙΟΣ ΝΙΚΟΛΑΟΣ"), and carry some English content. `Registry`
builds such a directory as HSDS 3.0 service objects: a seeded background of `size`
services over all 332 municipalities, plus the hand-written records of `targets.yaml`
that the queries of `queries.yaml` expect. Every record keeps its metadata (unit kind,
municipality code) so that a query can name what is relevant by rule ("any ΚΑΠΗ in
Athens") as well as by id.

`import_registry()` imports it through the HSDS importer (as a real registry is
loaded), with the search index written once at the end.
"""

import csv
import random
import unicodedata
import uuid
from dataclasses import dataclass, field
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
NAMESPACE = uuid.UUID("5e1e7a4c-0b2d-4e65-9c1f-7d3a2b8e6f10")


def sid(*parts):
    return str(uuid.uuid5(NAMESPACE, "/".join(str(p) for p in parts)))


def registry_upper(text):
    """Capitals without accents, as registries write ("Κοζάνης" → "ΚΟΖΑΝΗΣ")."""
    stripped = "".join(c for c in unicodedata.normalize("NFD", text) if unicodedata.category(c) != "Mn")
    return unicodedata.normalize("NFC", stripped).upper()


@dataclass(frozen=True)
class UnitKind:
    """One kind of licensed unit: how registries name it, and its taxonomy codes."""

    key: str
    names: tuple  # patterns; {gen} = municipality in the genitive, {seat} = its town, {n} = a number
    categories: tuple
    groups: tuple
    description: str
    weight: int


UNIT_KINDS = (
    UnitKind(
        "kdap",
        (
            "ΚΔΑΠ ΔΗΜΟΥ {gen}",
            "{n}ο ΚΔΑΠ ΔΗΜΟΥ {gen}",
            "ΚΕΝΤΡΟ ΔΗΜΙΟΥΡΓΙΚΗΣ ΑΠΑΣΧΟΛΗΣΗΣ ΠΑΙΔΙΩΝ ΔΗΜΟΥ {gen}",
            "ΚΔΑΠ «{private}» {seat}",
        ),
        ("kdap",),
        ("children-teens",),
        "ΑΔΕΙΑ ΛΕΙΤΟΥΡΓΙΑΣ ΚΔΑΠ. ΔΗΜΙΟΥΡΓΙΚΗ ΑΠΑΣΧΟΛΗΣΗ ΠΑΙΔΙΩΝ ΣΧΟΛΙΚΗΣ ΗΛΙΚΙΑΣ ΤΙΣ ΑΠΟΓΕΥΜΑΤΙΝΕΣ ΩΡΕΣ.",
        24,
    ),
    UnitKind(
        "kdap-mea",
        ("ΚΔΑΠ ΜΕΑ ΔΗΜΟΥ {gen}", "ΚΕΝΤΡΟ ΔΗΜΙΟΥΡΓΙΚΗΣ ΑΠΑΣΧΟΛΗΣΗΣ ΠΑΙΔΙΩΝ ΜΕ ΑΝΑΠΗΡΙΑ {seat}"),
        ("kdap",),
        ("disability", "children-teens"),
        "ΚΔΑΠ ΜΕΑ: ΑΠΑΣΧΟΛΗΣΗ ΚΑΙ ΚΟΙΝΩΝΙΚΗ ΕΝΤΑΞΗ ΠΑΙΔΙΩΝ ΚΑΙ ΕΦΗΒΩΝ ΜΕ ΑΝΑΠΗΡΙΑ.",
        4,
    ),
    UnitKind(
        "kapi",
        ("ΚΑΠΗ ΔΗΜΟΥ {gen}", "{n}ο ΚΑΠΗ ΔΗΜΟΥ {gen}", "ΚΕΝΤΡΟ ΑΝΟΙΧΤΗΣ ΠΡΟΣΤΑΣΙΑΣ ΗΛΙΚΙΩΜΕΝΩΝ {seat}"),
        ("kapi",),
        ("elderly",),
        "ΚΑΠΗ: ΛΕΣΧΗ ΗΛΙΚΙΩΜΕΝΩΝ, ΦΥΣΙΚΟΘΕΡΑΠΕΙΑ, ΕΚΔΡΟΜΕΣ, ΙΑΤΡΕΙΟ.",
        15,
    ),
    UnitKind(
        "kifi",
        ("ΚΗΦΗ ΔΗΜΟΥ {gen}", "ΚΕΝΤΡΟ ΗΜΕΡΗΣΙΑΣ ΦΡΟΝΤΙΔΑΣ ΗΛΙΚΙΩΜΕΝΩΝ ΔΗΜΟΥ {gen}", "ΚΗΦΗ «{private}» {seat}"),
        ("day-centre",),
        ("elderly",),
        "ΗΜΕΡΗΣΙΑ ΦΙΛΟΞΕΝΙΑ ΗΛΙΚΙΩΜΕΝΩΝ ΠΟΥ ΔΕΝ ΑΥΤΟΕΞΥΠΗΡΕΤΟΥΝΤΑΙ ΠΛΗΡΩΣ.",
        9,
    ),
    UnitKind(
        "mfi",
        ("ΜΦΗ «{private}»", "ΜΟΝΑΔΑ ΦΡΟΝΤΙΔΑΣ ΗΛΙΚΙΩΜΕΝΩΝ «{private}» {seat}", "ΜΦΗ {private} ΙΚΕ"),
        ("care-home",),
        ("elderly",),
        "ΙΔΙΩΤΙΚΗ ΚΕΡΔΟΣΚΟΠΙΚΗ ΜΟΝΑΔΑ ΦΡΟΝΤΙΔΑΣ ΗΛΙΚΙΩΜΕΝΩΝ. ΔΥΝΑΜΙΚΟΤΗΤΑ 40 ΚΛΙΝΕΣ.",
        9,
    ),
    UnitKind(
        "nursery",
        ("{n}ος ΠΑΙΔΙΚΟΣ ΣΤΑΘΜΟΣ ΔΗΜΟΥ {gen}", "ΒΡΕΦΟΝΗΠΙΑΚΟΣ ΣΤΑΘΜΟΣ ΔΗΜΟΥ {gen}", "ΠΑΙΔΙΚΟΣ ΣΤΑΘΜΟΣ «{private}»"),
        ("nursery",),
        ("children-teens",),
        "ΦΙΛΟΞΕΝΙΑ ΒΡΕΦΩΝ ΚΑΙ ΝΗΠΙΩΝ ΑΠΟ 6 ΜΗΝΩΝ ΕΩΣ ΤΗΝ ΕΝΤΑΞΗ ΣΤΗΝ ΥΠΟΧΡΕΩΤΙΚΗ ΕΚΠΑΙΔΕΥΣΗ.",
        14,
    ),
    UnitKind(
        "syd",
        ("ΣΥΔ «{private}» {seat}", "ΣΤΕΓΗ ΥΠΟΣΤΗΡΙΖΟΜΕΝΗΣ ΔΙΑΒΙΩΣΗΣ {seat}"),
        ("shelter",),
        ("disability",),
        "ΣΤΕΓΗ ΥΠΟΣΤΗΡΙΖΟΜΕΝΗΣ ΔΙΑΒΙΩΣΗΣ ΓΙΑ ΑΤΟΜΑ ΜΕ ΝΟΗΤΙΚΗ ΥΣΤΕΡΗΣΗ.",
        3,
    ),
    UnitKind(
        "kdif",
        ("ΚΔΗΦ ΑΜΕΑ ΔΗΜΟΥ {gen}", "ΚΕΝΤΡΟ ΔΙΗΜΕΡΕΥΣΗΣ ΗΜΕΡΗΣΙΑΣ ΦΡΟΝΤΙΔΑΣ {seat}"),
        ("day-centre",),
        ("disability",),
        "ΔΙΗΜΕΡΕΥΣΗ ΚΑΙ ΗΜΕΡΗΣΙΑ ΦΡΟΝΤΙΔΑ ΑΤΟΜΩΝ ΜΕ ΑΝΑΠΗΡΙΑ.",
        3,
    ),
    UnitKind(
        "kk",
        ("ΚΕΝΤΡΟ ΚΟΙΝΟΤΗΤΑΣ ΔΗΜΟΥ {gen}", "ΚΕΝΤΡΟ ΚΟΙΝΟΤΗΤΑΣ ΔΗΜΟΥ {gen} ΜΕ ΠΑΡΑΡΤΗΜΑ ΡΟΜΑ"),
        ("welfare-benefits",),
        ("general",),
        "ΥΠΟΔΟΧΗ ΚΑΙ ΕΞΥΠΗΡΕΤΗΣΗ ΔΗΜΟΤΩΝ, ΑΙΤΗΣΕΙΣ ΕΠΙΔΟΜΑΤΩΝ ΟΠΕΚΑ ΚΑΙ ΕΛΑΧΙΣΤΟΥ ΕΓΓΥΗΜΕΝΟΥ ΕΙΣΟΔΗΜΑΤΟΣ.",
        6,
    ),
    UnitKind(
        "kkk",
        ("ΚΟΙΝΩΝΙΚΗ ΚΟΥΖΙΝΑ ΔΗΜΟΥ {gen}", "ΣΥΣΣΙΤΙΟ ΙΕΡΑΣ ΜΗΤΡΟΠΟΛΕΩΣ {gen}"),
        ("food",),
        ("general",),
        "ΔΩΡΕΑΝ ΓΕΥΜΑ ΚΑΘΗΜΕΡΙΝΑ ΓΙΑ ΑΠΟΡΟΥΣ ΚΑΙ ΑΣΤΕΓΟΥΣ.",
        4,
    ),
    UnitKind(
        "pantopoleio",
        ("ΚΟΙΝΩΝΙΚΟ ΠΑΝΤΟΠΩΛΕΙΟ ΔΗΜΟΥ {gen}",),
        ("social-grocery",),
        ("general",),
        "ΔΙΑΝΟΜΗ ΤΡΟΦΙΜΩΝ ΚΑΙ ΕΙΔΩΝ ΠΡΩΤΗΣ ΑΝΑΓΚΗΣ ΣΕ ΟΙΚΟΓΕΝΕΙΕΣ ΜΕ ΧΑΜΗΛΟ ΕΙΣΟΔΗΜΑ.",
        4,
    ),
    UnitKind(
        "english",
        ("Legal Aid Desk {seat_en}", "Greek Language Classes {seat_en}", "Food Parcels {seat_en}"),
        ("legal-aid",),
        ("migrants-refugees",),
        "Free legal advice on asylum, residence permits and labour rights, in English and Arabic.",
        5,
    ),
)
PRIVATE_NAMES = (
    "Η ΑΓΑΠΗ",
    "ΤΟ ΧΑΜΟΓΕΛΟ",
    "ΟΥΡΑΝΙΟ ΤΟΞΟ",
    "ΑΓΙΑ ΑΝΝΑ",
    "ΑΓΙΟΣ ΓΕΩΡΓΙΟΣ",
    "ΕΥΣΠΛΑΧΝΙΑ",
    "ΓΑΛΗΝΗ",
    "ΤΑ ΑΣΤΕΡΑΚΙΑ",
    "ΠΑΝΑΓΙΑ ΕΛΕΟΥΣΑ",
    "Η ΦΩΛΙΤΣΑ",
    "ΘΑΛΠΩΡΗ",
    "ΤΟ ΣΠΙΤΙ ΤΟΥ ΠΑΠΠΟΥ",
)


def municipalities():
    """{code: {gen, seat, seat_en, point}} of the 332 municipalities (directory/data/geography)."""
    from django.conf import settings

    with open(settings.KOINONIA_GEOGRAPHY_DIR / "municipalities-332.csv", encoding="utf-8") as fh:
        return {
            f"m-{row['elutils_municipality_id']}": {
                "gen": row["municipality_el"],
                "seat": row["seat_el"].split(" (")[0],
                "seat_en": row["seat_en"],
                "point": (float(row["point_lat"]), float(row["point_lon"])),
            }
            for row in csv.DictReader(fh)
        }


def taxonomy_attribute(link_id, link_entity, link_type, taxonomy, code):
    from directory.demo.build_demo import attribute

    return attribute(link_id, link_entity, link_type, taxonomy, code)


@dataclass
class Record:
    """A record as relevance judges it: its HSDS id, unit kind and municipality."""

    hsds_id: str
    name: str
    kind: str
    area: str
    key: str = ""


@dataclass
class Registry:
    size: int = 3000
    seed: int = 12
    records: list = field(default_factory=list)
    hsds: list = field(default_factory=list)

    def build(self):
        rng = random.Random(self.seed)  # noqa: S311 - test data
        places = municipalities()
        codes = sorted(places)
        kinds = [k for k in UNIT_KINDS for _ in range(k.weight)]
        organisations = {}
        for number in range(self.size):
            kind = rng.choice(kinds)
            code = codes[number % len(codes)] if number < len(codes) else rng.choice(codes)
            place = places[code]
            name = rng.choice(kind.names).format(
                gen=registry_upper(place["gen"]),
                seat=registry_upper(place["seat"]),
                seat_en=place["seat_en"],
                n=rng.randint(1, 6),
                private=rng.choice(PRIVATE_NAMES),
            )
            org_name = (
                f"{place['seat_en']} Refugee Support Network"
                if kind.key == "english"
                else f"ΔΗΜΟΣ {registry_upper(place['gen'])}"
            )
            if kind.key in ("mfi", "syd") or "«" in name:
                org_name = f"{name.split('«')[0].strip()} {rng.choice(PRIVATE_NAMES)} ΑΜΚΕ"
            organisation = organisations.setdefault(org_name, self.organisation(org_name, len(organisations)))
            self.add(f"bg-{number}", name, kind, code, place, organisation, kind.description)
        for target in yaml.safe_load((HERE / "targets.yaml").read_text(encoding="utf-8")):
            kind = next(k for k in UNIT_KINDS if k.key == target["kind"]) if target["kind"] in KIND_KEYS else None
            place = places[target["area"]]
            org_name = target.get("organisation") or f"ΔΗΜΟΣ {registry_upper(place['gen'])}"
            organisation = organisations.setdefault(org_name, self.organisation(org_name, len(organisations)))
            self.add(
                target["key"],
                target["name"],
                kind,
                target["area"],
                place,
                organisation,
                target.get("description", kind.description if kind else ""),
                kind_key=target["kind"],
                categories=target.get("categories"),
            )
        return self

    def organisation(self, name, number):
        return {"id": sid("org", name), "name": name, "description": "", "tax_id": None, "phones": []}

    def add(self, key, name, kind, code, place, organisation, description, kind_key=None, categories=None):
        service_id = sid("service", key)
        location_id = sid("location", key)
        lat, lon = place["point"]
        categories = categories if categories is not None else (kind.categories if kind else ())
        groups = kind.groups if kind else ()
        record = {
            "id": service_id,
            "organization_id": organisation["id"],
            "organization": organisation,
            "name": name,
            "description": description,
            "status": "active",
            "service_at_locations": [
                {
                    "id": sid("sal", key),
                    "service_id": service_id,
                    "location_id": location_id,
                    "location": {
                        "id": location_id,
                        "location_type": "physical",
                        "latitude": round(lat + int(location_id[:2], 16) / 25600, 6),
                        "longitude": round(lon + int(location_id[2:4], 16) / 25600, 6),
                        "addresses": [
                            {
                                "id": sid("address", key),
                                "location_id": location_id,
                                "address_1": "ΠΛΑΤΕΙΑ ΔΗΜΑΡΧΕΙΟΥ 1",
                                "city": registry_upper(place["seat"]),
                                "region": f"ΔΗΜΟΣ {registry_upper(place['gen'])}",
                                "postal_code": "",
                                "country": "GR",
                                "address_type": "physical",
                            }
                        ],
                        "attributes": [taxonomy_attribute(location_id, "location", "area", "koinonia-area", code)],
                    },
                }
            ],
            "attributes": [
                taxonomy_attribute(service_id, "service", link, taxonomy, value)
                for taxonomy, link, values in (
                    ("koinonia-service-category", "category", categories),
                    ("koinonia-target-group", "target_group", groups),
                )
                for value in values
            ],
        }
        self.hsds.append(record)
        self.records.append(Record(service_id, name, kind_key or (kind.key if kind else ""), code, key))

    # -- judging ---------------------------------------------------------------------

    def by_id(self):
        return {r.hsds_id: r for r in self.records}

    def by_key(self):
        return {r.key: r for r in self.records}


KIND_KEYS = {k.key for k in UNIT_KINDS}


def load_queries():
    """The relevance set: [{q, kind, expect: [target keys]} | {q, kind, relevant: {kind, area}}]."""
    return yaml.safe_load((HERE / "queries.yaml").read_text(encoding="utf-8"))


def import_registry(registry):
    """Import the registry's records through the HSDS importer, indexing once at the end."""
    from directory.hsds.importer import HsdsImporter, SourceRecord
    from search.indexing import defer_indexing

    records = [SourceRecord(index, data, f"record {index}") for index, data in enumerate(registry.hsds, start=1)]
    with defer_indexing():
        return HsdsImporter().run(records)
