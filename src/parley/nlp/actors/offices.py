"""Whose office a titled person of unknown state holds, asked once per article by the discourse builder: the
organisation named beside the name ("a spokesperson for UNHCR"), else the state the person serves (the state in
the person's own phrase, the nearest one in the sentence that is not the other party, the article's most named)."""

from __future__ import annotations

from collections import Counter
from dataclasses import replace

from spacy.tokens import Token

from parley.identity import is_state_side
from parley.nlp.actors.mention import HOME_SECTORS, Mention
from parley.nlp.language.syntax import SUBJECT_DEPS
from parley.nlp.language.wordlists import grammar, words

# The subjects a mention's phrase holds: every subject relation but a passive clause's, which heads no mention.
MENTION_SUBJECT_DEPS = SUBJECT_DEPS - {"csubjpass"}
# An official of an international body or an aid group ("U.N. mediator X") serves no state.
SUPRANATIONAL_SECTORS = {"IGO", "NGO"}


def _clause_verb(token: Token) -> Token:
    """The verb whose clause a noun belongs to (through prepositions, conjuncts and noun modifiers)."""
    head = token
    for _ in range(6):
        if head.pos_ in ("VERB", "AUX") or head.head.i == head.i:
            return head
        head = head.head
    return head


class Offices:
    """The offices of one article's people of unknown state, read over its discourse model (its Doc, the sentence
    of each token and its entries); the by-sentence and by-token indexes are built on first use."""

    def __init__(self, model):  # the article's actors.discourse.Discourse (imported by it, so not here)
        self.model = model
        self._by_sent: dict[int, list[Mention]] | None = None
        self._by_token: dict[int, Mention] | None = None
        self._totals: list | None = None

    def affiliation(self, person: Mention) -> str | None:
        """ISO3 of the state a titled person of unknown nationality serves: a state named in the
        person's own phrase ("King Hassan of Morocco"), else the nearest state named in the sentence
        that is not the other party of the person's own clause ("President Bush threatened Russia"),
        else the state the article names most."""
        doc = self.model.doc
        if self._by_sent is None:
            self._by_sent = _mentions_by_sentence(self.model)
        sentence = self._by_sent.get(self.model.sent_of[person.start], [])
        root = doc[person.start:person.end].root
        own = {t.i for p in root.children if p.dep_ == "prep" and p.lower_ in words().owner_prepositions for t in p.subtree}
        for m in sentence:
            if m.start in own and m.actor.country:
                return m.actor.country
        excluded = set(range(person.start, person.end))
        if person.actor.type in HOME_SECTORS:
            pass  # a judge or a police chief acts on the people of its own state: its counterparts are its own
        elif root.dep_ in MENTION_SUBJECT_DEPS:
            excluded.update(t.i for c in root.head.children if c.dep_ in ("dobj", "dative", "prep") and c.i > root.i
                            for t in c.subtree)
            # and through an open complement: "Prime Minister X is expected to visit India" (but "threatened to
            # impose a curfew in Algiers" names where X governs)
            for obj in (o for c in root.head.children if c.dep_ == "xcomp" for o in c.children if o.dep_ in ("dobj", "dative")):
                where = {t.i for p in obj.children if p.dep_ == "prep" and p.lower_ in grammar().locative_preps for t in p.subtree}
                excluded.update(t.i for t in obj.subtree if t.i not in where)
        else:
            excluded.update(t.i for c in _clause_verb(root).children if c.dep_ in MENTION_SUBJECT_DEPS for t in c.subtree)
        # a state's counterpart is another state; its own people, opposition or rebels are not
        excluded -= {i for m in sentence if m.kind != "demonym" and not is_state_side(m.actor) for i in range(m.start, m.end)}
        near = [m for m in sentence if m.kind != "person" and m.actor.country and m.start not in excluded]
        if near:
            return min(near, key=lambda m: abs(m.start - person.start)).actor.country
        others = {m.actor.country for m in sentence if m.start in excluded}  # the person's counterpart's
        if self._totals is None:  # counted once per article
            self._totals = Counter(e.mention.actor.country for e in self.model.entries
                                         if e.mention.kind == "country" and e.mention.actor.country).most_common()
        return next((country for country, _ in self._totals if country not in others), None)

    def employer(self, person: Mention) -> tuple[str | None, str | None] | None:
        """The (country, sector) of the organisation a person's office is held in, named in the phrase set beside
        the name ("Glenn Jusnes, a spokesperson for UNHCR": no state, IGO; "Douglas Paal, vice president at the
        Carnegie Endowment", a body the reference data does not know: neither), or None when no body is named."""
        doc = self.model.doc
        if self._by_token is None:
            self._by_token = {i: m for m in doc._.parley_mentions or [] for i in range(m.start, m.end)}
        root = doc[person.start:person.end].root
        offices = [c for c in root.children if c.dep_ == "appos"] + ([root.head] if root.dep_ == "appos" else [])
        preps = words().employer_prepositions
        for office in offices:
            for prep in office.children:
                if prep.dep_ != "prep" or prep.lower_ not in preps:
                    continue
                for obj in (c for c in prep.children if c.dep_ == "pobj"):
                    for token in obj.subtree:
                        body = self._by_token.get(token.i)
                        if body is not None and body.actor.id.startswith("org:"):
                            return body.actor.country, body.actor.type
                    if obj.pos_ == "PROPN" and obj.i not in self._by_token and obj.ent_type_ not in ("GPE", "LOC", "NORP"):
                        return None, None  # a body by a name of its own that no list knows
        return None



def with_offices(model, mentions: list[Mention]) -> list[Mention]:
    """The mentions with owner-less definite descriptions resolved by the discourse `model` (its `definite`) and each titled person of
    unknown state given the state and sector of the body their office is in, else the state they serve; the same
    list when there is nothing to resolve."""
    stateless = [m for m in mentions if m.kind == "person" and m.actor.country is None and m.actor.type
                 and m.actor.type not in SUPRANATIONAL_SECTORS]
    if not stateless and not any(m.definite for m in mentions):
        return mentions
    mentions = [model.definite(m) if m.definite else m for m in mentions]
    offices = Offices(model)
    countries: dict[str, str] = {}
    # an office held in an organisation is of that body, not of a state nearby: its state and sector
    employed: dict[str, tuple] = {}
    for m in stateless:
        if m.actor.id in countries or m.actor.id in employed:
            continue
        body = offices.employer(m)
        if body is not None:
            employed[m.actor.id] = body
            continue
        country = offices.affiliation(m)
        if country:
            countries[m.actor.id] = country
    return [_with_office(m, countries, employed) for m in mentions]


def _with_office(m: Mention, countries: dict[str, str], employed: dict[str, tuple]) -> Mention:
    """A stateless person's mention with the state of its office (`countries`), or the state and sector of the
    organisation it is held in (`employed`); any other mention as it is."""
    if m.kind != "person" or m.actor.country is not None:
        return m
    if m.actor.id in employed:
        country, type_ = employed[m.actor.id]
        return replace(m, actor=replace(m.actor, country=country, type=type_))
    if m.actor.id in countries:
        return replace(m, actor=replace(m.actor, country=countries[m.actor.id]))
    return m


def _mentions_by_sentence(model) -> dict[int, list[Mention]]:
    out: dict[int, list[Mention]] = {}
    for m in model.doc._.parley_mentions or []:
        out.setdefault(model.sent_of[m.start], []).append(m)
    return out
