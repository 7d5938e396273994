"""Group nouns as actors: "the rebels", "security forces", "Darfur rebels", "officials from Kyiv", "gunmen", "the
ministry", "rights groups". Whose each is comes from a named owner beside it, the place it is in (PlaceOwners), the
armed group or organisation last named, or the state the article is about."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace

from spacy.tokens import Doc, Token

from parley import kb as kb_module
from parley.identity import STATE_SECTORS
from parley.kb import Entity, KnowledgeBase
from parley.nlp.actors.discourse import is_pair_phrase
from parley.nlp.actors.live import LiveMentions
from parley.nlp.actors.mention import LOCAL_SECTORS, OWNERLESS_SECTORS, Mention, _actor, _slug
from parley.nlp.actors.owners import PlaceOwners
from parley.nlp.language.lexicon import load as load_lexicon
from parley.nlp.language.wordlists import grammar, words

PLURAL_TAGS = ("NNS", "NNPS")


def entity_of_token(kb: KnowledgeBase, token: Token, by_token: dict[int, Mention]) -> Entity | None:
    """The country or organisation a modifier token names ("Russian", "Kremlin", "Sudan's"), or None."""
    mention = by_token.get(token.i)
    if mention and mention.kind in ("country", "org", "demonym"):
        if mention.actor.id.startswith(("country:", "org:", "region:")):
            return kb.entities.get(mention.actor.id)
    return None


def is_definite(token: Token) -> bool:
    """"the rebels", "the ministry": a group noun with "the"."""
    return any(c.dep_ == "det" and c.lower_ in words().definite_articles for c in token.children)


def main_state(mentions: list[Mention], exclude: set[str] = frozenset(), home: str | None = None) -> Entity | None:
    """The state the article names most (its countries, demonyms and people), leaving out `exclude`; `home`, the
    state of the story's dateline, counts as one more naming, and loses a tie to the text's own."""
    counts = Counter(m.actor.country for m in mentions if m.actor.country and m.actor.country not in exclude
                     and (m.kind in ("country", "demonym") or m.actor.id.startswith("person:")))
    if not counts:  # an article about the RSF alone: "the army" is still Sudan's
        counts = Counter(m.actor.country for m in mentions if m.actor.country and m.actor.country not in exclude)
    if home and home not in exclude:
        # "KINSHASA, Congo (Wire) — ... the army said": the dateline's state, blanked from the text, still counts
        # (added last, so that a tie goes to the state the text names first)
        counts[home] += 1
    if not counts:
        return None
    iso3 = counts.most_common(1)[0][0]
    return kb_module.load().country(iso3)


class GroupReader:
    """Adds the group-noun mentions of a Doc to its named ones (`read`); held by the actor resolver."""

    def __init__(self, kb: KnowledgeBase, owners: PlaceOwners):
        self.kb = kb
        self.owners = owners

    def read(self, doc: Doc, mentions: list[Mention]) -> list[Mention]:
        """The mentions with every group noun that names an actor added (and the modifiers they swallow gone)."""
        by_token = {i: m for m in mentions for i in range(m.start, m.end)}
        state = main_state(mentions, home=(doc._.parley_wire or {}).get("iso3"))
        out = LiveMentions(doc, mentions, load_lexicon().speech_verbs)
        for token in doc:
            if token.pos_ not in ("NOUN", "PROPN") or token.i in by_token:
                continue
            if token.lower_ in words().organisation_nouns and is_definite(token) and self._sector_modifier(token) is None:
                self._organisation_anaphor(doc, token, out, by_token)
                continue
            body = self._definite_body(out, token) or _named_apposition(token, by_token)
            if body is not None:
                a = body.actor
                mention = Mention(token.i, token.i + 1, _actor(doc, token.i, token.i + 1, a.name, a.id, a.country, a.type), "group")
                out.append(mention)
                by_token[token.i] = mention
                continue
            sector = self._sector(token)
            if sector is None or is_pair_phrase(token) or _describes_name(token, by_token):
                continue  # "both sides", "the two governments": the discourse model says who
            owner, left, partners = self._named_owner(token, by_token)
            if owner is None and (earlier := self._same_noun_before(doc, token, out)) is not None:
                # "the governors of Kano and Kaduna ... Those governors said": the group just named so
                self._add_group(doc, token, sector, self.kb.entities.get(earlier.actor.id) or _owner_of(earlier), token.i,
                                [self.kb.entities.get(p.actor.id) or _owner_of(p) for p in earlier.partners], False, out, by_token)
                continue
            definite = False
            if owner is None:
                owner = self.owners.region_owner(token)  # "Darfur rebels": the state the region lies in
            if owner is None and token.tag_ in PLURAL_TAGS:
                owner = self.owners.place_owner(token)  # "police in Lahore", "residents of Goma"
            argument = self.owners.counted_by(token)
            # "the army clashed with militiamen loyal to the ousted general": the other party too
            party_verb = self.owners.party_verb(argument)
            if (owner is None and sector in LOCAL_SECTORS and token.tag_ in PLURAL_TAGS and not is_definite(token)
                    and (argument.dep_ in ("nsubj", "dobj", "nsubjpass") or party_verb is not None)):
                owner, left = self._local_group_owner(token, sector, argument, party_verb, left, state, out, by_token)
            if owner is None:
                found = self._default_owner(doc, token, sector, state, mentions, out, by_token)
                if found is None:
                    continue
                owner, definite = found
            self._add_group(doc, token, sector, owner, left, partners, definite, out, by_token)
        return out.alive()

    def _organisation_anaphor(self, doc: Doc, token: Token, out: LiveMentions, by_token: dict[int, Mention]) -> None:
        """"the group", "the movement": the organisation last named; the organisation a recent sentence was about
        (its subject) before one merely named."""
        org = out.latest("subject", token.i) or out.latest("org", token.i)
        if org is not None:
            a = org.actor
            mention = Mention(token.i, token.i + 1, _actor(doc, token.i, token.i + 1, a.name, a.id, a.country, a.type), "group")
            out.append(mention)
            by_token[token.i] = mention

    @staticmethod
    def _definite_body(mentions: LiveMentions, token: Token) -> Mention | None:
        """"accused the regional body", "the bloc said", "the court regrets": the organisation such a definite
        noun with no owner points back to (kb/roles.yaml `definite_org_nouns`), or None."""
        g = grammar()
        lower = token.lower_
        if lower not in g.definite_bodies and lower not in g.definite_named_bodies:
            return None
        if not is_definite(token) or any(
                c.dep_ in ("poss", "compound")
                or (c.dep_ == "prep" and c.lower_ in words().genitive_prepositions and any(p.dep_ == "pobj" for p in c.children))
                for c in token.children):
            return None  # "Kenya's court", "the Supreme Court", "the court of appeal": a body of its own
        if lower in g.definite_bodies:
            # the body the article is about: the one named most so far, the latest on a tie ("Mali left
            # ECOWAS and formed the Alliance of Sahel States after a dispute with the bloc": ECOWAS)
            named = Counter(m.actor.id for m in mentions.alive() if m.end <= token.i and m.actor.type == "IGO"
                            and m.actor.id.startswith("org:"))
            if not named:
                return None
            most = max(named.values())
            return mentions.latest_org_where(token.i, lambda m: m.actor.type == "IGO" and named[m.actor.id] == most)
        word = re.compile(rf"\b{re.escape(lower)}\b", re.IGNORECASE)
        return mentions.latest_org_where(token.i, lambda m: bool(word.search(m.actor.name) or word.search(m.actor.text)))

    def _named_owner(self, token: Token, by_token: dict[int, Mention]) -> tuple[Entity | None, int, list[Entity]]:
        """The state or organisation a group noun's modifier or "of/from/in" phrase names (with the first token of
        the modifier and the entities coordinated with it): "Russian troops", "officials from Kyiv", "envoys from
        Ethiopia and Eritrea"; (None, the noun's index, []) when none does."""
        owner = None
        partners: list[Entity] = []
        left = token.i
        for child in token.children:
            if child.dep_ in ("amod", "compound", "poss", "nmod") and child.i < token.i:
                entity = entity_of_token(self.kb, child, by_token)
                if entity is not None:
                    owner = entity
                    left = min(left, child.left_edge.i)
                    partners = [e for c in child.conjuncts if (e := entity_of_token(self.kb, c, by_token)) and e.id != entity.id]
        if owner is None:
            # "officials from Kyiv", "rebels in Syria", "envoys from Ethiopia and Eritrea"
            w = words()
            preps = sorted((p for p in token.children if p.dep_ == "prep" and p.lower_ in w.group_owner_prepositions),
                           key=lambda p: p.lower_ in w.containment_prepositions)  # where they are only if not whose
            for pobj in (c for p in preps for c in p.children if c.dep_ == "pobj"):
                entity = entity_of_token(self.kb, pobj, by_token)
                if entity is not None:
                    owner = entity
                    partners = [e for c in pobj.conjuncts if (e := entity_of_token(self.kb, c, by_token)) and e.id != entity.id]
                    break
        return owner, left, partners

    def _local_group_owner(self, token: Token, sector: str, argument: Token, party_verb: Token | None, left: int,
                           state: Entity | None, out: LiveMentions, by_token: dict[int, Mention]) -> tuple[Entity, int]:
        """"gunmen", "opposition supporters", "hundreds of farmers" doing or suffering an act: an unnamed local group,
        of the country where it acts, else of the article's (or the sentence's) state, else a group of its own; with
        the first token of its whole name ("Rohingya civilians")."""
        clause = party_verb or argument.head
        owner = self.owners.place_owner(clause, deep=True)
        antecedent = self.owners.antecedent(clause)
        if owner is None and antecedent is not None:
            owner = self.owners.place_owner(antecedent, deep=True, also=words().attacked_place_prepositions)  # "the raid on Taiz that killed nine farmers"
        near = self.owners.near_country(out.alive_reversed(), token.sent.start, token.sent.end)
        # the people an attack or arrest falls on are not the attacker's own: "Russian strikes
        # killed 20 civilians" says nothing of whose civilians
        # and the doers of an act are not the people it falls on: "settlers attacked Palestinians"
        others = (self.owners.doer_states(argument, by_token) | self.owners.onlooker_states(argument, by_token, out.speech)
                  | self.owners.sufferer_states(argument, by_token))
        home = state if state is not None and state.country not in others else None
        if near is not None and near.actor.country in others:
            # the sentence names only states that act on them or react to it: whose they are is
            # not told, and a state from another sentence is no better guess
            near = home = None
        owner = (owner or home or (self.kb.country(near.actor.country) if near else None)
                 or Entity("group:" + _slug(token.lower_), token.text, None, sector, "group"))
        # the whole name of the group: "Rohingya civilians", "opposition supporters"
        left = min([left] + [c.left_edge.i for c in token.children if c.dep_ in ("amod", "compound") and c.i < token.i])
        return owner, left

    def _default_owner(self, doc: Doc, token: Token, sector: str, state: Entity | None, mentions: list[Mention],
                       out: LiveMentions, by_token: dict[int, Mention]) -> tuple[Entity, bool] | None:
        """Whose a group noun with no owner named is, and whether the discourse model may re-decide it (definite):
        "the army" or "the ministry" the article's state's, "the rebels" the armed group last named. None when no
        one's (or when it was added as a kind of group with no state behind it, "rights groups")."""
        # "the army", or a bare modifier of another noun ("army shelling", "Junta airstrikes")
        nouns = load_lexicon().nouns
        modifier = token.dep_ in ("compound", "nmod") and (token.head.lower_ in nouns or token.head.lemma_.lower() in nouns)
        # "the envoy urged Congo": a state's office named by its bare title, whose holder the discourse model finds
        # (bare: "the mayor of Nablus, a member of Hamas" is told by its own words)
        office = (is_definite(token) and token.tag_ == "NN" and self._bare_title(token) in STATE_SECTORS
                  and all(c.dep_ == "det" or c.i == token.i - 1 for c in token.children))
        if (token.lower_ in grammar().definite_state_nouns or office) and state is not None and (
                is_definite(token) or modifier):
            # "the ministry summoned the Dutch ambassador": not the state its own clause acts on
            others = self.owners.sufferer_states(token, by_token)
            owner = state if state.country not in others else main_state(mentions, exclude=others)
            return None if owner is None else (owner, True)
        if sector in STATE_SECTORS and state is not None and any(
                c.dep_ == "poss" and c.lower_ in words().state_common_nouns and is_definite(c) for c in token.children):
            # "a veteran who criticized the country's president", "the nation's army": the state the article is about
            others = self.owners.sufferer_states(token, by_token)
            owner = state if state.country not in others else main_state(mentions, exclude=others)
            return None if owner is None else (owner, True)
        doer = token.dep_ == "nsubj" or (token.dep_ == "pobj" and token.head.dep_ == "agent")  # "sentenced by a court"
        if sector == "JUD" and state is not None and doer and not _named_body(token):
            # "A court later sentenced him", "another court revoked", "a judge ordered his release": a court that acts
            # with no name of its own is a state's, the article's (not one told to: "told a court" may be anyone's)
            others = self.owners.sufferer_states(token, by_token)
            owner = state if state.country not in others else main_state(mentions, exclude=others)
            return None if owner is None else (owner, True)
        if (sector in STATE_SECTORS and state is not None and self._plural_like(token)
                # (tokens are made anew on each access: compare their indices, not the objects)
                # ("government officials", "a police patrol": a state organ's own word is no other owner)
                and not any(c.dep_ in ("amod", "compound", "nmod", "poss") and c.i != getattr(
                    self._sector_modifier(token), "i", -1)
                    and not (c.dep_ == "compound" and c.lower_ in grammar().definite_state_nouns)
                    for c in token.children)):
            return state, True  # "two police officers": whose, the discourse decides
        if sector == "IGO" and self._bare_title(token) == sector and (
                is_definite(token) or any(c.dep_ == "compound" and is_definite(c) for c in token.children)):
            # "The secretary-general called for calm": the head of the international body the article last named
            body = out.latest_org_where(token.i, lambda m: getattr(self.kb.entities.get(m.actor.id), "type", None) == sector
                                        and not _where(doc[m.start:m.end].root))
            return (self.kb.entities[body.actor.id], False) if body is not None else None
        if sector == "REB" and is_definite(token) and self._last_armed_group(out, token.i):
            # "the rebels", "the paramilitary group": the armed group last named
            return self._last_armed_group(out, token.i), False
        # (as the doer only: "halting attacks on civilians" names whom an act would fall on, not a party)
        # ("some analysts warned": a counting determiner leaves the group as bare as no determiner does)
        bare_plural = (token.tag_ in PLURAL_TAGS and token.dep_ == "nsubj" and not any(
            c.dep_ in ("det", "poss", "nummod") and c.lower_ not in words().quantifier_determiners for c in token.children))
        if sector in OWNERLESS_SECTORS and (self._sector_modifier(token) is not None or is_definite(token) or bare_plural):
            # "rights groups", "resistance groups": a named kind of group with no state behind it; "analysts warned",
            # "foreign bloggers who praise China": people of a calling, with the words that say which
            modifier = self._sector_modifier(token)
            first = modifier.i if modifier is not None else token.i
            if modifier is None and bare_plural:
                first = min([first] + [c.left_edge.i for c in token.children if c.dep_ in ("amod", "compound") and c.i < token.i])
            phrase = doc[first: token.i + 1].text
            actor = _actor(doc, first, token.i + 1, phrase, "group:" + _slug(phrase), None, sector)
            mention = Mention(first, token.i + 1, actor, "group", token.tag_ in PLURAL_TAGS)
            out.append(mention)
            for i in range(first, token.i + 1):
                by_token[i] = mention
        return None

    def _add_group(self, doc: Doc, token: Token, sector: str, owner: Entity, left: int, partners: list[Entity],
                   definite: bool, out: LiveMentions, by_token: dict[int, Mention]) -> None:
        """The group noun's mention, from its first word ("police officers": the whole group noun) to the noun."""
        modifier = self._sector_modifier(token)
        start = min(left, modifier.i) if modifier is not None else left
        if token.i > 1 and doc[token.i - 1].text == "-" and f"{doc[token.i - 2].lower_}-{token.lower_}" in self.kb.titles:
            start = min(start, token.i - 2)  # "secretary-general": the whole title
        elif token.i > 0 and f"{doc[token.i - 1].lower_} {token.lower_}" in self.kb.titles:
            start = min(start, token.i - 1)  # "secretary general", "foreign minister"
        while start < token.i and doc[start].pos_ in ("DET", "PUNCT"):
            start += 1
        actor = _actor(doc, start, token.i + 1, owner.name, owner.id, owner.country,
                       owner.type if owner.kind == "org" and sector == "REB" else sector)
        out.drop_inside(start, token.i + 1)  # the modifier mention the group mention swallows
        others = tuple(Mention(start, token.i + 1, replace(actor, name=e.name, id=e.id, country=e.country), "group", True)
                       for e in partners)
        mention = Mention(start, token.i + 1, actor, "group", token.tag_ in PLURAL_TAGS, others, definite)
        out.append(mention)
        for i in range(start, token.i + 1):
            by_token[i] = mention

    @staticmethod
    def _same_noun_before(doc: Doc, token: Token, out: LiveMentions) -> Mention | None:
        """"Those leaders", "these officials" with no owner of their own: the latest group mention of the same
        noun in this sentence or the one before, or None."""
        if not any(c.dep_ == "det" and c.lower_ in words().demonstrative_determiners for c in token.children):
            return None
        first = token.sent.start
        if first > 0:
            first = doc[first - 1].sent.start
        for m in out.alive_reversed():
            if m.end <= token.i and m.start >= first and m.kind == "group" and doc[m.end - 1].lemma_ == token.lemma_:
                return m
        return None

    def _last_armed_group(self, mentions: LiveMentions, before: int) -> Entity | None:
        group = mentions.latest("armed", before)
        return self.kb.entities.get(group.actor.id) if group is not None else None

    def _plural_like(self, token: Token) -> bool:
        """A plural noun, a force's unit ("a police patrol"), or a bare mass noun for a body of people ("clashed
        with police")."""
        g = grammar()
        if token.tag_ in PLURAL_TAGS or token.lower_ in g.unit_nouns:
            return True
        return (token.tag_ == "NN" and token.lower_ in g.definite_state_nouns and token.lower_ not in self.kb.titles
                and token.dep_ not in ("compound", "amod", "nmod", "npadvmod")
                and not any(c.dep_ in ("det", "poss", "nummod") for c in token.children))

    def _sector(self, token: Token) -> str | None:
        modifier = self._sector_modifier(token)
        if modifier is not None:
            return self.kb.sector_nouns[f"{modifier.lower_} {token.lower_}"]
        if token.lower_ in grammar().unit_nouns:
            # "a police patrol", "an army base": the force the noun before it names (kb/roles.yaml unit_nouns)
            force = next((c for c in token.children if c.dep_ in ("compound", "amod", "nmod") and c.i == token.i - 1), None)
            return self.kb.sector_nouns.get(force.lower_) if force is not None else None
        for key in (token.lower_, token.lemma_.lower()):
            if key in self.kb.sector_nouns:
                return self.kb.sector_nouns[key]
        return self._bare_title(token)

    def _bare_title(self, token: Token) -> str | None:
        """A title with no name after it stands for its office: "the defence minister warned"."""
        doc = token.doc
        if token.i > 0:
            two = f"{doc[token.i - 1].lower_} {token.lower_}"
            if two in self.kb.titles:
                return self.kb.titles[two]
        if token.i > 1 and doc[token.i - 1].text == "-":  # "the secretary-general", split at its hyphen
            hyphened = f"{doc[token.i - 2].lower_}-{token.lower_}"
            if hyphened in self.kb.titles:
                return self.kb.titles[hyphened]
        return self.kb.titles.get(token.lower_)

    def _sector_modifier(self, token: Token) -> Token | None:
        """The first word of a two-word group noun ("rights groups", "security forces"), if any."""
        if token.i == 0:
            return None
        prev = token.doc[token.i - 1]
        if prev.head.i == token.i and f"{prev.lower_} {token.lower_}" in self.kb.sector_nouns:
            return prev
        return None


def _named_apposition(token: Token, by_token: dict[int, Mention]) -> Mention | None:
    """"the main rebel group, the Forces for Defence of Democracy, insisted", "the armed group, the Kurdistan Workers'
    Party (PKK), agreed": a group noun with a named organisation in apposition is that organisation, not a
    group of its own; None when no organisation stands beside it so (a bracketed acronym glosses the whole phrase,
    place and all: "the peacekeeping force in southern Lebanon (UNIFIL)" is still Lebanon's too)."""
    for child in token.children:
        mention = by_token.get(child.i)
        if (child.dep_ == "appos" and child.i > token.i and mention is not None and mention.kind == "org"
                and token.doc[child.left_edge.i - 1].text != "("):  # "the peacekeeping force in southern Lebanon (UNIFIL)"
            return mention
    return None


def _describes_name(token: Token, by_token: dict[int, Mention]) -> bool:
    """"Rights group Amnesty International accused the army", "media watchdog CPJ said": a group noun that modifies
    the organisation's name after it says what kind of body that is; the name is the actor."""
    mention = by_token.get(token.head.i)
    return token.dep_ == "compound" and token.head.i > token.i and mention is not None and mention.kind == "org"


def _owner_of(mention: Mention) -> Entity:
    """The owner an earlier group mention was given, as an entity (one the reference data does not list)."""
    a = mention.actor
    return Entity(a.id, a.name, a.country, a.type, "group")


def _named_body(token: Token) -> bool:
    """"the International Criminal Court", "the Supreme Court": a court noun that ends a name (the name's own mention
    says whose), not "a court", "an appeals court"."""
    return token.pos_ == "PROPN" or token.ent_type_ in ("ORG", "FAC")


def _where(token: Token) -> bool:
    """"met in Brussels": a name standing where something happens, not who acts."""
    return token.dep_ == "pobj" and token.head.lower_ in grammar().locative_preps
