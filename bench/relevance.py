"""Relevance of the public search: success@3, precision@5 and MRR per kind of query.

Builds a directory in the style of a real registry of licensed social-care units
(tests/search/relevance/: a seeded background of --services records over the 332
municipalities, capitals without accents, genitive municipality names, plus the
hand-written records the queries look for), imports it through the HSDS importer on a
throwaway cluster, rebuilds the search index and runs every query of
tests/search/relevance/queries.yaml through the search service. Prints the figures
per kind and overall, and with --misses the queries that found nothing relevant in
the first three. Not a test: tests/search/test_relevance.py asserts floors on a
smaller directory.

    export KOINONIA_PGDATA=/tmp/bench-relevance
    .venv/bin/python manage.py migrate --noinput && .venv/bin/python manage.py setup_site
    .venv/bin/python bench/relevance.py --services 3000 [--misses]

Importing the same registry again changes nothing (records are matched by HSDS id), so
a second run only rebuilds the index (new indexing code takes effect) and re-seeds
synonyms that do not exist yet.
"""

import argparse
import os
import sys
import time
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.dev")
os.environ.setdefault("DJANGO_DEBUG", "0")
if not (os.environ.get("KOINONIA_PGDATA") or os.environ.get("DATABASE_URL")):
    raise SystemExit("Set KOINONIA_PGDATA (a throwaway cluster, e.g. /tmp/bench-relevance) or DATABASE_URL.")

import django  # noqa: E402

django.setup()

from search.indexing import Indexer  # noqa: E402
from search.synonyms import load_default_synonyms  # noqa: E402
from tests.search.relevance import evaluate  # noqa: E402
from tests.search.relevance.registry import Registry, import_registry, load_queries  # noqa: E402


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--services", type=int, default=3000, help="background records (besides the targets)")
    parser.add_argument("--seed", type=int, default=12)
    parser.add_argument("--misses", action="store_true", help="list the queries without a relevant hit in the top 3")
    args = parser.parse_args()

    started = time.perf_counter()
    registry = Registry(size=args.services, seed=args.seed).build()
    report = import_registry(registry)
    counts = report.summary()["services"]
    print(f"Registry: {len(registry.hsds)} records; import: {counts}")
    print(f"Synonyms added: {load_default_synonyms()}")
    count, seconds = Indexer().rebuild()
    print(f"Index rebuilt: {count} documents in {seconds:.1f} s (setup {time.perf_counter() - started:.0f} s)")

    queries = load_queries()
    scored = evaluate.run(registry, queries)
    print(f"\n{len(queries)} queries, first {evaluate.TOP} results each\n")
    print(evaluate.table(scored))
    if args.misses:
        print("\nNo relevant record in the first three:")
        for item in scored:
            if not item.success3:
                print(f"  [{item.kind}] {item.query!r} ({item.total} results)")
                for title in item.first_titles[:3]:
                    print(f"      {title}")


if __name__ == "__main__":
    main()
