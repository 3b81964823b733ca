"""Build the demo social map as an HSDS 3.0 file, and the good practices beside it.

    .venv/bin/python -m directory.demo.build_demo          # rewrite both files
    .venv/bin/python -m directory.demo.build_demo --check  # exit 1 if they are stale

Why a generator rather than hand-written JSON: ~280 services × locations, hours,
phones and taxonomy attributes is far too much to keep consistent by hand, and the
demo is loaded through the same importer as any partner's file, so it must follow the
HSDS conventions to the letter. Every id is a uuid5 of a fixed namespace and the
record's place in the catalogue, and every random choice is seeded by the record's
identity, so regenerating gives the same file byte for byte and re-importing it
updates rather than duplicates. Adding one service does not reshuffle the others.

Dates are computed from AS_OF, not from today, for the same reason; move AS_OF (and
regenerate) to refresh the "last verified" dates of the demo.
"""

import argparse
import csv
import datetime
import json
import math
import random
import sys
import uuid
from pathlib import Path

from directory import seeds
from directory.demo.catalogue import all_kinds
from directory.demo.organisations import WEST_MACEDONIA
from directory.demo.organisations_attica import ATTICA
from directory.demo.places import TOWNS
from directory.demo.schedules import closures_for, weekly_hours

NAMESPACE = uuid.UUID("3b0f6a52-8d4e-4c1e-9a57-6f3f0e2d9c11")
AS_OF = datetime.date(2026, 11, 15)
DEMO_DIR = Path(__file__).resolve().parent
HSDS_PATH = DEMO_DIR / "demo-hsds.json"
GOOD_PRACTICES_PATH = DEMO_DIR / "good-practices.json"
MUNICIPALITIES_CSV = DEMO_DIR.parent / "data" / "geography" / "municipalities-332.csv"

ORGANISATIONS = WEST_MACEDONIA + ATTICA


def stable_id(*parts) -> str:
    """The same uuid for the same record on every run (uuid5 of its path in the catalogue)."""
    return str(uuid.uuid5(NAMESPACE, "/".join(str(p) for p in parts)))


def rng_for(*parts) -> random.Random:
    """A generator seeded by a record's identity, independent of every other record."""
    return random.Random("/".join(str(p) for p in parts))  # noqa: S311 - demo content, not security


def _category_terms():
    terms = {}
    for code, el, en, children in seeds.SERVICE_CATEGORIES:
        terms[code] = (el, en, None)
        for child_code, child_el, child_en in children:
            terms[child_code] = (child_el, child_en, code)
    return terms


def _municipality_names():
    with open(MUNICIPALITIES_CSV, encoding="utf-8") as fh:
        return {
            f"m-{row['elutils_municipality_id']}": (f"Δήμος {row['municipality_el']}", row["ypes_code_2011"])
            for row in csv.DictReader(fh)
        }


CATEGORIES = _category_terms()
FLAT_TAXONOMIES = {
    "koinonia-target-group": {code: (el, en) for code, el, en in seeds.TARGET_GROUPS},
    "koinonia-access-condition": {code: (el, en) for code, el, en in seeds.ACCESS_CONDITIONS},
    "koinonia-accessibility": {code: (el, en) for code, el, en in seeds.ACCESSIBILITY_FEATURES},
    "koinonia-location-flag": {"confidential": ("Εμπιστευτική διεύθυνση", "Confidential address")},
    "koinonia-schedule": {
        "closed": ("Κλειστά", "Closed"),
        "overnight": ("Κλείνει την επόμενη μέρα", "Closes the next day"),
    },
}
LANGUAGE_NAMES = {code: el for code, el, _en in seeds.LANGUAGES}
MUNICIPALITIES = _municipality_names()


def taxonomy_term(taxonomy, code):
    """An HSDS taxonomy_term; the importer keys on (taxonomy, code), the id is only for HSDS."""
    term = {"id": stable_id("term", taxonomy, code), "code": code, "taxonomy": taxonomy}
    if taxonomy == "koinonia-service-category":
        el, en, parent = CATEGORIES[code]
        term.update(name=el, description=en)
        if parent:
            term["parent_id"] = stable_id("term", taxonomy, parent)
    elif taxonomy == "koinonia-area":
        name, _ypes = MUNICIPALITIES[code]
        term.update(name=name, description=f"Municipality {code}")
    else:
        el, en = FLAT_TAXONOMIES[taxonomy][code]
        term.update(name=el, description=en)
    return term


def attribute(link_id, link_entity, link_type, taxonomy, code):
    term = taxonomy_term(taxonomy, code)
    return {
        "id": stable_id("attribute", link_id, taxonomy, code),
        "link_id": link_id,
        "link_type": link_type,
        "link_entity": link_entity,
        "taxonomy_term_id": term["id"],
        "taxonomy_term": term,
    }


def greek_tax_id(rng):
    """A 9-digit ΑΦΜ with a valid check digit (legal entities start with 9 or 0)."""
    body = [9, rng.choice([0, 9])] + [rng.randint(0, 9) for _ in range(6)]
    check = sum(d * 2 ** (8 - i) for i, d in enumerate(body)) % 11 % 10
    return "".join(map(str, body)) + str(check)


def phone_number(town, rng, mobile=False):
    """A well-formed number with the town's real area code (the subscriber part is invented)."""
    if mobile:
        digits = "69" + rng.choice("3456789") + "".join(rng.choice("0123456789") for _ in range(7))
        return f"{digits[:3]} {digits[3:6]} {digits[6:]}"
    prefix = rng.choice(town.phone_prefixes).replace(" ", "")
    if prefix.startswith("210"):
        digits = prefix + "".join(rng.choice("0123456789") for _ in range(10 - len(prefix)))
        return f"{digits[:3]} {digits[3:6]} {digits[6:]}"
    digits = prefix + "0" + rng.choice("2345") + "".join(rng.choice("0123456789") for _ in range(4))
    return f"{digits[:5]} {digits[5:]}"


def point_near(centre, radius_km, rng):
    """A point uniformly spread in a disc around the town centre."""
    distance = radius_km * math.sqrt(rng.random())
    bearing = rng.random() * 2 * math.pi
    lat = centre[0] + distance * math.cos(bearing) / 111.2
    lon = centre[1] + distance * math.sin(bearing) / (111.2 * math.cos(math.radians(centre[0])))
    return round(lat, 6), round(lon, 6)


def transliterate(text):
    """Greek to Latin (ELOT 743, simplified) for ASCII page slugs."""
    import unicodedata

    from django.utils.text import slugify

    text = "".join(c for c in unicodedata.normalize("NFD", text.lower()) if unicodedata.category(c) != "Mn")
    for greek, latin in (
        ("ου", "ou"),
        ("αυ", "av"),
        ("ευ", "ev"),
        ("μπ", "b"),
        ("ντ", "nt"),
        ("γκ", "gk"),
        ("γγ", "ng"),
    ):
        text = text.replace(greek, latin)
    table = str.maketrans(
        {**dict(zip("αβγδεζηικλμνξοπρσςτυφω", "avgdeziiklmnxoprsstyfo", strict=True)), "θ": "th", "ψ": "ps", "χ": "ch"}
    )
    return slugify(text.translate(table))


MUNICIPAL_DESCRIPTIONS = (
    "Ο {municipality} σχεδιάζει και υλοποιεί την κοινωνική πολιτική της πόλης μέσω της Διεύθυνσης Κοινωνικής "
    "Προστασίας: κοινωνική υπηρεσία, Κέντρο Κοινότητας, δομές αλληλεγγύης και προγράμματα για ηλικιωμένους και άτομα "
    "με αναπηρία.",
    "Η Διεύθυνση Κοινωνικής Πολιτικής του {mun_gen} στηρίζει οικογένειες, ηλικιωμένους και ευάλωτους κατοίκους με "
    "υπηρεσίες κοντά στη γειτονιά τους, σε συνεργασία με φορείς και εθελοντές του Κοινωνικού Δικτύου.",
    "Οι κοινωνικές υπηρεσίες του {mun_gen} απευθύνονται σε κάθε δημότη που χρειάζεται στήριξη, από την ενημέρωση για "
    "επιδόματα μέχρι τη σίτιση και τη φροντίδα στο σπίτι.",
)
RUNS = {
    "kapi": "τα ΚΑΠΗ",
    "kdap": "τα ΚΔΑΠ",
    "kdap-mea": "το ΚΔΑΠ ΜΕΑ",
    "nursery": "τους βρεφονηπιακούς σταθμούς",
    "khfh": "το Κέντρο Ημερήσιας Φροντίδας Ηλικιωμένων",
}
OFFICE_FLOORS = ("Ισόγειο", "Ισόγειο", "1ος όροφος", "2ος όροφος", "3ος όροφος")


class DemoBuilder:
    """Turns the catalogue (organisations × kinds × towns) into HSDS service records."""

    def __init__(self):
        self.kinds = all_kinds()
        self.locations = {}  # location key → HSDS location (shared by the services given there)
        self.descriptions = set()  # no two services described with exactly the same words

    def build(self):
        services = []
        for org in ORGANISATIONS:
            organization = self.organization(org)
            seen = {}
            for offered in org.services:
                seen[offered.kind] = seen.get(offered.kind, 0) + 1
                key = f"{org.key}/{offered.kind}/{seen[offered.kind]}"
                services.append(self.service(org, organization, offered, key, seen[offered.kind]))
        return services

    # --- organisation -------------------------------------------------------------

    def organization(self, org):
        rng = rng_for("organisation", org.key)
        town = TOWNS[org.town]
        org_id = stable_id("organisation", org.key)
        identifiers = []
        if org.legal_status == "municipal" and org.name == town.municipality:
            identifiers.append(("GR-YPES", "Κωδικός ΥΠΕΣ (Καλλικράτης)", MUNICIPALITIES[town.area_code][1]))
        elif org.legal_status == "social_enterprise":
            identifiers.append(("GR-GEMI", "Αριθμός ΓΕΜΗ", "".join(rng.choice("0123456789") for _ in range(12))))
        elif org.legal_status in {"ngo", "volunteer"}:
            identifiers.append(("GR-MFKF", "Αριθμός Μητρώου Φορέων Κοινωνικής Φροντίδας", str(rng.randint(1200, 4800))))
        return {
            "id": org_id,
            "name": org.name,
            "alternate_name": org.alternate_name,
            "description": org.description or self._organisation_description(org, town, rng),
            "email": f"info@{org.domain}",
            "website": f"https://www.{org.domain}/",
            "legal_status": org.legal_status,
            "tax_id": greek_tax_id(rng),
            "organization_identifiers": [
                {
                    "id": stable_id("organisation-identifier", org.key, scheme),
                    "organization_id": org_id,
                    "identifier_scheme": scheme,
                    "identifier_type": kind,
                    "identifier": value,
                }
                for scheme, kind, value in identifiers
            ],
            "phones": [
                {
                    "id": stable_id("organisation-phone", org.key),
                    "organization_id": org_id,
                    "number": phone_number(town, rng),
                    "type": "voice",
                    "description": "Γραμματεία",
                }
            ],
        }

    def _organisation_description(self, org, town, rng):
        context = {"municipality": town.municipality, "mun_gen": town.municipality_genitive}
        if org.name == town.municipality:
            return rng.choice(MUNICIPAL_DESCRIPTIONS).format(**context)
        runs = list(dict.fromkeys(RUNS[s.kind] for s in org.services if s.kind in RUNS))
        listed = ", ".join(runs[:-1]) + " και " + runs[-1] if len(runs) > 1 else runs[0]
        return f"Νομικό πρόσωπο του {town.municipality_genitive} που λειτουργεί {listed} της πόλης."

    # --- service ------------------------------------------------------------------

    def service(self, org, organization, offered, key, ordinal):
        kind = self.kinds[offered.kind]
        rng = rng_for("service", key)
        town = TOWNS[offered.town or org.town]
        service_id = stable_id("service", key)
        context = {
            "town": town.name,
            "in_town": town.in_town,
            "mun_gen": town.municipality_genitive,
            "town_gen": town.genitive,
            "org": org.genitive or org.name,
        }
        name = offered.name or rng.choice(kind.names).format(**context)
        mailbox = kind.mailbox if ordinal == 1 else f"{kind.mailbox}{ordinal}"

        def pick(options):
            return rng.choice(options).format(**context)

        record = {
            "id": service_id,
            "organization_id": organization["id"],
            "name": name,
            "description": self._description(kind, offered, context, rng),
            "url": f"https://www.{org.domain}/{mailbox.replace('.', '-')}/",
            "email": f"{mailbox}@{org.domain}",
            "status": offered.status,
            "interpretation_services": pick(kind.interpretation),
            "application_process": pick(kind.application),
            "fees_description": pick(kind.fees),
            "wait_time": pick(kind.wait),
            "eligibility_description": pick(kind.eligibility),
            "assured_date": self._assured_date(rng).isoformat(),
            "alert": offered.alert,
        }
        if kind.min_age is not None:
            record["minimum_age"] = kind.min_age
        if kind.max_age is not None:
            record["maximum_age"] = kind.max_age
        record.update(
            phones=self._phones(key, kind, offered, town, rng),
            schedules=self._schedules(key, service_id, offered.kind, kind, rng),
            service_at_locations=self._service_at_locations(org, offered, kind, key, service_id, name, rng),
            languages=self._languages(key, service_id, kind, town, rng),
            organization=organization,
            required_documents=self._documents(key, service_id, kind, rng),
            attributes=self._service_attributes(service_id, kind),
        )
        return record

    def _description(self, kind, offered, context, rng):
        """An opening, two or three details and sometimes a closing line, drawn again on a clash."""
        for _attempt in range(20):
            count = min(len(kind.details), rng.choice([2, 3, 3]))
            chosen = sorted(rng.sample(range(len(kind.details)), count))
            sentences = [rng.choice(kind.openers)] + [kind.details[i] for i in chosen] + list(offered.extra)
            if kind.closers and rng.random() < 0.5:
                sentences.append(rng.choice(kind.closers))
            text = " ".join(sentences).format(**context)
            if text not in self.descriptions:
                break
        self.descriptions.add(text)
        return text

    def _assured_date(self, rng):
        """Spread over the last 14 months; about a third older than 6 months (stale listings)."""
        days = rng.randint(0, 180) if rng.random() < 0.65 else rng.randint(185, 425)
        return AS_OF - datetime.timedelta(days=days)

    def _phones(self, key, kind, offered, town, rng):
        rows = [("voice", rng.choice(["Γραμματεία", "Τηλέφωνο επικοινωνίας", "Υποδοχή"]))]
        if kind.hours == "always":
            rows = [("voice", "Γραμμή 24 ωρών"), ("cell", "Κινητό βάρδιας (και SMS)")]
        elif offered.kind == "home-help":
            rows.append(("cell", "Κινητό του συνεργείου"))
        elif offered.kind == "deaf-interpretation":
            rows.append(("cell", "SMS και βιντεοκλήση"))
        elif rng.random() < 0.3:
            rows.append(("voice", rng.choice(["Κοινωνική λειτουργός", "Δεύτερη γραμμή", "Ραντεβού"])))
        if rng.random() < 0.15 and kind.hours != "always":
            rows.append(("fax", "Φαξ"))
        return [
            {
                "id": stable_id("phone", key, index),
                "number": phone_number(town, rng, mobile=phone_type == "cell"),
                "type": phone_type,
                "description": description,
            }
            for index, (phone_type, description) in enumerate(rows)
        ]

    def _schedules(self, key, service_id, kind_key, kind, rng):
        schedules = []
        for index, (byday, opens, closes, note) in enumerate(weekly_hours(kind.hours, rng)):
            schedule_id = stable_id("schedule", key, index)
            schedule = {
                "id": schedule_id,
                "service_id": service_id,
                "freq": "WEEKLY",
                "byday": byday,
                "opens_at": opens,
                "closes_at": closes,
                "description": note,
            }
            if closes <= opens:
                # Said explicitly, so that 00:00–00:00 (round the clock) is not read as a typo.
                flag = attribute(schedule_id, "schedule", "schedule_status", "koinonia-schedule", "overnight")
                schedule["attributes"] = [flag]
            schedules.append(schedule)
        for valid_from, valid_to, note in closures_for(kind_key, kind.closure_chance, rng):
            schedule_id = stable_id("closure", key, valid_from)
            schedules.append(
                {
                    "id": schedule_id,
                    "service_id": service_id,
                    "valid_from": valid_from,
                    "valid_to": valid_to,
                    "description": note,
                    "attributes": [
                        attribute(schedule_id, "schedule", "schedule_status", "koinonia-schedule", "closed")
                    ],
                }
            )
        return schedules

    def _service_at_locations(self, org, offered, kind, key, service_id, name, rng):
        towns = [offered.town or org.town, *offered.also_at]
        rows = []
        for index, town_key in enumerate(towns):
            if kind.own_place or index > 0:
                location_key = (key, town_key)
                place = name if index == 0 else f"{name} – {TOWNS[town_key].name}"
            else:
                location_key = (org.key, town_key, "offices")
                town = TOWNS[town_key]
                place = (
                    f"Κοινωνικές Υπηρεσίες {town.municipality_genitive}"
                    if org.name == town.municipality
                    else org.alternate_name or org.name
                )
            location = self._location(location_key, place, TOWNS[town_key], kind.confidential, org)
            rows.append(
                {
                    "id": stable_id("service-at-location", key, index),
                    "service_id": service_id,
                    "location_id": location["id"],
                    "location": location,
                }
            )
        return rows

    def _location(self, location_key, place, town, confidential, org):
        if location_key in self.locations:
            return self.locations[location_key]
        rng = rng_for("location", *location_key)
        location_id = stable_id("location", *location_key)
        street, postal_code = rng.choice(town.streets)
        number = "" if street.startswith(("Πλατεία", "Κεντρική")) else f" {rng.randint(1, 120)}"
        floor = rng.choice(OFFICE_FLOORS)
        latitude, longitude = point_near(town.centre, town.radius_km, rng)
        features, note = self._accessibility(floor, org, rng)
        attributes = [attribute(location_id, "location", "area", "koinonia-area", town.area_code)]
        attributes += [
            attribute(location_id, "location", "accessibility", "koinonia-accessibility", f) for f in features
        ]
        if confidential:
            attributes.append(attribute(location_id, "location", "flag", "koinonia-location-flag", "confidential"))
        location = {
            "id": location_id,
            "location_type": "physical",
            "name": place,
            "latitude": latitude,
            "longitude": longitude,
            "transportation": "" if confidential else rng.choice(town.transport),
            "addresses": [
                {
                    "id": stable_id("address", *location_key),
                    "location_id": location_id,
                    "address_1": f"{street}{number}",
                    "address_2": "" if floor == "Ισόγειο" else floor,
                    "city": town.name,
                    "region": town.municipality,
                    "state_province": town.region,
                    "postal_code": postal_code,
                    "country": "GR",
                    "address_type": "physical",
                }
            ],
            "accessibility": [
                {"id": stable_id("accessibility", *location_key), "location_id": location_id, "description": note}
            ],
            "attributes": attributes,
        }
        self.locations[location_key] = location
        return location

    def _accessibility(self, floor, org, rng):
        features, notes = [], []
        if rng.random() < 0.75:
            features.append("wheelchair")
            notes.append(rng.choice(["Ράμπα στην είσοδο.", "Είσοδος στο επίπεδο του πεζοδρομίου, χωρίς σκαλοπάτια."]))
            if floor != "Ισόγειο":
                features.append("lift")
                notes.append(f"Ανελκυστήρας ως τον {floor.split()[0].removesuffix('ς')} όροφο.")
            if rng.random() < 0.5:
                features.append("accessible-wc")
                notes.append("Προσβάσιμη τουαλέτα.")
        else:
            notes.append("Η είσοδος έχει σκαλοπάτια· αν χρειάζεστε βοήθεια, τηλεφωνήστε πριν έλθετε.")
        if rng.random() < 0.2:
            features.append("accessible-parking")
            notes.append("Θέση στάθμευσης ΑμεΑ μπροστά στο κτίριο.")
        if rng.random() < 0.06:
            features.append("hearing-loop")
            notes.append("Επαγωγικός βρόχος στην υποδοχή.")
        if rng.random() < 0.05:
            features.append("braille")
            notes.append("Σήμανση Braille στους χώρους.")
        if org.key == "enosi-kofon":
            features.append("sign-language")
            notes.append("Όλο το προσωπικό χρησιμοποιεί την ελληνική νοηματική γλώσσα.")
        return features, " ".join(notes)

    def _languages(self, key, service_id, kind, town, rng):
        codes = list(kind.languages)
        if "en" not in codes and town.region.endswith("Αττικής") and rng.random() < 0.2:
            codes.append("en")
        return [
            {
                "id": stable_id("language", key, code),
                "service_id": service_id,
                "name": LANGUAGE_NAMES[code],
                "code": code,
            }
            for code in codes
        ]

    def _documents(self, key, service_id, kind, rng):
        if not kind.documents:
            return []
        count = rng.randint(min(3, len(kind.documents)), len(kind.documents))
        chosen = sorted(rng.sample(range(len(kind.documents)), count))
        return [
            {"id": stable_id("document", key, i), "service_id": service_id, "document": kind.documents[i]}
            for i in chosen
        ]

    def _service_attributes(self, service_id, kind):
        rows = [("koinonia-service-category", "category", code) for code in kind.categories]
        rows += [("koinonia-target-group", "target_group", code) for code in kind.target_groups]
        rows += [("koinonia-access-condition", "access_condition", code) for code in kind.access]
        return [attribute(service_id, "service", link_type, taxonomy, code) for taxonomy, link_type, code in rows]


def build_services():
    return DemoBuilder().build()


def build_good_practices():
    """Good practices are not HSDS: a small JSON of our own, keyed by the organisation's HSDS id."""
    from directory.demo.practices import PRACTICES

    return [
        {
            "slug": practice.get("slug") or transliterate(practice["title"])[:80].rstrip("-"),
            "title": practice["title"],
            "organization_id": stable_id("organisation", practice["organisation"]),
            "area": practice["area"],
            "target_groups": practice["target_groups"],
            "themes": practice["themes"],
            "summary": practice["summary"],
            "description": practice["description"],
            "results": practice["results"],
            "period_start": practice["period"][0],
            "period_end": practice["period"][1],
        }
        for practice in PRACTICES
    ]


def render(data):
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only check that the files are up to date")
    args = parser.parse_args(argv)
    outputs = {HSDS_PATH: render(build_services()), GOOD_PRACTICES_PATH: render(build_good_practices())}
    stale = [path for path, text in outputs.items() if not path.exists() or path.read_text(encoding="utf-8") != text]
    if args.check:
        for path in stale:
            print(f"{path.name} is out of date: run python -m directory.demo.build_demo")
        return 1 if stale else 0
    for path, text in outputs.items():
        path.write_text(text, encoding="utf-8")
    services = json.loads(outputs[HSDS_PATH])
    organisations = {s["organization_id"] for s in services}
    print(f"{HSDS_PATH.name}: {len(organisations)} organisations, {len(services)} services")
    print(f"{GOOD_PRACTICES_PATH.name}: {len(json.loads(outputs[GOOD_PRACTICES_PATH]))} good practices")
    return 0


if __name__ == "__main__":
    sys.exit(main())
