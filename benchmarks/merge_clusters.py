"""Merging on labelled clusters of reports: pair recall and the precision of the merges made, per file.

    .venv/bin/python benchmarks/merge_clusters.py [FILE.jsonl ...] [--show]

Each file (default: tests/data/merge_clusters/*.jsonl) holds articles whose events carry `same_as` labels (see
tests/cluster_score.py for the format; a gold set with `span`s, such as the team's real-news dev set, reads the
same way). Each file is ingested into a fresh SQLite store as `parley ingest` does, and scored: pairs of reports of
different articles that should be one event, how many of them are, the merges made among labelled reports and
the precision of those. --show lists the wrong merges and the misses. No assertions: it reports.
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
                for missed in found.missed:
                    print("   missed:", missed)


if __name__ == "__main__":
    main()
