"""Run the relevance set through the search service and score it.

Per query: success@3 (a relevant record among the first three), precision@5 (relevant
records among the first five, divided by min(5, how many relevant records exist), so
a query with one right answer can score 1) and reciprocal rank (1/rank of the first
relevant record among the first ten, else 0). Scores are averaged per kind of query
and overall. Runs in the caller's database (a test's, or bench/relevance.py's cluster).
"""

from collections import defaultdict
from dataclasses import dataclass, field

TOP = 10


@dataclass
class Scored:
    query: str
    kind: str
    success3: float
    precision5: float
    reciprocal_rank: float
    total: int
    first_titles: list = field(default_factory=list)
    left_out: tuple = ()


def relevant_ids(registry, spec):
    """Every HSDS id the query should find: its expected targets, and what its rule names."""
    by_key = registry.by_key()
    ids = {by_key[key].hsds_id for key in spec.get("expect", ())}
    rule = spec.get("relevant")
    if rule:
        for record in registry.records:
            if record.kind in rule["kind"] and ("area" not in rule or record.area == rule["area"]):
                ids.add(record.hsds_id)
    return ids


def score(registry, spec, service=None, language="el"):
    from search.query import SearchQuery
    from search.service import SearchService

    service = service or SearchService()
    results = service.search(
        SearchQuery(text=spec["q"], locale=language, page_size=TOP, with_facets=False), decorate=False
    )
    wanted = relevant_ids(registry, spec)
    marks = [bool(hit.hsds_id) and hit.hsds_id in wanted for hit in results.results[:TOP]]
    first = next((i for i, ok in enumerate(marks) if ok), None)
    return Scored(
        query=spec["q"],
        kind=spec["kind"],
        success3=1.0 if first is not None and first < 3 else 0.0,
        precision5=sum(marks[:5]) / min(5, len(wanted)) if wanted else 0.0,
        reciprocal_rank=1.0 / (first + 1) if first is not None else 0.0,
        total=results.total,
        first_titles=[("✓ " if ok else "  ") + hit.title for hit, ok in zip(results.results[:5], marks, strict=False)],
        left_out=tuple(getattr(results, "left_out", ()) or ()),
    )


def run(registry, queries, language="el"):
    from search.service import SearchService

    service = SearchService()
    return [score(registry, spec, service, language) for spec in queries]


def summary(scored):
    """{kind: (queries, success@3, precision@5, MRR, empty)}, with "overall" last."""
    groups = defaultdict(list)
    for item in scored:
        groups[item.kind].append(item)
    groups["overall"] = list(scored)
    out = {}
    for kind, items in groups.items():
        n = len(items)
        out[kind] = (
            n,
            sum(i.success3 for i in items) / n,
            sum(i.precision5 for i in items) / n,
            sum(i.reciprocal_rank for i in items) / n,
            sum(1 for i in items if i.total == 0),
        )
    return out


def table(scored):
    lines = [f"{'kind':<18}{'queries':>8}{'success@3':>11}{'P@5':>7}{'MRR':>7}{'empty':>7}"]
    for kind, (n, s3, p5, mrr, empty) in summary(scored).items():
        lines.append(f"{kind:<18}{n:>8}{s3:>11.2f}{p5:>7.2f}{mrr:>7.2f}{empty:>7}")
    return "\n".join(lines)
