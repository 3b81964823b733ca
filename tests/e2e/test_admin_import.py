"""The secretariat imports a messy registry from the admin and reviews what was fixed.

A real browser uploads the file; the import runs in its own `manage.py run_import`
process against the test database, the page's progress bar follows it and the summary
replaces it without a reload; then the review report marks a value reviewed. axe-core
checks each of these screens at WCAG 2.1 AA. The admin is in English for this user,
so the assertions read the source strings.
"""

import json
from pathlib import Path

import pytest

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from wagtail.users.models import UserProfile

from directory.models import ImportRun, ImportStatus, ReviewFlag
from directory.partners import SECRETARIAT_GROUP_NAME, ensure_secretariat_group
from tests.e2e.conftest import axe_violations, describe_violations

DATA = Path(__file__).parent.parent / "directory" / "data"


@pytest.fixture
def secretariat(e2e_site):
    ensure_secretariat_group()
    user = get_user_model().objects.create_user("grammateia-e2e", "g@example.org", "a-Strong-pass-2026")
    user.groups.add(Group.objects.get(name=SECRETARIAT_GROUP_NAME))
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "en"
    profile.save()
    return e2e_site


def messy_file(tmp_path):
    """Three good records with a scheme-less website and two phones in one field, and one with no name."""
    records = json.loads((DATA / "hsds-good.json").read_text(encoding="utf-8"))
    records[0]["url"] = "www.kozani.gr/pantopoleio"
    records[0].setdefault("phones", []).append(
        {"id": "4c1d0f7e-5a0d-4c57-9a43-1b1f0e7c3a01", "number": "2108020938, 2106218400,"}
    )
    nameless = json.loads(json.dumps(records[2]))
    nameless["id"] = "0f0e0d0c-0b0a-4908-8706-050403020100"
    nameless.pop("name")
    path = tmp_path / "μητρώο-δομών.json"
    path.write_text(json.dumps([*records, nameless], ensure_ascii=False), encoding="utf-8")
    return path


def assert_accessible(page):
    violations = axe_violations(page)
    assert not violations, describe_violations(violations)


def test_secretariat_imports_a_file_and_reviews_what_was_fixed(secretariat, page, tmp_path):
    server = secretariat
    page.goto(server.url + "/admin/login/")
    page.locator("input[name=username]").fill("grammateia-e2e")
    page.locator("input[name=password]").fill("a-Strong-pass-2026")
    page.locator("form button[type=submit]").first.click()
    page.wait_for_url("**/admin/")

    page.goto(server.url + "/admin/directory/imports/")
    assert_accessible(page)
    # A broken file is refused on the spot, with the reason beside the field.
    broken = tmp_path / "broken.json"
    broken.write_text('[{"id": "1",', encoding="utf-8")
    page.set_input_files("#id_file", str(broken))
    page.locator("#import-submit").click()
    page.wait_for_load_state()
    assert "The file is not valid JSON" in page.locator("main").inner_text()
    assert not ImportRun.objects.exists()

    page.set_input_files("#id_file", str(messy_file(tmp_path)))
    page.locator("#import-submit").click()
    page.wait_for_url("**/admin/directory/imports/*/")
    run = ImportRun.objects.get()
    progress = page.locator("#import-progress")
    running = progress.count() > 0  # the import may have ended before the page was drawn
    if running:
        assert progress.evaluate("element => element.tagName") == "PROGRESS"
        assert_accessible(page)
        page.evaluate("window.stillTheSamePage = true")

    # The script swaps the summary in when the background process is done; no reload.
    page.locator("#import-summary-heading").wait_for(timeout=180_000)
    if running:
        assert page.evaluate("window.stillTheSamePage") is True
        assert page.evaluate("document.activeElement.id") == "import-summary-heading"
    run.refresh_from_db()
    assert run.status == ImportStatus.DONE, run.error
    assert page.locator("[data-count=services-created]").inner_text() == "3"
    assert page.locator("[data-count=services-rejected]").inner_text() == "1"
    text = page.locator("main").inner_text()
    assert "https:// added to a web address" in text
    assert "0f0e0d0c-0b0a-4908-8706-050403020100" in text
    assert_accessible(page)

    with page.expect_download() as download:
        page.get_by_role("link", name="Download the full report (CSV)").click()
    assert download.value.suggested_filename.endswith(f"-report-{run.pk}.csv")

    page.get_by_role("link", name="Review the values this import fixed").click()
    page.wait_for_url("**/admin/directory/review/**")
    assert "www.kozani.gr/pantopoleio" in page.locator("main").inner_text()
    assert_accessible(page)
    flag = ReviewFlag.objects.get(original_value="www.kozani.gr/pantopoleio")
    page.locator(f"button[name=one][value='{flag.pk}']").click()
    page.wait_for_load_state()
    assert "1 value marked as reviewed." in page.locator("body").inner_text()
    flag.refresh_from_db()
    assert flag.resolved_at is not None
    assert flag.resolved_by.username == "grammateia-e2e"
