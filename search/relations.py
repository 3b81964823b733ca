"""What a document builder reads besides the page's own fields, two ways.

`PageRelations` reads one page's relations through the page object itself, so a page
being published is indexed with the children it holds in memory (modelcluster
commits them to the database only after the page's save).

`BatchRelations` reads the same for a whole batch with one plain query per relation
(ids and values, no ORM objects, no per-page querysets): what makes a rebuild of
50,000 pages fast. Both hand the builders the same plain shapes, so there is one
builder and the contract tests cover both paths (single pages through publishing,
batches through rebuilds). Here are the relations every page has (its parent's title,
its URL); an app whose pages have more extends both classes (the directory's
categories, locations and hours: directory/search_relations.py). `PageUrls` computes
page URLs for a batch without one `reverse()` per page, and is checked against
Page.get_url().
"""

import datetime
from dataclasses import dataclass

from django.utils import translation

from wagtail.models import Page, Site


@dataclass(frozen=True)
class ScheduleRow:
    """Opening hours as a document carries them, in the shape core.hours reads
    (attribute for attribute): what the Elasticsearch backend turns into intervals."""

    weekdays: tuple
    opens_at: datetime.time | None
    closes_at: datetime.time | None
    closes_next_day: bool
    valid_from: datetime.date | None
    valid_to: datetime.date | None
    closed: bool
    description: str = ""


class PageRelations:
    """Relations of pages read through the page objects (single pages, signals)."""

    def parent_title(self, page):
        parent = page.get_parent()
        return parent.title if parent else ""

    def url(self, page):
        return page.get_url() or page.url_path


class BatchRelations(PageRelations):
    """The same relations for a batch of pages of one model, one query per relation."""

    def __init__(self, model, pages, context):
        self.model = model
        self.ids = [page.pk for page in pages]
        self.context = context
        self._urls = PageUrls()
        steplen = Page.steplen
        parents = {p.path[:-steplen] for p in pages}
        self._parents = dict(Page.objects.filter(path__in=parents).values_list("path", "title"))
        self._pages = pages

    def parent_title(self, page):
        return self._parents.get(page.path[: -Page.steplen], "")

    def url(self, page):
        return self._urls.url(page)


class PageUrls:
    """Page URLs for a batch: Wagtail's own rules (the site root whose path the page's
    path starts with, the language prefix from i18n_patterns), with `reverse()` called
    once per site root and language instead of once per page."""

    def __init__(self):
        self.roots = sorted(Site.get_site_root_paths(), key=lambda root: -len(root.root_path))
        self._prefixes = {}

    def _prefix(self, language, root):
        key = (language, root.root_path)
        if key not in self._prefixes:
            from django.urls import reverse

            with translation.override(language):
                self._prefixes[key] = reverse("wagtail_serve", args=("x/",))[:-2]
        return self._prefixes[key]

    def url(self, page):
        language = page.locale.language_code
        candidates = [root for root in self.roots if page.url_path.startswith(root.root_path)]
        if not candidates:
            return page.get_url() or page.url_path
        root = next((r for r in candidates if r.language_code == language), candidates[0])
        if len({r.site_id for r in candidates}) > 1:
            return page.get_url() or page.url_path  # several sites: let Wagtail choose
        return self._prefix(language, root) + page.url_path[len(root.root_path) :]
