"""Bulk inserts, Wagtail pages included.

Wagtail pages live in a treebeard materialised-path tree: each row of
`wagtailcore_page` has a `path` (one 4-character step per level, base 36),
a `depth`, a `numchild` and a `url_path`, and a specific page (a `CoursePage`)
adds a row to its own table that points at it. `PageTree` computes those
values for many new pages under one existing parent and inserts them with one
`bulk_create` of base rows plus one `executemany` per specific table, which is
what `Page.add_child()` would have written, one page at a time, minus the
search index and revisions (the caller indexes if it wants to).

`PageTree.check(root)` verifies the result the way treebeard's
`find_problems()` does, for the subtree only.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import connections, router
from django.db.models import F, Model
from django.utils import timezone
from wagtail.models import Locale, Page

BATCH = 2000


def chunked(items: Sequence, size: int = BATCH) -> Iterator[Sequence]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _converter(field, connection):
    """How a Python value of `field` becomes a database parameter; None when it passes as it is.

    Integers, strings, booleans and None need nothing; datetimes are adapted as the ORM
    adapts them (naive UTC text on SQLite); the rest goes through `get_db_prep_save`.
    """
    internal = field.get_internal_type()
    if internal == "DateTimeField":
        return connection.ops.adapt_datetimefield_value
    if internal in {
        "AutoField",
        "BigAutoField",
        "BigIntegerField",
        "BooleanField",
        "CharField",
        "ForeignKey",
        "IntegerField",
        "OneToOneField",
        "PositiveBigIntegerField",
        "PositiveIntegerField",
        "PositiveSmallIntegerField",
        "SlugField",
        "SmallIntegerField",
        "TextField",
    }:
        return None
    return lambda value: field.get_db_prep_save(value, connection)


def insert_rows(model: type[Model], field_names: list[str], rows: Iterable[Sequence[Any]], *, using: str = "default"):
    """INSERT plain rows (tuples in the order of `field_names`, attribute names like "step_id") into the
    model's own table, many at a time. No model instances, no signals, no primary keys returned.
    Returns how many rows were written.

    Values are adapted as the ORM would adapt them, on SQLite and PostgreSQL alike. The
    model's other fields get their defaults (`Field.get_default()`, "" for blank text), so a
    field added later with a default does not break the seed.
    """
    connection = connections[using]
    fields = [model._meta.get_field(name) for name in field_names]
    given = {field.attname for field in fields}
    defaulted = [
        field for field in model._meta.local_concrete_fields if field.attname not in given and not field.primary_key
    ]
    converters = [_converter(field, connection) for field in [*fields, *defaulted]]
    defaults = [(field.get_default, callable(field.default)) for field in defaulted]
    static_defaults = [None if is_callable else get() for get, is_callable in defaults]
    quote = connection.ops.quote_name
    # Table and column names come from the model and are quoted by the backend; values are parameters.
    sql = "INSERT INTO {} ({}) VALUES ({})".format(  # noqa: S608
        quote(model._meta.db_table),
        ", ".join(quote(field.column) for field in [*fields, *defaulted]),
        ", ".join(["%s"] * (len(fields) + len(defaulted))),
    )
    count = 0
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # COPY streams the rows: several times faster than INSERTs for hundreds of thousands of rows.
            copy_sql = "COPY {} ({}) FROM STDIN".format(
                quote(model._meta.db_table), ", ".join(quote(field.column) for field in [*fields, *defaulted])
            )
            with cursor.copy(copy_sql) as copy:
                for row in rows:
                    copy.write_row(_prepare(row, defaults, static_defaults, converters))
                    count += 1
            return count
        batch: list[list[Any]] = []
        for row in rows:
            batch.append(_prepare(row, defaults, static_defaults, converters))
            if len(batch) >= BATCH:
                cursor.executemany(sql, batch)
                count += len(batch)
                batch = []
        if batch:
            cursor.executemany(sql, batch)
            count += len(batch)
    return count


def _prepare(row, defaults, static_defaults, converters) -> list[Any]:
    values = list(row)
    for (get, is_callable), static in zip(defaults, static_defaults, strict=True):
        values.append(get() if is_callable else static)
    return [value if convert is None else convert(value) for convert, value in zip(converters, values, strict=True)]


def reserve_ids(model: type[Model], count: int, *, using: str = "default") -> list[int]:
    """`count` new primary keys for `model`, so that rows can be inserted with `insert_rows`
    and referred to at once. PostgreSQL takes them from the table's sequence; SQLite
    continues after the highest id (the caller holds the write lock inside its transaction).
    """
    if count <= 0:
        return []
    connection = connections[using]
    table, column = model._meta.db_table, model._meta.pk.column
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)", [table, column, count]
            )
            return [row[0] for row in cursor.fetchall()]
        quote = connection.ops.quote_name
        cursor.execute(f"SELECT COALESCE(MAX({quote(column)}), 0) FROM {quote(table)}")  # noqa: S608
        highest = cursor.fetchone()[0]
        cursor.execute("SELECT seq FROM sqlite_sequence WHERE name = %s", [table])
        row = cursor.fetchone()
        start = max(highest, row[0] if row else 0) + 1
        return list(range(start, start + count))


def _insert_instances(model: type[Model], objs: Sequence[Model], using: str) -> None:
    """INSERT the model's own table row (its local fields only) for each instance."""
    fields = list(model._meta.local_concrete_fields)
    insert_rows(
        model,
        [field.name for field in fields],
        ([getattr(obj, field.attname) for field in fields] for obj in objs),
        using=using,
    )


def path_step(position: int) -> str:
    """The path step of the `position`-th child (1-based): "0001", "0002", ... "000A", in Page's alphabet."""
    alphabet = Page.alphabet
    digits = ""
    number = position
    while number:
        number, remainder = divmod(number, len(alphabet))
        digits = alphabet[remainder] + digits
    if len(digits) > Page.steplen:
        raise ValueError(f"A page cannot have more than {len(alphabet) ** Page.steplen - 1} children.")
    return digits.rjust(Page.steplen, "0")


class PageTree:
    """New pages under one existing page, inserted in bulk.

    ::

        tree = PageTree(catalog)
        course = tree.add(catalog, CoursePage(title="...", slug="c0001", level=1))
        tree.add(course, LessonPage(title="...", slug="l01"))
        tree.insert()
    """

    def __init__(self, root: Page, *, using: str | None = None, now=None):
        self.root = root
        self.using = using or router.db_for_write(Page)
        self.now = now or timezone.now()
        self.locale_id = root.locale_id or Locale.get_default().pk
        self.pages: list[Page] = []
        self._children: dict[int, int] = defaultdict(int)  # id(parent) -> children added
        last = root.get_last_child()
        self._root_start = self._position_of(last.path) if last is not None else 0
        self._content_types: dict[type, int] = {}

    @staticmethod
    def _position_of(path: str) -> int:
        step = path[-Page.steplen :]
        return int(step, len(Page.alphabet))

    def add(self, parent: Page, page: Page, *, published_at=None) -> Page:
        """Place `page` as the next child of `parent` (the root or a page added before)."""
        key = id(parent)
        self._children[key] += 1
        position = self._children[key] + (self._root_start if parent is self.root else 0)
        page.path = parent.path + path_step(position)
        page.depth = parent.depth + 1
        page.numchild = 0
        if parent is not self.root:
            parent.numchild += 1
        page.url_path = f"{parent.url_path}{page.slug}/"
        page.draft_title = page.title
        page.live = True
        page.has_unpublished_changes = False
        published = published_at or self.now
        page.first_published_at = published
        page.last_published_at = published
        page.latest_revision_created_at = published
        page.locale_id = self.locale_id
        page.translation_key = uuid.uuid4()
        page.content_type_id = self._content_type_id(type(page))
        self.pages.append(page)
        return page

    def _content_type_id(self, model: type) -> int:
        if model not in self._content_types:
            self._content_types[model] = ContentType.objects.db_manager(self.using).get_for_model(model).pk
        return self._content_types[model]

    def insert(self, progress=None) -> int:
        """Write every page added: base rows, then each specific table. Returns how many pages."""
        base_fields = [field for field in Page._meta.local_concrete_fields if not field.primary_key]
        for chunk in chunked(self.pages):
            rows = [Page(**{field.attname: getattr(page, field.attname) for field in base_fields}) for page in chunk]
            Page.objects.using(self.using).bulk_create(rows)
            for page, row in zip(chunk, rows, strict=True):
                if row.pk is None:
                    raise RuntimeError("The database did not return the new pages' ids (SQLite 3.35 or later needed).")
                page.id = row.pk
                page.page_ptr_id = row.pk
                page._state.adding = False
                page._state.db = self.using
            if progress is not None:
                progress.advance(len(chunk) // 2)
        by_model: dict[type, list[Page]] = defaultdict(list)
        for page in self.pages:
            by_model[type(page)].append(page)
        for model, pages in by_model.items():
            for level in self._concrete_levels(model):
                _insert_instances(level, pages, self.using)
            if progress is not None:
                progress.advance(len(pages) - len(pages) // 2)
        added_to_root = self._children.get(id(self.root), 0)
        if added_to_root:
            Page.objects.using(self.using).filter(pk=self.root.pk).update(numchild=F("numchild") + added_to_root)
            self.root.numchild += added_to_root
        return len(self.pages)

    @staticmethod
    def _concrete_levels(model: type[Page]) -> list[type[Model]]:
        """The concrete models between `Page` (excluded) and `model` (included), base first."""
        parents = [
            parent
            for parent in reversed(model._meta.get_parent_list())
            if parent is not Page and issubclass(parent, Page)
        ]
        return [*parents, model] if model is not Page else []

    @staticmethod
    def check(root: Page) -> list[str]:
        """Problems in the subtree under `root`, as sentences; [] when the tree is sound.

        The checks of treebeard's `find_problems()` (characters, step length, orphans,
        depth, numchild) plus Wagtail's `url_path` and the specific row of each page.
        """
        problems = []
        rows = list(
            Page.objects.filter(path__startswith=root.path)
            .order_by("path")
            .values_list("id", "path", "depth", "numchild", "url_path", "slug", "content_type_id")
        )
        by_path = {row[1]: row for row in rows}
        children: dict[str, int] = defaultdict(int)
        for _pk, path, depth, _numchild, url_path, slug, _ct in rows:
            if len(path) % Page.steplen or any(char not in Page.alphabet for char in path):
                problems.append(f"bad path {path!r}")
            if len(path) // Page.steplen != depth:
                problems.append(f"page {path} has depth {depth}")
            if path != root.path:
                parent = by_path.get(path[: -Page.steplen])
                if parent is None:
                    problems.append(f"page {path} has no parent")
                    continue
                children[parent[1]] += 1
                if url_path != f"{parent[4]}{slug}/":
                    problems.append(f"page {path} has url_path {url_path!r} under {parent[4]!r}")
        for _pk, path, _depth, numchild, *_rest in rows:
            if children.get(path, 0) != numchild:
                problems.append(f"page {path} has numchild {numchild}, children {children.get(path, 0)}")
        content_types = {row[6] for row in rows}
        for content_type_id in content_types:
            model = ContentType.objects.get_for_id(content_type_id).model_class()
            expected = sum(1 for row in rows if row[6] == content_type_id)
            if model is not None and model is not Page:
                found = model.objects.filter(path__startswith=root.path).count()
                if found != expected:
                    problems.append(f"{expected - found} {model.__name__} rows are missing")
        return problems
