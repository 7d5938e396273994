"""Whether two reports are one event: the features two reports share, what rules them apart, and the score.

Two reports are one event when a score of what they share reaches MERGE_THRESHOLD (`match`): compatible
PLOVER types (one family in kb/merge.yaml: a ceasefire agreed and a ceasefire observed), parties that overlap
(a state and its army, ministers or government; a compound actor and its members; symmetric acts and fights either way
round; an unknown side matches anything; a country's unnamed gunmen may be its named rebel group, never its
state), dates whose spans meet or lie a day apart (a report dated by its
day spans that day, one dated only by its article the article's day and the day before, a week the week, a
month the month),
compatible places (the same place, or one inside the other's region or country) and the evidence itself (names
and numbers the two sentences share beyond their parties' names; a reprinted article's sentences share all of
theirs). Ruled apart whatever else they share: a known party that differs (unless the other side is the same
and the two tell of the same day and town and share a number: one outlet misread a side), two different towns,
dates more than a day apart, or a day apart when each is sure of its day and they share no fact beyond their
town; two reports of one article (its writer told two acts apart, unless it tells its act again: `_one_act_retold`,
`_retold_by_fact`), and one article's act told as to come beside one told as done; two sentences each naming the thing struck,
none the same (a market, a hospital); and two sentences of one article that share only the site's noun (the
hotel where the attack and the counter-attack both took place). Two reports with nothing specific in common (no
shared name or number, no place, not both sides on dates that meet; a party both sentences name is the parties
feature's, no fact of the act) are not one event on what they tell, yet rule nothing out (`weigh`: NOTHING_SHARED):
a report joins an event through the member it shares a fact with. Status is
not part of identity: alleged and denied reports of one strike are two claims about one event.
"""

from __future__ import annotations

from dataclasses import dataclass

from parley.identity import MERGE_WINDOW
from parley.store.report_keys import Report, actor_words, rules, unnamed_class

#: The score two reports need to be one event; the weights of its features sum to 1.
MERGE_THRESHOLD = 0.66
WEIGHTS = {"type": 0.2, "parties": 0.3, "date": 0.25, "place": 0.1, "evidence": 0.15}
WEIGHT_VALUES = tuple(WEIGHTS.values())
#: The type feature of two types of one family (kb/merge.yaml `families`).
FAMILY_TYPE = 0.7
#: The place feature of a place inside a region named by the other report, and inside a country (or both in one
#: country): a town within a region corroborates that two reports tell of one act, a whole country does not.
REGION_NEST, COUNTRY_NEST = 0.7, 0.6
#: The date feature of two reports whose date spans meet but are not both the same day.
OVERLAP = 0.8
#: The date feature of two reports whose spans meet when one is dated only by its month: a shared name or
#: number beyond their places must tell that it is the same act.
WITHIN_MONTH = 0.5
#: The date feature of two reports each sure of its day, a day apart.
DAY_APART = 0.3
#: The evidence feature of two reports of reprinted articles whose triggers differ ("struck" and "wounding" in
#: "a drone struck a market, killing seven and wounding 23"): one act, but each report has its twin in the other.
OTHER_TRIGGER_IN_REPRINT = 0.8
#: The parties feature when one role overlaps and the other names different parties: the same act only when
#: everything else says so (the same town, the same day, a shared number such as the toll; `score_pair`).
ONE_SIDE_DIFFERS = 0.25
#: Numbers below this are common in any sentence ("three countries"): alone, they are no shared fact of two reports
#: that know no side in common.
SMALL_NUMBER = 10
#: The evidence feature when either sentence has no names or numbers to compare.
UNKNOWN_EVIDENCE = 0.3


@dataclass(frozen=True)
class Match:
    """Why a report joined an event: the score, the feature values and what it matched best (the article of
    that report, else the report's id)."""

    score: float
    features: dict
    other: str

    def reason(self) -> str:
        """The deciding features in words, e.g. 'same type; parties overlap; same day; same place; shares
        minova, 11'."""
        f = self.features
        parts = [f["reprint"]] if f.get("reprint") else []
        parts += [f["type_text"], f["party_text"], f["date_text"], f["place_text"]]
        if f.get("shared"):
            parts.append("shares " + ", ".join(f["shared"][:6]))
        return "; ".join(p for p in parts if p) + f" (matched {self.other})"


def _roles_match(a: frozenset, b: frozenset) -> float | None:
    """1.0 when both name parties and they overlap, 0.5 when either is unknown, None when they differ. A country's
    unnamed gunmen (sector:SOM:REB) overlap a named rebel group of that country ("Gunmen stormed a hotel in
    Beledweyne" / "al-Shabab said its fighters had killed a dozen people"): who the gunmen were is unknown, not other."""
    if not a or not b:
        return 0.5
    if a & b:
        return 1.0
    return 1.0 if _classes(a) & b or _classes(b) & a else None


def _classes(roots: frozenset) -> set[str]:
    return {c for c in map(unnamed_class, roots) if c is not None}


def _parties(a: Report, b: Report) -> float | None:
    """1.0 when both roles overlap, 0.75 when one does and the other is unknown, 0.5 when both are unknown;
    symmetric acts are also compared the other way round and as one set of parties. None when a known party
    differs in every reading."""
    source, target = _roles_match(a.sources, b.sources), _roles_match(a.targets, b.targets)
    straight = _pair(source, target)
    found = [straight] if straight is not None else []
    if (a.symmetric or b.symmetric) and straight != 1.0:
        # "Qatar hosted talks between Congo and Rwanda": the talks' parties either way round; "militants are still
        # fighting with the security forces" / "security forces killed the militants": a fight's too
        crossed = _pair(_roles_match(a.sources, b.targets), _roles_match(a.targets, b.sources))
        found += [crossed] if crossed is not None else []
    if a.symmetric and b.symmetric and straight != 1.0:
        # or as one set
        common = (a.sources | a.targets) & (b.sources | b.targets)
        if common:
            found.append(1.0 if len(common) > 1 else 0.75)
        elif _host_only(a, b) or _host_only(b, a):
            found.append(0.5)
    if not found and {source, target} == {1.0, None}:
        # "M23 rebels attacked army positions near Sake" read with the army as Congo's by one outlet and as
        # another state's by the next: one side the same, the other misread; `score_pair` asks for the rest
        return ONE_SIDE_DIFFERS
    return max(found) if found else None


def _host_only(a: Report, b: Report) -> bool:
    """Whether `a` tells a meeting by its host alone, in the town `b` tells its meeting in: "Qatar attended as
    mediator" beside "Congolese and Rwandan envoys met in Doha". A host or mediator is a participant in the
    meeting it hosts (PLOVER CONSULT, modes host and mediate), so a report naming only the state of the town
    the meeting is in says who hosted, not that the sides were absent: its other side is unknown. Only the same
    town: a whole country hosts many meetings a day."""
    return (bool(a.country) and a.place_key == b.place_key and a.feature not in ("country", "region")
            and (not a.sources or not a.targets) and (a.sources | a.targets) == {f"state:{a.country}"})


def _pair(source: float | None, target: float | None) -> float | None:
    return None if source is None or target is None else (source + target) / 2


PARTY_TEXT = {1.0: "parties overlap", 0.75: "one side overlaps, one unknown", 0.5: "parties unknown",
              0.25: "one side overlaps, one differs"}


def _dates(a: Report, b: Report) -> tuple[float, str] | None:
    gap = max(a.lo_day - b.hi_day, b.lo_day - a.hi_day, 0)
    if gap > MERGE_WINDOW.days:
        return None
    if gap == 0:
        exact = a.precision == b.precision == "day"
        if "month" in (a.precision, b.precision):
            # "Last month, ICE deported 177 detainees": some day of that month; the rest must say which act
            return WITHIN_MONTH, "within the month"
        return (1.0, "same day") if exact else (OVERLAP, "dates overlap")
    # two reports each sure of its day, a day apart: the same act only if the rest says so
    return (DAY_APART, "a day apart") if a.precision == b.precision == "day" else (0.5, "within a day")


def _places(a: Report, b: Report) -> tuple[float, str] | None:
    if not a.place_key or not b.place_key:
        return 0.5, ""
    if a.place_key == b.place_key:
        # "in Sudan" twice says less than "in El Fasher" twice: a whole country is no specific place
        wide = "country" in (a.feature, b.feature)
        return (COUNTRY_NEST, f"both in {a.place}") if wide else (1.0, f"same place ({a.place})")
    if a.country and b.country and a.country != b.country:
        return None
    wider = {"region", "country"}
    if a.feature in wider or b.feature in wider:
        if a.feature == "country" or b.feature == "country":
            return COUNTRY_NEST, f"{a.place} and {b.place} nest"
        if a.adm1 and a.adm1 == b.adm1:
            return REGION_NEST, f"{a.place} and {b.place} nest"
        if a.adm1 and b.adm1 and a.adm1 != b.adm1:
            return None
        return 0.5, ""
    return None  # two towns


def _one_act_retold(a: Report, b: Report) -> bool:
    """Whether two reports of one type in one article (both of its text, or both of its title) are one act told
    twice without a name or number in common: one sentence telling one act of overlapping parties by two
    triggers ("a drone struck a market, killing seven and wounding 23"; "Qatar hosted talks between Congo and
    Rwanda"), or a denial answering the allegation of the same kind of act ("Russian forces
    shelled Kharkiv, the army said. Moscow denied the attack."). Otherwise one writer tells two acts apart, and
    two of its reports are one event only when they name the same parties and share a name or number beyond
    theirs (`score_pair`): "Gunmen stormed a hotel in Beledweyne" and "security forces killed the attackers"
    are two acts."""
    if a.type != b.type:
        return False
    if {a.status, b.status} == {"alleged", "denied"}:
        return True
    return a.sentence is not None and a.sentence == b.sentence and bool(
        (a.sources | a.targets) & (b.sources | b.targets))


def _turned(a: Report, b: Report) -> bool:
    """Whether a fight and a directed act match only with the fight's sides the other way round: "Gunmen stormed a
    hotel" / "security forces were fighting with the militants inside the hotel" are an attack and the fight
    against its attackers, one act only by a name or number both tell."""
    return a.symmetric != b.symmetric and _pair(_roles_match(a.sources, b.sources),
                                                _roles_match(a.targets, b.targets)) is None


def _retold_by_fact(a: Report, b: Report, parties: float, shared: set[str]) -> bool:
    """Whether two reports of one type in one article are its one act told again in another sentence: by the same
    verb, of parties that do not differ, at what both name ("Gunmen stormed a hotel in Garowe ... 'They burst into the
    hotel before sunrise, and then gunmen stormed it'"), or by the toll the writer gave it ("leaving at least seven
    people dead" / "At least seven people ... were killed"). (Another verb at the same site is another act: "Soldiers
    shelled the school ... Troops clashed with the militants at the school".)"""
    if a.type != b.type or not shared:
        return False
    if any(w[0].isdigit() for w in shared):
        return True
    return bool(a.trigger) and _stem(a.trigger) == _stem(b.trigger)


def _corroborated(facts: tuple[frozenset, frozenset], parties: float, dates: float, places: float) -> bool:
    """Whether two reports that share no names or numbers beyond their parties' (and are no reprints) still have
    something specific in common: the same place, or a town and its region; or both sides known on the same
    day, or on dates that meet when a sentence has no names or numbers beyond its parties' to compare (`facts`:
    each report's; none for a report stored before they were kept). A type, a day and parties that merely do not conflict make two acts as likely as one (the
    Somali army and al-Shabab fight every day); and two reports each sure of its own day, on different days,
    are two acts ("Russia struck Kyiv" on Monday and on Tuesday)."""
    if dates == DAY_APART:
        return False
    if places >= REGION_NEST or (parties == 1.0 and dates == 1.0):
        return True
    return parties == 1.0 and dates >= OVERLAP and not all(facts)


def _same_town(a: Report, b: Report, places: float, shared: set[str]) -> bool:
    """Whether two reports tell of one town: the same place (no whole country), or one report's town named in the
    other's sentence when that report has no place ("a drone struck a market in Kharkiv" / "Kharkiv mourned after
    Russian forces hit a market in the city")."""
    if places == 1.0:
        return True
    known = a.place_key if not b.place_key else b.place_key if not a.place_key else ""
    feature = a.feature if a.place_key else b.feature
    return bool(known) and feature not in ("country", "region") and set(known.split()) <= shared


def _other_objects(own_a: frozenset, own_b: frozenset) -> bool:
    """Whether each sentence names the thing its act was done to or at and the two name none in common ("a drone
    struck a market in the city" / "a drone hit a hospital in the city"): two acts of the same parties on one day
    in one town, as often as not. Such nouns are kb/merge.yaml `evidence_nouns`."""
    nouns = rules().nouns
    first, second = own_a & nouns, own_b & nouns
    return bool(first) and bool(second) and not first & second


def _place_words(a: Report, b: Report) -> set[str]:
    """The words of the two reports' places ("kharkiv"; "middle shabelle region")."""
    return set(a.place_key.split()) | set(b.place_key.split())


#: What `weigh` gives for two reports that share nothing specific: not one event on what they tell, yet nothing
#: rules them apart, so a report may join an event through another of its reports ("At least seven people were
#: killed" shares the toll with "Gunmen stormed a hotel, leaving at least seven people dead", nothing with "They
#: burst into the hotel before sunrise"): a score below the threshold, no veto.
NOTHING_SHARED = "nothing shared"


def score_pair(a: Report, b: Report, reprint: bool):
    """(score, feature values, date text, place text, shared words) of a and b, or None when they cannot be one
    event on what they tell (ruled out, or nothing specific shared: `weigh`)."""
    found = weigh(a, b, reprint)
    return None if found is NOTHING_SHARED else found


def _stem(trigger: str) -> str:
    """A trigger's last word without its inflection: "stormed" and "storm", "attacked" and "attacks"."""
    words = trigger.split()
    word = words[-1] if words else ""
    for ending in ("ing", "ed", "es", "s"):
        if word.endswith(ending) and len(word) > len(ending) + 2:
            return word[:-len(ending)]
    return word


def weigh(a: Report, b: Report, reprint: bool):
    """score_pair's value, or NOTHING_SHARED when the two share nothing specific but nothing rules them apart (an
    event's member that shares nothing with a report does not keep it out: merge.Group.best); None when ruled out."""
    if a.family != b.family:
        return None
    same_type = a.type == b.type
    one_article = a.article and a.article == b.article and a.in_title == b.in_title
    if one_article and a.type != b.type:
        return None  # one article's writer told two acts apart: the extractor typed them apart too
    if one_article and {a.status, b.status} == {"future", "asserted"}:
        # "The U.S. envoy will join talks in Nairobi as Washington pushes to broker a truce": a writer
        # telling one act as yet to come and another as happening told two acts
        return None
    dates = _dates(a, b)
    if dates is None:
        return None
    places = _places(a, b)
    if places is None:
        return None
    parties = _parties(a, b)
    if parties is None:
        return None
    named = a.party_words | b.party_words
    own_a, own_b = a.evidence - named, b.evidence - named
    shared = own_a & own_b
    if not reprint and _other_objects(own_a, own_b):
        return None
    # "Congo accused Rwanda of carrying out the strike." / "Rwanda denied carrying out the strike.": a denial
    # answers the allegation of the same kind of act by the same party
    answered = a.type == b.type and {a.status, b.status} == {"alleged", "denied"}
    # a report as of no article (store/reach.py's stand-in) may be of one article with the other: what one article
    # allows, it allows too, so that no pair merging can join is found unreachable
    loose = one_article or not (a.article and b.article)
    # "three countries", "two years": a small number alone tells one act only when a side is known to both;
    # within one article a toll is the writer's own count of one act: "Gunmen stormed a hotel ..., leaving at
    # least seven people dead" and "At least seven people ... were killed"
    specific = shared if parties >= 0.75 or loose else {
        w for w in shared if not (w.isdigit() and int(w) < SMALL_NUMBER)}
    # "NISA said ... killed dozens of al-Shabab members" / "an operation by NISA ... deaths of 16 al-Shabab
    # militants": a party both sentences name, whatever roles the extractor gave, is the parties feature's to judge;
    # two acts of the same parties that share nothing else are as likely two as one. With both sides the same, a
    # name neither gives a role to ("Qatar hosted talks between Congo and Rwanda" / "... in Doha on Saturday":
    # the talks' reports) is a fact of the act still
    if parties < 1.0:
        specific = specific - actor_words()
    retold = loose and (_one_act_retold(a, b) or _retold_by_fact(a, b, parties, shared))
    # "The United States imposed sanctions on Sudan, blocking RSF assets": one sentence's two verbs of one act by
    # overlapping parties, sharing the name of a party neither gave a role to, are that act told twice
    if _turned(a, b) and not reprint:
        specific = specific - rules().nouns  # the site both happened at is no fact of one act
        if not specific:
            return NOTHING_SHARED
    if not (reprint or specific or answered or (retold and shared)
            or _corroborated((own_a, own_b), parties, dates[0], places[0])):
        return NOTHING_SHARED
    if one_article and not (retold or (shared - rules().nouns and parties == 1.0)):
        return None
    if dates[0] == DAY_APART and not (reprint or answered or specific - _place_words(a, b)):
        # "Russian missiles struck Zaporizhzhia on Monday" / "... on Tuesday": two reports each sure of its day, a
        # day apart, are two acts unless they share a fact beyond the town both are in (the toll)
        return None
    if "month" in (a.precision, b.precision) and not reprint and (
            parties < 0.75 or not shared - _place_words(a, b)):
        # "Russian strikes killed 40 civilians in Kharkiv in March" is no one strike of that month in Kharkiv: a
        # report dated by its month needs a known side in common and a fact of the act beyond its place ("Algeria
        # expelled 412 migrants ... through Assamaka")
        return None
    if parties == ONE_SIDE_DIFFERS and not (dates[0] == 1.0 and _same_town(a, b, places[0], shared)
                                            and any(w[0].isdigit() for w in shared)):
        return None  # another party on one side: the same act only on the same day, in the same town, by its toll
    smaller = min(len(own_a), len(own_b))
    # a sentence with no names or numbers (or a report stored before they were kept) says nothing either way
    if reprint:  # a reprinted sentence shares everything: its report with the same trigger is the same report
        evidence = 1.0 if a.trigger == b.trigger else OTHER_TRIGGER_IN_REPRINT
    else:
        evidence = len(shared) / smaller if smaller else UNKNOWN_EVIDENCE
    values = (1.0 if same_type else FAMILY_TYPE, parties, dates[0], places[0], evidence)
    score = round(sum(w * v for w, v in zip(WEIGHT_VALUES, values)), 3)
    return score, values, dates[1], places[1], shared


def explain(a: Report, b: Report, reprint: bool, scored) -> Match:
    """The Match of a joining b's event, from what score_pair(a, b, reprint) gave (`scored`)."""
    score, values, date_text, place_text, shared = scored
    same_type = a.type == b.type
    features = {**dict(zip(WEIGHTS, values)),
                "type_text": "same type" if same_type else f"{a.type} and {b.type} one family",
                "party_text": PARTY_TEXT.get(values[1], "parties unknown"), "date_text": date_text,
                "place_text": place_text, "shared": sorted(shared), "reprint": "reprinted article" if reprint else ""}
    return Match(score, features, b.article or b.id)


def match(a: Report, b: Report, reprint: bool = False) -> Match | None:
    """The score of a and b being one event with its features, or None when something rules it out (another
    type family, a known party that differs, dates more than a day apart, places that differ)."""
    scored = score_pair(a, b, reprint)
    return None if scored is None else explain(a, b, reprint, scored)
