"""Running an admin upload (`ImportRun`) in a process of its own, and following it.

`start(run)` launches `manage.py run_import <id>` detached from the web worker (its own
session, nobody waits for its output), once the upload's transaction has committed: an
import of thousands of records outlives any request, and a web worker restarted by
gunicorn must not take it down. `execute(run)` is what that process does: the same
import as `manage.py import_hsds`, on the uploaded file, with the run's options.

Progress and liveness are written by a `Heartbeat` thread on its own database
connection, every `HEARTBEAT_SECONDS`: the importer may hold its own connection inside a
long transaction, and the run page must see the count move meanwhile. A process that
dies stops beating and `ImportRun.objects.fail_dead()` marks its run failed.

We start a plain subprocess rather than adding a task queue (Celery, RQ, django-tasks):
one import at a time, started by a person, needs no broker or worker service to deploy
and watch, and the heartbeat covers what a queue's result backend would.
"""

import contextlib
import io
import logging
import os
import shutil
import subprocess  # noqa: S404 (a fixed argument list, no shell)
import sys
import tempfile
import threading
import time
import uuid
import zipfile
from pathlib import Path, PurePosixPath

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import connection, connections, transaction
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from wagtail.models import Page

from directory.hsds import HsdsFileError
from directory.hsds.importer import import_file
from directory.models import ImportRun, ImportStatus, ReviewFlag, ServicePage

logger = logging.getLogger(__name__)

HEARTBEAT_SECONDS = 2
#: The environment variable that gives the child process the database its parent uses
#: (a test database has another name than the settings say).
DATABASE_ENV = "KOINONIA_IMPORT_DATABASE"
#: A zip may not unpack to more than this many times the upload limit (zip bombs).
ZIP_EXPANSION_LIMIT = 20


def start(run):
    """Launch the run's process once the current transaction commits."""
    transaction.on_commit(lambda: launch_or_fail(run.pk))


def launch_or_fail(run_pk):
    """Launch the process; a run whose process cannot even start is failed at once, saying why."""
    try:
        return launch(run_pk)
    except OSError as error:
        logger.exception("Import run %s could not start", run_pk)
        ImportRun.objects.filter(pk=run_pk).update(
            status=ImportStatus.FAILED,
            finished_at=timezone.now(),
            error=_("The import process could not start: %(error)s") % {"error": error},
        )
        return None


def launch(run_pk):
    command = [sys.executable, str(Path(settings.BASE_DIR) / "manage.py"), "run_import", str(run_pk)]
    env = dict(os.environ)
    # The environment's module when there is one: settings.SETTINGS_MODULE is None
    # inside override_settings (and so in tests' live servers).
    env["DJANGO_SETTINGS_MODULE"] = os.environ.get("DJANGO_SETTINGS_MODULE") or settings.SETTINGS_MODULE
    env[DATABASE_ENV] = connection.settings_dict["NAME"]
    process = subprocess.Popen(  # noqa: S603 (our own manage.py, a number as argument)
        command,
        cwd=settings.BASE_DIR,
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        # stderr is inherited: a crash's traceback lands in the server's own log.
        start_new_session=True,
        close_fds=True,
    )
    # Reap it when it ends, so that a long-lived web worker keeps no zombie processes.
    threading.Thread(target=process.wait, daemon=True, name=f"import-run-{run_pk}").start()
    return process


def use_database_of_parent():
    """In the child process: talk to the database the web process used (see DATABASE_ENV)."""
    name = os.environ.get(DATABASE_ENV)
    if name and name != connection.settings_dict["NAME"]:
        connections.close_all()
        settings.DATABASES["default"]["NAME"] = name
        connection.settings_dict["NAME"] = name


class Heartbeat(threading.Thread):
    """Writes the run's progress and a sign of life every few seconds, on its own connection."""

    def __init__(self, run_pk, interval=HEARTBEAT_SECONDS):
        super().__init__(daemon=True, name=f"import-heartbeat-{run_pk}")
        self.run_pk = run_pk
        self.interval = interval
        self.processed = 0
        self.total = 0
        self._halt = threading.Event()

    def counting(self, records):
        """The importer's `progress` hook: the number of records, then each as the importer takes it."""
        self.total = len(records)
        for record in records:
            yield record
            self.processed += 1

    def run(self):
        try:
            while not self._halt.wait(self.interval):
                self.beat()
        finally:
            connection.close()

    def beat(self):
        ImportRun.objects.filter(pk=self.run_pk, status=ImportStatus.RUNNING).update(
            processed=self.processed, total=self.total, heartbeat_at=timezone.now()
        )

    def stop(self):
        self._halt.set()
        self.join()


def claim(run_pk):
    """Queued → running, once: a second process started for the same run gets None."""
    now = timezone.now()
    claimed = ImportRun.objects.filter(pk=run_pk, status=ImportStatus.QUEUED).update(
        status=ImportStatus.RUNNING, started_at=now, heartbeat_at=now, pid=os.getpid()
    )
    return ImportRun.objects.get(pk=run_pk) if claimed else None


def execute(run):
    """Import the run's file as `import_hsds` would; the run ends done or failed, never left running."""
    heartbeat = Heartbeat(run.pk)
    heartbeat.start()
    language = run.interface_language or settings.LANGUAGE_CODE
    started = time.monotonic()
    try:
        with translation.override(language), unpacked(run) as path:
            report = import_file(
                path, region=run.region, language=run.language, draft=run.draft, progress=heartbeat.counting
            )
            summary = report.summary(seconds=time.monotonic() - started, draft=run.draft)
            csv_text = io.StringIO()
            report.write_csv(csv_text)
        heartbeat.stop()
        run.refresh_from_db()
        run.summary = summary
        run.processed, run.total = heartbeat.processed, heartbeat.total
        run.report.save(f"import-{run.pk}.csv", ContentFile(csv_text.getvalue().encode("utf-8-sig")), save=False)
        run.status, run.finished_at = ImportStatus.DONE, timezone.now()
        run.save()
        run.review_flags.set(flags_raised(report, run.language))
    except HsdsFileError as error:
        _fail(run, heartbeat, str(error))
    except Exception as error:
        logger.exception("Import run %s failed", run.pk)
        with translation.override(language):
            message = _("The import stopped on an unexpected error: %(error)s") % {"error": repr(error)}
        _fail(run, heartbeat, message)
        raise
    return run


def flags_raised(report, language):
    """The review flags of the pages this run warned about: its services and their organisations."""
    ids = set()
    for warning in report.warnings:
        with contextlib.suppress(ValueError, TypeError, AttributeError):
            ids.add(uuid.UUID(str(warning.hsds_id)))
    services = ServicePage.objects.filter(hsds_id__in=ids, locale__language_code=language)
    organisation_paths = {path[: -Page.steplen] for path in services.values_list("path", flat=True)}
    pages = Page.objects.filter(Q(pk__in=services.values("pk")) | Q(path__in=organisation_paths))
    return ReviewFlag.objects.filter(page__in=pages)


def _fail(run, heartbeat, message):
    if heartbeat.is_alive():
        heartbeat.stop()
    ImportRun.objects.filter(pk=run.pk).update(
        status=ImportStatus.FAILED, error=message, finished_at=timezone.now(), processed=heartbeat.processed
    )
    run.refresh_from_db()


@contextlib.contextmanager
def unpacked(run):
    """A path `load_records` reads: the uploaded JSON, or the folder a zip unpacks to.

    The upload sits in private storage, which may not be a local disk; it is copied to
    a temporary folder first. A zip is unpacked there with no member outside it.
    """
    folder = Path(tempfile.mkdtemp(prefix=f"koinonia-import-{run.pk}-"))
    suffix = PurePosixPath(run.file_name).suffix.lower()
    local = folder / f"upload{suffix}"
    try:
        with run.source.open("rb") as source, open(local, "wb") as target:
            shutil.copyfileobj(source, target)
        if suffix == ".zip":
            yield unzip_package(local, folder / "package")
        else:
            yield local
    except HsdsFileError as error:
        # Messages name files by their path: name them as the editor knows them instead.
        message = str(error).replace(str(local), run.file_name).replace(f"{folder / 'package'}/", "")
        raise HsdsFileError(message) from error
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def package_descriptor(names):
    """The datapackage.json among a zip's member names: at its root, or in its one top folder."""
    candidates = sorted(
        (name for name in names if PurePosixPath(name).name == "datapackage.json" and name.count("/") <= 1),
        key=lambda name: name.count("/"),
    )
    return candidates[0] if candidates else None


def unsafe_members(names):
    """Member names that would unpack outside the target folder."""
    return [
        name
        for name in names
        if name.startswith(("/", "\\")) or ".." in PurePosixPath(name.replace("\\", "/")).parts or ":" in name
    ]


def unzip_package(zip_path, target):
    """Unpack a data package zip into `target`; returns the folder holding datapackage.json."""
    with zipfile.ZipFile(zip_path) as archive:
        names = archive.namelist()
        if unsafe_members(names):
            raise HsdsFileError(_("The zip file holds paths outside its own folder."))
        descriptor = package_descriptor(names)
        if descriptor is None:
            raise HsdsFileError(_("The zip file has no datapackage.json."))
        archive.extractall(target)  # noqa: S202 (member names checked above)
    return (target / descriptor).parent
