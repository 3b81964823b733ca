"""Rebuild the public search index from the published pages.

    python manage.py rebuild_search_index

Searches keep answering from the old index until the new one is complete (a single
transaction on PostgreSQL; a new index and an alias swap on Elasticsearch). Prints a
progress bar and the indexing speed. Wagtail's own `update_index` (the admin's
search) is a different index and is left alone.
"""

from tqdm import tqdm

from django.core.management.base import BaseCommand

from search.indexing import BATCH_SIZE, Indexer


class Command(BaseCommand):
    help = "Rebuild the public search index (services, organisations, good practices) with a progress bar."

    def add_arguments(self, parser):
        parser.add_argument("--batch-size", type=int, default=BATCH_SIZE, help="pages built per batch")
        parser.add_argument("--no-progress", action="store_true", help="no progress bar (logs, cron)")

    def handle(self, *args, **options):
        indexer = Indexer()
        total = indexer.count()
        self.stdout.write(f"Rebuilding the search index ({indexer.backend.name}): {total} pages")
        self.stderr.ending = ""  # tqdm redraws its line with "\r"; no newline after each write
        with tqdm(total=total, unit="doc", disable=options["no_progress"], file=self.stderr) as bar:
            count, seconds = indexer.rebuild(progress=bar.update, batch_size=max(1, options["batch_size"]))
        rate = count / seconds if seconds else float(count)
        self.stdout.write(
            self.style.SUCCESS(f"Indexed {count} documents in {seconds:.1f} s ({rate:.0f} documents/second).")
        )
