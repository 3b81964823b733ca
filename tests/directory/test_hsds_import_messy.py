"""The forgiving importer on real-world data (issue 10): messy registries import, with warnings.

The data sets in data/messy/ (written by data/messy/make_messy.py) carry the defects of
real registries: a Greek regional registry and a US 211 directory. Only records that
cannot be listings are rejected; every value that was normalised or dropped is a
warning in the report and a review flag on its page, and a second import of the same
file changes nothing and flags nothing twice.
"""

import csv
import io
import json
import re
from pathlib import Path

import pytest

from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import translation

from wagtail.models import Locale

from directory.hsds.importer import import_file
from directory.hsds.normalise import stable_uuid
from directory.models import DirectoryIndexPage, OrganisationPage, ReviewFlag, ServicePage, ServicePhone
from directory.phones import read_phone_field, tel_uri

MESSY = Path(__file__).parent / "data" / "messy"
GREEK = MESSY / "registry-gr.json"
US = MESSY / "us-211.json"
FORMULA = '=HYPERLINK("http://evil.example/","Πατήστε")'

pytestmark = pytest.mark.django_db


def run_import(path, *options):
    out, err = io.StringIO(), io.StringIO()
    with translation.override("en"):
        call_command("import_hsds", str(path), "--quiet-progress", *options, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def counts(out):
    found = re.search(r"Services: (\d+) created, (\d+) updated, (\d+) unchanged, (\d+) rejected\.", out)
    return tuple(int(n) for n in found.groups())


def cannot_be_listings(path):
    """Records of a file with no id, no name, no organisation or no object, and repeated ids."""
    seen, bad = set(), 0
    for record in json.loads(path.read_text(encoding="utf-8")):
        if not isinstance(record, dict):
            bad += 1
            continue
        org = (record.get("organization") or {}).get("id") or record.get("organization_id")
        if not record.get("id") or not str(record.get("name") or "").strip() or not org or str(record["id"]) in seen:
            bad += 1
        seen.add(str(record.get("id")))
    return bad


def greek_service(name_start):
    return ServicePage.objects.filter(locale__language_code="el", title__startswith=name_start)


# The Greek regional registry -----------------------------------------------------------------


def test_greek_registry_imports_every_listing_and_rejects_the_rest_with_reasons(directory_page, tmp_path):
    total = len(json.loads(GREEK.read_text(encoding="utf-8")))
    unlisted = cannot_be_listings(GREEK)
    report = tmp_path / "report.csv"

    out, err = run_import(GREEK, "--report", str(report))

    created, updated, unchanged, rejected = counts(out)
    importable = total - unlisted
    assert created + updated + unchanged >= 0.99 * importable, out + err
    assert rejected == total - created - updated - unchanged
    assert rejected <= unlisted + importable // 100
    # Each rejection says why, naming what a listing cannot do without.
    assert "A service needs an id" in err
    assert "A service needs a name" in err
    assert "Every service needs the organisation" in err
    assert "A service must be a JSON object" in err
    assert "This id was already used by an earlier record" in err
    # The summary groups the warnings by kind, with a count and examples.
    assert re.search(r"Warnings: \d+, by kind:", out)
    for kind in ("url-scheme-added", "url-dropped", "phone-split", "phone-not-diallable", "name-shortened"):
        assert re.search(rf"\({kind}\): \d+", out), kind
    assert "values flagged for review in the admin" in out

    # The CSV report has every warning and rejection, and no live formula.
    rows = list(csv.reader(io.StringIO(report.read_text(encoding="utf-8-sig"))))
    header, rows = rows[0], rows[1:]
    assert header[:2] == ["record", "where"] and header[-1] == "value in the file"
    assert sum(1 for row in rows if row[3] == "rejected") >= rejected
    assert any(row[4] == "phone-not-diallable" and row[-1] == "210" for row in rows)
    for row in rows:
        for cell in row:
            assert not cell.startswith(("=", "+", "-", "@")), row
    assert any(row[-1] == "'" + FORMULA for row in rows)  # a formula in the file is text in the report

    # A second import of the same file: everything unchanged, no flag twice.
    flags = ReviewFlag.objects.count()
    assert flags > 0
    out, err = run_import(GREEK)
    assert counts(out) == (0, 0, created + updated + unchanged, rejected), out
    assert "Organisations: 0 created, 0 updated," in out
    assert ReviewFlag.objects.count() == flags
    assert "values flagged for review" not in out


def test_greek_registry_values_are_normalised_and_flagged(directory_page, client):
    report = import_file(GREEK)

    # Phones: several in one field, trailing commas, extensions, ranges, hotlines, and "210".
    numbers = set(ServicePhone.objects.values_list("number", "extension"))
    assert ("2108020938", "") in numbers  # "2108020938,"
    assert ("210-6218400", "404") in numbers  # "210-6218400-404"
    assert {("2108020938", ""), ("2108020939", "")} <= numbers  # "2108020938-39"
    assert ("15900", "") in numbers
    assert ("210", "") in numbers  # kept as text for a person to fix...
    undiallable = ServicePhone.objects.filter(number="210").first()
    assert undiallable.tel_uri == ""  # ...never a tel: link
    assert ReviewFlag.objects.filter(page=undiallable.page, kind="phone-not-diallable", original_value="210").exists()
    split = ServicePhone.objects.filter(number__in=["2331 350000", "2331 350001"]).values_list("page", flat=True)
    assert len(set(split)) < len(split)  # the two numbers of one field are two phones of one service

    # A page shows the phone kept as text, without a link, and the other phones as links.
    page = undiallable.page.specific
    html = client.get(page.url).content.decode()
    assert '<span dir="ltr">210</span>' in html and 'href="tel:210"' not in html

    # Web addresses: the scheme added, the invalid ones dropped, both flagged with the original.
    websites = set(ServicePage.objects.values_list("website", flat=True))
    assert "https://www.dimos-m0.gr" in websites
    assert not any(" " in url or url.startswith("http//") for url in websites)
    assert ReviewFlag.objects.filter(kind="url-scheme-added", field="url", original_value="www.dimos-m0.gr").exists()
    assert ReviewFlag.objects.filter(kind="url-dropped", original_value__startswith="http//").exists()

    # A 300-character name: the title is shortened, the whole name kept, shown and exported.
    long = ServicePage.objects.exclude(full_name="").first()
    assert len(long.full_name) == 300 and len(long.title) <= 255 and long.title.endswith("…")
    assert long.full_name.startswith(long.title[:-1])
    assert ReviewFlag.objects.filter(page=long, kind="name-shortened", original_value=long.full_name).exists()
    response = client.get(long.url)
    assert long.full_name in response.content.decode()
    long_org = OrganisationPage.objects.exclude(full_name="").first()
    assert long_org is not None and len(long_org.full_name) == 300

    # Capitals without accents still find their municipality; "" and odd formats are read or dropped.
    kozani = greek_service("ΚΟΙΝΩΝΙΚΟ ΦΑΡΜΑΚΕΙΟ ΔΗΜΟΣ ΚΟΖΑΝΗΣ").first()
    if kozani is not None and kozani.locations.exists():
        assert kozani.locations.first().municipality.name == "Δήμος Κοζάνης"
    assert ReviewFlag.objects.filter(kind="value-changed", field="assured_date", original_value="15/01/2025").exists()
    dated = ReviewFlag.objects.filter(kind="value-changed", field="assured_date", original_value="15/01/2025").first()
    assert str(dated.page.specific.assured_date) == "2025-01-15"
    assert ReviewFlag.objects.filter(kind="value-dropped", original_value="31/02/2025").exists()
    # A swapped point is dropped, not the service; a comma decimal is read.
    assert ReviewFlag.objects.filter(kind="value-dropped", field__endswith="location.latitude").exists()
    # Registry codes as ids become stable UUIDs (so the second import finds them again):
    # said in the report, but nothing for a person to review.
    assert any(w.field == "id" and w.original.startswith("ΜΚΔ-") for w in report.warnings)
    assert not ReviewFlag.objects.filter(field="id").exists()
    # The organisation's own defects flag the organisation page, once.
    assert ReviewFlag.objects.filter(page__in=OrganisationPage.objects.all(), field="organization.tax_id").exists()
    assert not ReviewFlag.objects.filter(page__in=OrganisationPage.objects.all(), field__startswith="url").exists()


def test_a_fixed_source_resolves_its_flags_and_a_new_value_opens_them_again(directory_page, tmp_path):
    records = json.loads(GREEK.read_text(encoding="utf-8"))
    target = next(r for r in records if isinstance(r, dict) and r.get("phones") and r["phones"][0]["number"] == "210")
    path = tmp_path / "registry.json"
    path.write_text(json.dumps(records, ensure_ascii=False), encoding="utf-8")
    import_file(path)
    page = ServicePage.objects.get(hsds_id=stable_uuid(target["id"]))
    flag = ReviewFlag.objects.get(page=page, kind="phone-not-diallable", field="phones[0].number")
    assert flag.original_value == "210"
    flag_page = flag.page_id

    target["phones"][0]["number"] = "210 8020938"
    path.write_text(json.dumps(records, ensure_ascii=False), encoding="utf-8")
    report = import_file(path)
    flag.refresh_from_db()
    assert flag.resolved_at is not None and flag.resolved_by is None
    assert report.services["updated"] >= 1

    target["phones"][0]["number"] = "21"
    path.write_text(json.dumps(records, ensure_ascii=False), encoding="utf-8")
    import_file(path)
    flag.refresh_from_db()
    assert flag.resolved_at is None and flag.original_value == "21"
    assert ReviewFlag.objects.filter(page_id=flag_page, kind="phone-not-diallable").count() == 1


# The US 211 directory, in English ------------------------------------------------------------


def test_us_211_file_imports_in_english_with_us_phones(directory_page, client):
    total = len(json.loads(US.read_text(encoding="utf-8")))
    unlisted = cannot_be_listings(US)

    out, err = run_import(US, "--region", "US", "--language", "en")

    created, updated, unchanged, rejected = counts(out)
    assert created >= 0.99 * (total - unlisted), out + err
    english = Locale.objects.get(language_code="en")
    pages = ServicePage.objects.filter(locale=english)
    assert pages.count() == created
    assert not ServicePage.objects.filter(locale__language_code="el").exists()
    social_map = DirectoryIndexPage.objects.get(locale=english)
    assert all(page.get_parent().get_parent().pk == social_map.pk for page in pages[:5])
    assert pages.filter(live=True).count() == created

    numbers = dict(ServicePhone.objects.values_list("number", "extension"))
    assert "+1 786-478-6899" in numbers
    assert numbers.get("+1 305-555-0100") == "12"
    phone = ServicePhone.objects.filter(number="+1 786-478-6899").first()
    assert phone.tel_uri == "tel:+17864786899"
    assert ServicePhone.objects.filter(number="Call 911").exists()
    assert tel_uri("Call 911") == ""

    # US dates read month first; 12-hour times read; points in Florida dropped, not the services.
    assert ReviewFlag.objects.filter(field="assured_date", original_value="03/15/2024").exists()
    assert str(pages.filter(assured_date__isnull=False).first().assured_date).startswith("2024-03-15")
    assert ReviewFlag.objects.filter(kind="value-changed", original_value="5:00 PM").exists()
    assert ReviewFlag.objects.filter(kind="value-dropped", field__endswith="location.latitude").exists()
    # ZIP+4 kept whole; unknown AIRS terms cost a warning, not the service.
    assert "33101-1234" in set(pages.first().locations.model.objects.values_list("postal_code", flat=True))
    assert "(not-matched)" in out

    # The English page is served under /en/ with its phone as a link.
    html = client.get(phone.page.specific.url).content.decode()
    assert "tel:+17864786899" in html

    out, err = run_import(US, "--region", "US", "--language", "en")
    assert counts(out) == (0, 0, created, rejected), out
    assert "Organisations: 0 created, 0 updated," in out


def test_an_unknown_language_or_region_is_refused_with_a_clear_message(directory_page):
    with pytest.raises(CommandError, match="'xx' is not a language of the site"):
        run_import(US, "--language", "xx")
    with pytest.raises(CommandError, match="'USA' is not a country code"):
        run_import(US, "--region", "USA")
    assert not ServicePage.objects.exists()


# The entry point of the admin's import screen ---------------------------------------------------


def test_import_file_returns_a_report_with_summary_and_csv(directory_page):
    report = import_file(US, region="US", language="en", draft=True)

    summary = report.summary()
    assert summary["services"]["created"] == report.services["created"] > 0
    assert summary["services"]["rejected"] == len(report.rejections) > 0
    kinds = {group["kind"]: group for group in summary["warnings"]}
    assert kinds["phone-split"]["count"] >= 1 and kinds["phone-split"]["examples"]
    assert ServicePage.objects.filter(live=False).count() == report.services["created"]
    out = io.StringIO()
    report.write_csv(out)
    lines = out.getvalue().splitlines()
    assert len(lines) == 1 + sum(len(r.problems) for r in report.rejections) + len(report.warnings)


# The one reading of phone numbers --------------------------------------------------------------


@pytest.mark.parametrize(
    "text,region,phones,kinds",
    [
        ("2108020938,", "GR", [("2108020938", "", True)], ["phone-cleaned"]),
        ("210-6218400-404", "GR", [("210-6218400", "404", True)], ["phone-extension"]),
        ("210", "GR", [("210", "", False)], ["phone-not-diallable"]),
        ("786-478-6899", "US", [("+1 786-478-6899", "", True)], []),
        ("786-478-6899", "GR", [("786-478-6899", "", False)], ["phone-not-diallable"]),
        ("2108020938-39", "GR", [("2108020938", "", True), ("2108020939", "", True)], ["phone-split"]),
        ("24610 27060 / 6971234567", "GR", [("24610 27060", "", True), ("6971234567", "", True)], ["phone-split"]),
        ("Τηλ.: 2410 123456", "GR", [("2410 123456", "", True)], ["phone-cleaned"]),
        ("210 1234567 εσωτ. 12", "GR", [("210 1234567", "12", True)], ["phone-cleaned"]),
        ("(305) 555-0100 ext. 12", "US", [("+1 305-555-0100", "12", True)], ["phone-cleaned"]),
        ("15900", "GR", [("15900", "", True)], []),
        ("1056", "GR", [("1056", "", True)], []),  # a four-digit hotline libphonenumber does not list
        ("+44 20 7946 0958", "GR", [("+44 20 7946 0958", "", True)], []),
        ("", "GR", [], []),
    ],
)
def test_phone_fields_are_read_with_phonenumbers(text, region, phones, kinds):
    found = read_phone_field(text, region)
    assert [(p.number, p.extension, p.diallable) for p in found.phones] == phones
    assert [kind for kind, _message in found.notes] == kinds


def test_the_admin_accepts_foreign_numbers_and_refuses_undiallable_ones():
    ServicePhone(number="+1 786 478 6899").clean()
    ServicePhone(number="+44 20 7946 0958").clean()
    ServicePhone(number="197").clean()
    with pytest.raises(ValidationError):
        ServicePhone(number="210").clean()
    with pytest.raises(ValidationError):
        ServicePhone(number="786-478-6899").clean()  # read as Greek: say it needs its country code


def test_a_language_without_its_social_map_gets_one_copied_from_greek(directory_page, tmp_path):
    ukrainian = Locale.objects.get(language_code="uk")
    DirectoryIndexPage.objects.filter(locale=ukrainian).delete()
    records = [r for r in json.loads(US.read_text(encoding="utf-8")) if isinstance(r, dict)][:3]
    path = tmp_path / "three.json"
    path.write_text(json.dumps(records), encoding="utf-8")

    report = import_file(path, region="US", language="uk")

    social_map = DirectoryIndexPage.objects.get(locale=ukrainian)
    assert social_map.live and social_map.translation_key == directory_page.translation_key
    assert report.services["created"] == 3
    pages = ServicePage.objects.filter(locale=ukrainian)
    assert pages.count() == 3
    assert all(page.get_parent().get_parent().pk == social_map.pk for page in pages)


@pytest.mark.parametrize(
    "region,value,expected",
    [
        # An ISO date-time is read as written, never day-first (7 December, not 12 July).
        ("GR", "2026-12-07T17:40:01.123Z", "2026-12-07"),
        ("US", "2026-12-07 09:00:00+02:00", "2026-12-07"),
        ("GR", "07/12/2026", "2026-12-07"),
        ("US", "12/07/2026", "2026-12-07"),
    ],
)
def test_dates_and_date_times_keep_their_day(region, value, expected):
    from directory.hsds.normalise import RecordTidier

    record = {
        "id": "svc-1",
        "name": "Κοινωνικό παντοπωλείο",
        "organization": {"id": "org-1", "name": "Δήμος"},
        "assured_date": value,
        "last_modified": "2026-12-07T17:40:01.123Z",
    }
    tidied = RecordTidier(region).tidy(record).record
    assert tidied["assured_date"] == expected
    assert tidied["last_modified"] == "2026-12-07T17:40:01.123Z"


def test_numbers_no_field_can_hold_are_dropped_not_fatal(directory_page, tmp_path):
    """1e400 is valid JSON (infinity to Python), NaN and Infinity are common non-JSON in
    exports: the value is dropped with a warning and the records import."""
    text = (
        '[{"id": "a-1", "name": "Υπνωτήριο", "organization": {"id": "o-1", "name": "Δήμος"},'
        ' "minimum_age": 1e400},'
        ' {"id": "a-2", "name": "Συσσίτιο", "organization": {"id": "o-1", "name": "Δήμος"},'
        ' "maximum_age": NaN, "minimum_age": -Infinity}]'
    )
    path = tmp_path / "numbers.json"
    path.write_text(text, encoding="utf-8")

    report = import_file(path)

    assert report.services["created"] == 2 and not report.rejections
    assert ServicePage.objects.filter(minimum_age__isnull=True, maximum_age__isnull=True).count() == 2
