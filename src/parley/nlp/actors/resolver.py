"""Actor mentions: names, metonyms, title-coded people, group nouns, surnames and pronouns, resolved
against the reference data in `parley.kb`."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from parley import kb as kb_module
from parley.nlp import extensions  # noqa: F401  (registers the Doc extensions)
from parley.kb import Entity, KnowledgeBase
from parley.nlp.language.wordlists import grammar
from parley.nlp.language.lexicon import load as load_lexicon
from parley.identity import STATE_SECTORS
from parley.nlp.actors.live import LiveMentions
from parley.records import Actor
from parley.nlp.actors.owners import PlaceOwners
from parley.nlp.actors.mention import (
    LOCAL_SECTORS, ORGANISATION_NOUNS, OWNERLESS_SECTORS, TITLE_DEPS, Mention, _actor, _entity_actor,
    _slug)




# Where an untitled full name is a party: a subject, a passive subject, or a name listed or set beside one.
UNTITLED_PERSON_DEPS = {"nsubj", "nsubjpass", "conj", "appos", "dobj"}


class ActorResolver(PlaceOwners):
    """Finds and resolves actor mentions in a Doc; stores them on doc._.parley_mentions."""

    def __init__(self, nlp: Language, kb: KnowledgeBase):
        self.kb = kb
        self.matcher = PhraseMatcher(nlp.vocab, attr="ORTH")
        names = {alias for alias in kb.aliases}
        self.matcher.add("ENTITY", [nlp.make_doc(a) for a in sorted(names)])
        self.matcher.add("DEMONYM", [nlp.make_doc(d) for d in sorted(kb.demonyms)])
        self.multiword_titles = sorted((t for t in kb.titles if " " in t), key=len, reverse=True)

    # -- the country or organisation a modifier token names ("Russian", "Kremlin", "Sudan's")
    def _entity_of_token(self, token: Token, by_token: dict[int, Mention]) -> Entity | None:
        mention = by_token.get(token.i)
        if mention and mention.kind in ("country", "org", "demonym"):
            if mention.actor.id.startswith(("country:", "org:")):
                return self.kb.entities.get(mention.actor.id)
        return None

    def __call__(self, doc: Doc) -> Doc:
        mentions = self._named(doc)
        mentions = self._people(doc, mentions)
        mentions = self._groups(doc, mentions)
        mentions = self._unlisted_orgs(doc, mentions)
        mentions = [self._people_in_place(doc, m) if m.kind == "demonym" and m.plural else m for m in mentions]
        mentions.sort(key=lambda m: m.start)
        doc._.parley_mentions = mentions
        doc._.parley_actors = [m.actor for m in mentions if m.kind != "demonym"]
        if doc._.parley_warnings is None:
            doc._.parley_warnings = []
        return doc

    def _named(self, doc: Doc) -> list[Mention]:
        spans = [Span(doc, s, e, label=label) for label, s, e in self.matcher(doc)]
        out = []
        for span in filter_spans(spans):
            label = doc.vocab.strings[span.label]
            if self._stance_prefixed(span):
                continue  # "an anti-Kenya journalist": an attitude towards Kenya, not Kenya
            if label == "DEMONYM":
                entity = self.kb.entities.get(self.kb.demonyms[span.text])
                if entity is None:
                    continue
                plural = span.text.endswith("s") and span[-1].tag_ in ("NNPS", "NNS")
                out.append(Mention(span.start, span.end, _entity_actor(doc, span.start, span.end, entity), "demonym", plural))
                continue
            entity = self.kb.entity_for(span.text)
            if entity is None or not self._looks_like_name(span):
                continue
            out.append(Mention(span.start, span.end, _entity_actor(doc, span.start, span.end, entity), entity.kind))
        return out

    @staticmethod
    def _stance_prefixed(span: Span) -> bool:
        """A name joined by a hyphen to a stance prefix ("anti-Kenya", "pro-Russian")."""
        doc, i = span.doc, span.start
        prefixes = grammar().stance_prefixes
        if i >= 2 and doc[i - 1].text in ("-", "\u2013") and doc[i - 2].lower_ in prefixes:
            return True
        return i >= 1 and doc[i - 1].text.endswith("-") and doc[i - 1].lower_.rstrip("-") in prefixes

    @staticmethod
    def _looks_like_name(span: Span) -> bool:
        # "US" the country, not "us" the pronoun; a lower-case match is only kept for lower-case aliases
        if span.text.upper() == "US" and span[0].tag_ == "PRP":
            return False
        return True

    # -- people: known names, NER persons with titles, surnames seen before
    def _people(self, doc: Doc, mentions: list[Mention]) -> list[Mention]:
        by_token = {i: m for m in mentions for i in range(m.start, m.end)}
        people: list[Mention] = []
        surnames: dict[str, Mention] = {}
        candidates = [(m.start, m.end, m) for m in mentions if m.kind == "person"]
        taken = set(by_token)
        for ent in doc.ents:
            if ent.label_ == "PERSON" and not any(i in taken for i in range(ent.start, ent.end)):
                candidates.append((ent.start, ent.end, None))
        candidates.sort(key=lambda c: c[0])
        for start, end, known in candidates:
            mention = self._titled_person(doc, start, end, known, by_token, surnames)
            if mention is None:
                continue
            people.append(mention)
            for i in range(mention.start, mention.end):
                by_token[i] = mention
            if end - start >= 2:
                surnames[doc[end - 1].text] = mention
        # bare surnames later in the article ("Mirzoyan said") that NER missed or tagged on its own
        for token in doc:
            # capitalised and already seen as a surname: the tagger often misreads rare names ("Vucic" as ADV)
            if token.i in by_token or token.text not in surnames or not token.text[:1].isupper():
                continue
            first = surnames[token.text]
            if first.start > token.i:
                continue
            a = first.actor
            actor = Actor(token.text, token.idx, token.idx + len(token.text), a.name, a.id, a.country, a.type)
            people.append(Mention(token.i, token.i + 1, actor, "person"))
            by_token[token.i] = people[-1]
        kept = [m for m in mentions if m.kind != "person"]
        covered = {i for m in people for i in range(m.start, m.end)}
        kept = [m for m in kept if not any(i in covered for i in range(m.start, m.end))]
        return kept + people

    def _title_tokens(self, doc: Doc, start: int, end: int) -> list[Token]:
        """Tokens in front of a name that belong to its noun phrase ("Russian President", "Sudan's army chief")."""
        tokens: list[Token] = []
        allowed = set(range(start, end))
        j = start - 1
        while j >= 0:
            tok = doc[j]
            # a possessive marker points left, to the owner not yet seen: take it on trust
            pending_case = tok.dep_ == "case" and tok.head.i == j - 1
            # a title right before the name belongs to it even when the parser split them ("army chief X")
            adjacent_title = j == start - 1 and tok.pos_ in ("NOUN", "PROPN") and (
                tok.lower_ in self.kb.titles or (j > 0 and f"{doc[j - 1].lower_} {tok.lower_}" in self.kb.titles))
            if not pending_case and not adjacent_title and (
                    tok.dep_ not in TITLE_DEPS or tok.head.i not in allowed or tok.pos_ in ("VERB", "AUX", "ADP")):
                break
            tokens.insert(0, tok)
            allowed.add(j)
            j -= 1
        while tokens and tokens[0].dep_ == "case":
            tokens.pop(0)
        while tokens and tokens[0].pos_ in ("DET", "PUNCT", "CCONJ"):
            tokens.pop(0)
        return tokens

    def _appositive_tokens(self, doc: Doc, start: int, end: int) -> list[Token]:
        root = doc[start:end].root
        out: list[Token] = []
        for child in root.children:
            if child.dep_ == "appos":
                out.extend(t for t in child.subtree if t.i >= end)
        if root.dep_ == "appos" and root.head.i < start:
            out.extend(t for t in root.head.subtree if t.i < start)
        return out

    def _title_of(self, tokens: list[Token]) -> str | None:
        text = " ".join(t.lower_ for t in tokens)
        for title in self.multiword_titles:
            if re.search(rf"\b{re.escape(title)}\b", text):
                return title
        for tok in reversed(tokens):
            if tok.lower_ in self.kb.titles:
                return tok.lower_
            if tok.lemma_.lower() in self.kb.titles:
                return tok.lemma_.lower()
        return None

    def _titled_person(self, doc, start, end, known, by_token, surnames) -> Mention | None:
        before = self._title_tokens(doc, start, end)
        context = before + self._appositive_tokens(doc, start, end)
        title = self._title_of(context)
        country_entity = None
        for tok in context:
            entity = self._entity_of_token(tok, by_token)
            if entity is not None:
                country_entity = entity
        first = before[0].i if before and title else start
        if known is not None:
            a = known.actor
            type_ = self.kb.titles.get(title) if title and a.type is None else a.type
            actor = _actor(doc, first, end, a.name, a.id, a.country, type_)
            return Mention(first, end, actor, "person")
        name = doc[start:end].text
        if end - start == 1 and name in surnames:
            a = surnames[name].actor
            return Mention(start, end, _actor(doc, start, end, a.name, a.id, a.country, a.type), "person")
        if not title and country_entity is None:
            root = doc[start:end].root
            # "U.S. Secretary of State Warren Christopher" parsed with the title off the name's own
            # phrase: a state named inside the phrase the name heads is still the person's
            country_entity = next((e for t in doc[root.left_edge.i:start]
                                   if (e := self._entity_of_token(t, by_token)) is not None), None)
            if country_entity is None:
                # "Geir Pedersen issued his appeal": a named person who acts, whose office the text gave
                # elsewhere, is who "he" is later; a full name only (one word may be a misread place)
                if end - start < 2 or root.dep_ not in UNTITLED_PERSON_DEPS or not all(t.text[:1].isupper() for t in doc[start:end]):
                    return None
                actor = _actor(doc, start, end, name, "person:" + _slug(name), None, None)
                return Mention(start, end, actor, "person")
        country = country_entity.country if country_entity else None
        # a title gives the sector; without one, a member of an organisation ("Hamas official X") takes its type
        type_ = self.kb.titles.get(title) if title else (country_entity.type if country_entity.kind == "org" else None)
        if country_entity is not None and country_entity.kind == "org" and type_ == "GOV" and country_entity.type:
            type_ = country_entity.type  # "Hamas official X" speaks for Hamas, not for a government
        actor = _actor(doc, first, end, name, "person:" + _slug(name), country, type_)
        return Mention(first, end, actor, "person")

    # -- group nouns: "the Sudanese army", "Israeli jets", "M23 rebels", "the military"
    def _groups(self, doc: Doc, mentions: list[Mention]) -> list[Mention]:
        by_token = {i: m for m in mentions for i in range(m.start, m.end)}
        main_state = self._main_state(mentions)
        out = LiveMentions(doc, mentions, load_lexicon().speech_verbs)
        for token in doc:
            if token.pos_ not in ("NOUN", "PROPN") or token.i in by_token:
                continue
            if token.lower_ in ORGANISATION_NOUNS and self._is_definite(token) and self._sector_modifier(token) is None:
                # "the group", "the movement": the organisation last named; the organisation a recent
                # sentence was about (its subject) before one merely named
                org = out.latest("subject", token.i) or out.latest("org", token.i)
                if org is not None:
                    a = org.actor
                    mention = Mention(token.i, token.i + 1, _actor(doc, token.i, token.i + 1, a.name, a.id, a.country, a.type), "group")
                    out.append(mention)
                    by_token[token.i] = mention
                continue
            body = self._definite_body(out, token)
            if body is not None:
                a = body.actor
                mention = Mention(token.i, token.i + 1, _actor(doc, token.i, token.i + 1, a.name, a.id, a.country, a.type), "group")
                out.append(mention)
                by_token[token.i] = mention
                continue
            sector = self._sector(token)
            if sector is None or self._is_pair_phrase(token):
                continue  # "both sides", "the two governments": the discourse model says who
            owner = None
            definite = False
            partners: list[Entity] = []
            left = token.i
            for child in token.children:
                if child.dep_ in ("amod", "compound", "poss", "nmod") and child.i < token.i:
                    entity = self._entity_of_token(child, by_token)
                    if entity is not None:
                        owner = entity
                        left = min(left, child.left_edge.i)
                        partners = [e for c in child.conjuncts if (e := self._entity_of_token(c, by_token)) and e.id != entity.id]
            if owner is None:
                # "officials from Kyiv", "rebels in Syria", "envoys from Ethiopia and Eritrea"
                preps = sorted((p for p in token.children if p.dep_ == "prep" and p.lower_ in ("of", "from", "in")),
                               key=lambda p: p.lower_ == "in")  # where they are only if not whose they are
                for pobj in (c for p in preps for c in p.children if c.dep_ == "pobj"):
                    entity = self._entity_of_token(pobj, by_token)
                    if entity is not None:
                        owner = entity
                        partners = [e for c in pobj.conjuncts if (e := self._entity_of_token(c, by_token)) and e.id != entity.id]
                        break
            if owner is None:
                owner = self._region_owner(token)  # "Darfur rebels": the state the region lies in
            if owner is None and token.tag_ in ("NNS", "NNPS"):
                owner = self._place_owner(token)  # "police in Lahore", "residents of Goma"
            argument = self._counted_by(token)
            # "security forces clashed with fighters loyal to the former president": the other party too
            party_verb = self._party_verb(argument)
            if (owner is None and sector in LOCAL_SECTORS and token.tag_ in ("NNS", "NNPS") and not self._is_definite(token)
                    and (argument.dep_ in ("nsubj", "dobj", "nsubjpass") or party_verb is not None)):
                # "gunmen", "opposition supporters", "hundreds of farmers" doing or suffering an act: an
                # unnamed local group, of the country where it acts, else of the article's (or the sentence's) state
                clause = party_verb or argument.head
                owner = self._place_owner(clause, deep=True)
                antecedent = self._antecedent(clause)
                if owner is None and antecedent is not None:
                    owner = self._place_owner(antecedent, deep=True, also=frozenset({"on"}))  # "the raid on Taiz that killed nine farmers"
                near = self._near_country(out.alive_reversed(), token.sent.start, token.sent.end)
                # the people an attack or arrest falls on are not the attacker's own: "Russian strikes
                # killed 20 civilians" says nothing of whose civilians
                # and the doers of an act are not the people it falls on: "settlers attacked Palestinians"
                others = (self._doer_states(argument, by_token) | self._onlooker_states(argument, by_token, out.speech)
                          | self._sufferer_states(argument, by_token))
                home = main_state if main_state is not None and main_state.country not in others else None
                if near is not None and near.actor.country in others:
                    # the sentence names only states that act on them or react to it: whose they are is
                    # not told, and a state from another sentence is no better guess
                    near = home = None
                owner = (owner or home or (self.kb.country(near.actor.country) if near else None)
                         or Entity("group:" + _slug(token.lower_), token.text, None, sector, "group"))
                # the whole name of the group: "Rohingya civilians", "opposition supporters"
                left = min([left] + [c.left_edge.i for c in token.children if c.dep_ in ("amod", "compound") and c.i < token.i])
            if owner is None:
                # "the army", or a bare modifier of another noun ("army shelling", "Junta airstrikes")
                nouns = load_lexicon().nouns
                modifier = token.dep_ in ("compound", "nmod") and (token.head.lower_ in nouns or token.head.lemma_.lower() in nouns)
                if token.lower_ in grammar().definite_state_nouns and main_state is not None and (self._is_definite(token) or modifier):
                    # "the ministry summoned the Dutch ambassador": not the state its own clause acts on
                    others = self._sufferer_states(token, by_token)
                    owner, definite = (main_state if main_state.country not in others
                                       else self._main_state(mentions, exclude=others)), True
                    if owner is None:
                        continue
                elif (sector in STATE_SECTORS and main_state is not None and self._plural_like(token)
                      # (tokens are made anew on each access: compare their indices, not the objects)
                      # ("government officials", "a police patrol": a state organ's own word is no other owner)
                      and not any(c.dep_ in ("amod", "compound", "nmod", "poss") and c.i != getattr(
                          self._sector_modifier(token), "i", -1)
                          and not (c.dep_ == "compound" and c.lower_ in grammar().definite_state_nouns)
                          for c in token.children)):
                    owner, definite = main_state, True  # "two police officers": whose, the discourse decides
                elif sector == "REB" and self._is_definite(token) and self._last_armed_group(out, token.i):
                    # "the rebels", "the paramilitary group": the armed group last named
                    owner = self._last_armed_group(out, token.i)
                elif sector in OWNERLESS_SECTORS and (self._sector_modifier(token) is not None or self._is_definite(token)):
                    # "rights groups", "resistance groups": a named kind of group with no state behind it
                    modifier = self._sector_modifier(token)
                    first = modifier.i if modifier is not None else token.i
                    phrase = doc[first: token.i + 1].text
                    actor = _actor(doc, first, token.i + 1, phrase, "group:" + _slug(phrase), None, sector)
                    mention = Mention(first, token.i + 1, actor, "group", token.tag_ in ("NNS", "NNPS"))
                    out.append(mention)
                    for i in range(first, token.i + 1):
                        by_token[i] = mention
                    continue
                else:
                    continue
            modifier = self._sector_modifier(token)  # "police officers": the whole group noun
            start = min(left, modifier.i) if modifier is not None else left
            while start < token.i and doc[start].pos_ in ("DET", "PUNCT"):
                start += 1
            actor = _actor(doc, start, token.i + 1, owner.name, owner.id, owner.country,
                           owner.type if owner.kind == "org" and sector == "REB" else sector)
            out.drop_inside(start, token.i + 1)  # the modifier mention the group mention swallows
            others = tuple(Mention(start, token.i + 1, replace(actor, name=e.name, id=e.id, country=e.country), "group", True)
                           for e in partners)
            mention = Mention(start, token.i + 1, actor, "group", token.tag_ in ("NNS", "NNPS"), others, definite)
            out.append(mention)
            for i in range(start, token.i + 1):
                by_token[i] = mention
        return out.alive()

    def _definite_body(self, mentions: LiveMentions, token: Token) -> Mention | None:
        """"accused the regional body", "the bloc said", "the court regrets": the organisation such a definite
        noun with no owner points back to (kb/roles.yaml `definite_org_nouns`), or None."""
        g = grammar()
        lower = token.lower_
        if lower not in g.definite_bodies and lower not in g.definite_named_bodies:
            return None
        if not self._is_definite(token) or any(
                c.dep_ in ("poss", "compound")
                or (c.dep_ == "prep" and c.lower_ == "of" and any(p.dep_ == "pobj" for p in c.children))
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
        return mentions.latest_org_where(token.i, lambda m: bool(word.search(m.actor.name)
                                                                 or word.search(m.actor.text)))

    def _last_armed_group(self, mentions: LiveMentions, before: int) -> Entity | None:
        group = mentions.latest("armed", before)
        return self.kb.entities.get(group.actor.id) if group is not None else None

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
        if token.i > 0:
            two = f"{token.doc[token.i - 1].lower_} {token.lower_}"
            if two in self.kb.titles:
                return self.kb.titles[two]
        return self.kb.titles.get(token.lower_)

    def _sector_modifier(self, token: Token) -> Token | None:
        """The first word of a two-word group noun ("rights groups", "security forces"), if any."""
        if token.i == 0:
            return None
        prev = token.doc[token.i - 1]
        if prev.head.i == token.i and f"{prev.lower_} {token.lower_}" in self.kb.sector_nouns:
            return prev
        return None

    def _plural_like(self, token: Token) -> bool:
        """A plural noun, a force's unit ("a police patrol"), or a bare mass noun for a body of people ("clashed
        with police")."""
        g = grammar()
        if token.tag_ in ("NNS", "NNPS") or token.lower_ in g.unit_nouns:
            return True
        return (token.tag_ == "NN" and token.lower_ in g.definite_state_nouns and token.lower_ not in self.kb.titles
                and token.dep_ not in ("compound", "amod", "nmod", "npadvmod")
                and not any(c.dep_ in ("det", "poss", "nummod") for c in token.children))

    @staticmethod
    def _is_pair_phrase(token: Token) -> bool:
        return grammar().pair_count(token) > 0

    @staticmethod
    def _is_definite(token: Token) -> bool:
        return any(c.dep_ == "det" and c.lower_ == "the" for c in token.children)

    @staticmethod
    def _main_state(mentions: list[Mention], exclude: set[str] = frozenset()) -> Entity | None:
        """The state the article names most (its countries, demonyms and people), leaving out `exclude`."""
        counts = Counter(m.actor.country for m in mentions if m.actor.country and m.actor.country not in exclude
                         and (m.kind in ("country", "demonym") or m.actor.id.startswith("person:")))
        if not counts:  # an article about the RSF alone: "the army" is still Sudan's
            counts = Counter(m.actor.country for m in mentions if m.actor.country and m.actor.country not in exclude)
        if not counts:
            return None
        iso3 = counts.most_common(1)[0][0]
        return kb_module.load().country(iso3)


def mention_index(doc: Doc) -> dict[int, Mention]:
    """Token index -> the actor mention covering it."""
    return {i: m for m in doc._.parley_mentions for i in range(m.start, m.end)}


@Language.factory("parley_actors", default_config={},
                  assigns=["doc._.parley_actors", "doc._.parley_mentions", "doc._.parley_warnings"],
                  requires=["doc.ents", "token.dep"])
def make_actor_resolver(nlp: Language, name: str):
    return ActorResolver(nlp, kb_module.load())
