"""Reprints: articles whose text is a near-duplicate of another's (a wire story reprinted by several outlets, a
lightly edited copy), so that merging counts their events as one event with a report per outlet.

Each article's text gets a MinHash signature of its word shingles (datasketch: the maintained library for
MinHash and LSH), stored in `article_sketches` (the `article_bands` of earlier versions is no longer written: nothing
reads it, since the bands are compared from the signatures themselves). Two articles that share a band
and whose signatures estimate a Jaccard similarity of at least SIMILAR are reprints of each other. The relation
is a function of the two texts alone, so it does not depend on which article came first; it is worked out from
the signatures when merging asks about a few days' articles (`Sketches`), never stored pair by pair: a story
reprinted n times makes n * n pairs, which made each new copy cost more than the one before (the `reprints`
table of versions 13 to 23 is no longer written or read).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Sequence

import numpy as np
from sqlalchemy import Connection, select

from parley.store.schema import article_sketches

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
    """The signature's LSH band keys: the band's number and a hash of its rows (`reprinted` compares the bands
    of two signatures directly; this names them, as the `article_bands` of earlier versions did)."""
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


def record(conn: Connection, articles: Iterable[tuple[str, str]]) -> dict[str, np.ndarray]:
    """Sketch new articles ((id, text) pairs) and store their signatures, in the caller's transaction.
    Returns the signatures by article id (an article too short to compare has none)."""
    sketches = {}
    for article_id, text in articles:
        values = signature(text)
        if values is not None:
            sketches[article_id] = values
    if sketches:
        conn.execute(article_sketches.insert(), [{"article_id": a, "signature": v.tobytes().hex()}
                                                 for a, v in sketches.items()])
    return sketches


def reprinted(a: np.ndarray, b: np.ndarray) -> bool:
    """Whether two articles with these signatures are reprints of each other: they share a band (the same ROWS
    values at the same place, what `bands` keys) and estimate a similarity of at least SIMILAR."""
    same = a == b
    return bool(same.reshape(BANDS, ROWS).all(axis=1).any()) and float(np.mean(same)) >= SIMILAR


class Sketches:
    """The signatures of stored articles, read from article_sketches as merging asks about a stretch of the store
    and kept with those of the batch being written. Whether two articles are reprints is worked out when merging
    compares their reports, and remembered: a stretch's articles are most of them never compared pairwise."""

    def __init__(self, conn: Connection, known: dict[str, np.ndarray] | None = None):
        self.conn = conn
        self.values: dict[str, np.ndarray | None] = dict(known or {})
        self.known: dict[tuple[str, str], bool] = {}
        self.bands: dict[str, frozenset] = {}

    def pairs_within(self, article_ids: Iterable[str]) -> Pairs:
        """The reprint pairs among these articles, as a set merging asks `frozenset((a, b)) in pairs`."""
        missing = sorted(set(article_ids) - self.values.keys())
        for chunk in _chunks(missing):
            self.values.update(dict.fromkeys(chunk))  # an article without a signature (too short) has no reprints
            self.values.update((article_id, _decode(hexed)) for article_id, hexed in _signatures(self.conn, chunk))
        return Pairs(self)

    def bands_of(self, article_id: str) -> frozenset:
        """The LSH bands of an article asked about with pairs_within, as (band, its rows' values): two reprints
        share one (`reprinted`); empty for an article too short to compare."""
        found = self.bands.get(article_id)
        if found is None:
            values = self.values.get(article_id)
            found = self.bands[article_id] = frozenset() if values is None else frozenset(
                (band, *rows) for band, rows in enumerate(values.reshape(BANDS, ROWS).tolist()))
        return found

    def reprinted(self, a: str, b: str) -> bool:
        """Whether articles a and b (both asked about with pairs_within) are reprints of each other."""
        key = (a, b) if a < b else (b, a)
        found = self.known.get(key)
        if found is None:
            one, other = self.values.get(a), self.values.get(b)
            # most pairs share no band, which is quicker to see from the bands than from the signatures
            found = self.known[key] = (one is not None and other is not None and a != b
                                       and not self.bands_of(a).isdisjoint(self.bands_of(b)) and reprinted(one, other))
        return found


class Pairs:
    """Reprint pairs as merge.regroup asks about them (`frozenset((a, b)) in pairs`), each found when first asked."""

    def __init__(self, sketches: Sketches):
        self.sketches = sketches

    def __bool__(self) -> bool:
        return True

    def __contains__(self, pair) -> bool:
        if len(pair) != 2:
            return False
        a, b = pair
        return self.sketches.reprinted(a, b)


def _signatures(conn: Connection, article_ids: list[str]):
    return conn.execute(select(article_sketches.c.article_id, article_sketches.c.signature)
                        .where(article_sketches.c.article_id.in_(article_ids)))


def pairs_within(conn: Connection, article_ids: Iterable[str]) -> frozenset:
    """The reprint pairs (frozensets of two article ids) among these stored articles: both ends in the set."""
    return Sketches(conn).pairs_within(article_ids)
