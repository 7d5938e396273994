"""Turn event candidates into plain Event records: roles, reciprocity, status, claims, links, date, place."""

from __future__ import annotations

import hashlib
from dataclasses import replace

from spacy.language import Language
from spacy.tokens import Doc, Token

from parley import kb as kb_module
from parley.identity import SYMMETRIC_TYPES, is_state_side
from parley.nlp import extensions  # noqa: F401  (registers the Doc extensions)
from parley.nlp.actors.discourse import discourse
from parley.nlp.actors.groups import main_state
from parley.nlp.actors.phrases import NounPhraseActors
from parley.nlp.events.candidate import Candidate
from parley.nlp.events.subjects import shares_passive, unattributed_weapon
from parley.nlp.extensions import doc_text
from parley.nlp.geo.geocode import ambiguous_town, lookup_place
from parley.nlp.language import lexicon as lexicon_mod
from parley.nlp.language.lexicon import Lexicon
from parley.nlp.language.wordlists import grammar, words
from parley.nlp.setting.dates import resolve_date
from parley.nlp.setting.locate import article_countries, dateline_place
from parley.nlp.setting.places import find_location, takes_verbs_place
from parley.nlp.setting.status import StatusInfo, status_of
from parley.nlp.setting.tense import learn_past_forms
from parley.records import Actor, Event, Link, Location, stable_id


def _article_countries(doc: Doc) -> list[str]:
    counts: dict[str, int] = {}
    for m in doc._.parley_mentions:
        # "Tripoli said" names Libya's or Lebanon's government: it cannot tell which Tripoli the article means
        if m.actor.country and not (m.kind == "country" and ambiguous_town(m.actor.text)):
            counts[m.actor.country] = counts.get(m.actor.country, 0) + 1
    return sorted(counts, key=lambda c: -counts[c])


# Types whose unnamed target is the place they happen in: CAMEO coders' convention.
PLACE_TARGET_TYPES = {"ASSAULT", "COERCE", "AID", "CONCEDE", "RETREAT", "SANCTION", "MOBILIZE", "PROTEST"}
# Of those, the measures a state takes on the people of its own land (a curfew, arrests, relief, an
# emergency lifted): with no other side in focus, their target is the people of the place. Other acts
# (an attack, a deployment) fall on them only when the sentence names no foreign side.
POPULATION_TARGET_TYPES = {"COERCE", "AID", "CONCEDE"}
# Acts that carry a content (what is alleged, asked, refused, threatened): a place in it is not theirs.
# (Not the extractor's CONTENT_CLAUSE_TYPES, whose complement clause is a move's content rather than a second event.)
FOREIGN_CONTENT_PLACE_TYPES = {"ACCUSE", "REQUEST", "REJECT", "THREATEN"}


class Assembler:
    def __init__(self, lexicon: Lexicon):
        self.lex = lexicon

    def __call__(self, doc: Doc) -> Doc:
        roles = NounPhraseActors(doc)
        text = doc_text(doc)
        doc_key = hashlib.sha1(text.encode("utf-8")).hexdigest()[:12]
        countries = article_countries(doc, _article_countries(doc))
        published = doc._.published
        events: list[Event] = []
        by_trigger: dict[int, list[Event]] = {}
        pending_links: list[tuple[Event, int, str]] = []
        alleged: list[tuple[Event, Candidate]] = []
        for cand in doc._.parley_candidates or []:
            # "the talks, brokered by Qatar, are expected to resume": a modifying verb is not the event's clause
            anchor = cand.tokens[-1] if cand.trigger.dep_ == "acl" and cand.tokens[-1].i == cand.trigger.head.i else cand.trigger
            saying = self._uttered(cand, anchor)
            info, claimant = self._status(cand, anchor, saying, roles)
            sent = cand.trigger.sent
            date = resolve_date(sent, saying or anchor, published)
            location, clause_place = self._place(doc, cand, anchor, saying, countries)
            unclaimed = (self._unclaimed_source(cand, location) or self._authority_source(cand, clause_place or location)
                         or self._crowd_source(cand, clause_place))
            for source, target in self._directions(cand):
                source = source or unclaimed
                event = self._event(doc, text, doc_key, cand, source, target, info, claimant)
                event.date, event.date_precision, event.date_text = date.date, date.precision, date.text
                event.location = location
                self._target_by_place(doc, event, cand, source, target, location or clause_place)
                events.append(event)
                by_trigger.setdefault(cand.trigger.i, []).append(event)
                if cand.alleged_by is not None:
                    alleged.append((event, cand.alleged_by))
                if info.relation in ("alleges", "denies") and info.claimant is not None:
                    pending_links.append((event, info.claimant.head.i, info.relation))
        self._link(events, by_trigger, pending_links)
        self._link_replies(doc, by_trigger, alleged)
        doc._.parley_events = events
        return doc

    def _status(self, cand: Candidate, anchor: Token, saying: Token | None,
                roles: NounPhraseActors) -> tuple[StatusInfo, list]:
        """The candidate's status (asserted, alleged, denied, ...) and the mention of who claims it ([] or one)."""
        # a threat is made when voiced, whatever it holds out ("will pay", "if they attack"); other
        # voiced acts keep their own conditions ("said it would accept a truce on condition that")
        threat = saying if cand.type == "THREATEN" else None
        info = status_of(threat or anchor, self.lex, cand.negation_absorbed and threat is None)
        claimant = roles.at(info.claimant)[:1] if info.claimant is not None else []
        if cand.alleged_by is not None:
            info = StatusInfo("alleged", None, None)
            claimant = cand.target[:1]
        # "Iran has never supplied drones, the Iranian foreign ministry said": the author's own side saying it did not
        # happen is a negation it reports; a denial is made by a verb of denying ("Iran denied supplying drones")
        return info, claimant

    def _place(self, doc: Doc, cand: Candidate, anchor: Token, saying: Token | None,
               countries: list[str]) -> tuple[Location | None, Location | None]:
        """The event's place, and the place of the clause it sits in (where a visit's clause goes): the place of
        the act's clause (or of the words that make it), a nominal event's own phrase, the place it is named
        after, else the wire's dateline."""
        sent = cand.trigger.sent
        # an act made by saying it happens where it is said ("telling reporters in Banja Luka that he would ask")
        location = (find_location(sent, saying, countries, content_places=False) if saying is not None else None) \
            or find_location(sent, anchor, countries, content_places=cand.type not in FOREIGN_CONTENT_PLACE_TYPES)
        clause_place = location  # "arrived in Amman on a visit": where the visit's clause goes
        if location is not None and not cand.verbal and not _within(location, cand.trigger) \
                and not takes_verbs_place(cand.trigger):
            # a nominal event's place is in its own phrase ("strikes on Beirut"), or its verb's when the
            # event is what the verb tells of ("talks resumed in Doha", "clashes broke out in Beni")
            location = None
        if location is None and not cand.verbal:
            # "the Hanoi summit"; "on their way to Moscow for discussions": where the trip goes
            location = _named_after_place(cand.trigger, countries) or (
                lookup_place(cand.venue.text, countries) if cand.venue is not None else None)
        if location is None:
            location = dateline_place(doc, countries)  # the wire's dateline: where the story was reported
        return location, clause_place

    def _event(self, doc: Doc, text: str, doc_key: str, cand: Candidate, source: list[Actor], target: list[Actor],
               info: StatusInfo, claimant: list) -> Event:
        """One direction of a candidate as an Event record (its id stable across runs)."""
        sent = cand.trigger.sent
        start = doc[cand.start].idx
        last = doc[cand.end - 1]
        end = last.idx + len(last.text)
        return Event(
            id=stable_id(doc_key, cand.type, start, end, *[a.id for a in source], "|", *[a.id for a in target]),
            type=cand.type, span=(start, end), trigger=text[start:end],
            sentence_span=(sent.start_char, sent.end_char), source=source, target=target,
            mode=cand.mode, cameo=self.lex.cameo(cand.type), status=info.status,
            # "both sides accused each other of X": each direction is claimed by its victim
            claimed_by=(target[0] if cand.reciprocal and info.status == "alleged" and target
                        else claimant[0].actor if claimant else None),
            confidence=(cand.confidence if cand.confidence is not None
                        else 0.4 + 0.25 * bool(source) + 0.2 * bool(target) + 0.15 * cand.verbal),
        )

    def _target_by_place(self, doc: Doc, event: Event, cand: Candidate, source: list[Actor], target: list[Actor],
                         visited: Location | None) -> None:
        """With no target named: the state of the place an act is done in (never the doer's own state: then the
        other side in focus, or the place's people), the host of a visit, else the plain people it fell on."""
        sent = cand.trigger.sent
        location = event.location
        if not target and location is not None and cand.verbal and cand.type in PLACE_TARGET_TYPES:
            event.target = self._place_as_target(location, sent)
            if event.target and any(a.country == event.target[0].country and is_state_side(a) for a in source):
                # a state acting in its own land: the target is the other side in focus, never itself;
                # with none in focus, the people of the place ("imposed a curfew in Cizre")
                home = event.target[0].country
                alone = not any(m.actor.country not in (None, home) for m in doc._.parley_mentions
                                if sent.start <= m.start < sent.end)  # no foreign side in sight
                # (a town taken is not its people: "Syrian troops retook Palmyra" is taken from
                # whoever held it)
                people = [replace(event.target[0], type="CVL")] if (
                    cand.type in POPULATION_TARGET_TYPES or (alone and cand.mode != "occupy")) else []
                # (an armed group of the same land is a side of its own: "the RSF ... the army")
                event.target = [m.actor for m in discourse(doc).focus_pair(cand.trigger)
                                if m.actor.country != event.target[0].country or not is_state_side(m.actor)
                                ][:1] or people
        if not target and visited is not None and self._is_visit(cand):
            # "arrived in Amman on a visit": the host is the state of the place visited
            host = [replace(a, type="GOV") for a in self._place_as_target(visited, sent)]
            event.target = [a for a in host if a.country not in {s.country for s in source}]
        if not event.target and cand.victims:
            # "the security forces have arrested 300 people": plain people, when nothing better is named
            event.target = [m.actor for m in cand.victims]

    @staticmethod
    def _link_replies(doc: Doc, by_trigger: dict[int, list[Event]], alleged: list[tuple[Event, Candidate]]) -> None:
        """A reply points to the move it answers (responds_to); an accusation to the act it alleges (alleges)."""
        for cand in doc._.parley_candidates or []:
            if cand.antecedent is not None:
                # "rejected these demands", "a truce, which Moscow turned down": a reply to an earlier move
                for reply in by_trigger.get(cand.trigger.i, []):
                    reply.links.extend(Link("responds_to", e.id) for e in by_trigger.get(cand.antecedent.trigger.i, []))
        for event, accusation in alleged:
            # each accusation points to the act it says its target committed
            for accuser in by_trigger.get(accusation.trigger.i, []):
                if {a.id for a in accuser.target} & {a.id for a in event.source}:
                    accuser.links.append(Link("alleges", event.id))

    def _uttered(self, cand: Candidate, anchor):
        """"X will pay a heavy price, the minister said on Sunday": a threat, demand or refusal that is the
        content of its own source's words is made by saying it. Returns the reporting verb, whose date is
        the act's, or None (a reported past act, or one whose doer is inside the content)."""
        verb = anchor if anchor.pos_ in ("VERB", "AUX") else anchor.head
        content = verb
        while content.dep_ == "conj" and content.head.i != content.i:
            content = content.head  # "saying that the vote was unlawful and that he would ask China to block it"
        report = content.head
        if content.dep_ not in ("ccomp", "parataxis") or report.pos_ != "VERB" or \
                report.lemma_.lower() not in self.lex.speech_verbs or not cand.source:
            return None
        if any(verb.left_edge.i <= m.start <= verb.right_edge.i for m in cand.source):
            return None  # "Russia will attack, he said": the doer is in the content, the speaker only reports
        auxes = {c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")}
        if verb.tag_ == "VBD" or auxes & words().past_auxiliaries:
            return None  # a past act the speaker tells of, not one the words make
        return report

    @staticmethod
    def _is_visit(cand: Candidate) -> bool:
        words = grammar().visit_words
        return cand.type == "CONSULT" and any(t.lemma_.lower() in words for t in cand.tokens)

    @staticmethod
    def _unclaimed_source(cand: Candidate, location) -> list[Actor]:
        """"A roadside bomb killed two soldiers near Gao": no one is named for the attack, so its source
        is an unidentified armed group (PLOVER/CAMEO sector UAF) of the country where it happened."""
        weapon = unattributed_weapon(cand)
        country = kb_module.load().country(location.country) if weapon is not None and location is not None else None
        if country is None:
            return []
        phrase = weapon.doc[weapon.left_edge.i: weapon.i + 1]
        return [Actor(phrase.text, phrase.start_char, phrase.end_char, "unidentified attackers",
                      f"group:unidentified-attackers-{country.country.lower()}", country.country, "UAF")]

    def _authority_source(self, cand: Candidate, place: Location | None) -> list[Actor]:
        """"A terrorist cell was dismantled in Seville", "the arrest of five people in the city of Mosul": an arrest,
        a detention, a ban whose doer is not named (a passive without "by", a noun without an owner) is done by the
        authorities of the state where it happens (kb/roles.yaml `authority_acts`); [] when a doer is named, the
        act is no such act. With no place told ("he had been arrested and sentenced to nine years in 2014", "he was
        charged with sedition"), the state the article names most (its courts and police act on the people of its
        story)."""
        if cand.type not in ("COERCE", "ACCUSE") or cand.source:
            return []
        acts = grammar().authority_acts
        act = next((t for t in cand.tokens if t.lemma_.lower() in acts or t.lower_ in acts), None)
        if act is None:
            return []
        # a verb's doer is unnamed only in a passive without "by" (its subject is named or unknown otherwise); a
        # noun's ("led to the arrest of") when it has no owner, as the candidate's empty source says
        passive = shares_passive(act) or any(c.dep_ in ("nsubjpass", "auxpass") for c in act.children)
        if act.pos_ != "NOUN" and not (passive and not any(c.dep_ == "agent" for c in act.children)):
            return []
        if place is not None and place.country:
            return [replace(a, type="GOV") for a in self._place_as_target(place, act.sent)]
        # (the state of whom it befell, named beside them, says nothing of who did it: "the arrest of the Syrian
        # activist Omar Haddad")
        theirs = {m.actor.country for m in cand.target}
        sent = act.sent
        state = main_state([m for m in act.doc._.parley_mentions if m not in cand.target and not (
            sent.start <= m.start < sent.end and m.actor.country in theirs)])
        if state is None or any(a.actor.country == state.country and a.kind == "country" for a in cand.target):
            return []
        return [Actor(act.text, act.idx, act.idx + len(act.text), state.name, state.id, state.country, "GOV")]

    @staticmethod
    def _crowd_source(cand: Candidate, place: Location | None) -> list[Actor]:
        """"Hundreds of people marched in Istanbul": plain people (kb/roles.yaml `victim_nouns`, counted or not) who
        protest where the clause says are the people of that place's state (sector CVL), as "protesters in
        Istanbul" are; [] for any other act, a subject that names an actor, or no place of a known state."""
        if cand.type != "PROTEST" or cand.source or place is None or not place.country:
            return []
        g = grammar()
        token = cand.trigger
        subjects: list[Token] = []
        for _ in range(3):  # "gathered outside the embassy to protest": the subject of the clause it is the aim of
            # (not a quantifier: "hundreds of people, many waving flags, massed outside")
            subjects = [c for c in token.children if c.dep_ == "nsubj" and c.pos_ in ("NOUN", "PROPN", "NUM")]
            if token.dep_ == "acl" and not subjects:
                subjects = [token.head]  # "hundreds of people massing outside": the noun it describes
            if subjects or token.dep_ not in ("xcomp", "advcl", "conj") or token.head.i == token.i:
                break
            token = token.head
        people = [p for s in subjects for p in [s] + [o for of in s.children if of.dep_ == "prep"
                  and of.lower_ in words().genitive_prepositions and s.lower_ in g.quantity_nouns
                  for o in of.children if o.dep_ == "pobj"] if p.lower_ in g.victim_nouns]
        country = kb_module.load().country(place.country)
        if not people or country is None:
            return []
        crowd = people[0].doc[people[0].left_edge.i: people[0].i + 1] if not subjects else \
            people[0].doc[subjects[0].left_edge.i: people[0].i + 1]
        return [Actor(crowd.text, crowd.start_char, crowd.end_char, country.name, country.id, country.country, "CVL")]

    @staticmethod
    def _place_as_target(location, sent) -> list[Actor]:
        """With no named victim, an attack (or aid, or a curfew) falls on the country where it happens."""
        country = kb_module.load().country(location.country)
        if country is None:
            return []
        text = location.text or location.name
        offset = sent.text.find(text)
        start = sent.start_char + max(offset, 0)
        end = start + (len(text) if offset >= 0 else 0)
        return [Actor(text, start, end, country.name, country.id, country.country, None)]

    @staticmethod
    def _directions(cand: Candidate) -> list[tuple[list[Actor], list[Actor]]]:
        source = [m.actor for m in cand.source]
        target = [m.actor for m in cand.target]
        if cand.reciprocal and len(source) >= 2:
            # "both sides accused each other": one event per direction
            return [([a], [b]) for a in source for b in source if a.id != b.id]
        if cand.type in SYMMETRIC_TYPES and len(source) >= 2 and not target:
            target = list(source)
        if cand.type == "CONSULT" and source and not target and all(a.type == "IGO" for a in source):
            # "the G7 talks", "ASEAN foreign ministers met": a body of states meeting with no one else named is its
            # members meeting each other
            target = list(source)
        return [(_unique(source), _unique(target))]

    @staticmethod
    def _link(events, by_trigger, pending_links) -> None:
        """An accusation points to the event it alleges; a denial to the same kind of event alleged."""
        for event, claim_verb, relation in pending_links:
            if relation == "alleges":
                for accusation in by_trigger.get(claim_verb, []):
                    if accusation is not event:
                        accusation.links.append(Link("alleges", event.id))
            else:
                for other in events:
                    if other.type == event.type and other.status == "alleged" and other is not event:
                        event.links.append(Link("denies", other.id))


def _named_after_place(noun, countries) -> object:
    """"the Paris gathering", "the Geneva talks": a meeting named after where it is held."""
    for child in noun.children:
        if child.dep_ == "compound" and child.ent_type_ in ("GPE", "LOC", "FAC"):
            return lookup_place(child.text, countries)
    return None


def _within(location, noun) -> bool:
    phrase = noun.doc[noun.left_edge.i: noun.right_edge.i + 1]
    return bool(location.text) and location.text in phrase.text


def _unique(actors: list[Actor]) -> list[Actor]:
    seen, out = set(), []
    for a in actors:
        key = (a.id, a.start)
        if key not in seen:
            seen.add(key)
            out.append(a)
    return out


@Language.factory("parley_assemble", default_config={}, assigns=["doc._.parley_events"],
                  requires=["doc._.parley_candidates", "doc._.parley_mentions"])
def make_assembler(nlp: Language, name: str):
    if "lemmatizer" in nlp.pipe_names:
        lookups = getattr(nlp.get_pipe("lemmatizer"), "lookups", None)
        if lookups is not None and lookups.has_table("lemma_exc"):
            learn_past_forms(lookups.get_table("lemma_exc").get("verb", {}))
    return Assembler(lexicon_mod.load())
