"""Writing many Wagtail pages at once: tree paths computed once, rows streamed with COPY.

`parent.add_child()` locks the parent, reads its last child, saves the page and its
specific row and fires signals: 20–50 ms a page, so 50,000 pages take most of an hour.
A bulk writer instead reserves page ids from the page sequence in one query, computes
the treebeard materialised paths of the new children itself (`ChildSlots`: steplen 4,
base-36 steps after the parent's last child, depth, `url_path`), streams every table
with PostgreSQL COPY and adds the new children to each parent's `numchild` once.

Used by the HSDS importer's bulk writer (directory/hsds/writer.py) and by the
benchmark generator (bench/generate_directory.py); keep the tree rules here only.
Written by hand because neither treebeard nor Wagtail has a bulk insert for a page
tree (treebeard's `MP_Node.load_bulk` saves node by node and knows nothing of
Wagtail's `url_path`, locales or multi-table page models).
"""

from django.db import connection, models

from wagtail.models import Page


def reserve_ids(cursor, model, count):
    """`count` fresh primary keys from `model`'s sequence, in one query."""
    if count <= 0:
        return []
    table, column = model._meta.db_table, model._meta.pk.column
    cursor.execute("SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)", [table, column, count])
    return [row[0] for row in cursor.fetchall()]


def reserve_page_ids(cursor, count):
    return reserve_ids(cursor, Page, count)


class ChildSlots:
    """Paths for new children of one parent page, after the children it already has.

    `taken_slugs` are the slugs of the existing children (a page's slug is unique among
    its siblings); `slug_for()` returns a free one and remembers it.
    """

    def __init__(self, path, depth, url_path, last_child_path=None, numchild=0, taken_slugs=()):
        self.path, self.depth, self.url_path = path, depth, url_path
        self.next_step = Page._str2int(last_child_path[-Page.steplen :]) + 1 if last_child_path else 1
        self.added = 0
        self.taken_slugs = set(taken_slugs)

    @classmethod
    def for_page(cls, page, with_slugs=True):
        """Slots under an existing page, read from the database."""
        children = Page.objects.filter(path__startswith=page.path, depth=page.depth + 1)
        last = children.order_by("-path").values_list("path", flat=True).first()
        slugs = children.values_list("slug", flat=True) if with_slugs else ()
        return cls(page.path, page.depth, page.url_path, last, taken_slugs=slugs)

    @classmethod
    def for_pages(cls, pages):
        """Slots under many existing pages of the same depth, with two queries in all."""
        pages = list(pages)
        if not pages:
            return {}
        depth = pages[0].depth
        paths = [page.path for page in pages]
        last, slugs = {}, {path: [] for path in paths}
        rows = Page.objects.filter(depth=depth + 1, path__regex=_prefix_regex(paths)).values_list("path", "slug")
        for path, slug in rows:
            parent = path[: -Page.steplen]
            if parent in slugs:
                slugs[parent].append(slug)
                if path > last.get(parent, ""):
                    last[parent] = path
        return {
            page.pk: cls(page.path, page.depth, page.url_path, last.get(page.path), taken_slugs=slugs[page.path])
            for page in pages
        }

    def take(self):
        """(path, depth) of the next child."""
        path = Page._get_path(self.path, self.depth + 1, self.next_step)
        self.next_step += 1
        self.added += 1
        return path, self.depth + 1

    def slug_for(self, base):
        slug, suffix = base, 1
        while slug in self.taken_slugs:
            suffix += 1
            slug = f"{base}-{suffix}"
        self.taken_slugs.add(slug)
        return slug

    def child_url_path(self, slug):
        return f"{self.url_path}{slug}/"


def _prefix_regex(paths):
    # Paths are [0-9A-Z] only (treebeard's alphabet), so they need no escaping.
    return "^(" + "|".join(paths) + ")"


def add_numchild(cursor, slots):
    """Count the new children into their parents' `numchild`, one statement per parent."""
    for slot in slots:
        if slot.added:
            cursor.execute(
                "UPDATE wagtailcore_page SET numchild = numchild + %s WHERE path = %s", [slot.added, slot.path]
            )


# --- COPY ----------------------------------------------------------------------------


def columns_of(model, names, local_only=False):
    """The model's concrete fields to copy: the named ones plus any with a default or null."""
    fields = model._meta.local_concrete_fields if local_only else model._meta.concrete_fields
    chosen = []
    for field in fields:
        if field.name in names or field.attname in names:
            chosen.append(field)
        elif not (field.primary_key and isinstance(field, models.AutoField)):
            if not (field.has_default() or field.null or field.blank):
                raise ValueError(f"{model.__name__}.{field.name} has no value and no default")
            chosen.append(field)
    return chosen


def copy_rows(cursor, model, fields, rows):
    """COPY `rows` (dicts of plain values by field name or attname) into `model`'s table;
    fields a row does not name take their default. Values go through the field's
    `get_db_prep_save`, as in a save (a JSON default becomes JSON, not a dict)."""
    quote = connection.ops.quote_name
    sql = f"COPY {quote(model._meta.db_table)} ({', '.join(quote(f.column) for f in fields)}) FROM STDIN"
    defaults = {f: f.get_default() for f in fields}
    keys = [(f, f.name, f.attname) for f in fields]
    with cursor.cursor.copy(sql) as copy:
        for values in rows:
            row = []
            for field, name, attname in keys:
                if name in values:
                    value = values[name]
                elif attname in values:
                    value = values[attname]
                else:
                    value = field.get_default() if callable(field.default) else defaults[field]
                row.append(field.get_db_prep_save(value, connection))
            copy.write_row(row)


def copy_instances(cursor, model, instances, local_only=False):
    """COPY model instances into `model`'s own table (`local_only`: only the fields of a
    multi-table child, such as ServicePage's beside wagtailcore_page), every concrete
    field as Django would save it (`get_db_prep_save`), primary keys included."""
    if not instances:
        return
    fields = model._meta.local_concrete_fields if local_only else model._meta.concrete_fields
    pk = model._meta.pk
    if isinstance(pk, models.AutoField) and all(instance.pk is None for instance in instances):
        fields = [field for field in fields if field is not pk]  # the sequence numbers them
    quote = connection.ops.quote_name
    sql = f"COPY {quote(model._meta.db_table)} ({', '.join(quote(f.column) for f in fields)}) FROM STDIN"
    with cursor.cursor.copy(sql) as copy:
        for instance in instances:
            copy.write_row([field.get_db_prep_save(field.pre_save(instance, add=True), connection) for field in fields])
