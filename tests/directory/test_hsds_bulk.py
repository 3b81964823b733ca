"""The importer's fast paths (directory/hsds/writer.py): bulk creation and skipping by hash.

New records are written in chunks with COPY instead of page by page; these tests hold
that what lands in the database is what the record-by-record path would have left
(the tree, revisions, history, search, references, inline objects, terms), that a
record the database refuses is rejected alone, and that a re-import skips unchanged
records by their hash but still notices changes, editors' edits included.
"""

import json
import re
import uuid
from pathlib import Path

import pytest

from django.db import connection
from django.test import Client

from wagtail.models import Page, PageLogEntry, ReferenceIndex, Revision
from wagtail.search.models import IndexEntry

from directory.hsds.importer import HsdsImporter
from directory.hsds.sources import load_records
from directory.models import ImportFingerprint, OrganisationPage, ServiceLocation, ServicePage
from search.models import SearchDocument

GOOD = Path(__file__).parent / "data" / "hsds-good.json"
UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")

pytestmark = pytest.mark.django_db


def registry(services, organisations=3):
    """`services` records cloned from the good file's first one, spread over `organisations`
    new organisations (one of them, as in the file, a child of the network of records 2–3),
    with the mess of real registries in some of them."""
    template = json.loads(GOOD.read_text(encoding="utf-8"))
    first, network = template[0], template[1]["organization"]

    def reid(value, namespace):
        text = json.dumps(value, ensure_ascii=False)
        text = UUID.sub(lambda m: str(uuid.uuid5(uuid.UUID(m.group(0)), namespace)), text)
        return json.loads(text)

    orgs = []
    for number in range(organisations):
        org = reid(first["organization"], f"org-{number}")
        org["name"] = f"{org['name']} {number}"
        org["parent_organization_id"] = network["id"]  # the network, created by the same chunk
        orgs.append(org)
    records = []
    for number in range(services):
        record = reid({k: v for k, v in first.items() if k not in ("organization", "organization_id")}, f"s-{number}")
        org = orgs[number % organisations]
        record.update(organization=org, organization_id=org["id"], name=f"{first['name']} {number}")
        if number % 4 == 1:
            record["phones"][0]["number"] = "+30 24610 27060"  # written another way
        if number % 4 == 2:
            record["name"] = record["name"].upper()  # capitals without accents
        if number % 5 == 3:
            record["description"] = "Food parcels and vouchers for families in need (English text)."
        records.append(record)
    # The network itself, so that the organisations above have their parent in the file.
    records.append(template[1])
    return records


def write(tmp_path, records, name="registry.json"):
    target = tmp_path / name
    target.write_text(json.dumps(records, ensure_ascii=False), encoding="utf-8")
    return target


def run(path, **options):
    importer = HsdsImporter(**options)
    report = importer.run(load_records(path))
    return importer, report


def tree_problems():
    return [problems for problems in Page.find_problems() if problems]


# Creating in bulk ---------------------------------------------------------------------


def test_a_first_import_creates_pages_in_bulk_as_the_usual_path_would(directory_page, tmp_path):
    records = registry(12)
    path = write(tmp_path, records)

    importer, report = run(path)

    assert (report.services["created"], report.services["rejected"]) == (13, 0)
    assert report.organisations["created"] == 4
    assert importer.fast.created_in_bulk == 13 and importer.fast.chunks_written_one_by_one == 0
    assert tree_problems() == []
    services = list(ServicePage.objects.filter(hsds_id__in=[record["id"] for record in records[:12]]))
    assert len(services) == 12
    assert len({page.translation_key for page in services}) == 12
    for page in services:
        assert page.live and not page.has_unpublished_changes
        assert page.latest_revision_id == page.live_revision_id is not None
        assert page.first_published_at and page.latest_revision_created_at
        assert page.locale_id == directory_page.locale_id
        assert page.url_path == page.get_parent().url_path + page.slug + "/"
        revision = Revision.objects.get(pk=page.latest_revision_id)
        assert revision.object_id == str(page.pk) and revision.content["title"] == page.title
        as_revised = page.get_latest_revision_as_object()
        assert [loc.name for loc in as_revised.locations.all()] == [loc.name for loc in page.locations.all()]
        actions = set(PageLogEntry.objects.filter(page_id=page.pk).values_list("action", flat=True))
        assert actions == {"wagtail.create", "wagtail.publish"}
        assert page.locations.count() == 1 and page.schedules.exists() and page.phones.exists()
        assert page.categories.exists() and page.target_groups.exists()
        # What the reference index would hold had the page been saved one by one.
        recorded = set(
            ReferenceIndex.objects.filter(object_id=str(page.pk), base_content_type__model="page").values_list(
                "to_content_type_id", "to_object_id", "model_path", "content_path"
            )
        )
        assert recorded and recorded == set(ReferenceIndex._extract_references_from_object(page))
        assert IndexEntry.objects.filter(object_id=str(page.pk)).exists()  # Wagtail's admin search
        assert SearchDocument.objects.filter(page_id=page.pk).exists()  # the public search
        assert ImportFingerprint.objects.get(page=page).revision_pk == page.latest_revision_id
    # The organisations: children counted, parents linked inside the same chunk.
    network = OrganisationPage.objects.get(title="Κοινωνικό Δίκτυο Δυτικής Μακεδονίας")
    for org in OrganisationPage.objects.filter(parent_organisation=network):
        assert org.numchild == 4 and org.get_children().count() == 4
    assert OrganisationPage.objects.filter(parent_organisation=network).count() == 3
    # The page is served.
    response = Client().get(services[0].url)
    assert response.status_code == 200


def test_what_bulk_creation_wrote_is_what_the_usual_path_compares_equal(directory_page, tmp_path):
    """Without the hashes, the record-by-record path compares each page field by field
    with the file: every bulk-created page must be found unchanged, with no new revision."""
    path = write(tmp_path, registry(6))
    run(path)
    ImportFingerprint.objects.all().delete()
    revisions = Revision.objects.count()

    importer, report = run(path)

    assert (report.services["unchanged"], report.services["updated"]) == (7, 0)
    assert report.organisations["unchanged"] == 4
    assert Revision.objects.count() == revisions
    assert ImportFingerprint.objects.count() == 7 + 4  # learnt again, for next time


def test_new_services_of_an_existing_organisation_go_under_its_last_child(directory_page, tmp_path):
    records = registry(4, organisations=1)
    run(write(tmp_path, records[:2] + records[-1:]))
    more = registry(8, organisations=1)[4:8]

    importer, report = run(write(tmp_path, more, "more.json"))

    # The first record compares the existing organisation the usual way; the others go in bulk.
    assert report.services["created"] == 4 and importer.fast.created_in_bulk == 3
    assert tree_problems() == []
    org = OrganisationPage.objects.get(hsds_id=records[0]["organization_id"])
    assert org.numchild == 6
    assert len({child.slug for child in org.get_children()}) == 6


def test_a_record_the_database_refuses_is_rejected_alone(directory_page, tmp_path):
    """A real database failure in the middle of a chunk (a trigger refusing one row): the
    chunk is rolled back and written again record by record; only that record is lost."""
    records = registry(5)
    records[2]["description"] = "REFUSE-ME"
    with connection.cursor() as cursor:
        cursor.execute(
            "CREATE FUNCTION refuse_me() RETURNS trigger AS $$ BEGIN "
            "IF NEW.description = 'REFUSE-ME' THEN RAISE EXCEPTION 'refused for the test'; END IF; "
            "RETURN NEW; END $$ LANGUAGE plpgsql"
        )
        cursor.execute(
            "CREATE TRIGGER refuse_me BEFORE INSERT OR UPDATE ON directory_servicepage "
            "FOR EACH ROW EXECUTE FUNCTION refuse_me()"
        )

    importer, report = run(write(tmp_path, records))

    assert (report.services["created"], report.services["rejected"]) == (5, 1)
    assert importer.fast.chunks_written_one_by_one == 1
    assert "refused for the test" in report.rejections[0].problems[0][1]
    assert report.rejections[0].hsds_id == records[2]["id"]
    assert not ServicePage.objects.filter(hsds_id=records[2]["id"]).exists()
    assert not Page.objects.filter(title=records[2]["name"]).exists()
    assert tree_problems() == []
    assert ServicePage.objects.live().count() == 5


# Drafts -------------------------------------------------------------------------------


def test_a_draft_import_creates_drafts_in_bulk(directory_page, tmp_path):
    records = registry(4)
    path = write(tmp_path, records)
    places = {record["id"]: len(record["service_at_locations"]) for record in records}

    importer, report = run(path, draft=True)

    assert report.services["created"] == 5 and importer.fast.created_in_bulk == 5
    assert tree_problems() == []
    assert not ServicePage.objects.live().exists() and not OrganisationPage.objects.live().exists()
    for page in ServicePage.objects.all():
        assert page.has_unpublished_changes and page.latest_revision_id and page.live_revision_id is None
        assert set(PageLogEntry.objects.filter(page_id=page.pk).values_list("action", flat=True)) == {"wagtail.create"}
        # As before: inline objects live in the draft revision until it is published.
        assert not ServiceLocation.objects.filter(page=page).exists()
        assert page.get_latest_revision_as_object().locations.count() == places[str(page.hsds_id)]

    _importer, report = run(path, draft=True)
    assert (report.services["unchanged"], report.services["updated"]) == (5, 0)

    _importer, report = run(path)  # publishing the same data publishes the drafts
    assert (report.services["updated"], report.services["unchanged"]) == (5, 0)
    assert ServicePage.objects.live().count() == 5
    assert all(page.locations.count() == places[str(page.hsds_id)] for page in ServicePage.objects.all())


# Re-imports ---------------------------------------------------------------------------


def test_an_unchanged_reimport_skips_every_record_by_its_hash(directory_page, tmp_path, django_assert_max_num_queries):
    path = write(tmp_path, registry(20))
    run(path)
    revisions, pages = Revision.objects.count(), Page.objects.count()
    records = load_records(path)
    importer = HsdsImporter()

    # The usual path loads and compares each page: well over ten queries a record.
    with django_assert_max_num_queries(len(records) * 3 + 20):
        report = importer.run(records)

    assert (report.services["unchanged"], report.services["updated"], report.services["created"]) == (21, 0, 0)
    assert report.organisations["unchanged"] == 4
    assert (Revision.objects.count(), Page.objects.count()) == (revisions, pages)


def test_a_changed_record_is_updated_and_its_hash_renewed(directory_page, tmp_path):
    records = registry(6)
    path = write(tmp_path, records)
    run(path)
    records[3]["name"] = "Κοινωνικό Φαρμακείο"
    records[3]["phones"][0]["number"] = "2461 027061"

    _importer, report = run(write(tmp_path, records, "changed.json"))

    assert (report.services["updated"], report.services["unchanged"]) == (1, 6)
    page = ServicePage.objects.get(hsds_id=records[3]["id"])
    phone = page.phones.get(hsds_id=records[3]["phones"][0]["id"])
    assert page.title == "Κοινωνικό Φαρμακείο" and phone.number.replace(" ", "") == "2461027061"
    assert ImportFingerprint.objects.get(page=page).revision_pk == page.latest_revision_id

    _importer, report = run(write(tmp_path, records, "changed.json"))
    assert (report.services["updated"], report.services["unchanged"]) == (0, 7)


def test_an_editors_change_is_noticed_although_the_file_is_unchanged(directory_page, tmp_path):
    """The hash describes the page as the import left it; after an editor's revision the
    page is compared in full again (and the file's data applied, as before hashes)."""
    records = registry(3)
    path = write(tmp_path, records)
    run(path)
    page = ServicePage.objects.get(hsds_id=records[1]["id"])
    page.title = "Edited in the admin"
    page.save_revision().publish()

    _importer, report = run(path)

    assert (report.services["updated"], report.services["unchanged"]) == (1, 3)
    page.refresh_from_db()
    assert page.title == records[1]["name"]


def test_a_records_hash_follows_its_content_and_the_import_options(directory_page):
    record = load_records_from(registry(1)[:1])[0]
    published, draft = HsdsImporter().fast, HsdsImporter(draft=True).fast
    published.importer._nested_organisations = draft.importer._nested_organisations = {}
    value = published.service_hash(record)

    reordered = type(record)(index=record.index, data=dict(reversed(list(record.data.items()))))
    assert published.service_hash(reordered) == value  # key order is no change
    assert draft.service_hash(record) != value  # a draft import writes differently
    record.data["name"] += "!"
    assert published.service_hash(record) != value


def load_records_from(records):
    from directory.hsds.importer import SourceRecord

    return [SourceRecord(index=number, data=data) for number, data in enumerate(records, start=1)]
