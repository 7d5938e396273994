"""Merging sweeps only the stored events a run's new reports can reach (store/reach.py): events connected to a new
report by pairs of reports that could be one event. The store it gives is pinned by test_regroup_stretches.py and
test_regroup_copies.py (any order, any batches = one batch); these pin the reach itself."""

import itertools
import random
from dataclasses import replace
from datetime import date, timedelta

from parley.store import reach
from parley.store.match import score_pair
from parley.store.reach import Reach, Reaches, may_match
from parley.store.report_keys import Report
from parley.store.reprints import Sketches


def _report(id, article, sources=("state:RUS",), targets=("state:UKR",), day=date(2025, 4, 21), place="Kyiv",
            evidence=("kyiv", "7"), type="ASSAULT", event_id=None, precision="day"):
    return Report(id, type, "", day, place, event_id, precision, frozenset(sources), frozenset(targets),
                  "UKR" if place else None, None, "city" if place else None, frozenset(evidence), article,
                  trigger="struck", sentence=0)


def test_may_match_allows_every_pair_score_pair_allows_whatever_the_articles():
    rng = random.Random(5)
    parties = [(), ("state:RUS",), ("state:UKR",), ("state:ISR",), ("state:RUS", "state:UKR")]
    reports = [_report(f"m{n}", rng.choice(["a1", "a2", "a3"]), rng.choice(parties), rng.choice(parties),
                       date(2025, 4, 20) + timedelta(days=rng.randint(0, 3)), rng.choice(["Kyiv", "Odesa", None]),
                       rng.choice([(), ("7",), ("kyiv", "7"), ("12",)]), rng.choice(["ASSAULT", "COERCE", "AGREE"]),
                       precision=rng.choice(["day", "week", "article", "month"]))
               for n in range(60)]
    allowed = 0
    for a, b in itertools.permutations(reports, 2):
        if score_pair(a, b, False) is not None:
            allowed += 1
            assert may_match(a, b, False), (a, b)
        if score_pair(a, b, True) is not None:
            assert may_match(a, b, True), (a, b)
    assert allowed > 100  # the reports are alike enough that many pairs are allowed


def test_reachable_keeps_events_chained_to_a_new_report_and_leaves_out_the_others():
    new = _report("new", "n1")
    # an event of the same parties, day and town, one of whose reports knows only the target; an event of
    # another source reached only through that report; and an event whose parties and town share nothing
    first = _report("s1", "a1", event_id="E1")
    target_only = _report("s2", "a2", sources=(), targets=("state:UKR",), event_id="E1")
    israel = _report("s3", "a3", sources=("state:ISR",), targets=(), event_id="E2")
    apart = _report("s4", "a4", sources=("state:ISR",), targets=("state:PSE",), place="Gaza", evidence=("gaza",),
                    event_id="E3")
    found = Reach(Sketches(None)).reachable([first, target_only, israel, apart], [new])
    assert [r.id for r in found] == ["s1", "s2", "s3"]


def test_reachable_keeps_every_copy_of_a_story_a_new_copy_may_join():
    copies = [_report(f"c{n}", f"a{n}", event_id="E1") for n in range(5)]
    found = Reach(Sketches(None)).reachable(copies, [_report("new", "n1")])
    assert [r.id for r in found] == ["c0", "c1", "c2", "c3", "c4"]


def test_a_reach_kept_from_batch_to_batch_finds_what_a_fresh_one_finds():
    # a writer keeps one Reach per family (Reaches); the next batch's reports and stored events differ
    reaches = Reaches()
    first_batch = [_report("s1", "a1", event_id="E1"), _report("s4", "a4", sources=("state:ISR",),
                                                               targets=("state:PSE",), place="Gaza",
                                                               evidence=("gaza",), event_id="E3")]
    assert [r.id for r in reaches.for_family("ASSAULT", Sketches(None)).reachable(
        first_batch, [_report("new", "n1")])] == ["s1"]
    second_batch = [*first_batch, _report("s5", "a5", sources=("state:ISR",), targets=("state:PSE",),
                                          place="Gaza", evidence=("gaza",), event_id="E4")]
    gaza = _report("new2", "n2", sources=("state:ISR",), targets=("state:PSE",), place="Gaza", evidence=("gaza",))
    kept = reaches.for_family("ASSAULT", Sketches(None)).reachable(second_batch, [gaza])
    fresh = Reach(Sketches(None)).reachable(second_batch, [gaza])
    assert [r.id for r in kept] == [r.id for r in fresh] == ["s4", "s5"]


def test_a_kept_reach_forgets_what_it_worked_out_once_full(monkeypatch):
    monkeypatch.setattr(reach, "MAX_KNOWN", 1)
    reaches = Reaches()
    one = reaches.for_family("ASSAULT", Sketches(None))
    one.reachable([_report("s1", "a1", event_id="E1"), _report("s2", "a2", place="Odesa", event_id="E2")],
                  [_report("new", "n1")])
    assert len(one.known) > 1
    assert reaches.for_family("ASSAULT", Sketches(None)).known == {}


def test_batches_written_with_one_kept_reach_store_what_fresh_reaches_store(tmp_path):
    # what store.batch.Writer does: one Reaches for every batch of the run, each batch asking about pairs the
    # batches before worked out
    from parley.store.connect import open_engine
    from parley.store.write import Item, write_documents
    from test_regroup_stretches import _spread_documents, _state, _store_in_batches

    rng = random.Random(31)
    docs = _spread_documents(rng)
    rng.shuffle(docs)
    batches = [docs[k:k + 9] for k in range(0, len(docs), 9)]
    fresh_url, kept_url = f"sqlite:///{tmp_path / 'fresh.db'}", f"sqlite:///{tmp_path / 'kept.db'}"
    _store_in_batches(fresh_url, batches)
    engine, reaches = open_engine(kept_url), Reaches()
    for batch in batches:
        with engine.begin() as conn:
            write_documents(conn, [Item(doc) for doc in batch], reaches=reaches)
    engine.dispose()
    assert reaches.by_family["ASSAULT"].known  # the pairs were kept
    events, mentions = _state(kept_url)
    assert (events, mentions) == _state(fresh_url)
    assert len(events) < len(mentions) - 15  # many reports did merge


def _meeting(id, article, sources, targets, place="Sharm el-Sheikh", country="EGY", event_id=None):
    return Report(id, "CONSULT", "", date(2025, 6, 13), place, event_id, "day", frozenset(sources),
                  frozenset(targets), country, None, "city", frozenset(("talks",)), article, trigger="met",
                  sentence=0)


def test_reachable_keeps_the_meeting_its_hosts_report_may_join_though_no_party_is_shared():
    # "Egypt hosted the talks in Sharm el-Sheikh" stored; "Israel and Hamas met in Sharm el-Sheikh" new: the host
    # is a participant of the meeting it hosts (match._host_only), so the two may be one event with no party in
    # common; the reach had left the stored event out, and the store depended on which came first
    host = _meeting("s1", "a1", ["state:EGY"], [], event_id="E1")
    talks = _meeting("new", "n1", ["state:ISR", "state:PSE"], ["state:ISR", "state:PSE"])
    assert score_pair(talks, host, False) is not None
    assert [r.id for r in Reach(Sketches(None)).reachable([host], [talks])] == ["s1"]
    # and the other way round: the meeting stored, its host's report new
    talks_stored = _meeting("s2", "a2", ["state:ISR", "state:PSE"], ["state:ISR", "state:PSE"], event_id="E2")
    host_new = _meeting("new2", "n2", ["state:EGY"], [])
    assert [r.id for r in Reach(Sketches(None)).reachable([talks_stored], [host_new])] == ["s2"]


def test_reachable_keeps_a_named_rebel_groups_event_for_its_countrys_unnamed_gunmen():
    # "Somali gunmen attacked the army" (sector:SOM:REB against Somalia) stored; "al-Shabab claimed the attack"
    # new, its target unknown: the gunmen may be al-Shabab (match._roles_match), no party root in common
    gunmen = _report("s1", "a1", sources=("sector:SOM:REB",), targets=("state:SOM",), place=None, event_id="E1")
    claim = _report("new", "n1", sources=("org:al-shabaab",), targets=(), place=None)
    assert score_pair(claim, gunmen, False) is not None
    assert [r.id for r in Reach(Sketches(None)).reachable([gunmen], [claim])] == ["s1"]


def test_reachable_leaves_out_no_stored_report_a_new_one_may_match():
    # whatever match.py's rules allow, the reach's shortcut (compare only reports that may share a party) must
    # not leave out: random reports of many kinds, each stored alone, against each new one
    rng = random.Random(13)
    roots = [(), ("state:RUS",), ("state:EGY",), ("state:ISR", "state:PSE"), ("sector:SOM:REB",),
             ("org:al-shabaab",), ("state:SOM",), ("group:militants",)]
    reports = []
    for n in range(80):
        type_ = rng.choice(["CONSULT", "CONSULT", "ASSAULT", "COERCE"])
        place = rng.choice(["Sharm el-Sheikh", "Cairo", None])
        reports.append(Report(f"m{n}", type_, "", date(2025, 6, 13) + timedelta(days=rng.randint(0, 1)), place,
                              None, rng.choice(["day", "article", "week"]), frozenset(rng.choice(roots)),
                              frozenset(rng.choice(roots)), "EGY" if place else None, None,
                              "city" if place else None, frozenset(rng.choice([(), ("talks",), ("7",)])),
                              f"a{n}", trigger="met", sentence=0))
    allowed = 0
    for new, other in itertools.permutations(reports, 2):
        if score_pair(new, other, False) is None:
            continue
        allowed += 1
        stored = Report(**{**{k: getattr(other, k) for k in Report.__dataclass_fields__}, "event_id": "E"})
        assert Reach(Sketches(None)).reachable([stored], [new]) == [stored], (new, other)
    assert allowed > 200


def test_may_match_allows_what_one_articles_retellings_and_fights_allow():
    # one article's act retold by its verb or its toll, a fight either way round, a future and an asserted act:
    # whatever score_pair allows for reports of one article or of two, may_match allows
    rng = random.Random(21)
    parties = [(), ("state:SOM",), ("sector:SOM:REB",), ("org:al-shabaab",), ("state:SOM", "state:ETH")]
    reports = []
    for n in range(70):
        report = _report(f"m{n}", rng.choice(["a1", "a2"]), rng.choice(parties), rng.choice(parties),
                         date(2025, 3, 11) + timedelta(days=rng.randint(0, 1)), rng.choice(["Beledweyne", None]),
                         rng.choice([(), ("5",), ("hotel",), ("5", "hotel"), ("beledweyne",)]),
                         rng.choice(["ASSAULT", "COERCE"]), precision=rng.choice(["day", "article"]))
        reports.append(replace(report, trigger=rng.choice(["stormed", "storming", "fighting", "killed"]),
                               sentence=rng.choice([0, 60, 120]), status=rng.choice(["asserted", "future"])))
    allowed = 0
    for a, b in itertools.permutations(reports, 2):
        if score_pair(a, b, False) is not None:
            allowed += 1
            assert may_match(a, b, False), (a, b)
    assert allowed > 300
