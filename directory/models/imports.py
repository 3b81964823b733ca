"""Imports started from the admin: one row per uploaded file, followed to its end.

An import of a real registry takes minutes, longer than a web request may live, so the
upload only records an `ImportRun` and starts a separate process (`manage.py
run_import <id>`, see directory/hsds/import_runs.py) that does the same import the
`import_hsds` command does. The process writes its progress and a heartbeat here; the
run page reads them. A process that died (killed, out of memory, server restart)
stops beating, and the run is then shown as failed with that reason instead of
"running" forever.

The uploaded file and the CSV report hold whatever the registry holds, personal
contacts included, so both live in private storage (`private_storage()`), outside
MEDIA_ROOT: the web server never serves them; the admin streams the report to the
secretariat only.
"""

import datetime
import os
from pathlib import Path

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

#: A run whose process has not beaten for this long is dead.
HEARTBEAT_TIMEOUT = datetime.timedelta(seconds=90)
#: A queued run whose process never started within this time will not start.
START_TIMEOUT = datetime.timedelta(minutes=5)


def private_root():
    """Where private files live: KOINONIA_PRIVATE_ROOT, else a sibling of MEDIA_ROOT.

    A sibling (``media`` → ``media-private``), never a folder inside MEDIA_ROOT, which
    the web server publishes as /media/.
    """
    configured = getattr(settings, "KOINONIA_PRIVATE_ROOT", None) or os.environ.get("KOINONIA_PRIVATE_ROOT")
    if configured:
        return Path(configured)
    media = Path(settings.MEDIA_ROOT)
    return media.with_name(f"{media.name}-private")


def private_storage():
    """A storage with no URL: files in it are read only through views that check who asks.

    A callable, so that migrations do not record a machine's path and tests that change
    MEDIA_ROOT get their own folder.
    """
    return FileSystemStorage(location=private_root(), base_url=None)


class ImportStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Running")
    DONE = "done", _("Done")
    FAILED = "failed", _("Failed")


class ImportRegion(models.TextChoices):
    """The region phone numbers are read in when they carry no country code (phonenumbers' regions)."""

    GR = "GR", _("Greece")
    CY = "CY", _("Cyprus")
    US = "US", _("United States")
    GB = "GB", _("United Kingdom")
    DE = "DE", _("Germany")
    UA = "UA", _("Ukraine")


class ImportRunQuerySet(models.QuerySet):
    def unfinished(self):
        return self.filter(status__in=[ImportStatus.QUEUED, ImportStatus.RUNNING])

    def fail_dead(self, now=None):
        """Mark as failed the runs whose process is gone; returns how many.

        A running process beats every few seconds (import_runs.Heartbeat); a queued run
        is picked up within a second of its upload. Called by the pages that show runs,
        so a dead run is seen as failed whoever looks first.
        """
        now = now or timezone.now()
        stopped = self.filter(status=ImportStatus.RUNNING, heartbeat_at__lt=now - HEARTBEAT_TIMEOUT).update(
            status=ImportStatus.FAILED,
            finished_at=now,
            error=_("The import process stopped without finishing (no sign of life for %(seconds)s seconds).")
            % {"seconds": int(HEARTBEAT_TIMEOUT.total_seconds())},
        )
        never_started = self.filter(status=ImportStatus.QUEUED, created_at__lt=now - START_TIMEOUT).update(
            status=ImportStatus.FAILED,
            finished_at=now,
            error=_("The import process did not start."),
        )
        return stopped + never_started


class ImportRun(models.Model):
    """One file uploaded in the admin and imported in the background."""

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("started by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("uploaded"), auto_now_add=True)
    file_name = models.CharField(_("file"), max_length=255)
    source = models.FileField(_("uploaded file"), storage=private_storage, upload_to="imports/%Y/%m/")
    region = models.CharField(_("phone region"), max_length=2, choices=ImportRegion.choices, default=ImportRegion.GR)
    language = models.CharField(_("content language"), max_length=8, default="el")
    draft = models.BooleanField(_("as drafts"), default=False)
    #: The editor's admin language when uploading: the run's messages are written in it.
    interface_language = models.CharField(max_length=8, blank=True)

    status = models.CharField(_("status"), max_length=10, choices=ImportStatus.choices, default=ImportStatus.QUEUED)
    processed = models.PositiveIntegerField(_("records processed"), default=0)
    total = models.PositiveIntegerField(_("records in the file"), default=0)
    started_at = models.DateTimeField(_("started"), null=True, blank=True)
    heartbeat_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    pid = models.PositiveIntegerField(null=True, blank=True)

    #: What the import command prints at its end, as data: counts, warnings by kind, rejections.
    summary = models.JSONField(_("summary"), default=dict, blank=True)
    report = models.FileField(_("CSV report"), storage=private_storage, upload_to="import-reports/%Y/%m/", blank=True)
    error = models.TextField(_("error"), blank=True)
    #: The review flags this run raised or raised again: the review report filters by run.
    review_flags = models.ManyToManyField(
        "directory.ReviewFlag", verbose_name=_("values to review"), blank=True, related_name="import_runs"
    )

    objects = ImportRunQuerySet.as_manager()

    class Meta:
        verbose_name = _("import")
        verbose_name_plural = _("imports")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.file_name} ({self.created_at:%Y-%m-%d %H:%M})"

    @property
    def creator_name(self):
        user = self.created_by
        if user is None:
            return "–"
        return user.get_full_name() or user.get_username()

    @property
    def finished(self):
        return self.status in (ImportStatus.DONE, ImportStatus.FAILED)

    @property
    def percent(self):
        if self.status == ImportStatus.DONE:
            return 100
        if not self.total:
            return 0
        return min(100, self.processed * 100 // self.total)
