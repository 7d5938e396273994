"""A long article is read like its parts: the lookups that find an antecedent ("the proposal", "the rebels",
"the group") find the nearest one however long the article already is (they use indexes, not scans)."""

import parley

PARAGRAPH = ("On 3 March 2025, Russia accused Ukraine of shelling Kharkiv. Qatar proposed a truce in Doha on "
             "4 March 2025. Egypt proposed a ceasefire in Cairo. Israel rejected the proposal. Hamas fighters "
             "attacked Israeli troops near Rafah. Hezbollah fighters fired rockets at Haifa. The group said it "
             "would fight on.\n\n")
COPIES = 40


def _read(events, offset=0):
    return [(e.type, [a.name for a in e.source], [a.name for a in e.target], e.date, e.status,
             e.location.name if e.location else None, e.span[0] - offset, e.span[1] - offset)
            for e in events]


def test_long_article_reads_a_repeated_paragraph_alike_however_far_in():
    """The first copies may read a little differently (the paragraph has less before it: the last party
    named, the article-wide counts that rank the dyad in focus settle after a few copies); the second half
    of the copies must read exactly alike, and like the paragraph alone in its types and triggers."""
    single = parley.extract(PARAGRAPH, "2025-03-05")
    document = parley.extract(PARAGRAPH * COPIES, "2025-03-05")
    per_copy = [[] for _ in range(COPIES)]
    for event in document.events:
        per_copy[event.span[0] // len(PARAGRAPH)].append(event)
    copies = [_read(events, k * len(PARAGRAPH)) for k, events in enumerate(per_copy)]
    half = COPIES // 2
    assert copies[half:] == [copies[half]] * (COPIES - half)
    assert [(e[0], e[-2], e[-1]) for e in copies[half]] == [(e[0], e[-2], e[-1]) for e in _read(single.events)]
    # the nearest antecedent in the copy, not the first in the article: Egypt's proposal, Hezbollah
    rejected = next(e for e in copies[-1] if e[0] == "REJECT")
    group = next(e for e in copies[-1] if PARAGRAPH[e[-2]:e[-1]].startswith(("said", "would", "fight")))
    assert (rejected[2], group[1]) == (["Egypt"], ["Hezbollah"])
