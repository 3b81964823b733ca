"""Fixtures of the search tests: a small, believable directory and every backend.

`backend` is parametrised over the configured backends: PostgreSQL always, and
Elasticsearch when ELASTICSEARCH_URL is set (otherwise that leg is skipped with the
reason shown by `pytest -ra`). The catalogue is built through factories and then
indexed with a full rebuild into the backend under test.
"""

import datetime
import os

import pytest

from wagtail.models import Locale

from directory.factories import (
    GoodPracticePageFactory,
    OrganisationPageFactory,
    ServiceLocationFactory,
    ServicePageFactory,
    ServiceScheduleFactory,
)
from directory.models import (
    AccessCondition,
    AccessibilityFeature,
    AdministrativeArea,
    Language,
    ServiceCategory,
    TargetGroup,
)

# Municipalities used below (codes from directory/data/geography).
PERISTERI, AIGALEO, ATHENS, MAROUSI, KOZANI = "m-187", "m-186", "m-193", "m-176", "m-67"
# Representative points (lat, lon).
POINTS = {
    PERISTERI: (38.0145, 23.6893),
    AIGALEO: (37.9902, 23.6787),
    ATHENS: (37.9889, 23.7360),
    MAROUSI: (38.0467, 23.8058),
    KOZANI: (40.3013, 21.7887),
}


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Default synonyms once per session, as `setup_site` loads them."""
    from search.synonyms import load_default_synonyms

    with django_db_blocker.unblock():
        load_default_synonyms()


def backend_params():
    params = [pytest.param("postgres", id="postgres")]
    reason = "ELASTICSEARCH_URL is not set: the Elasticsearch leg needs a cluster (see README, Search)"
    marks = [] if os.environ.get("ELASTICSEARCH_URL") else [pytest.mark.skip(reason=reason)]
    params.append(pytest.param("elasticsearch", id="elasticsearch", marks=marks))
    return params


@pytest.fixture(params=backend_params())
def backend(request, db, settings):
    """The backend under test, also made the one SearchService and the views use."""
    from search import backends

    if request.param == "postgres":
        path = "search.backends.postgres.PostgresBackend"
        settings.SEARCH_BACKEND = path
        instance = backends.get_backend(path)
        yield instance
    else:
        path = "search.backends.elasticsearch.ElasticsearchBackend"
        settings.SEARCH_BACKEND = path
        instance = backends.get_backend(path)
        instance.use_index(f"test-koinonia-{os.getpid()}")
        yield instance
        instance.drop_all()


def greek(model, code):
    return model.objects.get(code=code, locale=Locale.get_default())


def area(code):
    return greek(AdministrativeArea, code)


def make_service(
    org,
    title,
    *,
    municipality,
    categories=(),
    groups=(),
    description="",
    hours=None,
    confidential=False,
    languages=(),
    access=(),
    conditions=(),
    point=True,
    **fields,
):
    """A published service with one location in `municipality` (at its point)."""
    service = ServicePageFactory(
        parent=org,
        title=title,
        description=description or f"{title}: στήριξη για όσους τη χρειάζονται.",
        categories=[greek(ServiceCategory, c) for c in categories],
        target_groups=[greek(TargetGroup, g) for g in groups],
        **fields,
    )
    service.languages.set([greek(Language, code) for code in languages])
    service.accessibility.set([greek(AccessibilityFeature, code) for code in access])
    service.access_conditions.set([greek(AccessCondition, code) for code in conditions])
    lat, lon = POINTS[municipality]
    ServiceLocationFactory(
        page=service,
        municipality=area(municipality),
        latitude=lat if point else None,
        longitude=lon if point else None,
        confidential=confidential,
        address_1="Οδός Μυστική 7" if confidential else "Οδός Ελευθερίας 12",
        city="Κρυφή Πόλη" if confidential else "",
    )
    for weekdays, opens, closes in hours or []:
        ServiceScheduleFactory(page=service, weekdays=weekdays, opens_at=opens, closes_at=closes)
    service.save_revision().publish()
    service.refresh_from_db()
    return service


def build_catalogue():
    """A dozen services in Attica and Kozani, chosen so each behaviour has a witness."""
    every_day = [(list(range(7)), datetime.time(0, 0), datetime.time(23, 59))]
    never_open = [([6], datetime.time(3, 0), datetime.time(3, 1))]
    peristeri_org = OrganisationPageFactory(title="Δήμος Περιστερίου", alternate_name="Κοινωνική Υπηρεσία")
    athens_org = OrganisationPageFactory(title="Δήμος Αθηναίων – Κέντρο Κοινότητας")
    kozani_org = OrganisationPageFactory(title="Δήμος Κοζάνης")
    ngo = OrganisationPageFactory(title="Αλληλεγγύη ΜΚΟ", legal_status="ngo")
    pages = {
        "nursery_peristeri": make_service(
            peristeri_org,
            "Βρεφονηπιακός Σταθμός Περιστερίου",
            municipality=PERISTERI,
            categories=["nursery"],
            groups=["children-teens"],
            hours=every_day,
            conditions=["free"],
        ),
        "nursery_peristeri_2": make_service(
            peristeri_org,
            "2ος Παιδικός Σταθμός Περιστερίου",
            municipality=PERISTERI,
            categories=["nursery"],
            groups=["children-teens"],
            hours=never_open,
        ),
        "nursery_athens": make_service(
            athens_org,
            "Παιδικός Σταθμός Κυψέλης",
            municipality=ATHENS,
            categories=["nursery"],
            hours=never_open,
        ),
        "nursery_marousi": make_service(
            athens_org,
            "Βρεφικός Σταθμός Αμαρουσίου",
            municipality=MAROUSI,
            categories=["nursery"],
        ),
        "care_home": make_service(
            ngo,
            "Μονάδα Φροντίδας Ηλικιωμένων «Η Αγάπη»",
            municipality=AIGALEO,
            categories=["care-home"],
            groups=["elderly"],
            description="Φιλοξενία και φροντίδα για ηλικιωμένους που δεν μπορούν να μείνουν μόνοι.",
        ),
        "kapi_marousi": make_service(
            athens_org,
            "ΚΑΠΗ Αμαρουσίου",
            municipality=MAROUSI,
            categories=["kapi"],
            groups=["elderly"],
            hours=every_day,
        ),
        "grocery_kozani": make_service(
            kozani_org,
            "Κοινωνικό Παντοπωλείο Κοζάνης",
            municipality=KOZANI,
            categories=["social-grocery"],
            groups=["unemployed"],
            conditions=["free"],
            languages=["el", "ar"],
            hours=every_day,
            description="Τρόφιμα και είδη πρώτης ανάγκης για οικογένειες με χαμηλό εισόδημα.",
        ),
        "meals_athens": make_service(
            athens_org,
            "Δημοτικό Συσσίτιο Αθήνας",
            municipality=ATHENS,
            categories=["food"],
            groups=["homeless"],
            conditions=["free"],
            access=["wheelchair"],
            description="Ζεστό γεύμα κάθε μεσημέρι για άστεγους και άπορους.",
        ),
        "disability_kozani": make_service(
            kozani_org,
            "Κέντρο Διημέρευσης για άτομα με αναπηρία",
            municipality=KOZANI,
            categories=["day-centre"],
            groups=["disability"],
        ),
        "psychologist_athens": make_service(
            ngo,
            "Ψυχολογική Υποστήριξη Ενηλίκων",
            municipality=ATHENS,
            categories=["counselling"],
            description="Δωρεάν συνεδρίες με ψυχολόγο, στα ελληνικά, αγγλικά και αραβικά.",
            conditions=["free"],
            languages=["el", "en", "ar"],
        ),
        "shelter": make_service(
            ngo,
            "Ξενώνας Φιλοξενίας Γυναικών",
            municipality=PERISTERI,
            categories=["shelter"],
            groups=["women-violence"],
            confidential=True,
            description="Ασφαλής φιλοξενία για γυναίκες θύματα βίας και τα παιδιά τους.",
        ),
    }
    practice = GoodPracticePageFactory(
        parent=kozani_org,
        title="Δίκτυο εθελοντών για το Κοινωνικό Παντοπωλείο",
        area=area(KOZANI),
        summary="Εθελοντές μοιράζουν τρόφιμα σε ηλικιωμένους στο σπίτι τους.",
    )
    practice.save_revision().publish()
    pages["practice"] = practice
    orgs = {"peristeri": peristeri_org, "athens": athens_org, "kozani": kozani_org, "ngo": ngo}
    return {name: page.pk for name, page in pages.items()}, {name: org.pk for name, org in orgs.items()}


@pytest.fixture(scope="module")
def catalogue_ids(request, django_db_setup, django_db_blocker):
    """The catalogue, built and indexed (PostgreSQL) once per test module and committed:
    building it through the real page lifecycle takes seconds, and every test of a
    module reads the same one. Each test still runs in a transaction, so what a test
    changes is rolled back; the catalogue is deleted when the module ends. A module
    may add pages of its own with a `build_extra_catalogue()` returning (pages, orgs)."""
    from django.db import transaction

    from search.backends.postgres import PostgresBackend
    from search.indexing import Indexer
    from search.models import SearchDocument, SearchLexicon, SearchPoint

    with django_db_blocker.unblock():
        with transaction.atomic():
            ids, org_ids = build_catalogue()
            extra = getattr(request.module, "build_extra_catalogue", None)
            if extra is not None:
                more_ids, more_org_ids = extra()
                ids, org_ids = {**ids, **more_ids}, {**org_ids, **more_org_ids}
        Indexer(PostgresBackend()).rebuild()
        try:
            yield ids, org_ids
        finally:
            from wagtail.models import Page

            for page in Page.objects.filter(pk__in=org_ids.values()):
                page.delete()
            SearchPoint.objects.all().delete()
            SearchDocument.objects.all().delete()
            SearchLexicon.objects.all().delete()


@pytest.fixture
def catalogue(catalogue_ids, db):
    from wagtail.models import Page

    ids, org_ids = catalogue_ids
    pages = {name: Page.objects.get(pk=pk).specific for name, pk in ids.items()}
    pages["orgs"] = {name: Page.objects.get(pk=pk).specific for name, pk in org_ids.items()}
    return pages


@pytest.fixture
def indexed(catalogue, backend):
    """The catalogue, in the backend under test (PostgreSQL has it from the module set-up)."""
    from search.indexing import Indexer

    if backend.name != "postgres":
        Indexer(backend).rebuild()
    return catalogue
