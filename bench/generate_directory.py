"""Generate a synthetic social map of any size, fast, for the benchmarks.

    .venv/bin/python bench/generate_directory.py --services 50000
    .venv/bin/python bench/generate_directory.py --services 2000 --organisations 60 --seed 7 --clear
    .venv/bin/python bench/generate_directory.py --services 0 --clear     # only remove them

Services are real Wagtail pages (wagtailcore_page + directory_servicepage, under
organisation pages under the Greek social map), with locations near each of the 332
municipalities' points, weekly hours, closures, phones, documents and their
categories, target groups, access conditions, languages and accessibility, and
Greek texts drawn from the demo catalogue (directory/demo), so that search and
listing benchmarks see realistic words and facet spreads.

Why not `parent.add_child()`: each call locks the parent, reads its last child, saves
the page and its specific row and fires signals, about 20–50 ms a page, so 50,000
services would take most of an hour. Here the treebeard materialised paths (steplen
4, base-36 steps), depth and numchild are computed in Python, ids are reserved from
the page sequence in one query, and every table is filled with PostgreSQL COPY in one
transaction (all or nothing). Signals are bypassed on purpose: rebuild the search
index afterwards if a benchmark needs it (see bench/README.md).

Generated organisations have slugs starting with `bench-`; `--clear` removes them and
everything below them (with every row that refers to those pages) in set-based SQL.
"""

import argparse
import csv
import datetime
import math
import os
import random
import sys
import time
import uuid
from collections import defaultdict
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.dev")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.contenttypes.models import ContentType  # noqa: E402
from django.db import connection, models, transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.utils import timezone  # noqa: E402

from wagtail.models import Locale, Page, get_page_models  # noqa: E402

from directory.demo.build_demo import transliterate  # noqa: E402
from directory.demo.catalogue import all_kinds  # noqa: E402
from directory.demo.schedules import closures_for, weekly_hours  # noqa: E402
from directory.factories import default_directory  # noqa: E402
from directory.fields import ICAL_DAYS  # noqa: E402
from directory.models import (  # noqa: E402
    AccessCondition,
    AccessibilityFeature,
    AdministrativeArea,
    AreaLevel,
    Language,
    OrganisationPage,
    OrganisationPhone,
    RequiredDocument,
    ServiceCategory,
    ServiceLocation,
    ServicePage,
    ServicePhone,
    ServiceSchedule,
    TargetGroup,
)
from directory.pagetree import ChildSlots, add_numchild, columns_of, copy_rows, reserve_page_ids  # noqa: E402

SLUG_PREFIX = "bench-"
FLUSH_EVERY = 5000  # services per COPY round: keeps memory flat and shows progress

# Which kinds of service each kind of organisation offers (keys of the demo catalogue).
KINDS_BY_STATUS = {
    "municipal": [
        "social-service",
        "community-centre",
        "social-grocery",
        "social-pharmacy",
        "home-help",
        "kapi",
        "kdap",
        "nursery",
        "khfh",
        "municipal-meals",
        "rent-support",
        "tutoring",
        "digital-skills",
        "family-support",
        "migrant-centre",
        "dental-clinic",
    ],
    "ngo": [
        "women-counselling",
        "addiction-counselling",
        "addiction-prevention",
        "legal-aid",
        "asylum-legal",
        "language-courses",
        "refugee-psychosocial",
        "women-migrant-centre",
        "disability-parents",
        "ex-prisoners",
        "hotline",
    ],
    "church": ["church-meals", "clothing-bank", "care-home", "tutoring"],
    "health": ["health-centre", "mental-health", "mental-health-children", "social-clinic"],
    "public": ["employment", "kepa", "benefits-office", "regional-welfare"],
    "social_enterprise": ["social-enterprise"],
    "volunteer": ["food-parcels", "clothing-bank", "tutoring"],
}
STATUS_WEIGHTS = {
    "municipal": 40,
    "ngo": 22,
    "church": 10,
    "health": 10,
    "public": 8,
    "social_enterprise": 4,
    "volunteer": 6,
}
ORGANISATION_NAMES = {
    "municipal": (
        "Δήμος {m}",
        "Κοινωνικός Οργανισμός Δήμου {m}",
        "Κοινωφελής Επιχείρηση Δήμου {m}",
        "Νομικό Πρόσωπο Κοινωνικής Προστασίας Δήμου {m}",
    ),
    "ngo": ("Σύλλογος Αλληλεγγύης «{w}» {m}", "Οργάνωση «{w}»", "Ένωση Κοινωνικής Στήριξης «{w}»"),
    "church": ("Φιλόπτωχο Ταμείο Ενοριών {m}", "Γραφείο Κοινωνικής Διακονίας {m}"),
    "health": ("Κέντρο Υγείας {m}", "Κέντρο Ψυχικής Υγείας {m}"),
    "public": ("Κέντρο Προώθησης Απασχόλησης {m}", "Γραφείο Προνοιακών Επιδομάτων {m}"),
    "social_enterprise": ("Κοιν.Σ.Επ. «{w}» {m}",),
    "volunteer": ("Ομάδα Εθελοντών «{w}» {m}",),
}
WORDS = ("Ελπίδα", "Γέφυρα", "Αρωγή", "Φάρος", "Πυξίδα", "Αγκαλιά", "Κυψέλη", "Ορίζοντας", "Ανάσα", "Μέριμνα", "Στέγη")
STREETS = (
    "Ελευθερίου Βενιζέλου",
    "25ης Μαρτίου",
    "28ης Οκτωβρίου",
    "Παύλου Μελά",
    "Εθνικής Αντίστασης",
    "Ερμού",
    "Κοραή",
    "Αριστοτέλους",
    "Μεγάλου Αλεξάνδρου",
    "Κολοκοτρώνη",
    "Ρήγα Φεραίου",
    "Αγίου Δημητρίου",
    "Αγίου Νικολάου",
    "Πλαστήρα",
    "Καραϊσκάκη",
)
STATUSES = ("active",) * 96 + ("temporarily closed",) * 3 + ("inactive",)
ACCESSIBILITY_ODDS = {"wheelchair": 0.7, "accessible-wc": 0.35, "lift": 0.3, "accessible-parking": 0.2, "braille": 0.04}


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description="Generate a synthetic social map for benchmarks.")
    parser.add_argument("--services", type=int, default=50_000, help="number of services (default 50,000)")
    parser.add_argument("--organisations", type=int, help="number of organisations (default: services / 40)")
    parser.add_argument("--seed", type=int, default=1, help="random seed (same seed, same directory)")
    parser.add_argument("--clear", action="store_true", help="first remove previously generated organisations")
    parser.add_argument("--no-check", action="store_true", help="skip the tree check and the page render")
    return parser.parse_args(argv)


# --- reference data -------------------------------------------------------------------


class Reference:
    """Everything the generator draws from, loaded once: areas, taxonomies, kinds."""

    def __init__(self):
        self.locale = Locale.get_default()
        self.directory = default_directory()
        self.kinds = all_kinds()
        self.service_type = ContentType.objects.get_for_model(ServicePage).pk
        self.organisation_type = ContentType.objects.get_for_model(OrganisationPage).pk
        self.terms = {
            model: dict(model.objects.filter(locale=self.locale).values_list("code", "pk"))
            for model in (ServiceCategory, TargetGroup, AccessCondition, Language, AccessibilityFeature)
        }
        areas = dict(
            AdministrativeArea.objects.filter(locale=self.locale, level=AreaLevel.MUNICIPALITY).values_list(
                "code", "pk"
            )
        )
        with open(settings.KOINONIA_GEOGRAPHY_DIR / "municipalities-332.csv", encoding="utf-8") as fh:
            rows = list(csv.DictReader(fh))
        self.municipalities = [
            {
                "area_id": areas[f"m-{row['elutils_municipality_id']}"],
                "genitive": row["municipality_el"],
                "seat": row["seat_el"],
                "point": (float(row["point_lat"]), float(row["point_lon"])),
            }
            for row in rows
            if f"m-{row['elutils_municipality_id']}" in areas
        ]
        if not self.municipalities or not self.terms[ServiceCategory]:
            raise SystemExit("No areas or taxonomies: run `manage.py migrate` and `manage.py load_demo` first.")


# --- rows -----------------------------------------------------------------------------


class Tables:
    """Rows waiting to be copied, per model; values are given by field name, defaults fill the rest."""

    def __init__(self):
        self.rows = defaultdict(list)
        self.copied = 0

    def add(self, model, fields, values):
        self.rows[(model, fields)].append(values)

    def flush(self, cursor):
        for (model, fields), rows in self.rows.items():
            copy_rows(cursor, model, fields, rows)
            self.copied += len(rows)
        self.rows.clear()


# --- generation -----------------------------------------------------------------------


def point_near(point, rng, radius_km=2.0):
    distance = radius_km * math.sqrt(rng.random())
    bearing = rng.random() * 2 * math.pi
    lat = point[0] + distance * math.cos(bearing) / 111.2
    lon = point[1] + distance * math.sin(bearing) / (111.2 * math.cos(math.radians(point[0])))
    return round(lat, 6), round(lon, 6)


def phone(rng):
    digits = "2" + "".join(rng.choice("0123456789") for _ in range(9))
    return f"{digits[:4]} {digits[4:]}"


class Generator:
    """Builds organisations and their services as rows, with paths computed here."""

    def __init__(self, reference, seed):
        self.ref = reference
        self.rng = random.Random(seed)
        self.now = timezone.now()
        self.today = timezone.localdate()
        self.slugs = {}
        directory = reference.directory
        self.base_depth = directory.depth
        self.slots = ChildSlots.for_page(directory, with_slugs=False)  # paths after the existing children
        existing = OrganisationPage.objects.filter(slug__startswith=SLUG_PREFIX).values_list("slug", flat=True)
        numbers = [int(slug[len(SLUG_PREFIX) :]) for slug in existing if slug[len(SLUG_PREFIX) :].isdigit()]
        self.first_number = max(numbers, default=0) + 1

    def uuid(self):
        return uuid.UUID(int=self.rng.getrandbits(128), version=4)

    def page_values(self, page_id, path, depth, numchild, title, slug, url_path, content_type):
        return {
            "id": page_id,
            "path": path,
            "depth": depth,
            "numchild": numchild,
            "translation_key": self.uuid(),
            "locale": self.ref.locale.pk,
            "live": True,
            "has_unpublished_changes": False,
            "first_published_at": self.now,
            "last_published_at": self.now,
            "title": title,
            "draft_title": title,
            "slug": slug,
            "content_type": content_type,
            "url_path": url_path,
        }

    def plan(self, services, organisations):
        """[(organisation number, municipality, legal status, [kind keys])] covering every municipality."""
        municipalities = self.ref.municipalities[:]
        self.rng.shuffle(municipalities)
        statuses = list(STATUS_WEIGHTS)
        weights = list(STATUS_WEIGHTS.values())
        counts = [1] * organisations
        for _ in range(services - organisations):
            counts[self.rng.randrange(organisations)] += 1
        plan = []
        for index, count in enumerate(counts):
            status = self.rng.choices(statuses, weights)[0]
            kinds = [self.rng.choice(KINDS_BY_STATUS[status]) for _ in range(count)]
            plan.append((self.first_number + index, municipalities[index % len(municipalities)], status, kinds))
        return plan

    def organisation(self, tables, page_id, number, municipality, status, kinds, service_ids):
        rng = self.rng
        path, depth = self.slots.take()
        name = rng.choice(ORGANISATION_NAMES[status]).format(m=municipality["genitive"], w=rng.choice(WORDS))
        slug = f"{SLUG_PREFIX}{number:06d}"
        url_path = self.slots.child_url_path(slug)
        domain = f"{slug}.example"
        values = self.page_values(page_id, path, depth, len(kinds), name, slug, url_path, self.ref.organisation_type)
        tables.add(Page, COLUMNS["page"], values)
        tables.add(
            OrganisationPage,
            COLUMNS["organisation"],
            {
                "page_ptr": page_id,
                "hsds_id": self.uuid(),
                "description": f"{name}: κοινωνικές υπηρεσίες για τους κατοίκους του Δήμου {municipality['genitive']}.",
                "legal_status": status,
                "tax_id": "".join(rng.choice("0123456789") for _ in range(9)),
                "website": f"https://www.{domain}/",
                "email": f"info@{domain}",
            },
        )
        tables.add(
            OrganisationPhone,
            COLUMNS["organisation_phone"],
            {
                "page": page_id,
                "sort_order": 0,
                "hsds_id": self.uuid(),
                "number": phone(rng),
                "description": "Γραμματεία",
            },
        )
        context = {
            "town": municipality["seat"],
            "in_town": f"στον Δήμο {municipality['genitive']}",
            "mun_gen": f"Δήμου {municipality['genitive']}",
            "town_gen": municipality["genitive"],
            "org": name,
        }
        slots = ChildSlots(path, depth, url_path)
        for index, (kind_key, service_id) in enumerate(zip(kinds, service_ids, strict=True)):
            self.service(tables, service_id, slots, index + 1, kind_key, municipality, context, domain)

    def service(self, tables, page_id, slots, number, kind_key, municipality, context, domain):
        rng, kind, ref = self.rng, self.ref.kinds[kind_key], self.ref
        title = rng.choice(kind.names).format(**context)
        base_slug = self.slugs.get(title) or self.slugs.setdefault(title, transliterate(title)[:60].rstrip("-"))
        slug = f"{base_slug}-{number}"
        path, depth = slots.take()
        details = rng.sample(kind.details, min(len(kind.details), 2))
        description = " ".join([rng.choice(kind.openers), *details]).format(**context)
        tables.add(
            Page,
            COLUMNS["page"],
            self.page_values(
                page_id,
                path,
                depth,
                0,
                title,
                slug,
                slots.child_url_path(slug),
                ref.service_type,
            ),
        )
        status = rng.choice(STATUSES)
        tables.add(
            ServicePage,
            COLUMNS["service"],
            {
                "page_ptr": page_id,
                "hsds_id": self.uuid(),
                "status": status,
                "description": description,
                "website": f"https://www.{domain}/{kind.mailbox.replace('.', '-')}/",
                "email": f"{kind.mailbox}@{domain}",
                "eligibility_description": rng.choice(kind.eligibility).format(**context),
                "minimum_age": kind.min_age,
                "maximum_age": kind.max_age,
                "application_process": rng.choice(kind.application).format(**context),
                "fees_description": rng.choice(kind.fees),
                "wait_time": rng.choice(kind.wait),
                "interpretation_services": rng.choice(kind.interpretation),
                "alert": "Προσωρινά κλειστό." if status == "temporarily closed" else "",
                "assured_date": self.today - datetime.timedelta(days=rng.randint(0, 425)),
            },
        )
        for relation, model, codes in (
            ("categories", ServiceCategory, kind.categories),
            ("target_groups", TargetGroup, kind.target_groups),
            ("access_conditions", AccessCondition, kind.access),
            ("languages", Language, kind.languages),
            (
                "accessibility",
                AccessibilityFeature,
                [c for c, odds in ACCESSIBILITY_ODDS.items() if rng.random() < odds],
            ),
        ):
            through, own, other = M2M[relation]
            for code in codes:
                if code in ref.terms[model]:
                    tables.add(through, (own, other), {own.name: page_id, other.name: ref.terms[model][code]})
        for index in range(1 if rng.random() < 0.8 else 2):
            latitude, longitude = point_near(municipality["point"], rng)
            tables.add(
                ServiceLocation,
                COLUMNS["location"],
                {
                    "page": page_id,
                    "sort_order": index,
                    "hsds_location_id": self.uuid(),
                    "hsds_service_at_location_id": self.uuid(),
                    "name": title if index == 0 else f"{title} – παράρτημα",
                    "address_1": f"{rng.choice(STREETS)} {rng.randint(1, 150)}",
                    "postal_code": f"{rng.randint(10, 85)}{rng.randint(0, 999):03d}",
                    "city": municipality["seat"],
                    "municipality": municipality["area_id"],
                    "latitude": latitude,
                    "longitude": longitude,
                    "confidential": kind.confidential,
                },
            )
        rows = [
            ([ICAL_DAYS.index(day) for day in byday.split(",")], opens, closes, None, None, False, note)
            for byday, opens, closes, note in weekly_hours(kind.hours, rng)
        ]
        rows += [
            ([], None, None, datetime.date.fromisoformat(start), datetime.date.fromisoformat(end), True, note)
            for start, end, note in closures_for(kind_key, kind.closure_chance, rng)
        ]
        for index, (weekdays, opens, closes, valid_from, valid_to, closed, note) in enumerate(rows):
            opens_at = datetime.time.fromisoformat(opens) if opens else None
            closes_at = datetime.time.fromisoformat(closes) if closes else None
            tables.add(
                ServiceSchedule,
                COLUMNS["schedule"],
                {
                    "page": page_id,
                    "sort_order": index,
                    "hsds_id": self.uuid(),
                    "weekdays": weekdays,
                    "opens_at": opens_at,
                    "closes_at": closes_at,
                    "closes_next_day": bool(opens_at and closes_at <= opens_at),
                    "valid_from": valid_from,
                    "valid_to": valid_to,
                    "closed": closed,
                    "description": note,
                },
            )
        for index in range(rng.choice((1, 1, 2))):
            tables.add(
                ServicePhone,
                COLUMNS["phone"],
                {"page": page_id, "sort_order": index, "hsds_id": self.uuid(), "number": phone(rng), "type": "voice"},
            )
        documents = rng.sample(kind.documents, rng.randint(0, len(kind.documents))) if kind.documents else []
        for index, document in enumerate(documents):
            tables.add(
                RequiredDocument,
                COLUMNS["document"],
                {"page": page_id, "sort_order": index, "hsds_id": self.uuid(), "document": document},
            )


def generate(reference, services, organisations, seed):
    generator = Generator(reference, seed)
    plan = generator.plan(services, organisations)
    tables = Tables()
    done = 0
    with transaction.atomic(), connection.cursor() as cursor:
        pending = 0
        for number, municipality, status, kinds in plan:
            ids = reserve_page_ids(cursor, 1 + len(kinds))
            generator.organisation(tables, ids[0], number, municipality, status, kinds, ids[1:])
            pending += len(kinds)
            if pending >= FLUSH_EVERY:
                tables.flush(cursor)
                done += pending
                pending = 0
                print(f"  {done:>7,} services written", flush=True)
        tables.flush(cursor)
        add_numchild(cursor, [generator.slots])
    return tables.copied


# --- removal --------------------------------------------------------------------------


def delete_dependents(cursor, model, ids_sql, depth=0):
    """Delete (or null) every row that refers to the `model` rows selected by `ids_sql`.

    Follows Django's on_delete rules over reverse foreign keys, one set-based statement
    per relation, children before parents. Foreign keys are deferred by Django on
    PostgreSQL, so the order only matters for correctness of the sub-selects.
    """
    if depth > 8:
        raise SystemExit("Relation chain too deep while clearing; refusing to guess.")
    quote = connection.ops.quote_name
    table = quote(model._meta.db_table)
    for rel in model._meta.get_fields(include_hidden=True):
        if not (rel.auto_created and not rel.concrete and (rel.one_to_many or rel.one_to_one)):
            continue
        if rel.model is not model:  # inherited relations are handled at the parent model
            continue
        related, fk = rel.related_model, rel.field
        target = quote(fk.target_field.column)
        # Identifiers come from the models' metadata, never from input.
        keys_sql = f"SELECT {target} FROM {table} WHERE {quote(model._meta.pk.column)} IN ({ids_sql})"  # noqa: S608
        related_table, fk_column = quote(related._meta.db_table), quote(fk.column)
        if rel.on_delete is models.CASCADE:
            related_ids = (
                f"SELECT {quote(related._meta.pk.column)} FROM {related_table} WHERE {fk_column} IN ({keys_sql})"  # noqa: S608
            )
            delete_dependents(cursor, related, related_ids, depth + 1)
            cursor.execute(f"DELETE FROM {related_table} WHERE {fk_column} IN ({keys_sql})")  # noqa: S608
        elif rel.on_delete is models.SET_NULL:
            cursor.execute(f"UPDATE {related_table} SET {fk_column} = NULL WHERE {fk_column} IN ({keys_sql})")  # noqa: S608
        elif rel.on_delete is not models.DO_NOTHING:
            cursor.execute(f"SELECT 1 FROM {related_table} WHERE {fk_column} IN ({keys_sql}) LIMIT 1")  # noqa: S608
            if cursor.fetchone():
                raise SystemExit(f"{related.__name__} rows protect the generated pages; remove them first.")


def clear_generated(reference):
    """Remove the bench organisations, their services and every row that points at them."""
    directory = reference.directory
    roots = list(
        Page.objects.filter(
            path__startswith=directory.path, depth=directory.depth + 1, slug__startswith=SLUG_PREFIX
        ).values_list("path", flat=True)
    )
    return clear_pages(directory, roots)


def clear_pages(directory, roots):
    """Remove the children of `directory` at `roots` (paths), everything below them and
    every row that points at them (bench/import_bench.py clears its imports with it)."""
    if not roots:
        return 0
    page_types = [ct.pk for ct in ContentType.objects.get_for_models(*get_page_models()).values()]
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("CREATE TEMPORARY TABLE bench_doomed (id integer PRIMARY KEY) ON COMMIT DROP")
        cursor.execute(
            "INSERT INTO bench_doomed SELECT id FROM wagtailcore_page WHERE path LIKE ANY(%s)",
            [[root + "%" for root in roots]],
        )
        cursor.execute("SELECT count(*) FROM bench_doomed")
        (count,) = cursor.fetchone()
        ids_sql = "SELECT id FROM bench_doomed"
        # Rows that point at pages through (content type, object id) rather than a foreign key.
        generic = [f for f in Page._meta.private_fields if hasattr(f, "object_id_field_name")]
        for field in generic:
            related = field.related_model
            ct_field = related._meta.get_field(field.content_type_field_name)
            id_field = related._meta.get_field(field.object_id_field_name)
            selection = (
                f"FROM {related._meta.db_table} WHERE {ct_field.column} = ANY(%s) "  # noqa: S608
                f"AND {id_field.column} IN (SELECT id::text FROM bench_doomed)"
            )
            pk = related._meta.pk.column
            cursor.execute(f"CREATE TEMPORARY TABLE bench_generic AS SELECT {pk} AS id {selection}", [page_types])  # noqa: S608
            delete_dependents(cursor, related, "SELECT id FROM bench_generic")
            cursor.execute(f"DELETE {selection}", [page_types])  # noqa: S608
            cursor.execute("DROP TABLE bench_generic")
        cursor.execute(
            "DELETE FROM wagtailcore_referenceindex WHERE (base_content_type_id = ANY(%s) AND object_id IN "
            "(SELECT id::text FROM bench_doomed)) OR (to_content_type_id = ANY(%s) AND to_object_id IN "
            "(SELECT id::text FROM bench_doomed))",
            [page_types, page_types],
        )
        delete_dependents(cursor, Page, ids_sql)
        cursor.execute(f"DELETE FROM wagtailcore_page WHERE id IN ({ids_sql})")  # noqa: S608
        cursor.execute("UPDATE wagtailcore_page SET numchild = numchild - %s WHERE id = %s", [len(roots), directory.pk])
    return count


# --- checks ---------------------------------------------------------------------------


def tree_problems():
    """treebeard's find_problems(), as four set-based queries (it does one query per node)."""
    queries = {
        "bad characters or step length": (
            "SELECT count(*) FROM wagtailcore_page WHERE path !~ '^[0-9A-Z]+$' OR length(path) % 4 <> 0"
        ),
        "wrong depth": "SELECT count(*) FROM wagtailcore_page WHERE depth <> length(path) / 4",
        "orphans": (
            "SELECT count(*) FROM wagtailcore_page c WHERE c.depth > 1 AND NOT EXISTS "
            "(SELECT 1 FROM wagtailcore_page p WHERE p.path = substr(c.path, 1, length(c.path) - 4))"
        ),
        "wrong numchild": (
            "SELECT count(*) FROM wagtailcore_page p LEFT JOIN (SELECT substr(path, 1, length(path) - 4) AS parent, "
            "count(*) AS n FROM wagtailcore_page WHERE depth > 1 GROUP BY 1) c ON c.parent = p.path "
            "WHERE p.numchild <> coalesce(c.n, 0)"
        ),
    }
    found = {}
    with connection.cursor() as cursor:
        for name, sql in queries.items():
            cursor.execute(sql)
            (count,) = cursor.fetchone()
            if count:
                found[name] = count
    return found


def render_random_service(seed):
    """Fetch one generated service page through the whole Django stack, as a visitor would."""
    pages = ServicePage.objects.live().filter(
        path__startswith=default_directory().path, url_path__contains=f"/{SLUG_PREFIX}"
    )
    total = pages.count()
    if not total:
        return None
    page = pages.order_by("pk")[random.Random(seed).randrange(total)]  # noqa: S311
    url = page.get_url()
    started = time.perf_counter()
    host = next((h for h in settings.ALLOWED_HOSTS if "*" not in h and not h.startswith(".")), "localhost")
    response = Client(HTTP_HOST=host).get(url)
    return url, response.status_code, time.perf_counter() - started


COLUMNS = {}  # table → the model fields copied into it, filled by prepare_columns()
M2M = {}  # ServicePage relation → (through model, field to the service, field to the term)


def prepare_columns():
    """Column lists per table, from the models (a new field with a default needs no change here)."""
    page = {"id", "path", "depth", "numchild", "translation_key", "locale", "live", "has_unpublished_changes"}
    page |= {"first_published_at", "last_published_at", "title", "draft_title", "slug", "content_type", "url_path"}
    inline = {"page", "sort_order", "hsds_id"}
    COLUMNS.update(
        page=tuple(columns_of(Page, page)),
        organisation=tuple(
            columns_of(
                OrganisationPage,
                {"page_ptr", "hsds_id", "description", "legal_status", "tax_id", "website", "email"},
                local_only=True,
            )
        ),
        service=tuple(columns_of(ServicePage, {"page_ptr", "hsds_id", "status", "description"}, local_only=True)),
        organisation_phone=tuple(columns_of(OrganisationPhone, inline | {"number", "description"})),
        location=tuple(columns_of(ServiceLocation, inline | {"hsds_location_id", "hsds_service_at_location_id"})),
        schedule=tuple(columns_of(ServiceSchedule, inline)),
        phone=tuple(columns_of(ServicePhone, inline | {"number"})),
        document=tuple(columns_of(RequiredDocument, inline | {"document"})),
    )
    for name in ("categories", "target_groups", "access_conditions", "languages", "accessibility"):
        field = ServicePage._meta.get_field(name)
        through = field.remote_field.through
        M2M[name] = (
            through,
            through._meta.get_field(field.m2m_field_name()),
            through._meta.get_field(field.m2m_reverse_field_name()),
        )


def main(argv=None):
    args = parse_args(argv)
    reference = Reference()
    prepare_columns()
    database = connection.settings_dict["NAME"]
    print(f"Database {database} on {connection.settings_dict.get('HOST') or 'local socket'}")
    if args.clear:
        started = time.perf_counter()
        removed = clear_generated(reference)
        print(f"Removed {removed:,} generated pages in {time.perf_counter() - started:.1f} s")
    if args.services > 0:
        organisations = args.organisations or max(1, args.services // 40)
        organisations = min(organisations, args.services)
        print(f"Generating {organisations:,} organisations and {args.services:,} services (seed {args.seed})…")
        started = time.perf_counter()
        rows = generate(reference, args.services, organisations, args.seed)
        elapsed = time.perf_counter() - started
        print(
            f"Wrote {rows:,} rows in {elapsed:.1f} s: {rows / elapsed:,.0f} rows/s, "
            f"{args.services / elapsed:,.0f} services/s"
        )
    if not args.no_check:
        started = time.perf_counter()
        problems = tree_problems()
        print(f"Tree check: {problems or 'no problems'} ({time.perf_counter() - started:.1f} s)")
        live = ServicePage.objects.live().count()
        generated = ServicePage.objects.live().filter(url_path__contains=f"/{SLUG_PREFIX}").count()
        print(f"Live services: {live:,} in all, {generated:,} generated")
        rendered = render_random_service(args.seed)
        if rendered:
            url, status, seconds = rendered
            print(f"GET {url} → {status} in {seconds * 1000:.0f} ms")
        if problems or (rendered and rendered[1] != 200):
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
