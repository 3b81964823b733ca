"""The admin's HSDS import screen and the report of imported values to review.

Uploads go through the real form and views as the secretariat (a partner is refused);
runs are executed in-process by the same code the background process runs
(`import_runs.execute`), and, in the transactional tests at the end, by a real
detached `manage.py run_import` process, followed to its end through the database.
Messages are read in English: the users' admin language is set to English.
"""

import csv
import io
import json
import time
import zipfile
from pathlib import Path

import factory
import pytest

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection, transaction
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone, translation

from wagtail.users.models import UserProfile

from directory.factories import OrganisationPageFactory, ServicePageFactory
from directory.hsds import import_runs
from directory.hsds.importer import import_file
from directory.models import ImportRun, ImportStatus, ReviewFlag, ReviewKind, ServicePage
from directory.models.imports import HEARTBEAT_TIMEOUT, START_TIMEOUT, private_root
from directory.partners import SECRETARIAT_GROUP_NAME, add_partner_user, ensure_secretariat_group

DATA = Path(__file__).parent / "data"
GOOD = DATA / "hsds-good.json"
TABULAR = DATA / "tabular"
HOME = "directory_imports:home"


def english(user):
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "en"
    profile.save()
    return user


@pytest.fixture
def secretariat(directory_page):
    ensure_secretariat_group()
    user = get_user_model().objects.create_user("grammateia-import", "g@example.org", "pass-g-1234")
    user.groups.add(Group.objects.get(name=SECRETARIAT_GROUP_NAME))
    return english(user)


@pytest.fixture
def partner(directory_page):
    organisation = OrganisationPageFactory(title="Σύλλογος εταίρος")
    return english(add_partner_user(organisation, "partner-import", "p@example.org", "pass-p-1234"))


def messy_records():
    """The good file with the defects of real registries: no scheme, several phones in one
    field, a foreign number, a long name, an English text, a formula, one record with no name."""
    records = json.loads(GOOD.read_text(encoding="utf-8"))
    first = records[0]
    first["url"] = "www.kozani.gr/pantopoleio"
    first["name"] = '=HYPERLINK("http://evil.example","click") ' + "Κοινωνικό Παντοπωλείο ΚΟΖΑΝΗΣ " * 12
    first.setdefault("phones", []).append(
        {"id": "4c1d0f7e-5a0d-4c57-9a43-1b1f0e7c3a01", "number": "2108020938, 2106218400,"}
    )
    records[1]["phones"] = [{"id": "6a8e0c2d-1f0e-4f4b-8a39-0a6f2e1c5b02", "number": "786-478-6899"}]
    records[1]["description"] = "Free legal advice for refugees, in English and Arabic."
    broken = json.loads(json.dumps(records[2]))
    broken["id"] = "0f0e0d0c-0b0a-4908-8706-050403020100"
    broken.pop("name")
    return [*records, broken]


def upload(client, content, name="registry.json", **options):
    data = {"region": "GR", "language": "el", "mode": "publish", **options}
    data["file"] = SimpleUploadedFile(name, content if isinstance(content, bytes) else content.encode("utf-8"))
    return client.post(reverse(HOME), data)


def zipped(folder, prefix=""):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for path in Path(folder).iterdir():
            archive.write(path, prefix + path.name)
    return buffer.getvalue()


def run_now(run):
    """What `manage.py run_import <id>` does, in this process and transaction."""
    claimed = import_runs.claim(run.pk)
    assert claimed is not None
    return import_runs.execute(claimed)


# Who may import ----------------------------------------------------------------------


@pytest.mark.django_db
def test_partner_is_refused_and_sees_no_menu_item(client, partner, secretariat):
    client.force_login(partner)
    assert client.get(reverse(HOME)).status_code == 403
    assert client.post(reverse(HOME), {}).status_code == 403
    run = ImportRun.objects.create(file_name="x.json", status=ImportStatus.DONE)
    for name in ("directory_imports:run", "directory_imports:status", "directory_imports:report"):
        assert client.get(reverse(name, args=[run.pk])).status_code == 403
    assert reverse(HOME) not in client.get(reverse("wagtailadmin_home")).content.decode()

    client.force_login(secretariat)
    assert reverse(HOME) in client.get(reverse("wagtailadmin_home")).content.decode()
    response = client.get(reverse(HOME))
    assert response.status_code == 200
    assert "Upload and import" in response.content.decode()


# The upload form -----------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("registry.csv", "id,name\n1,x\n", "is not a .json or .zip file"),
        ("registry.json", b"", "file is empty."),
        ("registry.json", "   \n", "The file is empty."),
        ("registry.json", '[{"id": "1", "name": "x",]', "The file is not valid JSON: Expecting"),
        ("registry.json", "[1, 2]\x00", "The file holds NUL bytes"),
        ("registry.json", "[]".encode("utf-16"), "The file holds NUL bytes"),
        ("registry.json", b"[\xff\xfe]", "The file is not UTF-8 text"),
        ("registry.json", '{"name": "one service"}', "not a list of HSDS services"),
        ("registry.json", "[]", "empty list"),
        ("datapackage.json", '{"resources": []}', "upload a .zip of it with its CSV files"),
        ("registry.zip", b"PK\x03\x04 not really a zip", "not a valid zip archive"),
    ],
)
def test_broken_uploads_are_refused_with_a_reason(client, secretariat, name, content, message):
    client.force_login(secretariat)
    response = upload(client, content, name=name)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not ImportRun.objects.exists()


@pytest.mark.django_db
def test_zip_problems_are_refused(client, secretariat, tmp_path):
    client.force_login(secretariat)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("services.csv", "id,name\n")
    assert "has no datapackage.json" in upload(client, buffer.getvalue(), name="p.zip").content.decode()

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("datapackage.json", '{"resources": []}')
        archive.writestr("../../evil.csv", "x")
    assert "paths outside its own folder" in upload(client, buffer.getvalue(), name="p.zip").content.decode()

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("datapackage.json", "{not json")
    assert "datapackage.json is not valid JSON" in upload(client, buffer.getvalue(), name="p.zip").content.decode()
    assert not ImportRun.objects.exists()


@pytest.mark.django_db
def test_a_descriptor_that_unpacks_large_is_refused_without_being_read(client, secretariat):
    """Two megabytes of spaces compress to a few kilobytes: the descriptor's own size is
    checked before it is read (it used to be read first, whatever its size)."""
    client.force_login(secretariat)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("datapackage.json", '{"resources": []' + " " * (2 * 1024 * 1024) + "}")
    assert len(buffer.getvalue()) < 50_000
    assert "datapackage.json is too large" in upload(client, buffer.getvalue(), name="p.zip").content.decode()
    assert not ImportRun.objects.exists()


@pytest.mark.django_db
@override_settings(KOINONIA_IMPORT_MAX_MB=0)
def test_a_file_over_the_limit_is_refused(client, secretariat):
    client.force_login(secretariat)
    response = upload(client, GOOD.read_bytes())
    assert "the largest accepted is 0 MB" in response.content.decode()
    assert not ImportRun.objects.exists()


@pytest.mark.django_db
def test_upload_queues_a_run_with_its_options_and_starts_it_after_commit(
    client, secretariat, django_capture_on_commit_callbacks
):
    client.force_login(secretariat)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = upload(client, GOOD.read_bytes(), name="Μητρώο δομών.json", region="US", language="en", mode="draft")
    run = ImportRun.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("directory_imports:run", args=[run.pk])
    assert len(callbacks) == 1  # the process starts only once the run is committed
    assert (run.file_name, run.region, run.language, run.draft) == ("Μητρώο δομών.json", "US", "en", True)
    assert (run.status, run.created_by, run.interface_language) == (ImportStatus.QUEUED, secretariat, "en")
    stored = Path(run.source.path)
    assert stored.read_bytes() == GOOD.read_bytes()
    assert private_root() in stored.parents
    assert Path(settings.MEDIA_ROOT) not in stored.parents

    page = client.get(response.url).content.decode()
    assert "<progress" in page and "Waiting to start" in page
    assert f'href="/admin/directory/imports/{run.pk}/"' in page  # the reload link for browsers without JS
    status = client.get(reverse("directory_imports:status", args=[run.pk])).json()
    assert status == {
        "status": "queued",
        "status_label": "Queued",
        "processed": 0,
        "total": 0,
        "percent": 0,
        "finished": False,
        "text": "Waiting to start…",
    }

    # One import at a time.
    with django_capture_on_commit_callbacks(execute=False):
        response = upload(client, GOOD.read_bytes(), name="second.json")
    assert "is still being imported" in response.content.decode()
    assert ImportRun.objects.count() == 1


# The run and its summary -----------------------------------------------------------------


class Rollback(Exception):
    pass


@pytest.mark.django_db
def test_a_run_gives_the_same_summary_as_the_command(client, secretariat, tmp_path, django_capture_on_commit_callbacks):
    path = tmp_path / "messy.json"
    path.write_text(json.dumps(messy_records(), ensure_ascii=False), encoding="utf-8")
    with translation.override("en"), pytest.raises(Rollback), transaction.atomic():
        expected = import_file(path, region="GR", language="el").summary()
        raise Rollback

    client.force_login(secretariat)
    with django_capture_on_commit_callbacks(execute=False):
        upload(client, path.read_bytes(), name="messy.json")
    run = run_now(ImportRun.objects.get())

    assert run.status == ImportStatus.DONE, run.error
    assert (run.processed, run.total, run.percent) == (4, 4, 100)
    got = {key: value for key, value in run.summary.items() if key != "seconds"}
    assert got == {key: value for key, value in expected.items() if key != "seconds"}
    assert run.summary["services"] == {"created": 3, "updated": 0, "unchanged": 0, "rejected": 1}
    kinds = {group["kind"] for group in run.summary["warnings"]}
    assert {ReviewKind.URL_SCHEME_ADDED, ReviewKind.PHONE_SPLIT} <= kinds

    page = client.get(reverse("directory_imports:run", args=[run.pk])).content.decode()
    assert 'data-count="services-created">3<' in page
    assert 'data-count="services-rejected">1<' in page
    assert "https:// added to a web address" in page
    assert "record 4" in page and "0f0e0d0c-0b0a-4908-8706-050403020100" in page
    assert "Download the full report (CSV)" in page
    assert "<progress" not in page
    assert client.get(reverse("directory_imports:status", args=[run.pk])).json()["finished"] is True

    # The flags this run raised are linked to it, and the report filters by it.
    assert run.review_flags.exists()
    assert set(run.review_flags.values_list("pk", flat=True)) == set(ReviewFlag.objects.values_list("pk", flat=True))
    report = client.get(reverse("review_flags:index"), {"import_run": run.pk}).content.decode()
    assert "www.kozani.gr/pantopoleio" in report

    listing = client.get(reverse(HOME)).content.decode()
    assert "messy.json" in listing and "Done" in listing


@pytest.mark.django_db
def test_a_tabular_package_in_a_zip_imports_and_imports_again_unchanged(
    client, secretariat, django_capture_on_commit_callbacks
):
    client.force_login(secretariat)
    for _attempt in range(2):
        with django_capture_on_commit_callbacks(execute=False):
            response = upload(client, zipped(TABULAR, prefix="package/"), name="package.zip")
        assert response.status_code == 302, response.content.decode()
        run = run_now(ImportRun.objects.order_by("-pk").first())
        assert run.status == ImportStatus.DONE, run.error
    first, second = ImportRun.objects.order_by("pk")
    assert first.summary["services"]["created"] > 0
    assert second.summary["services"]["created"] == 0
    assert second.summary["services"]["unchanged"] == first.summary["services"]["created"]


@pytest.mark.django_db
def test_a_us_registry_in_english(client, secretariat, django_capture_on_commit_callbacks):
    records = messy_records()[:3]
    for record in records:
        record["phones"] = [{"id": record["id"][:-4] + "beef", "number": "(786) 478-6899 ext. 12"}]
    client.force_login(secretariat)
    with django_capture_on_commit_callbacks(execute=False):
        upload(client, json.dumps(records), name="211.json", region="US", language="en")
    run = run_now(ImportRun.objects.get())
    assert run.status == ImportStatus.DONE, run.error
    assert run.summary["services"]["created"] == 3
    assert ServicePage.objects.filter(locale__language_code="en").count() == 3


@pytest.mark.django_db
def test_a_file_that_cannot_be_read_fails_the_run_with_its_reason(
    client, secretariat, tmp_path, django_capture_on_commit_callbacks
):
    broken = tmp_path / "package"
    broken.mkdir()
    (broken / "datapackage.json").write_text('{"resources": []}', encoding="utf-8")
    client.force_login(secretariat)
    with django_capture_on_commit_callbacks(execute=False):
        upload(client, zipped(broken), name="no-services.zip")
    run = run_now(ImportRun.objects.get())
    assert run.status == ImportStatus.FAILED
    assert "services" in run.error
    assert "koinonia-import-" not in run.error  # named as the editor knows the file, not by a server path
    page = client.get(reverse("directory_imports:run", args=[run.pk])).content.decode()
    assert "The import failed." in page and run.error in page
    assert client.get(reverse("directory_imports:report", args=[run.pk])).status_code == 404


@pytest.mark.django_db
def test_a_dead_process_is_shown_as_failed_not_running_forever(client, secretariat):
    long_ago = timezone.now() - HEARTBEAT_TIMEOUT - timezone.timedelta(seconds=5)
    dead = ImportRun.objects.create(
        file_name="dead.json", status=ImportStatus.RUNNING, started_at=long_ago, heartbeat_at=long_ago, total=10
    )
    alive = ImportRun.objects.create(
        file_name="alive.json", status=ImportStatus.RUNNING, heartbeat_at=timezone.now(), processed=3, total=10
    )
    never = ImportRun.objects.create(file_name="never.json")
    ImportRun.objects.filter(pk=never.pk).update(created_at=timezone.now() - START_TIMEOUT * 2)

    client.force_login(secretariat)
    page = client.get(reverse("directory_imports:run", args=[dead.pk])).content.decode()
    assert "The import failed." in page and "stopped without finishing" in page
    for run, status in ((dead, "failed"), (alive, "running"), (never, "failed")):
        run.refresh_from_db()
        assert run.status == status
    assert "did not start" in never.error
    alive_page = client.get(reverse("directory_imports:run", args=[alive.pk])).content.decode()
    assert "3 of 10 records (30%)" in alive_page
    assert 'value="3"' in alive_page and 'max="10"' in alive_page


# The CSV report ----------------------------------------------------------------------------


@pytest.mark.django_db
def test_csv_report_is_formula_safe_private_and_for_the_secretariat_only(
    client, secretariat, partner, tmp_path, django_capture_on_commit_callbacks
):
    client.force_login(secretariat)
    with django_capture_on_commit_callbacks(execute=False):
        upload(client, json.dumps(messy_records(), ensure_ascii=False), name="messy.json")
    run = run_now(ImportRun.objects.get())
    response = client.get(reverse("directory_imports:report", args=[run.pk]))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert "no-store" in response["Cache-Control"]
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert len(rows) > 3
    cells = [cell for row in rows for cell in row]
    assert any("HYPERLINK" in cell for cell in cells)
    assert not [cell for cell in cells if cell.startswith(("=", "+", "-", "@"))]
    assert any(cell.startswith("'=HYPERLINK") for cell in cells)

    report_path = Path(run.report.path)
    assert private_root() in report_path.parents
    assert Path(settings.MEDIA_ROOT).resolve() not in report_path.resolve().parents
    assert client.get(f"{settings.MEDIA_URL}{run.report.name}").status_code == 404

    client.force_login(partner)
    assert client.get(reverse("directory_imports:report", args=[run.pk])).status_code == 403


# The review report ---------------------------------------------------------------------------


class ReviewFlagFactory(factory.django.DjangoModelFactory):
    kind = ReviewKind.URL_SCHEME_ADDED
    field = factory.Sequence(lambda n: f"url-{n}")
    message = "https:// added"
    original_value = "www.example.gr"

    class Meta:
        model = ReviewFlag


@pytest.fixture
def flagged(directory_page, secretariat, term):
    from directory.models import AdministrativeArea, AreaLevel, ServiceLocation

    kozani = AdministrativeArea.objects.get(
        level=AreaLevel.MUNICIPALITY, name="Δήμος Κοζάνης", locale__language_code="el"
    )
    org_a = OrganisationPageFactory(title="Δήμος Κοζάνης")
    org_b = OrganisationPageFactory(title="Σύλλογος Αθήνας")
    service_a = ServicePageFactory(parent=org_a, title="Παντοπωλείο Κοζάνης")
    ServiceLocation.objects.create(page=service_a, name="Γραφείο", municipality=kozani)
    service_b = ServicePageFactory(parent=org_b, title="Νομική βοήθεια")
    run = ImportRun.objects.create(file_name="registry.json", status=ImportStatus.DONE)
    flags = {
        "a_url": ReviewFlagFactory(page=service_a, original_value="www.kozani.gr"),
        "a_phone": ReviewFlagFactory(page=service_a, kind=ReviewKind.PHONE_SPLIT, original_value="2461 1, 2461 2"),
        "org_a": ReviewFlagFactory(page=org_a, kind=ReviewKind.NAME_SHORTENED, original_value="Δήμος " * 60),
        "b_url": ReviewFlagFactory(page=service_b, original_value="=cmd|' /C calc'!A0"),
    }
    run.review_flags.add(flags["a_url"], flags["org_a"])
    partner = english(add_partner_user(org_b, "partner-b", "b@example.org", "pass-b-1234"))
    return {"flags": flags, "run": run, "partner": partner, "org_a": org_a, "kozani": kozani}


def review(client, **params):
    response = client.get(reverse("review_flags:index"), params)
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.django_db
def test_review_report_filters(client, secretariat, flagged):
    client.force_login(secretariat)
    everything = review(client)
    for value in ("www.kozani.gr", "2461 1, 2461 2", "Δήμος Δήμος", "=cmd"):
        assert value in everything
    assert reverse("wagtailadmin_pages:edit", args=[flagged["flags"]["a_url"].page_id]) in everything
    assert "Δήμος Κοζάνης" in everything  # each row names its organisation

    by_kind = review(client, kind=ReviewKind.PHONE_SPLIT)
    assert "2461 1, 2461 2" in by_kind and "www.kozani.gr" not in by_kind
    by_org = review(client, organisation=flagged["org_a"].pk)
    assert "www.kozani.gr" in by_org and "Δήμος Δήμος" in by_org and "=cmd" not in by_org
    by_run = review(client, import_run=flagged["run"].pk)
    assert "www.kozani.gr" in by_run and "2461 1, 2461 2" not in by_run and "=cmd" not in by_run
    by_place = review(client, municipality=flagged["kozani"].pk)
    assert "www.kozani.gr" in by_place and "=cmd" not in by_place


@pytest.mark.django_db
def test_mark_one_or_many_as_reviewed_records_who_and_when(client, secretariat, flagged):
    flags = flagged["flags"]
    client.force_login(secretariat)
    back = reverse("review_flags:index") + "?kind=url-scheme-added"
    response = client.post(reverse("review_flags:resolve"), {"one": flags["a_url"].pk, "next": back})
    assert response.status_code == 302 and response.url == back
    flags["a_url"].refresh_from_db()
    assert flags["a_url"].resolved_by == secretariat
    assert timezone.now() - flags["a_url"].resolved_at < timezone.timedelta(minutes=1)
    assert "www.kozani.gr" not in review(client)  # not yet reviewed, by default
    assert "www.kozani.gr" in review(client, reviewed="yes")

    client.post(reverse("review_flags:resolve"), {"selected": [flags["a_phone"].pk, flags["org_a"].pk]})
    assert ReviewFlag.objects.open().get() == flags["b_url"]
    response = client.post(reverse("review_flags:resolve"), {"selected": []}, follow=True)
    assert "Choose at least one value" in response.content.decode()
    # An unsafe "next" goes back to the report, never elsewhere.
    response = client.post(reverse("review_flags:resolve"), {"one": "x", "next": "https://evil.example/"})
    assert response.url == reverse("review_flags:index")


@pytest.mark.django_db
def test_a_partner_reviews_only_its_own_organisation(client, flagged):
    client.force_login(flagged["partner"])
    content = review(client)
    assert "=cmd" in content
    assert "www.kozani.gr" not in content and "Δήμος Δήμος" not in content
    # Nor in the filters: another organisation's municipality and the import's file name.
    assert "Δήμος Κοζάνης" not in content and "registry.json" not in content
    client.post(reverse("review_flags:resolve"), {"selected": [f.pk for f in flagged["flags"].values()]})
    assert set(ReviewFlag.objects.resolved().values_list("pk", flat=True)) == {flagged["flags"]["b_url"].pk}


@pytest.mark.django_db
def test_review_export_is_formula_safe(client, secretariat, flagged):
    client.force_login(secretariat)
    response = client.get(reverse("review_flags:index"), {"export": "csv"})
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    assert "'=cmd" in text
    assert not [cell for row in csv.reader(io.StringIO(text)) for cell in row if cell.startswith("=")]


# The background process ----------------------------------------------------------------


@pytest.fixture
def committed_site(transactional_db):
    """Committed data, which a separate process can see (the transaction tests flush it after)."""
    from django.apps import apps
    from django.contrib.auth.management import create_permissions
    from django.contrib.contenttypes.management import create_contenttypes
    from django.contrib.contenttypes.models import ContentType

    from directory.loaders import load_areas, load_taxonomies
    from portal.bootstrap import ensure_site_tree

    ContentType.objects.clear_cache()
    for app_config in apps.get_app_configs():
        create_contenttypes(app_config, verbosity=0)
        create_permissions(app_config, verbosity=0)
    ensure_site_tree()
    load_areas()
    load_taxonomies()


def wait_for_end(run, seconds=180):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        run.refresh_from_db()
        if run.finished:
            return run
        time.sleep(0.5)
    raise AssertionError(f"run {run.pk} still {run.status} after {seconds} s")


def test_the_upload_is_imported_by_a_separate_process(client, committed_site):
    ensure_secretariat_group()
    user = get_user_model().objects.create_user("grammateia-bg", "g@example.org", "pass-g-1234")
    user.groups.add(Group.objects.get(name=SECRETARIAT_GROUP_NAME))
    client.force_login(english(user))
    response = upload(client, json.dumps(messy_records(), ensure_ascii=False), name="messy.json")
    assert response.status_code == 302
    run = wait_for_end(ImportRun.objects.get())
    assert run.status == ImportStatus.DONE, run.error
    assert run.pid and run.started_at and run.heartbeat_at
    assert run.summary["services"]["created"] == 3
    assert run.summary["services"]["rejected"] == 1
    assert ServicePage.objects.count() == 3
    # The messages were written in the uploader's admin language.
    assert "https:// added to a web address" in json.dumps(run.summary)


def test_a_run_is_taken_by_one_process_only(committed_site):
    run = ImportRun.objects.create(file_name="x.json", status=ImportStatus.RUNNING)
    assert import_runs.claim(run.pk) is None


def test_a_killed_process_leaves_a_failed_run_not_a_running_one(committed_site):
    """The heartbeat moves while the process lives; once it is killed, the run is failed."""
    import os
    import signal

    messy = json.loads((DATA / "messy" / "registry-gr.json").read_text(encoding="utf-8"))
    # Ten copies under other ids, so that the importer takes a first chunk (500) and
    # then must write pages.
    records = []
    for copy in range(10):
        for record in messy:
            record = json.loads(json.dumps(record))
            if isinstance(record, dict) and record.get("id"):
                record["id"] = f"{record['id']}-copy-{copy}"
            records.append(record)
    run = ImportRun(file_name="registry-gr.json")
    run.source.save("import.json", io.BytesIO(json.dumps(records, ensure_ascii=False).encode("utf-8")), save=False)
    run.save()
    # The test holds a lock that keeps the importer from writing pages, so the process is
    # certainly alive and unfinished when it is killed (without it, a fast machine
    # finished the import before the kill and the test failed in CI).
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("LOCK TABLE wagtailcore_page IN SHARE ROW EXCLUSIVE MODE")
        process = import_runs.launch(run.pk)
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            run.refresh_from_db()
            if run.status == ImportStatus.RUNNING and run.processed > 0:
                break
            time.sleep(0.2)
        assert run.status == ImportStatus.RUNNING and run.processed < run.total == len(records)
        first_beat = run.heartbeat_at
        time.sleep(import_runs.HEARTBEAT_SECONDS * 2)
        run.refresh_from_db()
        assert run.status == ImportStatus.RUNNING and run.heartbeat_at > first_beat

        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=30)
    assert ImportRun.objects.fail_dead() == 0  # not yet: it may only be slow
    with translation.override("en"):
        assert ImportRun.objects.fail_dead(now=timezone.now() + HEARTBEAT_TIMEOUT) == 1
    run.refresh_from_db()
    assert run.status == ImportStatus.FAILED
    assert "stopped without finishing" in run.error


@pytest.mark.django_db
def test_a_report_deleted_after_its_retention_is_a_404_not_a_500(client, secretariat):
    from django.core.files.base import ContentFile

    run = ImportRun(file_name="registry.json", status=ImportStatus.DONE)
    run.report.save("report.csv", ContentFile(b"a,b\n"), save=True)
    run.report.storage.delete(run.report.name)  # the file is gone, the run still names it
    client.force_login(secretariat)
    assert client.get(reverse("directory_imports:report", args=[run.pk])).status_code == 404
