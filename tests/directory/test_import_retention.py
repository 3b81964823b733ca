"""Uploaded registries and their reports are deleted a while after their import."""

import datetime
import io
import os

import pytest

from django.core.files.base import ContentFile
from django.core.management import call_command
from django.utils import timezone

from directory.models import ImportRun, ImportStatus

pytestmark = pytest.mark.django_db


def finished_run(days_ago, status=ImportStatus.DONE):
    run = ImportRun(file_name="registry.json", status=status, summary={"services": {"created": 3}})
    run.source.save("registry.json", ContentFile(b'[{"id": "x", "contacts": [{"email": "a@b.gr"}]}]'), save=False)
    run.report.save("report.csv", ContentFile(b"kind,value\nphone,210\n"), save=False)
    run.finished_at = timezone.now() - datetime.timedelta(days=days_ago)
    run.save()
    return run


def test_files_of_old_runs_are_deleted_and_the_run_with_its_summary_stays():
    old, recent = finished_run(45), finished_run(5)
    running = finished_run(45, status=ImportStatus.RUNNING)
    old_paths = [old.source.path, old.report.path]
    out = io.StringIO()

    call_command("purge_import_files", stdout=out)

    old.refresh_from_db()
    assert not old.source and not old.report and old.summary == {"services": {"created": 3}}
    assert not any(os.path.exists(path) for path in old_paths)
    recent.refresh_from_db()
    running.refresh_from_db()
    assert recent.source and recent.report and running.source  # too recent, or not finished
    assert "Files of 1 finished imports deleted" in out.getvalue()

    call_command("purge_import_files", stdout=out)  # a second run finds nothing more to do
    assert "Files of 0 finished imports deleted" in out.getvalue()


def test_days_and_dry_run():
    run = finished_run(10)
    call_command("purge_import_files", "--days", "7", "--dry-run", stdout=io.StringIO())
    run.refresh_from_db()
    assert run.source
    call_command("purge_import_files", "--days", "7", stdout=io.StringIO())
    run.refresh_from_db()
    assert not run.source
