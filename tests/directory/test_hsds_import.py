"""`import_hsds`: good, partial and broken files, tabular packages, re-imports and drafts."""

import datetime
import json
import shutil
from io import StringIO
from pathlib import Path

import pytest

from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import translation

from wagtail.models import Page, Revision

from directory.hsds.importer import HsdsImporter
from directory.hsds.sources import load_records
from directory.models import (
    AccessibilityFeature,
    AdministrativeArea,
    OrganisationPage,
    ReviewFlag,
    ServiceLocation,
    ServicePage,
    TargetGroup,
)

DATA = Path(__file__).parent / "data"
GOOD = DATA / "hsds-good.json"
GROCERY_ID = "5df2a1a4-6eae-5fae-8b58-95ca9042dc84"

pytestmark = pytest.mark.django_db


def run_import(path, *options):
    """Run the command in English, so that assertions do not depend on compiled translations."""
    out, err = StringIO(), StringIO()
    with translation.override("en"):
        call_command("import_hsds", str(path), "--quiet-progress", *options, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def load(path):
    return json.loads(Path(path).read_text(encoding="utf-8"))


def write(tmp_path, records, name="changed.json"):
    target = tmp_path / name
    target.write_text(json.dumps(records, ensure_ascii=False), encoding="utf-8")
    return target


def service(title):
    return ServicePage.objects.get(title=title)


def codes(related):
    return sorted(term.code for term in related.all())


# A good file ------------------------------------------------------------------------------


def test_good_file_creates_published_organisations_and_services(directory_page):
    out, err = run_import(GOOD)

    assert "Services: 3 created, 0 updated, 0 unchanged, 0 rejected." in out
    assert "Organisations: 2 created" in out
    assert err == ""
    organisations = OrganisationPage.objects.child_of(directory_page)
    assert organisations.count() == 2
    assert ServicePage.objects.live().count() == 3

    grocery = service("Κοινωνικό Παντοπωλείο Κοζάνης")
    assert str(grocery.hsds_id) == GROCERY_ID
    assert grocery.slug == "koinoniko-pantopoleio-kozanis"
    assert grocery.live and grocery.get_latest_revision() is not None
    assert grocery.alternate_name == "Παντοπωλείο"
    assert grocery.minimum_age == 18 and grocery.maximum_age is None
    assert grocery.assured_date == datetime.date(2025, 1, 15)
    assert grocery.alert == "Κλειστό 15-20 Αυγούστου."
    assert codes(grocery.categories) == ["social-grocery"]
    assert codes(grocery.target_groups) == ["gmi-beneficiaries", "large-family"]
    assert codes(grocery.access_conditions) == ["documents", "free"]
    assert grocery.is_free
    assert codes(grocery.languages) == ["ar", "el"]
    assert codes(grocery.accessibility) == ["lift", "wheelchair"]
    assert [doc.document for doc in grocery.required_documents.all()] == [
        "Αστυνομική ταυτότητα",
        "Εκκαθαριστικό εφορίας",
    ]
    # The location's fax number is attached to the service.
    assert [(p.number, p.type) for p in grocery.phones.all()] == [("24610 27060", "voice"), ("+30 24610 27061", "fax")]

    weekly, closure = grocery.schedules.all()
    assert weekly.weekdays == [0, 1, 2, 3, 4]
    assert (weekly.opens_at, weekly.closes_at) == (datetime.time(9), datetime.time(14))
    assert not weekly.closes_next_day and not weekly.closed
    assert closure.closed and closure.valid_from == datetime.date(2025, 8, 15)

    (location,) = grocery.locations.all()
    assert location.municipality.code == "m-67"
    assert (location.address_1, location.address_2, location.postal_code, location.city) == (
        "Οδός Ελευθερίας 12",
        "Ισόγειο",
        "50100",
        "Κοζάνη",
    )
    assert (location.latitude, location.longitude) == (40.3007, 21.7887)
    assert location.accessibility_note == "Ράμπα στην είσοδο, ανελκυστήρας."
    assert location.transportation == "Αστική συγκοινωνία, γραμμή 1."

    organisation = grocery.get_parent().specific
    assert organisation.title == "Δήμος Κοζάνης - Κοινωνική Υπηρεσία"
    assert organisation.slug == "dimos-kozanis-koinoniki-ypiresia"
    assert organisation.tax_id == "090164000"
    assert organisation.legal_status == "municipal"
    assert [p.number for p in organisation.phones.all()] == ["2461 350 000"]
    assert [(i.identifier_type, i.identifier) for i in organisation.identifiers.all()] == [("ΓΕΜΗ", "123456789000")]
    # The parent organisation comes later in the file; it is linked at the end of the run.
    assert organisation.parent_organisation.title == "Κοινωνικό Δίκτυο Δυτικής Μακεδονίας"
    assert organisation.parent_organisation.legal_status == "other"


def test_an_api_page_of_services_is_accepted(directory_page, tmp_path):
    """The HSDS API's paginated answer ({"contents": [...]}) imports like a plain list."""
    page = {"total_items": 3, "page_number": 1, "contents": load(GOOD)}
    out, _err = run_import(write(tmp_path, page, "page.json"))
    assert "Services: 3 created" in out


def test_locations_get_municipalities_flags_and_overnight_hours(directory_page):
    run_import(GOOD)

    shelter = service("Ξενώνας φιλοξενίας γυναικών")
    secret, office = shelter.locations.all()
    assert secret.confidential and not office.confidential
    assert secret.municipality.code == "m-66"  # "Πτολεμαΐδα", the seat of Δήμος Εορδαίας
    assert office.municipality.code == "m-67"  # "ΔΗΜΟΣ ΚΟΖΑΝΗΣ"
    (night,) = shelter.schedules.all()
    assert night.closes_next_day and night.weekdays == list(range(7))

    counselling = service("Συμβουλευτικό κέντρο Αμαρουσίου")
    assert counselling.status == "temporarily closed"
    assert counselling.get_parent().specific.title == "Κοινωνικό Δίκτυο Δυτικής Μακεδονίας"
    assert counselling.locations.get().municipality.code == "m-176"  # "ΔΗΜΟΣ ΑΜΑΡΟΥΣΙΟΥ"


def test_person_emails_are_kept_for_the_operator_only(directory_page):
    """Who verified a listing (assurer_email) is kept for `export_hsds --full` (issue 10); the
    public outputs leave it out (tests/directory/test_hsds_roundtrip.py)."""
    run_import(GOOD)

    grocery = service("Κοινωνικό Παντοπωλείο Κοζάνης")
    assert grocery.email == "pantopoleio@kozani.gr"
    assert grocery.assurer_email == "elegktis@kozani.gr"
    assert grocery.assured_by == ""


# Importing again ----------------------------------------------------------------------------


def test_reimport_changes_nothing(directory_page):
    run_import(GOOD)
    pages, revisions = Page.objects.count(), Revision.objects.count()
    locations = list(ServiceLocation.objects.order_by("pk").values_list("pk", flat=True))

    out, _err = run_import(GOOD)

    assert "Services: 0 created, 0 updated, 3 unchanged, 0 rejected." in out
    assert "Organisations: 0 created, 0 updated, 2 unchanged." in out
    assert Page.objects.count() == pages
    assert Revision.objects.count() == revisions
    assert list(ServiceLocation.objects.order_by("pk").values_list("pk", flat=True)) == locations


def test_changed_record_is_updated_in_place(directory_page, tmp_path):
    run_import(GOOD)
    grocery = service("Κοινωνικό Παντοπωλείο Κοζάνης")
    location_pk = grocery.locations.get().pk
    revisions = Revision.objects.filter(object_id=str(grocery.pk)).count()

    records = load(GOOD)
    records[0]["name"] = "Κοινωνικό Παντοπωλείο Δήμου Κοζάνης"
    records[0]["phones"] = []
    records[0]["schedules"][0]["closes_at"] = "15:30"
    records[0]["required_documents"].reverse()
    records[0]["attributes"].append(
        {
            "id": "0b0d0a30-7d2b-4c1c-9c55-0e6f0c4b2a11",
            "taxonomy_term": {
                "id": "0b0d0a30-7d2b-4c1c-9c55-0e6f0c4b2a12",
                "code": "unemployed",
                "name": "x",
                "description": "",
                "taxonomy": "koinonia-target-group",
            },
        }
    )
    out, _err = run_import(write(tmp_path, records))

    assert "Services: 0 created, 1 updated, 2 unchanged, 0 rejected." in out
    grocery = ServicePage.objects.get(pk=grocery.pk)
    assert grocery.title == "Κοινωνικό Παντοπωλείο Δήμου Κοζάνης"
    assert grocery.slug == "koinoniko-pantopoleio-kozanis"  # links keep working
    assert grocery.live and not grocery.has_unpublished_changes
    assert [p.type for p in grocery.phones.all()] == ["fax"]  # only the location's phone is left
    assert grocery.schedules.first().closes_at == datetime.time(15, 30)
    assert [doc.document for doc in grocery.required_documents.all()][0] == "Εκκαθαριστικό εφορίας"
    assert "unemployed" in codes(grocery.target_groups)
    assert grocery.locations.get().pk == location_pk
    assert Revision.objects.filter(object_id=str(grocery.pk)).count() == revisions + 1


def test_service_moves_with_its_organisation(directory_page, tmp_path):
    run_import(GOOD)
    records = load(GOOD)
    records[2]["organization"] = records[0]["organization"]
    records[2]["organization_id"] = records[0]["organization"]["id"]

    out, _err = run_import(write(tmp_path, records))

    assert "1 updated" in out
    counselling = service("Συμβουλευτικό κέντρο Αμαρουσίου")
    assert counselling.get_parent().specific.title == "Δήμος Κοζάνης - Κοινωνική Υπηρεσία"


def test_confidential_location_absent_from_a_file_is_kept(directory_page, tmp_path):
    run_import(GOOD)
    records = load(GOOD)
    del records[1]["service_at_locations"][0]  # the shelter's confidential address

    out, _err = run_import(write(tmp_path, records))

    assert "3 unchanged" in out
    assert service("Ξενώνας φιλοξενίας γυναικών").locations.filter(confidential=True).count() == 1


# Drafts -----------------------------------------------------------------------------------


def test_draft_import_creates_unpublished_pages(directory_page):
    out, _err = run_import(GOOD, "--draft")

    assert "3 created" in out
    assert ServicePage.objects.count() == 3
    assert not ServicePage.objects.live().exists()
    assert not OrganisationPage.objects.live().exists()
    assert all(page.has_unpublished_changes and page.latest_revision_id for page in ServicePage.objects.all())

    out, _err = run_import(GOOD, "--draft")
    assert "0 created, 0 updated, 3 unchanged" in out

    out, _err = run_import(GOOD)  # publishing the same data publishes the drafts
    assert "0 created, 3 updated, 0 unchanged" in out
    assert ServicePage.objects.live().count() == 3


def test_draft_import_leaves_live_content_alone(directory_page, tmp_path):
    run_import(GOOD)
    records = load(GOOD)
    records[0]["description"] = "Νέα περιγραφή, προς έγκριση."

    out, _err = run_import(write(tmp_path, records), "--draft")

    assert "1 updated" in out
    grocery = service("Κοινωνικό Παντοπωλείο Κοζάνης")
    assert grocery.live and grocery.has_unpublished_changes
    assert grocery.description == "Περιγραφή: Κοινωνικό Παντοπωλείο Κοζάνης."
    assert grocery.get_latest_revision_as_object().description == "Νέα περιγραφή, προς έγκριση."

    out, _err = run_import(write(tmp_path, records), "--draft")
    assert "0 updated, 3 unchanged" in out


# A partial file ---------------------------------------------------------------------------


def test_partial_file_rejects_only_what_cannot_be_a_listing_and_warns_about_the_rest(directory_page):
    """Issue 10: a record is rejected only without an id, a name or an organisation, or
    when it is no object; everything else imports, each repair a warning and a review flag."""
    out, err = run_import(DATA / "hsds-partial.json")

    assert "Services: 8 created, 0 updated, 0 unchanged, 3 rejected." in out
    lines = err.splitlines()

    def rejected(index):
        return [line for line in lines if f"record {index} " in line or f"record {index}:" in line]

    assert any("name" in line and "A service needs a name" in line for line in rejected(2))
    assert rejected(8)  # not an object at all
    assert any(": organization:" in line for line in rejected(10))
    assert not any(rejected(index) for index in (1, 3, 4, 5, 6, 7, 9, 11))

    # What used to cost the record is now a warning, with the value as it was.
    assert "The id 'not-a-uuid' is not a UUID" in out
    assert "outside Greece" in out and "The point was dropped" in out
    assert "morning hours cannot run overnight; these hours were dropped" in out
    assert "cannot be dialled; it was kept as text" in out
    assert "is not a Greek tax number" in out
    far_away = service("Υπηρεσία far-away")
    assert far_away.locations.get().latitude is None
    assert not service("Υπηρεσία morning").schedules.filter(opens_at__hour=9, closes_at__hour=5).exists()
    bad_phone = service("Υπηρεσία bad-phone").phones.get()
    assert bad_phone.tel_uri == ""
    assert service("Υπηρεσία no-description").description == ""
    assert service("Υπηρεσία bad-tax-id").get_parent().specific.tax_id == ""
    assert ReviewFlag.objects.filter(page=bad_phone.page, kind="phone-not-diallable").exists()

    # An unknown term costs a warning, not the service; a known name without a code still matches.
    assert "aliens" in out
    unknown = service("Υπηρεσία unknown-term")
    assert codes(unknown.target_groups) == ["elderly"]


def test_a_record_failing_half_way_leaves_nothing_behind(directory_page):
    """The organisation is written first; when its service then fails, the organisation goes too."""

    class FailingOnGrocery(HsdsImporter):
        fast_paths = False  # the record-by-record path (the bulk one: tests/directory/test_hsds_bulk.py)

        def _save_service(self, mapped, organisation):
            if mapped.fields["title"] == "Κοινωνικό Παντοπωλείο Κοζάνης":
                raise ValidationError({"title": "refused for the test"})
            return super()._save_service(mapped, organisation)

    report = FailingOnGrocery().run(load_records(GOOD))

    assert (report.services["rejected"], report.services["created"]) == (1, 2)
    assert report.rejections[0].problems == [("title", "refused for the test")]
    assert report.organisations["created"] == 1
    # Its organisation (used by no other record) was created inside the failed record, so it is gone.
    assert list(OrganisationPage.objects.values_list("title", flat=True)) == ["Κοινωνικό Δίκτυο Δυτικής Μακεδονίας"]
    assert not ServicePage.objects.filter(title="Κοινωνικό Παντοπωλείο Κοζάνης").exists()
    assert directory_page.get_children().count() == 2  # the network and the good practices index


# Broken files -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "message"),
    [
        (DATA / "broken-not-json.json", "not valid JSON"),
        (DATA / "broken-wrong-top.json", "expected a list of HSDS service objects"),
        (DATA / "no-such-file.json", "No such file"),
        (DATA / "tabular-broken", "not valid CSV"),
        (DATA / "tabular" / "services.csv", "datapackage.json"),
        (DATA, "without a datapackage.json"),
    ],
)
def test_broken_files_end_with_a_clear_message(directory_page, path, message):
    with pytest.raises(CommandError, match=message):
        run_import(path)
    assert not ServicePage.objects.exists()


def test_csv_with_a_wrong_number_of_values_is_refused(directory_page, tmp_path):
    package = tmp_path / "package"
    shutil.copytree(DATA / "tabular", package)
    with open(package / "services.csv", "a", encoding="utf-8") as fh:
        fh.write("one,two\n")

    with pytest.raises(CommandError, match="services.csv line 4 has 2 values for 7 columns"):
        run_import(package)


def test_package_paths_must_stay_in_their_folder(directory_page, tmp_path):
    (tmp_path / "datapackage.json").write_text(
        json.dumps({"resources": [{"name": "service", "path": "../../etc/services.csv"}]})
    )
    with pytest.raises(CommandError, match="outside its folder"):
        run_import(tmp_path)


# Tabular data packages --------------------------------------------------------------------


def test_tabular_package_imports_like_json(directory_page, term):
    out, err = run_import(DATA / "tabular" / "datapackage.json")

    assert "Services: 2 created, 0 updated, 0 unchanged, 0 rejected." in out, out + err
    soup = service("Συσσίτιο Αγίου Νικολάου")
    assert codes(soup.categories) == ["food"]
    assert codes(soup.target_groups) == ["homeless"]
    assert soup.is_free
    assert codes(soup.languages) == ["el", "en"]  # "Αγγλικά" has no code: matched by name
    assert soup.assured_date == datetime.date(2025, 3, 1)
    # The phone row names service, location and organisation: it belongs to the service, once.
    # The location's own mobile number is attached to the service too.
    assert [(p.number, p.extension, p.type) for p in soup.phones.all()] == [
        ("210 411 0000", "12", "voice"),
        ("6900000000", "", "cell"),
    ]
    (hours,) = soup.schedules.all()
    assert (hours.opens_at, hours.closes_at, hours.weekdays) == (
        datetime.time(12, 30),
        datetime.time(14),
        list(range(7)),
    )
    (location,) = soup.locations.all()
    assert location.municipality == term(AdministrativeArea, "m-209")
    assert location.latitude == 37.9429
    organisation = soup.get_parent().specific
    assert organisation.legal_status == "church"
    assert [p.number for p in organisation.phones.all()] == ["210 411 1111"]

    clothes = service("Ιματιοθήκη")
    assert clothes.minimum_age == 16
    assert clothes.locations.get().hsds_location_id == location.hsds_location_id
    assert clothes.get_parent().pk == organisation.pk

    out, _err = run_import(DATA / "tabular")  # the folder works too, and nothing changes
    assert "0 created, 0 updated, 2 unchanged" in out


# Scale ------------------------------------------------------------------------------------


def test_terms_are_looked_up_once_per_run(directory_page, django_assert_max_num_queries, term):
    """Taxonomy and area lookups are cached: a second service costs no more lookups than the first."""
    records = load(GOOD)[:1]
    importer = HsdsImporter()
    importer.run(load_records(GOOD)[:1])
    assert TargetGroup.objects.filter(code="gmi-beneficiaries").exists()
    reader = importer.reader
    with django_assert_max_num_queries(0):
        reader.read(records[0])
    assert reader.vocabulary.term(AccessibilityFeature, "lift", "") == term(AccessibilityFeature, "lift")
