"""Write HSDS service records into the directory as Wagtail pages.

Each record is checked first (schema, then our rules through `ServiceReader`), then
written in its own transaction: a record that fails half-way leaves nothing behind,
and the records around it still import. Pages are found again by their HSDS ids, so a
second import of the same data updates instead of duplicating; a page whose content
already equals the data is left alone ("unchanged") and gets no new revision, so the
revision history only records real changes.

Organisations become children of the social map of the content's language (Greek
unless told otherwise) and services children of their organisation. Published imports
go through `save_revision().publish()` like an editor's change; `--draft` imports only
save a revision, so the live site does not change until someone publishes.

Records are forgiven what a person would fix (`directory.hsds.normalise` and the
reader): only a record that cannot be a listing is rejected. Every value normalised or
dropped is an `ImportWarning` in the report and a `ReviewFlag` on the page it concerns.
`import_file()` is the entry point for callers other than the command (the admin's
import screen): see its docstring.
"""

import csv
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import phonenumbers
from anyascii import anyascii

from django.core.exceptions import ValidationError
from django.db import DatabaseError, transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from wagtail.models import Locale, Page, ReferenceIndex
from wagtail.signal_handlers import disable_reference_index_auto_update

from core.site import default_home
from directory.hsds import HsdsFileError
from directory.hsds.mapping import (
    ACCESSIBILITY_ROW_FIELDS,
    CONTACT_PHONE_FIELDS,
    COST_OPTION_ROW_FIELDS,
    DOCUMENT_FIELDS,
    FUNDING_FIELDS,
    IDENTIFIER_FIELDS,
    LANGUAGE_ROW_FIELDS,
    LOCATION_FIELDS,
    ORGANISATION_CONTACT_FIELDS,
    ORGANISATION_FIELDS,
    ORGANISATION_MORE_FIELDS,
    ORGANISATION_PHONE_FIELDS,
    PHONE_FIELDS,
    PROGRAM_ROW_FIELDS,
    SCHEDULE_FIELDS,
    SERVICE_AREA_ROW_FIELDS,
    SERVICE_CONTACT_FIELDS,
    SERVICE_FIELDS,
    SERVICE_MORE_FIELDS,
    TERM_FIELDS,
    RecordRejected,
    ServiceReader,
    Vocabulary,
)
from directory.hsds.normalise import ImportWarning, RecordTidier, stable_uuid
from directory.hsds.schema import is_valid, schema_errors
from directory.hsds.writer import UNREAD, FastPaths
from directory.models import (
    CostOption,
    DirectoryIndexPage,
    LocationAccessibility,
    OrganisationContact,
    OrganisationContactPhone,
    OrganisationFunding,
    OrganisationIdentifier,
    OrganisationPage,
    OrganisationPhone,
    Program,
    RequiredDocument,
    ServiceArea,
    ServiceContact,
    ServiceContactPhone,
    ServiceFunding,
    ServiceLanguage,
    ServiceLocation,
    ServicePage,
    ServicePhone,
    ServiceSchedule,
)
from directory.models.review import ReviewFlag
from search.indexing import defer_indexing

CREATED, UPDATED, UNCHANGED, REJECTED = "created", "updated", "unchanged", "rejected"


@dataclass(frozen=True)
class SourceRecord:
    """One service object as found in a file; `index` counts from 1, `where` says where."""

    index: int
    data: object
    where: str = ""


@dataclass
class Rejection:
    index: int
    hsds_id: str
    problems: list
    where: str = ""

    def lines(self):
        label = _("record %(index)s") % {"index": self.index}
        if self.where:
            label += f" ({self.where})"
        if self.hsds_id:
            label += f" id={self.hsds_id}"
        return [f"{label}: {path or '-'}: {message}" for path, message in self.problems]


@dataclass(frozen=True)
class ReportWarning:
    """An `ImportWarning` of one record: which record (`index`, `where`, `hsds_id`) and what."""

    index: int
    where: str
    hsds_id: str
    kind: str
    field: str
    message: str
    original: str = ""

    def __str__(self):
        label = _("record %(index)s") % {"index": self.index} if self.index else _("end of the run")
        if self.where:
            label += f" ({self.where})"
        return f"{label} id={self.hsds_id}: {self.message}" if self.hsds_id else f"{label}: {self.message}"


@dataclass
class ImportReport:
    """What an import did: counts by outcome, the rejected records and every warning.

    `summary()` gives the counts and the warnings grouped by kind (what the command
    prints and the admin's import screen shows); `write_csv()` writes every rejection
    problem and warning, formula-safe, for a person to work through in a spreadsheet.
    """

    services: Counter = field(default_factory=Counter)
    organisations: Counter = field(default_factory=Counter)
    rejections: list = field(default_factory=list)
    warnings: list = field(default_factory=list)
    #: Review flags created or opened again by this run.
    flagged: int = 0

    def summary(self, *, seconds=None, draft=False):
        """Counts of created/updated/unchanged/rejected, warnings grouped by kind with examples.

        A dict of plain values (JSON-ready): see `directory.hsds.import_summary.summarise`.
        """
        from directory.hsds.import_summary import summarise

        return summarise(self, seconds=seconds, draft=draft)

    def write_csv(self, fileobj):
        """Every rejection problem and every warning as CSV rows into a text file object.

        Cells go through core.spreadsheets (the values come from someone else's file, and
        whoever opens the report in a spreadsheet must not run a formula hidden in one).
        """
        from core.spreadsheets import spreadsheet_safe
        from directory.hsds.import_summary import report_rows

        writer = csv.writer(fileobj)
        originals = iter([""] * sum(len(r.problems) for r in self.rejections) + [w.original for w in self.warnings])
        for number, row in enumerate(report_rows(self)):
            extra = _("value in the file") if number == 0 else next(originals, "")
            writer.writerow([spreadsheet_safe(str(cell)) for cell in [*row, extra]])


@dataclass
class _RecordWrites:
    """What one record wrote about its organisation; the run remembers it only once the
    record's transaction has succeeded (a rolled-back organisation must be written again)."""

    organisation_id: object = None
    organisation: object = None  # the mapped organisation, None when taken as it is
    outcome: str | None = None
    page_pk: int | None = None
    parent_id: object = None  # a parent organisation not found yet
    warnings: list = field(default_factory=list)


@dataclass(frozen=True)
class PageSpec:
    """What of a page type the import owns: plain fields, many-to-many and inline children."""

    model: type
    fields: tuple
    m2m: tuple
    #: relation name → (child model, compared fields, field that identifies a child)
    children: dict


SERVICE_SPEC = PageSpec(
    model=ServicePage,
    fields=("hsds_id", *SERVICE_FIELDS, *SERVICE_MORE_FIELDS),
    m2m=tuple(TERM_FIELDS.values()),
    children={
        "locations": (ServiceLocation, LOCATION_FIELDS, "hsds_service_at_location_id"),
        "schedules": (ServiceSchedule, SCHEDULE_FIELDS, "hsds_id"),
        "phones": (ServicePhone, PHONE_FIELDS, "hsds_id"),
        "required_documents": (RequiredDocument, DOCUMENT_FIELDS, "hsds_id"),
        # issue 10: every other HSDS object of a service
        "contacts": (ServiceContact, SERVICE_CONTACT_FIELDS, "hsds_id"),
        "contact_phones": (ServiceContactPhone, CONTACT_PHONE_FIELDS, "hsds_id"),
        "cost_options": (CostOption, COST_OPTION_ROW_FIELDS, "hsds_id"),
        "service_areas": (ServiceArea, SERVICE_AREA_ROW_FIELDS, "hsds_id"),
        "funding": (ServiceFunding, FUNDING_FIELDS, "hsds_id"),
        "language_details": (ServiceLanguage, LANGUAGE_ROW_FIELDS, "hsds_id"),
        "location_accessibility": (LocationAccessibility, ACCESSIBILITY_ROW_FIELDS, "hsds_id"),
    },
)
ORGANISATION_SPEC = PageSpec(
    model=OrganisationPage,
    fields=("hsds_id", *ORGANISATION_FIELDS, *ORGANISATION_MORE_FIELDS, "parent_organisation_id"),
    m2m=(),
    children={
        "phones": (OrganisationPhone, ORGANISATION_PHONE_FIELDS, "hsds_id"),
        "identifiers": (OrganisationIdentifier, IDENTIFIER_FIELDS, "hsds_id"),
        # issue 10
        "contacts": (OrganisationContact, ORGANISATION_CONTACT_FIELDS, "hsds_id"),
        "contact_phones": (OrganisationContactPhone, CONTACT_PHONE_FIELDS, "hsds_id"),
        "programs": (Program, PROGRAM_ROW_FIELDS, "hsds_id"),
        "funding": (OrganisationFunding, FUNDING_FIELDS, "hsds_id"),
    },
)


def greek_directory(locale=None):
    """The social map page of `locale` (the default language's if None): organisations go under it.

    A language without its social map yet gets a translation of the default one (and of
    the home page above it), published, so that records in that language have a home.
    """
    locale = locale or Locale.get_default()
    home = default_home(locale)
    found = DirectoryIndexPage.objects.child_of(home).first() if home else None
    if found is not None:
        return found
    original = DirectoryIndexPage.objects.get(locale=Locale.get_default())
    copy = original.copy_for_translation(locale, copy_parents=True)
    copy.save_revision().publish()
    return DirectoryIndexPage.objects.get(pk=copy.pk)


def import_file(path, *, region="GR", language=None, draft=False, progress=None):
    """Import an HSDS file and return its `ImportReport`: the one entry point for every caller.

    - `path`: a JSON list of HSDS service objects (or `{"contents": [...]}`), a tabular
      package's datapackage.json or its folder (see `directory.hsds.sources`);
    - `region`: ISO country of the phone numbers written without a country code ("GR",
      "US" for a 211 file);
    - `language`: language code of the content ("el" if None): the records are
      published in that locale, under its social map, and searched as that language;
    - `draft`: save revisions without publishing them;
    - `progress`: called with the list of records, returns what to iterate (tqdm, a
      counter for a progress bar).

    Raises `HsdsFileError` (its message says why, in the active language) when the file
    cannot be read at all or the language is not one of the site's; rejected records
    are in the report, never an exception. Counts: `report.services`,
    `report.organisations`; `report.summary()`, `report.write_csv(fileobj)`.
    """
    from directory.hsds.sources import load_records

    locale = _locale(language)
    if str(region).upper() not in phonenumbers.SUPPORTED_REGIONS:
        raise HsdsFileError(_("'%(region)s' is not a country code (two letters, like GR or US).") % {"region": region})
    region = str(region).upper()
    records = load_records(Path(path))
    return HsdsImporter(draft=draft, locale=locale, region=region).run(records, progress=progress)


def _locale(language):
    if not language:
        return Locale.get_default()
    try:
        return Locale.objects.get(language_code=language)
    except Locale.DoesNotExist:
        codes = ", ".join(Locale.objects.order_by("language_code").values_list("language_code", flat=True))
        raise HsdsFileError(
            _("'%(language)s' is not a language of the site (%(codes)s).") % {"language": language, "codes": codes}
        ) from None


def ascii_slug(title, fallback):
    """A readable ASCII slug for a Greek title ("Κοινωνικό Παντοπωλείο" → "koinoniko-pantopoleio")."""
    for greek, latin in (("ου", "ou"), ("Ου", "Ou"), ("ΟΥ", "OU"), ("ού", "ou"), ("Ού", "Ou")):
        title = title.replace(greek, latin)
    return slugify(anyascii(title))[:80].strip("-") or fallback


class HsdsImporter:
    """Imports a list of `SourceRecord`s; one instance per run (it caches terms and areas)."""

    #: New records written in bulk, unchanged ones skipped by their hash (directory/hsds/
    #: writer.py). A subclass that changes how one record is written turns them off.
    fast_paths = True

    def __init__(self, *, draft=False, locale=None, region="GR"):
        self.draft = draft
        self.locale = locale or Locale.get_default()
        self.directory = greek_directory(self.locale)
        self.tidier = RecordTidier(region)
        self.reader = ServiceReader(Vocabulary(self.locale), region=region)
        self.report = ImportReport()
        # hsds_id → page pk of what exists; the oldest page wins if an id was duplicated by a copy.
        self.service_pks = self._existing(ServicePage)
        self.organisation_pks = self._existing(OrganisationPage)
        self._organisations_done = {}  # hsds_id → mapped organisation (None: taken as it is)
        self._organisation_outcomes = {}
        self._pending_parents = {}  # organisation hsds_id → parent hsds_id not found yet
        self._seen = set()
        self._nested_organisations = {}  # organisation objects given in full by some record, by id
        self._nested_warnings = {}  # what repairing each of them said, by the same ids
        self.fast = FastPaths(self)

    def _existing(self, model):
        rows = model.objects.filter(locale=self.locale).order_by("-pk").values_list("hsds_id", "pk")
        return dict(rows)

    def run(self, records, progress=None):
        records = list(records)
        nested = {}
        for record in records:
            org = record.data.get("organization") if isinstance(record.data, dict) else None
            if isinstance(org, dict) and org.get("id") and stable_uuid(org["id"]) not in nested:
                # Repaired like the record that carries it, with the warnings about it, for
                # the records that only name it by organization_id.
                tidied = self.tidier.tidy(record.data)
                if not tidied.problems:
                    # Found by the id as written and as repaired (a registry code becomes a UUID).
                    for key in {org["id"], stable_uuid(org["id"])}:
                        nested[key] = tidied.record["organization"]
                        self._nested_warnings[key] = [w for w in tidied.warnings if _about_organisation(w)]
        self._nested_organisations = nested
        # Wagtail re-indexes references after every save of a page and of each inline
        # object, several times per imported page; once per page at the end of its record
        # gives the same index at a fraction of the cost. Search indexing likewise waits
        # for the end of the run: each page and organisation is then indexed once, in
        # batches, instead of the organisation once per service saved under it.
        with defer_indexing(), disable_reference_index_auto_update():
            for record in progress(records) if progress else records:
                self._import(record)
            self.fast.flush()
            self._link_parent_organisations()
        self.report.organisations.update(self._organisation_outcomes.values())
        return self.report

    # One record ---------------------------------------------------------------------

    def _import(self, record):
        if self.fast.unchanged(record):
            return None  # the same as last time, on a page nobody has edited since: not even read
        data = record.data
        hsds_id = str(data.get("id", "")) if isinstance(data, dict) else ""
        if not isinstance(data, dict):
            return self._reject(record, hsds_id, [("", _("A service must be a JSON object."))])
        tidied = self.tidier.tidy(data)
        if tidied.problems:
            return self._reject(record, hsds_id, tidied.problems)
        data = tidied.record
        hsds_id = str(data.get("id", ""))
        problems = [
            (path, _("does not follow the HSDS 3.0 schema: %(detail)s") % {"detail": message})
            for path, message in ([] if is_valid(data) else schema_errors(data))
        ]
        if problems:
            return self._reject(record, hsds_id, problems)
        if hsds_id in self._seen:
            return self._reject(record, hsds_id, [("id", _("This id was already used by an earlier record."))])
        self._seen.add(hsds_id)
        try:
            lent = self._nested_organisations.get(data.get("organization_id"))
            lent_warnings = self._nested_warnings.get(data.get("organization_id"), [])
            mapped = self.reader.read(data, organisation=lent)
        except RecordRejected as error:
            return self._reject(record, hsds_id, error.problems)
        except (KeyError, TypeError, ValueError, OverflowError) as error:
            # Schema-valid data the reader did not foresee: lose the record, not the run.
            return self._reject(record, hsds_id, [("", _("It could not be read: %(error)r") % {"error": error})])
        mapped.warnings[:0] = tidied.warnings + (lent_warnings if "organization" not in data else [])
        # New records are created in bulk and unchanged ones skipped by their hash
        # (directory/hsds/writer.py); the rest goes the usual way, record by record.
        if self.fast.take(record, mapped):
            return None
        self.fast.flush()
        return self._write(record, mapped)

    def _write(self, record, mapped):
        """Write one record in its own transaction: all of it, or nothing and a rejection."""
        hsds_id = str(mapped.hsds_id)
        writes = _RecordWrites()
        try:
            with transaction.atomic():
                organisation = self._save_organisation(mapped, writes)
                outcome = self._save_service(mapped, organisation)
                if writes.outcome in (CREATED, UPDATED):
                    self._update_references(OrganisationPage, organisation.pk)
                if outcome[0] != UNCHANGED:
                    self._update_references(ServicePage, outcome[1])
                self.fast.remember(record, writes, outcome)
        except RecordRejected as error:
            return self._reject(record, hsds_id, error.problems)
        except ValidationError as error:
            return self._reject(record, hsds_id, _validation_problems(error))
        except DatabaseError as error:
            return self._reject(record, hsds_id, [("", _("The database refused it: %(error)s") % {"error": error})])
        self._finish_record(record, mapped, writes, outcome)
        return None

    def _finish_record(self, record, mapped, writes, outcome):
        """What the run learns from a written record (its pages, counts and warnings)."""
        hsds_id = str(mapped.hsds_id)
        if writes.organisation_id is not None:
            self._organisations_done[writes.organisation_id] = writes.organisation
        if writes.outcome is not None:
            self._organisation_outcomes[writes.organisation_id] = writes.outcome
            self.organisation_pks[writes.organisation_id] = writes.page_pk
        if writes.parent_id is not None:
            self._pending_parents[writes.organisation_id] = writes.parent_id
        self.service_pks[mapped.hsds_id] = outcome[1]
        self.report.services[outcome[0]] += 1
        warnings = mapped.warnings + [ImportWarning("other", "", str(w)) for w in writes.warnings]
        organisation_pk = self.organisation_pks[mapped.organisation_hsds_id]
        self._record_warnings(record, hsds_id, warnings, outcome, organisation_pk, writes.outcome)

    def _record_warnings(self, record, hsds_id, warnings, outcome, organisation_pk, organisation_outcome):
        """Into the report, and as review flags on the service page or its organisation's.

        What concerns the organisation is said once, by the record that wrote (or found
        unchanged) the organisation in this run; the other records of that organisation
        leave it out, so that the report does not repeat it once per service.
        """
        service_warnings = [w for w in warnings if not _about_organisation(w)]
        organisation_warnings = [w for w in warnings if _about_organisation(w)] if organisation_outcome else []
        self.report.warnings.extend(
            ReportWarning(record.index, record.where, hsds_id, w.kind, w.field, w.message, w.original)
            for w in organisation_warnings + service_warnings
        )
        self.report.flagged += ReviewFlag.objects.sync(
            outcome[1], service_warnings, rewritten=outcome[0] != UNCHANGED, new=outcome[0] == CREATED
        )
        if organisation_outcome:
            self.report.flagged += ReviewFlag.objects.sync(
                organisation_pk,
                organisation_warnings,
                rewritten=organisation_outcome != UNCHANGED,
                new=organisation_outcome == CREATED,
            )

    @staticmethod
    def _update_references(model, pk):
        ReferenceIndex.create_or_update_for_object(model.objects.get(pk=pk))

    def _reject(self, record, hsds_id, problems):
        self.report.services[REJECTED] += 1
        self.report.rejections.append(Rejection(record.index, hsds_id, problems, record.where))

    # Organisations ------------------------------------------------------------------

    def _save_organisation(self, mapped, writes):
        """The organisation page of a service, created or updated once per run."""
        org_id = mapped.organisation_hsds_id
        first = self._organisations_done.get(org_id)
        if first is not None or (org_id in self._organisations_done and mapped.organisation is None):
            if mapped.organisation is not None and mapped.organisation != first and first is not UNREAD:
                writes.warnings.append(
                    _("organisation %(id)s differs from an earlier record; the first one was kept.") % {"id": org_id}
                )
            return self._fresh(self.organisation_pks[org_id])
        writes.organisation_id = org_id
        if mapped.organisation is None:
            pk = self.organisation_pks.get(org_id)
            if pk is None:
                raise RecordRejected(
                    [
                        (
                            "organization_id",
                            _("No organisation %(id)s in this file or in the directory.") % {"id": org_id},
                        )
                    ]
                )
            return self._fresh(pk)

        org = mapped.organisation
        values = dict(org.fields, hsds_id=org.hsds_id)
        parent_pk = self.organisation_pks.get(org.parent_hsds_id) if org.parent_hsds_id else None
        page_pk = self.organisation_pks.get(org_id)
        base = self._base(OrganisationPage, page_pk) if page_pk else None
        if org.parent_hsds_id and parent_pk is None:
            # The parent may come later in the file: link it at the end of the run.
            writes.parent_id = org.parent_hsds_id
            parent_pk = base.parent_organisation_id if base else None
        values["parent_organisation_id"] = parent_pk
        children = {relation: getattr(org, relation) for relation in ORGANISATION_SPEC.children}
        desired = {"fields": values, "m2m": {}, "children": children}
        _keep_absent(ORGANISATION_SPEC, desired, base, org.keep)
        outcome, page = self._save_page(ORGANISATION_SPEC, desired, base, self._fresh(self.directory.pk))
        writes.organisation, writes.outcome, writes.page_pk = org, outcome, page.pk
        return self._fresh(page.pk)

    def _link_parent_organisations(self):
        for org_id, parent_id in self._pending_parents.items():
            parent_pk = self.organisation_pks.get(parent_id)
            if parent_pk is None:
                message = _("organisation %(id)s: parent organisation %(parent)s was not found; left unlinked.") % {
                    "id": org_id,
                    "parent": parent_id,
                }
                self.report.warnings.append(
                    ReportWarning(0, "", "", "not-matched", "organization.parent_organization_id", message, parent_id)
                )
                continue
            with transaction.atomic():
                base = self._base(OrganisationPage, self.organisation_pks[org_id])
                if base.parent_organisation_id == parent_pk:
                    continue
                base.parent_organisation_id = parent_pk
                self._save_revision(base, log_action="wagtail.edit")
                self._update_references(OrganisationPage, base.pk)
            if self._organisation_outcomes.get(org_id) == UNCHANGED:
                self._organisation_outcomes[org_id] = UPDATED

    # Services -----------------------------------------------------------------------

    def _save_service(self, mapped, organisation):
        page_pk = self.service_pks.get(mapped.hsds_id)
        moved = False
        if page_pk is not None:
            current = Page.objects.get(pk=page_pk)
            if current.path[: -Page.steplen] != organisation.path:
                self._move(current, organisation)
                moved = True
        base = self._base(ServicePage, page_pk) if page_pk else None
        desired = {
            "fields": dict(mapped.fields, hsds_id=mapped.hsds_id),
            "m2m": mapped.terms,
            "children": {relation: getattr(mapped, relation) for relation in SERVICE_SPEC.children},
        }
        _keep_absent(SERVICE_SPEC, desired, base, mapped.keep)
        outcome, page = self._save_page(SERVICE_SPEC, desired, base, organisation, moved=moved)
        return outcome, page.pk

    def _move(self, page, organisation):
        if Page.objects.child_of(organisation).filter(slug=page.slug).exists():
            page.slug = self._unique_slug(organisation, page.slug, page.slug)
            page.save(clean=False, update_fields=["slug"])
        page.move(organisation, pos="last-child")

    # Pages --------------------------------------------------------------------------

    def _base(self, model, pk):
        """What the import compares with and builds on: live content, or the latest draft with --draft."""
        page = model.objects.get(pk=pk)
        if self.draft and page.has_unpublished_changes:
            return page.get_latest_revision_as_object()
        return page

    def _fresh(self, pk):
        # Tree parents are re-read for every record: a rolled-back record leaves stale
        # child counts on instances kept in memory.
        return Page.objects.get(pk=pk)

    def _save_page(self, spec, desired, base, parent, moved=False):
        if base is None:
            # Created as a draft even when publishing: Wagtail then validates the page once,
            # when the revision is published, instead of at every save on the way.
            page = spec.model(locale=self.locale, live=False)
            self._apply_fields(spec, page, desired)
            page.slug = self._unique_slug(parent, page.title, spec.model._meta.model_name)
            parent.add_child(instance=page)
            # Inline objects and terms are given after the page exists, so that they are
            # written once, by publishing (or only kept in the draft revision).
            self._apply_relations(spec, page, desired, new=True)
            self._save_revision(page, log_action="wagtail.create")
            return CREATED, page
        kept = self._kept_locations(spec, base, desired)
        current = self._state(spec, base, skip=kept)
        wanted = self._desired_state(spec, desired)
        same = current == wanted and not moved and (self.draft or base.live)
        if not same:
            self._apply_fields(spec, base, desired)
            self._apply_relations(spec, base, desired, kept)
            self._save_revision(base, log_action="wagtail.edit")
            return UPDATED, base
        return UNCHANGED, base

    def _save_revision(self, page, log_action):
        # The reader has validated the values and publishing validates the page again.
        revision = page.save_revision(log_action=log_action, clean=self.draft)
        if not self.draft:
            revision.publish()

    def _unique_slug(self, parent, title, fallback):
        base = ascii_slug(title, fallback)
        taken = set(Page.objects.child_of(parent).filter(slug__startswith=base).values_list("slug", flat=True))
        slug, suffix = base, 1
        while slug in taken:
            suffix += 1
            slug = f"{base}-{suffix}"
        return slug

    # Comparing and applying ---------------------------------------------------------

    @staticmethod
    def _state(spec, page, skip=()):
        """The values the import owns, read from a page (live, or a revision)."""
        state = {
            "fields": {name: getattr(page, name) for name in spec.fields},
            "m2m": {name: sorted(term.pk for term in getattr(page, name).all()) for name in spec.m2m},
            "children": {},
        }
        for relation, (_model, names, _key) in spec.children.items():
            rows = [child for child in getattr(page, relation).all() if child not in skip]
            state["children"][relation] = [{name: getattr(child, name) for name in names} for child in rows]
        return state

    @staticmethod
    def _desired_state(spec, desired):
        return {
            "fields": {name: desired["fields"][name] for name in spec.fields},
            "m2m": {name: sorted(term.pk for term in desired["m2m"][name]) for name in spec.m2m},
            "children": {
                relation: [{name: row[name] for name in names} for row in desired["children"][relation]]
                for relation, (_model, names, _key) in spec.children.items()
            },
        }

    @staticmethod
    def _kept_locations(spec, page, desired):
        """Confidential locations never travel in exports, so their absence from a file is no deletion."""
        if "locations" not in spec.children:
            return []
        wanted = {row["hsds_service_at_location_id"] for row in desired["children"]["locations"]}
        return [
            loc for loc in page.locations.all() if loc.confidential and loc.hsds_service_at_location_id not in wanted
        ]

    @staticmethod
    def _apply_fields(spec, page, desired):
        for name in spec.fields:
            setattr(page, name, desired["fields"][name])

    @staticmethod
    def _apply_relations(spec, page, desired, kept=(), new=False):
        """Terms and inline objects; existing inline objects are updated in place (same ids)."""
        for name in spec.m2m:
            setattr(page, name, desired["m2m"][name])
        for relation, (model, _names, key) in spec.children.items():
            existing = {}
            if not new:
                for child in getattr(page, relation).all():
                    existing.setdefault(getattr(child, key), child)
            children = []
            for row in desired["children"][relation]:
                child = existing.pop(row[key], None) or model()
                for name, value in row.items():
                    setattr(child, name, value)
                children.append(child)
            if relation == "locations":
                children.extend(kept)
            # Order as in the file: modelcluster sorts by sort_order, which old rows already have.
            for position, child in enumerate(children):
                child.sort_order = position
            setattr(page, relation, children)


def _about_organisation(warning):
    return warning.field == "organization" or warning.field.startswith("organization.")


def _keep_absent(spec, desired, base, names):
    """Fields and inline objects a record says nothing of (personal data left out of public
    exports, see MappedService.keep) stay as the page has them."""
    if base is None:
        return
    for name in names:
        if name in spec.children:
            fields = spec.children[name][1]
            desired["children"][name] = [
                {field: getattr(child, field) for field in fields} for child in getattr(base, name).all()
            ]
        else:
            desired["fields"][name] = getattr(base, name)


def _validation_problems(error):
    if hasattr(error, "error_dict"):
        return [(name, " ".join(messages)) for name, messages in error.message_dict.items()]
    return [("", " ".join(error.messages))]
