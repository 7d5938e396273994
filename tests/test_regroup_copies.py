"""Merging scores the copies of a reprinted story once (merge.Group.best; Report.scored_as): the store is what one
batch of everything stores, in any order."""

import random
from datetime import date, timedelta

from conftest_store import HAMAS, ISRAEL, KYIV, RUSSIA, UKRAINE, document
from parley.records import Event, Location
from test_regroup_stretches import _same_in_shuffled_batches

ODESA = Location("Odesa", "UKR", 46.48, 30.72, "city")


def test_copies_of_reprinted_stories_in_batches_store_what_one_batch_stores_in_any_order(tmp_path):
    rng = random.Random(11)
    stories = []
    for n in range(8):
        text = (f"Story {n}: Russian strikes near {['Kyiv', 'Odesa'][n % 2]} killed {[3, 7, 12][n % 3]} people "
                f"and wounded many more on Monday, officials in the region said in a statement.")
        source, target = [([RUSSIA], [UKRAINE]), ([], [UKRAINE]), ([ISRAEL], [HAMAS])][n % 3]
        stories.append((text, source, target, date(2025, 3, 1) + timedelta(days=n % 3)))
    docs = []
    for copy in range(40):  # each story stored five times, each copy its own article: one event of five reports
        text, source, target, day = stories[copy % len(stories)]
        happened = Event(id="e1", type=rng.choice(["ASSAULT", "ASSAULT", "COERCE"]), span=(0, 5), trigger="Story",
                         sentence_span=(0, len(text)), source=source, target=target, date=day.isoformat(),
                         date_precision="day", location=KYIV if "Kyiv" in text else ODESA)
        docs.append(document(f"copy{copy:02d}", [happened], text=f"{text} Dispatch {copy}.",
                             published=day.isoformat()))
    events, mentions = _same_in_shuffled_batches(tmp_path, docs, rng, [1, 4, 9], tries=3)
    assert len(mentions) == 40 and len(events) < 20  # the copies merged
