"""Cold start: `parley extract` of one short article in a fresh process, against spaCy alone.

    .venv/bin/python benchmarks/cold_start.py [--repeat R]

Each run is a new Python process, as a user's first command is: spaCy alone imports, loads Parley's
spaCy model and parses the article; `parley extract FILE` does all of its work for the same article
(pipeline, reference data, gazetteer, output). Best of --repeat interleaved runs of each, by wall clock.
The gazetteer index is built first if it is missing (that one-off build is timed and printed on its
own: it happens once per machine, not per start). The last line is `ratio: X.XX`, Parley's time over
spaCy's. No assertions: it reports.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ARTICLE = ("Russian missiles struck an apartment block in Kharkiv on Monday, killing three people, "
           "regional governor Oleh Syniehubov said. Ukraine accused Moscow of targeting civilians, and "
           "President Volodymyr Zelenskiy called on allies to send more air defence systems. Talks between "
           "the two sides are planned for next month in Istanbul, Turkey's foreign ministry said.\n")
PUBLISHED = "2025-04-22"
SPACY_ALONE = ("import sys, spacy; from parley.nlp.pipeline import model_name; "
               "nlp = spacy.load(model_name()); nlp(open(sys.argv[1], encoding='utf-8').read())")


def timed(cmd: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="runs of each, interleaved; the best counts")
    args = parser.parse_args(argv)

    from parley.nlp.geo import gazetteer

    path = gazetteer.cache_path()
    if not path.exists():
        start = time.perf_counter()
        gazetteer.build(path)
        print(f"gazetteer index built once: {time.perf_counter() - start:.1f} s ({path})")
    print(f"gazetteer index: {path.stat().st_size / 1e6:.1f} MB on disk")

    parley = str(Path(sys.executable).with_name("parley"))
    with tempfile.TemporaryDirectory() as tmp:
        article = Path(tmp) / "article.txt"
        article.write_text(ARTICLE, encoding="utf-8")
        spacy_best = parley_best = float("inf")
        for _ in range(max(1, args.repeat)):
            spacy_best = min(spacy_best, timed([sys.executable, "-c", SPACY_ALONE, str(article)]))
            parley_best = min(parley_best, timed([parley, "extract", str(article), "--published", PUBLISHED,
                                                  "--format", "jsonl"]))
    print(f"spaCy alone, load and parse one article: {spacy_best:.2f} s")
    print(f"parley extract, one article, cold process: {parley_best:.2f} s")
    print(f"ratio: {parley_best / spacy_best:.2f}")


if __name__ == "__main__":
    main()
