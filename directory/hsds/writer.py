"""The importer's fast paths: new records created in bulk, unchanged records skipped by hash.

An import used to create about 6 services a second: each page went through
`add_child()` (a lock, a read of the last child, a save and its signals), a revision,
a publish (a second save), and once per page the reference index and Wagtail's admin
search index. A registry of 50,000 services took over two hours. Two paths make the
common cases fast, while the importer's record-by-record path (directory/hsds/
importer.py) stays for everything else:

- **New records** (a service not imported before, under an organisation that is new or
  already handled in this run) are queued and written `CHUNK_SIZE` at a time
  (`BulkCreator`): page ids and revision ids are reserved in one query each, tree paths
  come from `directory.pagetree.ChildSlots`, and pages, specific rows, inline children
  (every relation of the page spec, read generically), many-to-many rows and revisions
  are streamed with COPY. What an editor's save would also do is done here, in bulk:
  one revision per page with `latest_revision`/`live_revision` set and a create (and
  publish) entry in the page history, the reference index, Wagtail's admin search index,
  a translation key in the import's locale (wagtail-localize translates from it), and
  the page recorded for the public search index, which `defer_indexing()` writes once
  at the end of the run. Page signals are not sent (they are what made an import slow);
  their effect on the counts cache is `directory.cache.invalidate()`, once per chunk.
  Pages are not `full_clean()`ed again: the reader has run the models' validation on
  every value, slugs and paths are free by construction, and the database checks the
  rest. A chunk the database refuses is rolled back whole and its records are written
  again one by one through the importer's usual path, so a broken record is rejected
  alone, leaving nothing behind, and its neighbours still import.
- **Unchanged records** on a re-import: each imported page keeps the hash of the
  normalised record last written to it (`ImportFingerprint`, beside the page, not in
  its revision). A record whose hash is unchanged, on a page nobody has edited since
  (its latest revision is still the one the hash was taken on), is counted unchanged
  without loading the page. Anything else goes the usual way, which compares in full
  and records the hash again.
"""

import dataclasses
import hashlib
import json
import logging
import sys
import uuid
from pathlib import Path

from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from modelcluster.models import get_all_child_m2m_relations, get_all_child_relations
from wagtail.models import Page, PageLogEntry, ReferenceIndex, Revision
from wagtail.search.backends import get_search_backends

from directory import cache
from directory.models import DirectoryIndexPage, ImportFingerprint
from directory.pagetree import ChildSlots, add_numchild, copy_instances, copy_rows, reserve_ids
from search.indexing import pending_changes

logger = logging.getLogger(__name__)

#: Records per bulk write: big enough to amortise the per-chunk queries, small enough that
#: a chunk falling back to one-by-one writes (a broken record in it) costs little.
CHUNK_SIZE = 500
#: Part of every hash: change it when the meaning of a mapped record changes, so that the
#: next import compares every page in full once instead of trusting old hashes.
FINGERPRINT_VERSION = "1"


def _code_version():
    """A hash of the code that reads records: a new importer may read the same record
    differently, so its first run compares every page in full instead of trusting hashes."""
    from directory.hsds import importer, mapping, normalise, schema

    digest = hashlib.sha256(FINGERPRINT_VERSION.encode())
    for module in (importer, mapping, normalise, schema, sys.modules[__name__]):
        digest.update(Path(module.__file__).read_bytes())
    return digest.hexdigest()


# --- fingerprints --------------------------------------------------------------------


def fingerprint(data, *, options):
    """The hash of a record (or organisation) as found in the file, with the import's
    options (draft, region, language) and the code version: a record that hashes the same
    would be read, and written, the same."""
    text = json.dumps([options, data], sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(text.encode()).hexdigest()


class Fingerprints:
    """The hashes of the pages of one locale, loaded once per run, and their upkeep."""

    def __init__(self, locale, draft):
        self.draft = draft
        rows = ImportFingerprint.objects.filter(page__locale=locale).values_list(
            "page_id", "fingerprint", "revision_pk", "page__latest_revision_id", "page__live"
        )
        self.known = {pk: (value, revision, latest, live) for pk, value, revision, latest, live in rows}

    def matches(self, page_pk, value):
        """Whether the page still holds what `value` describes (and is live, when publishing)."""
        known = self.known.get(page_pk)
        if known is None:
            return False
        stored, revision, latest, live = known
        return stored == value and revision == latest and (self.draft or live)

    def store(self, pairs):
        """Record (page pk, hash) pairs, with each page's latest revision as it is now."""
        pairs = dict(pairs)
        if not pairs:
            return
        latest = dict(Page.objects.filter(pk__in=pairs).values_list("pk", "latest_revision_id"))
        ImportFingerprint.objects.bulk_create(
            [ImportFingerprint(page_id=pk, fingerprint=fp, revision_pk=latest.get(pk)) for pk, fp in pairs.items()],
            update_conflicts=True,
            unique_fields=["page"],
            update_fields=["fingerprint", "revision_pk"],
        )


# --- creating in bulk ----------------------------------------------------------------


@dataclasses.dataclass
class NewPage:
    """A page being built in memory, with what the run must learn once it is written."""

    spec: object
    page: Page
    value: str  # its fingerprint
    parent: object  # ChildSlots


class BulkCreator:
    """Writes the new pages of one chunk of records (all or nothing: the caller's transaction)."""

    def __init__(self, importer, fast):
        self.importer, self.fast = importer, fast
        self.draft = importer.draft
        self.now = timezone.now()
        self.page_type = ContentType.objects.get_for_model(Page)
        self._others = {}

    def create(self, queue, new_organisations):
        """Write `queue` ([(record, mapped)]) and the organisations it introduces; return
        [(record, mapped, writes, outcome)] for the importer's bookkeeping."""
        from directory.hsds.importer import CREATED, ORGANISATION_SPEC, SERVICE_SPEC, _RecordWrites, ascii_slug

        imp = self.importer
        count = len(new_organisations) + len(queue)
        with connection.cursor() as cursor:
            reserved = zip(reserve_ids(cursor, Page, count), reserve_ids(cursor, Revision, count), strict=True)
        ids = reserved.__next__  # (page id, revision id) of the next page
        directory = DirectoryIndexPage.objects.get(pk=imp.directory.pk)
        top = ChildSlots.for_page(directory)
        existing_parents = {
            imp.organisation_pks[mapped.organisation_hsds_id]
            for _record, mapped in queue
            if mapped.organisation_hsds_id not in new_organisations
        }
        slots = ChildSlots.for_pages(Page.objects.filter(pk__in=existing_parents).only("path", "depth", "url_path"))
        built = []

        organisation_pages, organisation_writes = {}, {}
        # Ids first, so that an organisation can point at a parent created in the same chunk.
        organisation_ids = {org_id: ids() for org_id in new_organisations}
        for org_id, org in new_organisations.items():
            writes = _RecordWrites(organisation_id=org_id, organisation=org, outcome=CREATED)
            parent_pk = None
            if org.parent_hsds_id in organisation_ids:
                parent_pk = organisation_ids[org.parent_hsds_id][0]
            elif org.parent_hsds_id:
                parent_pk = imp.organisation_pks.get(org.parent_hsds_id)
                if parent_pk is None:
                    writes.parent_id = org.parent_hsds_id  # it may come later: linked at the end of the run
            fields = dict(org.fields, hsds_id=org.hsds_id, parent_organisation_id=parent_pk)
            value = self.fast.organisation_hashes[org_id]
            new = self._build(ORGANISATION_SPEC, org, fields, {}, top, organisation_ids[org_id], ascii_slug, value)
            writes.page_pk = new.page.pk
            organisation_pages[org_id], organisation_writes[org_id] = new, writes
            built.append(new)
            slots[new.page.pk] = ChildSlots(new.page.path, new.page.depth, new.page.url_path)
            slots[new.page.pk].page = new.page

        results = []
        for record, mapped in queue:
            org_id = mapped.organisation_hsds_id
            writes = organisation_writes.pop(org_id, None) or _RecordWrites()
            if writes.organisation_id is None:
                self._note_second_mention(mapped, new_organisations, writes)
            new_parent = organisation_pages.get(org_id)
            parent = new_parent.page.pk if new_parent else imp.organisation_pks[org_id]
            fields = dict(mapped.fields, hsds_id=mapped.hsds_id)
            value = self.fast.service_hash(record)
            new = self._build(SERVICE_SPEC, mapped, fields, mapped.terms, slots[parent], ids(), ascii_slug, value)
            built.append(new)
            results.append((record, mapped, writes, (CREATED, new.page.pk)))
        created_organisations = {new.page.pk for new in organisation_pages.values()}
        for pk in created_organisations:
            slots[pk].page.numchild = slots[pk].added  # counted before the insert; the others after
        existing = [slot for pk, slot in slots.items() if pk not in created_organisations]
        self._write(built, [*existing, top])
        return results

    @staticmethod
    def _other_relations(spec):
        """Inline and many-to-many relations of the page model that the import does not own."""
        model = spec.model
        names = [relation.get_accessor_name() for relation in get_all_child_relations(model)]
        names += [field.name for field in get_all_child_m2m_relations(model)]
        return [name for name in names if name not in spec.children and name not in spec.m2m]

    def _note_second_mention(self, mapped, new_organisations, writes):
        first = new_organisations.get(mapped.organisation_hsds_id) or self.importer._organisations_done.get(
            mapped.organisation_hsds_id
        )
        if mapped.organisation is not None and first not in (None, UNREAD) and mapped.organisation != first:
            writes.warnings.append(
                _("organisation %(id)s differs from an earlier record; the first one was kept.")
                % {"id": mapped.organisation_hsds_id}
            )

    def _build(self, spec, mapped, fields, terms, slots, ids, slugify, value):
        """One page in memory, as `add_child()` then `save_revision()` (and `publish()`) would leave it."""
        desired = {
            "fields": fields,
            "m2m": terms,
            "children": {relation: getattr(mapped, relation) for relation in spec.children},
        }
        page_id, revision_id = ids
        page = spec.model(locale=self.importer.locale, live=False)
        if spec.model not in self._others:
            self._others[spec.model] = self._other_relations(spec)
        for relation in self._others[spec.model]:
            setattr(page, relation, [])  # a new page has none: no query for them once it has a pk
        self.importer._apply_fields(spec, page, desired)
        page.pk = page.id = page_id  # pk alone sets only page_ptr_id on a page subclass
        page.path, page.depth = slots.take()
        page.numchild = 0
        page.slug = slots.slug_for(slugify(page.title, spec.model._meta.model_name))
        page.url_path = slots.child_url_path(page.slug)
        page.draft_title = page.title
        self.importer._apply_relations(spec, page, desired, new=True)
        revision = Revision(
            pk=revision_id,
            content_type_id=page.content_type_id,
            base_content_type_id=self.page_type.pk,
            object_id=str(page_id),
            created_at=self.now,
            object_str=str(page),
            content=page.serializable_data(),
        )
        page.latest_revision_id, page.latest_revision_created_at = revision_id, self.now
        page._bulk_revision = revision
        if self.draft:
            page.has_unpublished_changes = True
        else:
            page.live, page.has_unpublished_changes = True, False
            page.live_revision_id = revision_id
            page.first_published_at = page.last_published_at = self.now
        return NewPage(spec, page, value, slots)

    def _write(self, built, parents):
        pages = [new.page for new in built]
        references = self._references(built)
        with connection.cursor() as cursor:
            copy_instances(cursor, Page, pages, local_only=True)
            for model in {new.spec.model for new in built}:
                copy_instances(cursor, model, [n.page for n in built if n.spec.model is model], local_only=True)
            copy_instances(cursor, Revision, [page._bulk_revision for page in pages])
            if not self.draft:
                # A draft keeps its inline objects and terms in its revision only, as before.
                self._write_relations(cursor, built)
            add_numchild(cursor, parents)
        PageLogEntry.objects.bulk_create(self._history(pages))
        ImportFingerprint.objects.bulk_create(
            ImportFingerprint(page_id=new.page.pk, fingerprint=new.value, revision_pk=new.page.latest_revision_id)
            for new in built
        )
        ReferenceIndex.objects.bulk_create(references, ignore_conflicts=True)
        for model in {new.spec.model for new in built}:
            for backend in get_search_backends(with_auto_update=True):
                backend.add_bulk(model, [n.page for n in built if n.spec.model is model])
        pending = pending_changes()
        if pending is not None:
            for page in pages:
                pending.page_changed(page)
        transaction.on_commit(cache.invalidate)

    def _write_relations(self, cursor, built):
        for model in {new.spec.model for new in built}:
            of_model = [n.page for n in built if n.spec.model is model]
            spec = next(n.spec for n in built if n.spec.model is model)
            for relation in spec.children:
                fk = getattr(model, relation).rel.field
                children = []
                for page in of_model:
                    for child in getattr(page, relation).all():
                        setattr(child, fk.attname, page.pk)
                        children.append(child)
                copy_instances(cursor, fk.model, children)
            for name in spec.m2m:
                field = model._meta.get_field(name)
                through = field.remote_field.through
                own, other = field.m2m_field_name(), field.m2m_reverse_field_name()
                columns = [f for f in through._meta.concrete_fields if f.name in (own, other)]
                rows = [{own: page.pk, other: term.pk} for page in of_model for term in getattr(page, name).all()]
                copy_rows(cursor, through, columns, rows)

    def _history(self, pages):
        actions = ("wagtail.create",) if self.draft else ("wagtail.create", "wagtail.publish")
        return [
            PageLogEntry(
                page_id=page.pk,
                content_type_id=page.content_type_id,
                label=page.get_admin_display_title(),
                action=action,
                timestamp=self.now,
                revision_id=page.latest_revision_id,
                content_changed=True,
            )
            for page in pages
            for action in actions
        ]

    def _references(self, built):
        """What `ReferenceIndex.create_or_update_for_object()` records for each new page once
        it is saved, for all of them in one insert. Inline objects are referred to by their
        primary keys there, so those are reserved now (after the revision was serialised:
        a first revision holds its new inline objects without keys, as in an editor's save).
        A draft has no inline objects or terms saved, so its references are its own fields'."""
        rows = []
        if not self.draft:
            self._reserve_child_ids(built)
        for new in built:
            page = new.page
            if not ReferenceIndex.model_is_indexable(type(page)):
                continue
            source = page if not self.draft else self._without_relations(new.spec, page)
            for to_type, to_id, model_path, content_path in set(ReferenceIndex._extract_references_from_object(source)):
                rows.append(
                    ReferenceIndex(
                        content_type_id=page.content_type_id,
                        base_content_type_id=self.page_type.pk,
                        object_id=str(page.pk),
                        to_content_type_id=to_type,
                        to_object_id=to_id,
                        model_path=model_path,
                        content_path=content_path,
                        content_path_hash=ReferenceIndex._get_content_path_hash(content_path),
                    )
                )
        return rows

    @staticmethod
    def _reserve_child_ids(built):
        children = {}
        for new in built:
            for relation in new.spec.children:
                for child in getattr(new.page, relation).all():
                    children.setdefault(type(child), []).append(child)
        with connection.cursor() as cursor:
            for model, objects in children.items():
                for child, pk in zip(objects, reserve_ids(cursor, model, len(objects)), strict=True):
                    child.pk = pk

    @staticmethod
    def _without_relations(spec, page):
        """The page as its row alone holds it (a draft's inline objects and terms are in its revision)."""
        bare = spec.model(**{field.attname: getattr(page, field.attname) for field in spec.model._meta.concrete_fields})
        for relation in spec.children:
            setattr(bare, relation, [])
        for name in spec.m2m:
            setattr(bare, name, [])
        return bare


# --- the importer's side -------------------------------------------------------------


class UnreadOrganisation:
    """Stands for an organisation found unchanged by its hash, without reading it: a later
    record naming the same organisation is not warned that it "differs" from this one."""


UNREAD = UnreadOrganisation()


class FastPaths:
    """Decides, record by record, whether a fast path takes it; queues and writes chunks."""

    def __init__(self, importer):
        self.importer = importer
        self.fingerprints = Fingerprints(importer.locale, importer.draft)
        tidier = getattr(importer, "tidier", None)
        self.options = [_code_version(), bool(importer.draft), importer.locale.language_code, tidier and tidier.region]
        self.queue = []
        self.new_organisations = {}  # organisation hsds id → mapped organisation, queued for creation
        self.organisation_hashes = {}  # organisation hsds id → hash of its object in the file
        self.created_in_bulk = 0
        self.chunks_written_one_by_one = 0

    # Hashes of what the file says ---------------------------------------------------------

    def organisation_data(self, data):
        """The organisation object a record brings (nested, or given in full by another record)."""
        org = data.get("organization")
        if isinstance(org, dict):
            return org
        return self.importer._nested_organisations.get(data.get("organization_id"))

    def service_hash(self, record):
        return fingerprint([record.data, self.organisation_data(record.data)], options=self.options)

    def organisation_hash(self, org_data):
        return fingerprint(org_data, options=self.options)

    # Before reading: unchanged records ----------------------------------------------------

    def unchanged(self, record):
        """True (and counted) if the record is exactly what was imported to its page last
        time and nobody has edited the page since: it is then not even read. Its warnings
        were reported, and flagged on its page, by the import that wrote it."""
        from directory.hsds.importer import UNCHANGED

        imp, data = self.importer, record.data
        if not imp.fast_paths or not isinstance(data, dict):
            return False
        service_id, org_data = _as_uuid(data.get("id")), self.organisation_data(data)
        org_id = _as_uuid((org_data or {}).get("id") or data.get("organization_id"))
        page_pk = imp.service_pks.get(service_id)
        if page_pk is None or org_id is None or str(data["id"]) in imp._seen:
            return False
        if not self.fingerprints.matches(page_pk, self.service_hash(record)):
            return False
        if org_id in self.new_organisations:
            return False  # moved to an organisation that is being created
        first_mention = org_id not in imp._organisations_done
        if first_mention:
            org_pk = imp.organisation_pks.get(org_id)
            if org_pk is None:
                return False
            if org_data is not None and not self.fingerprints.matches(org_pk, self.organisation_hash(org_data)):
                return False
        elif imp._organisations_done[org_id] is None and org_data is not None:
            return False  # named by id only so far: this record may update it, the usual way
        imp._seen.add(str(data["id"]))
        if first_mention:
            imp._organisations_done[org_id] = UNREAD if org_data is not None else None
            if org_data is not None:
                imp._organisation_outcomes[org_id] = UNCHANGED
        imp.report.services[UNCHANGED] += 1
        return True

    # After reading: new records -----------------------------------------------------------

    def take(self, record, mapped):
        """True if the record is queued for creation in bulk."""
        imp = self.importer
        if not imp.fast_paths or mapped.hsds_id in imp.service_pks:
            return False
        org_id = mapped.organisation_hsds_id
        if org_id in imp._organisations_done:
            if imp._organisations_done[org_id] is None and mapped.organisation is not None:
                return False  # named by id only so far: this record may update it, the usual way
        elif org_id not in self.new_organisations:
            if org_id in imp.organisation_pks or mapped.organisation is None:
                return False  # an existing organisation, compared once the usual way (or unknown)
            self.new_organisations[org_id] = mapped.organisation
            self.organisation_hashes[org_id] = self.organisation_hash(self.organisation_data(record.data))
        self.queue.append((record, mapped))
        if len(self.queue) >= CHUNK_SIZE:
            self.flush()
        return True

    def flush(self):
        """Write what is queued: in bulk, or one by one if the database refuses the chunk."""
        if not self.queue:
            return
        queue, organisations = self.queue, self.new_organisations
        self.queue, self.new_organisations = [], {}
        try:
            with transaction.atomic():
                results = BulkCreator(self.importer, self).create(queue, organisations)
        except Exception:  # noqa: BLE001 - any failure: the usual path then names the record and the reason
            logger.warning("A bulk write of %s records failed; writing them one by one.", len(queue), exc_info=True)
            self.chunks_written_one_by_one += 1
            for record, mapped in queue:
                self.importer._write(record, mapped)
            return
        self.created_in_bulk += len(results)
        for record, mapped, writes, outcome in results:
            self.importer._finish_record(record, mapped, writes, outcome)

    def remember(self, record, writes, outcome):
        """After a record went the usual way: the hashes of what its pages now hold."""
        pairs = {outcome[1]: self.service_hash(record)}
        org_data = self.organisation_data(record.data)
        if writes.page_pk is not None and writes.organisation is not None and org_data is not None:
            pairs[writes.page_pk] = self.organisation_hash(org_data)
        self.fingerprints.store(pairs)


def _as_uuid(value):
    try:
        return uuid.UUID(str(value))
    except ValueError:
        return None
