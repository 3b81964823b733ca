"""How fast an HSDS import creates services, and how fast a re-import checks them.

    export KOINONIA_PGDATA=/tmp/bench-speed       # a throwaway cluster, demo loaded (bench/README.md)
    .venv/bin/python bench/import_bench.py --services 2000
    .venv/bin/python bench/import_bench.py --services 50000 --keep-file /tmp/hsds-50000.json

It writes an HSDS 3.0 file of N services that looks like a real regional registry
(Greek texts from the demo catalogue, about one organisation in ten writing in
English, organisations with several services, locations in the 332 real
municipalities, phones, weekly hours and closures, categories, target groups,
languages and accessibility), with some of the mess real registries carry: capitals
without accents, web addresses without a scheme, phones with trailing commas or an
extension, several numbers in one field, foreign numbers, names longer than a page
title. It then imports the file through the importer (`HsdsImporter`, as
`manage.py import_hsds` does), imports it again unchanged, and prints:

- first import: created services per second, and p50/p95 seconds per chunk;
- re-import: checked records per second, and p50/p95 per chunk;
- the counts (created, updated, unchanged, rejected), the page tree check, and the
  revisions, search documents and reference-index rows the import left.

Earlier bench services (ids in this script's namespace) are removed first, so runs
can follow each other on the same cluster. Never point it at the development
database: it refuses to run without KOINONIA_PGDATA or DATABASE_URL.
"""

import argparse
import datetime
import json
import os
import random
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.dev")
if not (os.environ.get("KOINONIA_PGDATA") or os.environ.get("DATABASE_URL")):
    raise SystemExit("Set KOINONIA_PGDATA (a throwaway cluster) or DATABASE_URL: this benchmark writes pages.")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402

from wagtail.models import Page, ReferenceIndex, Revision  # noqa: E402

from bench.generate_directory import clear_pages, tree_problems  # noqa: E402
from directory.demo.build_demo import MUNICIPALITIES, attribute, greek_tax_id, transliterate  # noqa: E402
from directory.demo.catalogue import all_kinds  # noqa: E402
from directory.demo.schedules import closures_for, weekly_hours  # noqa: E402
from directory.factories import default_directory  # noqa: E402
from directory.hsds.importer import CREATED, REJECTED, UNCHANGED, UPDATED, HsdsImporter  # noqa: E402
from directory.hsds.sources import load_records  # noqa: E402
from directory.models import OrganisationPage, ServicePage  # noqa: E402

NAMESPACE = uuid.UUID("8f4b0c8e-51a3-4b7e-9d5e-2f1a9c7b6d30")
ORG_PREFIX = "0bec0bec-"
CHUNK = 500  # records per timed chunk (the bulk writer's chunk size too)
MESSY_SHARE = 0.04
ENGLISH_SHARE = 0.1

ENGLISH_KINDS = {
    "legal-aid": ("Legal Aid Desk", "Free legal advice on asylum, residence permits and labour rights."),
    "language-courses": ("Greek Language Classes", "Free Greek lessons for adults, beginners to B2, evenings."),
    "refugee-psychosocial": ("Psychosocial Support", "Counselling in Arabic, Farsi, French and English."),
    "asylum-legal": ("Asylum Legal Support", "Help with asylum interviews, appeals and family reunification."),
    "food-parcels": ("Food Parcels", "Weekly food parcels for families; bring your AMKA or asylum card."),
}
ENGLISH_ORGS = ("Solidarity Now {m}", "Refugee Support Network {m}", "International Rescue Team {m}")
GREEK_ORGS = ("Κοινωνικές Υπηρεσίες Δήμου {m}", "Σύλλογος Αλληλεγγύης {m}", "Κέντρο Κοινότητας Δήμου {m}")
AREA_CODES = ("210", "2310", "2610", "2810", "2461", "2421", "69")
STREETS = ("Ελευθερίου Βενιζέλου", "25ης Μαρτίου", "Ερμού", "Κοραή", "Αριστοτέλους", "Παύλου Μελά", "Ρήγα Φεραίου")
LONG_SUFFIX = (
    " – Πρόγραμμα κοινωνικής υποστήριξης ευπαθών ομάδων, ατόμων με αναπηρία, ηλικιωμένων και οικογενειών σε"
    " κίνδυνο φτώχειας, σε συνεργασία με τις δομές της Περιφέρειας και του Υπουργείου Κοινωνικής Συνοχής και"
    " Οικογένειας"
)
ACCENTS = str.maketrans("ΆΈΉΊΌΎΏΪΫ", "ΑΕΗΙΟΥΩΙΥ")


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--services", type=int, default=2000)
    parser.add_argument("--organisations", type=int, help="default: one per 8 services")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--draft", action="store_true", help="import as drafts")
    parser.add_argument("--keep-file", help="write the HSDS file here (default: a temporary file, removed)")
    parser.add_argument("--no-reimport", action="store_true")
    parser.add_argument(
        "--record-by-record",
        action="store_true",
        help="without the fast paths (bulk creation, hashes): the import as it was before, for comparison",
    )
    return parser.parse_args(argv)


def sid(*parts):
    return str(uuid.uuid5(NAMESPACE, "/".join(str(p) for p in parts)))


def org_id(seed, number):
    """An organisation id this script recognises again when it clears earlier runs."""
    return ORG_PREFIX + sid(seed, "org", number)[len(ORG_PREFIX) :]


def municipalities():
    import csv

    from django.conf import settings

    with open(settings.KOINONIA_GEOGRAPHY_DIR / "municipalities-332.csv", encoding="utf-8") as fh:
        return [
            {
                "code": f"m-{row['elutils_municipality_id']}",
                "genitive": row["municipality_el"],
                "seat": row["seat_el"],
                "region": f"Περιφέρεια {row['region_el']}",
                "point": (float(row["point_lat"]), float(row["point_lon"])),
            }
            for row in csv.DictReader(fh)
            if f"m-{row['elutils_municipality_id']}" in MUNICIPALITIES
        ]


class RegistryFile:
    """An HSDS service list of N records, the same for the same seed."""

    def __init__(self, services, organisations, seed):
        self.rng = random.Random(seed)  # noqa: S311 - test data
        self.seed = seed
        self.kinds = all_kinds()
        self.places = municipalities()
        self.services = services
        self.organisations = organisations

    def build(self):
        counts = [1] * self.organisations
        for _ in range(self.services - self.organisations):
            counts[self.rng.randrange(self.organisations)] += 1
        records = []
        for number, count in enumerate(counts):
            english = self.rng.random() < ENGLISH_SHARE
            place = self.places[number % len(self.places)]
            organisation = self.organisation(number, place, english)
            for index in range(count):
                records.append(self.service(number, index, place, organisation, english))
        return records

    def organisation(self, number, place, english):
        rng = self.rng
        organisation_id = org_id(self.seed, number)
        name = rng.choice(ENGLISH_ORGS if english else GREEK_ORGS).format(m=place["genitive"])
        domain = f"{transliterate(name)[:30].strip('-')}-{number}.example"
        return {
            "id": organisation_id,
            "name": name,
            "description": (
                f"{name} supports residents of {place['seat']}."
                if english
                else f"{name}: κοινωνικές υπηρεσίες για τους κατοίκους του Δήμου {place['genitive']}."
            ),
            "email": f"info@{domain}",
            "website": f"https://www.{domain}/",
            "legal_status": rng.choice(("municipal", "ngo", "ngo", "church")),
            "tax_id": greek_tax_id(rng),
            "organization_identifiers": [],
            "phones": [{"id": sid(self.seed, "org-phone", number), "number": self.phone(), "type": "voice"}],
        }

    def phone(self):
        """A Greek number in a real numbering range (the subscriber digits are invented)."""
        prefix = self.rng.choice(AREA_CODES)
        digits = prefix + "".join(self.rng.choice("0123456789") for _ in range(10 - len(prefix)))
        return f"{digits[: len(prefix)]} {digits[len(prefix) :]}"

    def service(self, number, index, place, organisation, english):
        rng = self.rng
        key = f"{self.seed}/{number}/{index}"
        service_id = sid("service", key)
        if english:
            kind_key = rng.choice(list(ENGLISH_KINDS))
            name, description = ENGLISH_KINDS[kind_key]
            name = f"{name} – {place['seat']}"
        else:
            kind_key = rng.choice(list(self.kinds))
        kind = self.kinds[kind_key]
        context = {
            "town": place["seat"],
            "in_town": f"στον Δήμο {place['genitive']}",
            "mun_gen": f"Δήμου {place['genitive']}",
            "town_gen": place["genitive"],
            "org": organisation["name"],
        }
        if not english:
            name = rng.choice(kind.names).format(**context)
            details = rng.sample(kind.details, min(len(kind.details), 2))
            description = " ".join([rng.choice(kind.openers), *details]).format(**context)
        record = {
            "id": service_id,
            "organization_id": organisation["id"],
            "organization": organisation,
            "name": name,
            "description": description,
            "url": f"{organisation['website']}{kind.mailbox.replace('.', '-')}-{index}/",
            "email": f"{kind.mailbox}{index}@{organisation['website'][12:-1]}",
            "status": "active",
            "eligibility_description": "" if english else rng.choice(kind.eligibility).format(**context),
            "application_process": "" if english else rng.choice(kind.application).format(**context),
            "fees_description": rng.choice(kind.fees),
            "assured_date": (datetime.date(2026, 11, 1) - datetime.timedelta(days=rng.randint(0, 400))).isoformat(),
            "phones": [{"id": sid("phone", key, 0), "number": self.phone(), "type": "voice"}],
            "schedules": self.schedules(key, service_id, kind_key, kind),
            "service_at_locations": [self.location(key, service_id, name, place)],
            "languages": [
                {"id": sid("language", key, code), "service_id": service_id, "code": code}
                for code in (("en", "el") if english else kind.languages)
            ],
            "required_documents": [
                {"id": sid("document", key, i), "service_id": service_id, "document": document}
                for i, document in enumerate(kind.documents[: rng.randint(0, len(kind.documents))])
            ],
            "attributes": [
                attribute(service_id, "service", link, taxonomy, code)
                for taxonomy, link, codes in (
                    ("koinonia-service-category", "category", kind.categories),
                    ("koinonia-target-group", "target_group", kind.target_groups),
                    ("koinonia-access-condition", "access_condition", kind.access),
                )
                for code in codes
            ],
        }
        if kind.min_age is not None:
            record["minimum_age"] = kind.min_age
        if rng.random() < MESSY_SHARE:
            self.mess(record, rng)
        return record

    def schedules(self, key, service_id, kind_key, kind):
        rows = []
        for index, (byday, opens, closes, note) in enumerate(weekly_hours(kind.hours, self.rng)):
            schedule_id = sid("schedule", key, index)
            row = {"id": schedule_id, "service_id": service_id, "freq": "WEEKLY", "byday": byday}
            row.update(opens_at=opens, closes_at=closes, description=note)
            if closes <= opens:
                flag = attribute(schedule_id, "schedule", "schedule_status", "koinonia-schedule", "overnight")
                row["attributes"] = [flag]
            rows.append(row)
        for valid_from, valid_to, note in closures_for(kind_key, kind.closure_chance, self.rng):
            schedule_id = sid("closure", key, valid_from)
            closed = attribute(schedule_id, "schedule", "schedule_status", "koinonia-schedule", "closed")
            rows.append({"id": schedule_id, "service_id": service_id, "valid_from": valid_from, "valid_to": valid_to,
                         "description": note, "attributes": [closed]})  # fmt: skip
        return rows

    def location(self, key, service_id, name, place):
        rng = self.rng
        location_id = sid("location", key)
        lat = place["point"][0] + (rng.random() - 0.5) / 60
        lon = place["point"][1] + (rng.random() - 0.5) / 60
        features = [code for code in ("wheelchair", "lift", "accessible-wc") if rng.random() < 0.4]
        return {
            "id": sid("service-at-location", key),
            "service_id": service_id,
            "location_id": location_id,
            "location": {
                "id": location_id,
                "location_type": "physical",
                "name": name,
                "latitude": round(lat, 6),
                "longitude": round(lon, 6),
                "addresses": [
                    {
                        "id": sid("address", key),
                        "location_id": location_id,
                        "address_1": f"{rng.choice(STREETS)} {rng.randint(1, 150)}",
                        "city": place["seat"],
                        "region": f"Δήμος {place['genitive']}",
                        "state_province": place["region"] if rng.random() > 0.1 else "",  # often left blank
                        "postal_code": f"{rng.randint(10, 85)}{rng.randint(0, 999):03d}",
                        "country": "GR",
                        "address_type": "physical",
                    }
                ],
                "attributes": [attribute(location_id, "location", "area", "koinonia-area", place["code"])]
                + [attribute(location_id, "location", "accessibility", "koinonia-accessibility", f) for f in features],
            },
        }

    @staticmethod
    def mess(record, rng):
        """One of the defects real registries carry (issue 10)."""
        choice = rng.randrange(7)
        phone = record["phones"][0]
        if choice == 0:
            record["name"] = record["name"].upper().translate(ACCENTS)  # capitals without accents
        elif choice == 1:
            record["url"] = record["url"].removeprefix("https://")  # www.example.gr
        elif choice == 2:
            phone["number"] = phone["number"].replace(" ", "") + ","  # 2108020938,
        elif choice == 3:
            phone["number"] = phone["number"].replace(" ", "-") + "-404"  # an extension
        elif choice == 4:
            phone["number"] = f"{phone['number']}, 69{rng.randint(10000000, 99999999)}"  # two numbers
        elif choice == 5:
            phone["number"] = f"+1 786-478-{rng.randint(1000, 9999)}"  # a foreign number
        else:
            record["name"] = record["name"] + LONG_SUFFIX * 2  # longer than a page title


# --- running -------------------------------------------------------------------------


def clear_bench_pages():
    """Remove organisations this script imported before (their ids start with ORG_PREFIX)."""
    directory = default_directory()
    roots = list(
        OrganisationPage.objects.filter(path__startswith=directory.path)
        .extra(where=["hsds_id::text LIKE %s"], params=[ORG_PREFIX + "%"])  # noqa: S610 - a constant
        .values_list("path", flat=True)
    )
    return clear_pages(directory, roots)


def timed(records, chunk, marks):
    """Yield the records, noting the time at each chunk boundary (and printing the pace
    every ten chunks, so that a long run shows where it stands)."""
    marks.append(time.perf_counter())
    for position, record in enumerate(records, start=1):
        yield record
        if position % chunk == 0:
            marks.append(time.perf_counter())
            if position % (chunk * 10) == 0:
                rate = position / (marks[-1] - marks[0])
                print(f"  … {position:,} records in {marks[-1] - marks[0]:.0f} s ({rate:,.0f}/s)", flush=True)
    marks.append(time.perf_counter())


class RecordByRecord(HsdsImporter):
    fast_paths = False


def run_import(path, draft, importer_class=HsdsImporter):
    records = load_records(path)
    marks = []
    started, cpu = time.perf_counter(), time.process_time()
    importer = importer_class(draft=draft)
    report = importer.run(records, progress=lambda items: timed(items, CHUNK, marks))
    elapsed = time.perf_counter() - started
    print(f"  (import process CPU {time.process_time() - cpu:.1f} s of {elapsed:.1f} s wall)")
    chunks = [b - a for a, b in zip(marks, marks[1:], strict=False) if b > a]
    return report, elapsed, chunks


def percentile(values, share):
    if not values:
        return 0.0
    if len(values) == 1:
        return values[0]
    return statistics.quantiles(values, n=100, method="inclusive")[int(share * 100) - 1]


def counts():
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM search_document")
        (documents,) = cursor.fetchone()
    return {
        "pages": Page.objects.count(),
        "revisions": Revision.objects.count(),
        "reference index rows": ReferenceIndex.objects.count(),
        "search documents": documents,
    }


def describe(label, report, elapsed, chunks, total, rate_key):
    services = report.services
    done = services[CREATED] if rate_key == CREATED else total - services[REJECTED]
    rate = done / elapsed if elapsed else 0
    verb = "created" if rate_key == CREATED else "checked"
    per_chunk = f"p50 {percentile(chunks, 0.5):.2f} s, p95 {percentile(chunks, 0.95):.2f} s per {CHUNK} records"
    print(
        f"{label}: {services[CREATED]:,} created, {services[UPDATED]:,} updated, {services[UNCHANGED]:,} unchanged, "
        f"{services[REJECTED]:,} rejected in {elapsed:.1f} s → {rate:,.0f} {verb}/s; "
        f"{per_chunk}"
    )
    organisations = report.organisations
    print(
        f"  organisations: {organisations[CREATED]:,} created, {organisations[UPDATED]:,} updated, "
        f"{organisations[UNCHANGED]:,} unchanged"
    )
    for rejection in report.rejections[:3]:
        print("  rejected:", "; ".join(rejection.lines())[:300])


def main(argv=None):
    args = parse_args(argv)
    organisations = min(args.services, args.organisations or max(1, args.services // 8))
    print(f"Database {connection.settings_dict['NAME']} ({os.environ.get('KOINONIA_PGDATA') or 'DATABASE_URL'})")
    print(f"Load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    started = time.perf_counter()
    removed = clear_bench_pages()
    print(f"Removed {removed:,} pages of earlier runs in {time.perf_counter() - started:.1f} s")

    started = time.perf_counter()
    records = RegistryFile(args.services, organisations, args.seed).build()
    handle, path = (None, args.keep_file) if args.keep_file else tempfile.mkstemp(suffix=".json")
    with open(path, "w", encoding="utf-8") as fh:
        json.dump(records, fh, ensure_ascii=False)
    if handle is not None:
        os.close(handle)
    size = os.path.getsize(path) / 1e6
    print(f"Wrote {len(records):,} services of {organisations:,} organisations to {path} ({size:.1f} MB) in "
          f"{time.perf_counter() - started:.1f} s")  # fmt: skip
    before = counts()
    try:
        importer_class = RecordByRecord if args.record_by_record else HsdsImporter
        report, elapsed, chunks = run_import(path, args.draft, importer_class)
        describe("First import", report, elapsed, chunks, len(records), CREATED)
        after = counts()
        print("  written:", ", ".join(f"{k} +{after[k] - before[k]:,}" for k in after if after[k] is not None))
        if not args.no_reimport:
            report, elapsed, chunks = run_import(path, args.draft, importer_class)
            describe("Re-import (unchanged)", report, elapsed, chunks, len(records), UNCHANGED)
            again = counts()
            print("  written:", ", ".join(f"{k} +{again[k] - after[k]:,}" for k in again if again[k] is not None))
    finally:
        if not args.keep_file:
            os.unlink(path)
    started = time.perf_counter()
    problems = tree_problems()
    print(f"Tree check: {problems or 'no problems'} ({time.perf_counter() - started:.1f} s)")
    print(f"Live services: {ServicePage.objects.live().count():,}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
