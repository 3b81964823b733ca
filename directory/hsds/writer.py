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
import datetime
import decimal
import hashlib
import json
import logging
import uuid

from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

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
#: What a mapped record carries that is not content.
NOT_CONTENT = ("warnings", "organisation")


# --- fingerprints --------------------------------------------------------------------


def _plain(value):
    """JSON for what a mapped record holds: terms and areas by pk, dates as ISO text."""
    if hasattr(value, "_meta") and hasattr(value, "pk"):
        return value.pk
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: getattr(value, f.name) for f in dataclasses.fields(value)}
    if isinstance(value, (datetime.date, datetime.time, uuid.UUID, decimal.Decimal)):
        return str(value)
    if isinstance(value, (set, frozenset)):
        return sorted(value, key=str)
    raise TypeError(f"cannot fingerprint {type(value).__name__}")


def fingerprint(mapped, *, draft):
    """The hash of a mapped service or organisation as the import would write it."""
    content = {f.name: getattr(mapped, f.name) for f in dataclasses.fields(mapped) if f.name not in NOT_CONTENT}
    text = json.dumps([FINGERPRINT_VERSION, bool(draft), content], sort_keys=True, default=_plain, ensure_ascii=False)
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

    def __init__(self, importer):
        self.importer = importer
        self.draft = importer.draft
        self.now = timezone.now()
        self.page_type = ContentType.objects.get_for_model(Page)

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
            new = self._build(ORGANISATION_SPEC, org, fields, {}, top, organisation_ids[org_id], ascii_slug)
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
            new = self._build(SERVICE_SPEC, mapped, fields, mapped.terms, slots[parent], ids(), ascii_slug)
            built.append(new)
            results.append((record, mapped, writes, (CREATED, new.page.pk)))
        created_organisations = {new.page.pk for new in organisation_pages.values()}
        for pk in created_organisations:
            slots[pk].page.numchild = slots[pk].added  # counted before the insert; the others after
        existing = [slot for pk, slot in slots.items() if pk not in created_organisations]
        self._write(built, [*existing, top])
        return results

    def _note_second_mention(self, mapped, new_organisations, writes):
        first = new_organisations.get(mapped.organisation_hsds_id) or self.importer._organisations_done.get(
            mapped.organisation_hsds_id
        )
        if mapped.organisation is not None and first is not None and mapped.organisation != first:
            writes.warnings.append(
                _("organisation %(id)s differs from an earlier record; the first one was kept.")
                % {"id": mapped.organisation_hsds_id}
            )

    def _build(self, spec, mapped, fields, terms, slots, ids, slugify):
        """One page in memory, as `add_child()` then `save_revision()` (and `publish()`) would leave it."""
        desired = {
            "fields": fields,
            "m2m": terms,
            "children": {relation: getattr(mapped, relation) for relation in spec.children},
        }
        page_id, revision_id = ids
        page = spec.model(locale=self.importer.locale, live=False)
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
        return NewPage(spec, page, fingerprint(mapped, draft=self.draft), slots)

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


class FastPaths:
    """Decides, record by record, whether a fast path takes it; queues and writes chunks."""

    def __init__(self, importer):
        self.importer = importer
        self.fingerprints = Fingerprints(importer.locale, importer.draft)
        self.queue = []
        self.new_organisations = {}  # organisation hsds id → mapped organisation, queued for creation
        self.created_in_bulk = 0
        self.chunks_written_one_by_one = 0

    def take(self, record, mapped):
        """True if a fast path has dealt with the record (or queued it)."""
        imp = self.importer
        if not imp.fast_paths:
            return False
        page_pk = imp.service_pks.get(mapped.hsds_id)
        if page_pk is not None:
            return self._unchanged(record, mapped, page_pk)
        org_id = mapped.organisation_hsds_id
        if org_id in imp._organisations_done:
            if imp._organisations_done[org_id] is None and mapped.organisation is not None:
                return False  # named by id only so far: this record may update it, the usual way
        elif org_id not in self.new_organisations:
            if org_id in imp.organisation_pks or mapped.organisation is None:
                return False  # an existing organisation, compared once the usual way (or unknown)
            self.new_organisations[org_id] = mapped.organisation
        self.queue.append((record, mapped))
        if len(self.queue) >= CHUNK_SIZE:
            self.flush()
        return True

    def _unchanged(self, record, mapped, page_pk):
        from directory.hsds.importer import UNCHANGED, _RecordWrites

        imp = self.importer
        if not self.fingerprints.matches(page_pk, fingerprint(mapped, draft=imp.draft)):
            return False
        org_id = mapped.organisation_hsds_id
        writes = _RecordWrites()
        if org_id in self.new_organisations:
            return False  # moved to an organisation that is being created
        if org_id in imp._organisations_done:
            first = imp._organisations_done[org_id]
            if first is None and mapped.organisation is not None:
                return False  # the first mention named it by id only: this one may update it
            if mapped.organisation is not None and mapped.organisation != first:
                writes.warnings.append(
                    _("organisation %(id)s differs from an earlier record; the first one was kept.") % {"id": org_id}
                )
        else:
            org_pk = imp.organisation_pks.get(org_id)
            if org_pk is None:
                return False
            writes.organisation_id, writes.organisation = org_id, mapped.organisation
            if mapped.organisation is not None:
                if not self.fingerprints.matches(org_pk, fingerprint(mapped.organisation, draft=imp.draft)):
                    return False
                writes.outcome, writes.page_pk = UNCHANGED, org_pk
        imp._finish_record(record, mapped, writes, (UNCHANGED, page_pk))
        return True

    def flush(self):
        """Write what is queued: in bulk, or one by one if the database refuses the chunk."""
        if not self.queue:
            return
        queue, organisations = self.queue, self.new_organisations
        self.queue, self.new_organisations = [], {}
        try:
            with transaction.atomic():
                results = BulkCreator(self.importer).create(queue, organisations)
        except Exception:  # noqa: BLE001 - any failure: the usual path then names the record and the reason
            logger.warning("A bulk write of %s records failed; writing them one by one.", len(queue), exc_info=True)
            self.chunks_written_one_by_one += 1
            for record, mapped in queue:
                self.importer._write(record, mapped)
            return
        self.created_in_bulk += len(results)
        for record, mapped, writes, outcome in results:
            self.importer._finish_record(record, mapped, writes, outcome)

    def remember(self, mapped, writes, outcome):
        """After a record went the usual way: the hashes of what its pages now hold."""
        pairs = {outcome[1]: fingerprint(mapped, draft=self.importer.draft)}
        if writes.page_pk is not None and writes.organisation is not None:
            pairs[writes.page_pk] = fingerprint(writes.organisation, draft=self.importer.draft)
        self.fingerprints.store(pairs)
