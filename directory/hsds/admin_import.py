"""The admin's HSDS import screen: upload a file, follow its import, read its summary.

Secretariat only (the `directory.add_importrun` permission; superusers have it): an
import creates and publishes pages in every organisation. The upload is checked
here, so that a wrong file gets its reason at once, in the editor's language; the
import itself runs in another process (directory/hsds/import_runs.py) and the run page
follows it: a <progress> bar that a small script refreshes from `ImportRunStatusView`,
and a reload link for browsers without JavaScript.
"""

import json
import os
import zipfile
from pathlib import PurePosixPath

from django import forms
from django.conf import settings
from django.db import transaction
from django.http import FileResponse, Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from django.views.generic import DetailView, FormView, View

from wagtail.admin.views.generic import PermissionCheckedMixin, WagtailAdminTemplateMixin
from wagtail.permission_policies import ModelPermissionPolicy

from core.locks import transaction_lock
from directory.hsds import import_runs
from directory.models import ImportRegion, ImportRun, ImportStatus

import_permission_policy = ModelPermissionPolicy(ImportRun)

#: Largest upload accepted, in megabytes (KOINONIA_IMPORT_MAX_MB); a 4,000-service 211
#: directory is about 6 MB of JSON. Below nginx's client_max_body_size (50m, deploy/nginx),
#: so that a file too large gets our message rather than the proxy's 413 page; larger
#: registries go through `manage.py import_hsds`.
DEFAULT_MAX_MB = 45
ACCEPTED_SUFFIXES = (".json", ".zip")
RUNS_LISTED = 50
#: A data package descriptor lists resources and fields: a few kilobytes, never megabytes.
DESCRIPTOR_LIMIT = 1024 * 1024


def max_upload_bytes():
    """KOINONIA_IMPORT_MAX_MB from the settings, else the environment, else DEFAULT_MAX_MB."""
    configured = getattr(settings, "KOINONIA_IMPORT_MAX_MB", None)
    if configured is None:
        configured = os.environ.get("KOINONIA_IMPORT_MAX_MB", DEFAULT_MAX_MB)
    return int(configured) * 1024 * 1024


def _mb(size):
    return f"{size / (1024 * 1024):.0f}"


class ImportUploadForm(forms.Form):
    """The file and the options of `manage.py import_hsds` (--region, --language, --draft)."""

    file = forms.FileField(
        label=_("HSDS file"),
        help_text=_(
            "A JSON file with a list of HSDS 3.0 services (or an API page with “contents”), "
            "or a .zip of a tabular data package: datapackage.json with its CSV files."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".json,.zip,application/json,application/zip"}),
    )
    region = forms.ChoiceField(
        label=_("Country of phone numbers written without a country code"),
        choices=ImportRegion.choices,
        initial=ImportRegion.GR,
    )
    language = forms.ChoiceField(
        label=_("Language of the content"),
        choices=[(code, _(name)) for code, name in settings.LANGUAGES],
        initial=settings.LANGUAGE_CODE,
        help_text=_("The records are published in this language's social map and searched as this language."),
    )
    mode = forms.ChoiceField(
        label=_("Publishing"),
        choices=[
            ("publish", _("Publish the records at once")),
            ("draft", _("Save them as drafts for the secretariat to review")),
        ],
        initial="publish",
        widget=forms.RadioSelect,
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        limit = max_upload_bytes()
        suffix = PurePosixPath(upload.name).suffix.lower()
        if suffix not in ACCEPTED_SUFFIXES:
            raise forms.ValidationError(
                _("“%(name)s” is not a .json or .zip file. Upload an HSDS JSON file or a zip of a data package."),
                code="type",
                params={"name": upload.name},
            )
        if upload.size == 0:
            raise forms.ValidationError(_("The file is empty."), code="empty")
        if upload.size > limit:
            raise forms.ValidationError(
                _("The file is %(size)s MB; the largest accepted is %(limit)s MB."),
                code="size",
                params={"size": _mb(upload.size), "limit": _mb(limit)},
            )
        if suffix == ".zip":
            self._check_zip(upload, limit)
        else:
            self._check_json(upload)
        upload.seek(0)
        return upload

    @staticmethod
    def _check_json(upload):
        upload.seek(0)
        raw = upload.read()
        if b"\x00" in raw:
            raise forms.ValidationError(
                _("The file holds NUL bytes: it is not UTF-8 text (perhaps UTF-16, or not a text file at all)."),
                code="nul",
            )
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            raise forms.ValidationError(
                _("The file is not UTF-8 text (unreadable byte at position %(position)s)."),
                code="encoding",
                params={"position": error.start},
            ) from error
        if not text.strip():
            raise forms.ValidationError(_("The file is empty."), code="empty")
        try:
            data = json.loads(text)
        except json.JSONDecodeError as error:
            raise forms.ValidationError(
                _("The file is not valid JSON: %(problem)s at line %(line)s, column %(column)s."),
                code="json",
                params={"problem": error.msg, "line": error.lineno, "column": error.colno},
            ) from error
        if isinstance(data, dict) and isinstance(data.get("resources"), list):
            raise forms.ValidationError(
                _("This is a data package's datapackage.json alone: upload a .zip of it with its CSV files."),
                code="descriptor",
            )
        if isinstance(data, dict) and isinstance(data.get("contents"), list):
            data = data["contents"]
        if not isinstance(data, list):
            raise forms.ValidationError(
                _("The file holds one JSON object or value, not a list of HSDS services."), code="shape"
            )
        if not data:
            raise forms.ValidationError(_("The file holds an empty list: there is nothing to import."), code="empty")

    @staticmethod
    def _check_zip(upload, limit):
        upload.seek(0)
        if not zipfile.is_zipfile(upload):
            raise forms.ValidationError(_("The file is not a valid zip archive."), code="zip")
        upload.seek(0)
        try:
            with zipfile.ZipFile(upload) as archive:
                members = archive.infolist()
                names = [member.filename for member in members]
                unpacked_size = sum(member.file_size for member in members)
                descriptor = import_runs.package_descriptor(names)
                if import_runs.unsafe_members(names):
                    raise forms.ValidationError(_("The zip file holds paths outside its own folder."), code="zip-paths")
                # The sizes are checked before anything is unpacked, the descriptor too:
                # a datapackage.json that unpacks to gigabytes must not be read at all.
                if unpacked_size > limit * import_runs.ZIP_EXPANSION_LIMIT:
                    raise forms.ValidationError(
                        _("The zip file unpacks to %(size)s MB, more than can be imported at once."),
                        code="zip-size",
                        params={"size": _mb(unpacked_size)},
                    )
                if descriptor is None:
                    raise forms.ValidationError(
                        _("The zip file has no datapackage.json (at its top level or in one folder)."),
                        code="descriptor",
                    )
                if archive.getinfo(descriptor).file_size > DESCRIPTOR_LIMIT:
                    raise forms.ValidationError(_("The zip's datapackage.json is too large."), code="descriptor")
                descriptor_bytes = archive.read(descriptor)
        except (zipfile.BadZipFile, OSError, EOFError) as error:
            raise forms.ValidationError(_("The file is not a valid zip archive."), code="zip") from error
        try:
            package = json.loads(descriptor_bytes.decode("utf-8-sig"))
        except (UnicodeDecodeError, json.JSONDecodeError) as error:
            message = _("The zip's datapackage.json is not valid JSON.")
            raise forms.ValidationError(message, code="descriptor") from error
        if not isinstance(package, dict) or not isinstance(package.get("resources", []), list):
            raise forms.ValidationError(_("The zip's datapackage.json has no list of resources."), code="descriptor")

    def create_run(self, user):
        """An ImportRun for this upload, queued; its process starts once the transaction commits."""
        upload = self.cleaned_data["file"]
        run = ImportRun(
            created_by=user,
            file_name=PurePosixPath(upload.name).name[:255],
            region=self.cleaned_data["region"],
            language=self.cleaned_data["language"],
            draft=self.cleaned_data["mode"] == "draft",
            interface_language=translation.get_language() or "",
        )
        run.source.save(f"import{PurePosixPath(upload.name).suffix.lower()}", upload, save=False)
        run.save()
        return run


class ImportPermissionMixin(PermissionCheckedMixin):
    """Secretariat only; others get a 403 page that says so.

    Wagtail turns a PermissionDenied into a redirect to the dashboard, which hides from
    scripts and tests that access was refused; this answers 403 in the admin's frame.
    """

    permission_policy = import_permission_policy
    permission_required = "add"

    def dispatch(self, request, *args, **kwargs):
        if not self.user_has_permission(self.permission_required):
            return TemplateResponse(request, "directory/admin/import_forbidden.html", status=403)
        return super().dispatch(request, *args, **kwargs)


class ImportHomeView(ImportPermissionMixin, WagtailAdminTemplateMixin, FormView):
    """The upload form above the list of past runs."""

    page_title = _("Import HSDS data")
    header_icon = "upload"
    template_name = "directory/admin/import_home.html"
    form_class = ImportUploadForm

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]

    def get_context_data(self, **kwargs):
        ImportRun.objects.fail_dead()
        context = super().get_context_data(**kwargs)
        context["runs"] = ImportRun.objects.select_related("created_by")[:RUNS_LISTED]
        context["max_mb"] = _mb(max_upload_bytes())
        return context

    def form_valid(self, form):
        # One import at a time: two runs writing the same organisations would race. The
        # lock makes "none is running, queue this one" one step for two people at once.
        ImportRun.objects.fail_dead()
        with transaction.atomic():
            transaction_lock("hsds-import-queue")
            running = ImportRun.objects.unfinished().first()
            if running is not None:
                form.add_error(
                    None,
                    _("“%(name)s” is still being imported; start the next import when it has finished.")
                    % {"name": running.file_name},
                )
                return self.form_invalid(form)
            run = form.create_run(self.request.user)
            import_runs.start(run)
        return redirect("directory_imports:run", pk=run.pk)


class ImportRunView(ImportPermissionMixin, WagtailAdminTemplateMixin, DetailView):
    """One run: its progress while it runs, the import's summary once it is done."""

    model = ImportRun
    header_icon = "upload"
    template_name = "directory/admin/import_run.html"
    context_object_name = "run"

    def get_object(self, queryset=None):
        ImportRun.objects.fail_dead()
        return super().get_object(queryset)

    def get_page_title(self):
        return _("Import of “%(name)s”") % {"name": self.object.file_name}

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("directory_imports:home"), "label": ImportHomeView.page_title},
            {"url": "", "label": self.object.file_name},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["status_url"] = reverse("directory_imports:status", args=[self.object.pk])
        context["review_url"] = reverse("review_flags:index") + f"?import_run={self.object.pk}"
        return context


def status_payload(run):
    return {
        "status": run.status,
        "status_label": str(run.get_status_display()),
        "processed": run.processed,
        "total": run.total,
        "percent": run.percent,
        "finished": run.finished,
        "text": render_to_string("directory/admin/import_progress_text.html", {"run": run}).strip(),
    }


class ImportRunStatusView(ImportPermissionMixin, View):
    """The run's progress as JSON, polled by the run page's script every few seconds."""

    def get(self, request, pk):
        ImportRun.objects.fail_dead()
        run = get_object_or_404(ImportRun, pk=pk)
        return JsonResponse(status_payload(run), headers={"Cache-Control": "no-store"})


class ImportReportDownloadView(ImportPermissionMixin, View):
    """The CSV report, streamed from private storage to the secretariat only."""

    def get(self, request, pk):
        run = get_object_or_404(ImportRun, pk=pk, status=ImportStatus.DONE)
        if not run.report:
            raise Http404
        stem = PurePosixPath(run.file_name).stem or "import"
        try:
            report = run.report.open("rb")
        except FileNotFoundError:
            # Deleted after its retention (purge_import_files) or not restored on this machine.
            raise Http404 from None
        return FileResponse(
            report,
            as_attachment=True,
            filename=f"{stem}-report-{run.pk}.csv",
            content_type="text/csv; charset=utf-8",
            headers={"Cache-Control": "private, no-store", "X-Content-Type-Options": "nosniff"},
        )


urlpatterns = [
    path("", ImportHomeView.as_view(), name="home"),
    path("<int:pk>/", ImportRunView.as_view(), name="run"),
    path("<int:pk>/status/", ImportRunStatusView.as_view(), name="status"),
    path("<int:pk>/report.csv", ImportReportDownloadView.as_view(), name="report"),
]
