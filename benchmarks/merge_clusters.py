"""Merging on labelled clusters of reports: pair recall and the precision of the merges made, per file.

    .venv/bin/python benchmarks/merge_clusters.py [FILE.jsonl ...] [--show]

Each file (default: tests/data/merge_clusters/*.jsonl) holds articles whose events carry `same_as` labels (see
tests/cluster_score.py for the format; a gold set with `span`s, such as the team's real-news dev set, reads the
same way). Each file is ingested into a fresh SQLite store as `parley ingest` does, and scored: pairs of reports of
different articles that should be one event, how many of them are, the merges made among labelled reports and
the precision of those. --show lists the wrong merges and the misses; --explain adds, for each, the two reports as
merging reads them (type, party roots, date and its precision, place, status, evidence words), the stored
merge_reason and what store/match.py makes of the pair (the score and its features, or ruled apart). No
assertions: it reports.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "tests"))


def main(argv: list[str] | None = None) -> None:
    from cluster_score import read_labelled, score
    from parley.ingest import ingest

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="*", type=Path)
    parser.add_argument("--show", action="store_true")
    parser.add_argument("--explain", action="store_true", help="with --show: why each pair merged or did not")
    args = parser.parse_args(argv)
    files = args.files or sorted((HERE.parent / "tests" / "data" / "merge_clusters").glob("*.jsonl"))
    with tempfile.TemporaryDirectory() as folder:
        for number, path in enumerate(files):
            url = f"sqlite:///{Path(folder) / f'store{number}.db'}"
            ingest([str(path)], url)
            found = score(url, read_labelled(path))
            print(found.line(path.name))
            if args.show:
                for wrong in found.wrong:
                    print("   wrong:", wrong)
                    if args.explain:
                        explain(url, (wrong[0], wrong[1]), (wrong[3], wrong[4]))
                for missed in found.missed:
                    print("   missed:", missed)
                    if args.explain:
                        explain(url, (missed[0], missed[1]), (missed[2], missed[3]))


def explain(url: str, first: tuple[str, str], second: tuple[str, str]) -> None:
    """Print two stored reports, each (article id, trigger), as merging reads them, and how store/match.py scores
    them (a trigger told twice in an article is its first report)."""
    from sqlalchemy import select

    from parley.store import match as scoring
    from parley.store.connect import make_engine
    from parley.store.merge import report_of
    from parley.store.regroup import KEY_COLUMNS
    from parley.store.schema import event_mentions, mention_keys

    engine = make_engine(url)
    found = []
    with engine.connect() as conn:
        for article, trigger in (first, second):
            row = conn.execute(select(*event_mentions.c, *(mention_keys.c[c] for c in KEY_COLUMNS))
                               .join(mention_keys, mention_keys.c.mention_id == event_mentions.c.id)
                               .where(event_mentions.c.article_id == article, event_mentions.c.trigger == trigger,
                                      event_mentions.c.in_title.is_(False))
                               .order_by(event_mentions.c.span_start)).mappings().first()
            if row is None:
                print(f"      {article} {trigger!r}: no stored report")
                engine.dispose()
                return
            report = report_of(row)
            found.append(report)
            print(f"      {article} {report.type} {trigger!r}: {'+'.join(sorted(report.sources)) or '?'} > "
                  f"{'+'.join(sorted(report.targets)) or '?'}; {report.when} ({report.precision}); "
                  f"{report.place or 'no place'}; {report.status}; evidence {' '.join(sorted(report.evidence))}; "
                  f"event {row['event_id'][:8]}; {row['merge_reason'] or 'first report of its event'}")
    engine.dispose()
    a, b = found
    verdict = scoring.match(a, b)
    print("      ->", f"score {verdict.score}: {verdict.reason()}" if verdict else "ruled apart or nothing shared "
          f"(dates {scoring._dates(a, b)}, places {scoring._places(a, b)}, parties {scoring._parties(a, b)})")


if __name__ == "__main__":
    main()
