"""Reprints: articles whose text is a near-duplicate of another's (a wire story reprinted by several outlets, a
lightly edited copy), so that merging counts their events as one event with a report per outlet.

Each article's text gets a MinHash signature of its word shingles (datasketch: the maintained library for
MinHash and LSH; its in-memory LSH index would not outlive a run or be shared by parallel writers, so the LSH
bands live in a table, `article_bands`, and candidates are found with one indexed query per batch). Two
articles that share a band and whose signatures estimate a Jaccard similarity of at least SIMILAR are
reprints of each other, both ways round, in `reprints`. The relation is a function of the two texts alone,
so it does not depend on which article came first.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Sequence

import numpy as np
from sqlalchemy import Connection, bindparam, select

from parley.store.schema import article_bands, article_sketches, reprints

NUM_PERM = 64
BANDS, ROWS = 16, 4  # 16 bands of 4: texts of Jaccard 0.5 share a band 64% of the time, of 0.7 98%
SHINGLE = 3  # words
#: The estimated Jaccard similarity of word shingles from which two articles are one story.
SIMILAR = 0.5
#: Articles shorter than this many words are not compared: two short dispatches share phrasing by chance.
MIN_WORDS = 12
CHUNK = 500
_WORDS = re.compile(r"\w+")


def signature(text: str) -> np.ndarray | None:
    """The MinHash signature (NUM_PERM uint32 values) of the text's casefolded word shingles; None when the text
    is too short to compare."""
    from datasketch import (
        MinHash,  # imported when first needed: the package takes about a second to import
    )

    words = _WORDS.findall(text.casefold())
    if len(words) < MIN_WORDS:
        return None
    shingles = {" ".join(words[k:k + SHINGLE]).encode("utf-8") for k in range(len(words) - SHINGLE + 1)}
    sketch = MinHash(num_perm=NUM_PERM, seed=1)
    sketch.update_batch(sorted(shingles))
    return sketch.hashvalues.astype(np.uint32)


def bands(values: np.ndarray) -> list[str]:
    """The signature's LSH band keys: the band's number and a hash of its rows."""
    return [f"{b:02d}" + hashlib.sha1(values[b * ROWS:(b + 1) * ROWS].tobytes()).hexdigest()[:16]
            for b in range(BANDS)]


def similarity(a: np.ndarray, b: np.ndarray) -> float:
    """The Jaccard similarity the two signatures estimate."""
    return float(np.mean(a == b))


def _decode(hexed: str) -> np.ndarray:
    return np.frombuffer(bytes.fromhex(hexed), dtype=np.uint32)


def _chunks(values: Sequence, size: int = CHUNK):
    for start in range(0, len(values), size):
        yield values[start:start + size]


def record(conn: Connection, articles: Iterable[tuple[str, str]]) -> set[frozenset]:
    """Sketch new articles ((id, text) pairs), store their signatures and bands, and store every reprint pair
    they make with stored articles or with each other, in the caller's transaction. Returns the new pairs."""
    sketches = {}
    for article_id, text in articles:
        values = signature(text)
        if values is not None:
            sketches[article_id] = values
    if not sketches:
        return set()
    keyed = {article_id: bands(values) for article_id, values in sketches.items()}
    by_band: dict[str, set[str]] = {}
    for article_id, keys in keyed.items():
        for key in keys:
            by_band.setdefault(key, set()).add(article_id)
    candidates: dict[str, set[str]] = {a: set() for a in sketches}
    all_keys = sorted(by_band)
    for chunk in _chunks(all_keys):
        for key, other in conn.execute(select(article_bands.c.band, article_bands.c.article_id)
                                       .where(article_bands.c.band.in_(chunk))):
            for article_id in by_band[key]:
                if other != article_id:
                    candidates[article_id].add(other)
    for members in by_band.values():
        for article_id in members:
            candidates[article_id] |= members - {article_id}
    stored_ids = sorted({o for found in candidates.values() for o in found} - set(sketches))
    others = dict(sketches)
    for chunk in _chunks(stored_ids):
        for article_id, hexed in conn.execute(select(article_sketches.c.article_id, article_sketches.c.signature)
                                              .where(article_sketches.c.article_id.in_(chunk))):
            others[article_id] = _decode(hexed)
    pairs: dict[frozenset, float] = {}
    for article_id, found in candidates.items():
        for other in found:
            if other in others:
                score = similarity(sketches[article_id], others[other])
                if score >= SIMILAR:
                    pairs[frozenset((article_id, other))] = score
    conn.execute(article_sketches.insert(), [{"article_id": a, "signature": v.tobytes().hex()}
                                             for a, v in sketches.items()])
    conn.execute(article_bands.insert(), [{"band": key, "article_id": a} for a, keys in keyed.items()
                                          for key in sorted(set(keys))])
    if pairs:
        conn.execute(reprints.insert(), [{"article_id": a, "other_id": b, "similarity": round(score, 3)}
                                         for pair, score in sorted(pairs.items(), key=lambda p: sorted(p[0]))
                                         for a, b in (sorted(pair), sorted(pair)[::-1])])
    return set(pairs)


def pairs_among(conn: Connection, article_ids: Iterable[str]) -> frozenset:
    """The reprint pairs (frozensets of two article ids) that involve any of these articles."""
    found = set()
    for chunk in _chunks(sorted(set(article_ids))):
        for a, b in conn.execute(select(reprints.c.article_id, reprints.c.other_id)
                                 .where(reprints.c.article_id.in_(chunk))):
            found.add(frozenset((a, b)))
    return frozenset(found)



_BETWEEN = select(reprints.c.article_id, reprints.c.other_id).where(
    reprints.c.article_id.in_(bindparam("one", expanding=True)), reprints.c.other_id.in_(bindparam("other", expanding=True)))



def pairs_within(conn: Connection, article_ids: Iterable[str]) -> frozenset:
    """The reprint pairs (frozensets of two article ids) among these articles: both ends in the set. What
    merging a stretch of the store needs: a widely reprinted story has a pair with every stored copy, most of
    them outside the stretch, so both ends are bound in the query rather than every pair read and filtered."""
    ids = sorted(set(article_ids))
    found = set()
    for one in _chunks(ids):
        for other in _chunks(ids):
            found.update(frozenset(pair) for pair in conn.execute(_BETWEEN, {"one": list(one), "other": list(other)}))
    return frozenset(found)
