"""Who did what to whom inside a clause: the subject, object and partner of a trigger, read from the
dependency parse, with pronouns, pair phrases and definite descriptions resolved by the article-level
discourse model (nlp/discourse.py). Mixed into the event extractor, which finds the triggers."""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from spacy.tokens import Doc, Token

from parley import kb as kb_module
from parley.nlp import actors as actor_mod
from parley.nlp.actors import Mention, is_state_side
from parley.nlp.discourse import discourse
from parley.nlp.grammar import grammar
from parley.nlp import syntax
from parley.nlp.candidates import Candidate  # noqa: F401  (re-exported)

SUBJECT_DEPS = {"nsubj", "csubj"}
PASSIVE_SUBJECT_DEPS = {"nsubjpass", "csubjpass"}
OBJECT_DEPS = {"dobj", "dative", "attr", "oprd"}
TARGET_PREPS = {"with", "against", "on", "upon", "at", "to", "toward", "towards", "into", "from", "between", "for"}
# Inside a subject or object, these dependents can carry the actor ("Moscow's demands", "talks with Kyiv").
INNER_DEPS = {"compound", "amod", "poss", "appos", "nmod", "conj", "prep", "pobj", "npadvmod"}
INNER_PREPS = {"of", "from", "with", "between", "by", "among", "including", "against", "on"}
# A possessive pronoun inside an object points back to the subject, not to a second party ("offered its troops").
POSSESSIVE_PRONOUNS = {"its", "their", "his", "her", "our", "my", "your"}
ANAPHORIC_DETERMINERS = {"these", "those", "this", "that", "such", "the"}
NOUN_TARGET_PREPS = {"with", "against", "on", "to", "toward", "towards", "between", "into", "of"}
RESPONSE_TYPES = {"REJECT", "AGREE", "SUPPORT", "ACCUSE"}  # moves that can answer an earlier one
RECIPROCALS = {"each other", "one another"}
SYMMETRIC_TYPES = {"AGREE", "CONSULT", "COOPERATE"}
# Moves in a negotiation: with no partner named, they answer the other side in focus.
PARTNER_TYPES = {"AGREE", "REJECT"}
# "after talks", "during negotiations": the subject of the clause took part in the nominal event.
TEMPORAL_PREPS = {"after", "during", "before", "following", "at", "ahead"}





class Roles:
    """Resolves the tokens of a clause's subject or object to actor mentions."""

    def __init__(self, doc: Doc):
        self.doc = doc
        self.index = actor_mod.mention_index(doc)
        self.groups = kb_module.load().sector_nouns
        self.model = discourse(doc)
        self.g = grammar()

    def at(self, token: Token, depth: int = 2) -> list[Mention]:
        """Actors a noun phrase headed by `token` names: itself, its conjuncts, or what it owns."""
        found = self._direct(token)
        if found:
            for conj in token.conjuncts:
                for m in self._direct(conj) or self._inner(conj, depth):
                    if m not in found:
                        found.append(m)
            return found
        return self._inner(token, depth)

    def _direct(self, token: Token) -> list[Mention]:
        mention = self.index.get(token.i)
        if mention is not None:
            # "Trump and Putin" parsed with the first name as a modifier of the second
            coordinated = [m for c in token.children if c.dep_ == "nmod" and any(g.dep_ == "cc" for g in c.children)
                           for m in self._direct(c)]
            return [mention, *mention.partners, *coordinated]
        owner = next((c for c in token.children if c.dep_ == "poss" and c.lower_ in POSSESSIVE_PRONOUNS), None)
        if owner is not None and self.groups.get(token.lower_):
            return self.model.pronoun(owner)  # "its forces", "their troops"
        lower = token.lower_
        if lower in ("which", "who", "that") and token.head.dep_ == "relcl":
            return self.at(token.head.head, 1)
        if lower in self.g.first_person:
            return self._bound_subject(token)  # "'We will not negotiate,' Zelenskiy said"
        if lower in self.g.pronouns:
            return self._bound_subject(token) or self.model.pronoun(token)
        if self.model.is_pair_phrase(token):
            return self.model.pair(token)
        return []

    def _bound_subject(self, pronoun: Token) -> list[Mention]:
        """"Hamas said it remained committed": a subject pronoun in a reported clause is the reporter."""
        verb = pronoun.head
        if pronoun.dep_ not in ("nsubj", "nsubjpass") or verb.dep_ not in ("ccomp", "xcomp"):
            return []
        if pronoun.lower_ not in self.g.first_person and verb.head.i > pronoun.i:
            return []  # "They also attacked X, the army said": a reporter after the clause binds only "we"
        governor = verb.head
        while governor.dep_ == "conj" and not any(c.dep_ == "nsubj" for c in governor.children):
            governor = governor.head  # "accused X and said it...": the subject of the first verb
        for subj in governor.children:
            if subj.dep_ == "nsubj" and subj.lower_ not in self.g.pronouns:
                found = self.at(subj, 1)
                if found and (pronoun.lower_ not in self.g.thing or all(m.kind != "person" for m in found)):
                    return found
        return []

    def _inner(self, token: Token, depth: int) -> list[Mention]:
        if depth <= 0:
            return []
        found: list[Mention] = []
        for child in token.children:
            if child.dep_ not in INNER_DEPS:
                continue
            if child.dep_ == "prep" and child.lower_ not in INNER_PREPS:
                continue
            if child.dep_ == "prep":
                hits = [m for pobj in child.children if pobj.dep_ == "pobj" for m in self.at(pobj, depth - 1)]
            elif child.dep_ == "poss" and child.lower_ in POSSESSIVE_PRONOUNS:
                continue
            else:
                hits = self.at(child, depth - 1) if self._direct(child) else self._inner(child, depth - 1)
            for m in hits:
                if m not in found:
                    found.append(m)
        return found


def verb_lemma(token: Token, known) -> str:
    """The token's lemma, or a regular de-inflection of it that `known` has when the lemmatizer slipped
    ("staged" lemmatised as "stag")."""
    lemma = token.lemma_.lower()
    if lemma in known:
        return lemma
    word = token.lower_
    for suffix, repl in (("ing", ""), ("ing", "e"), ("ed", ""), ("ed", "e"), ("d", ""), ("es", ""), ("s", "")):
        if word.endswith(suffix) and word[: len(word) - len(suffix)] + repl in known:
            return word[: len(word) - len(suffix)] + repl
    return lemma


def _after_temporal_prep(noun: Token) -> bool:
    """"after talks", "after 12 hours of talks", "arrived on a visit", "met for talks"."""
    if noun.dep_ == "pobj" and noun.head.lower_ == "of" and noun.head.head.dep_ == "pobj":
        noun = noun.head.head
    return noun.dep_ == "pobj" and (noun.head.lower_ in TEMPORAL_PREPS or noun.head.lower_ in ("on", "for"))


def _self_loop(target: Mention, source: list[Mention]) -> bool:
    """A state (or one of its organs) as the target of its own act: never what the text means unless
    it says "itself"; a state's civilians or rebels are parties of their own."""
    return any(s.actor.id == target.actor.id and is_state_side(s.actor) and is_state_side(target.actor)
               for s in source)


def _is_reciprocal(token: Token) -> bool:
    return token.doc[token.left_edge.i: token.right_edge.i + 1].text.lower() in RECIPROCALS



class RoleReader:
    """Role reading for the event extractor (which supplies `lex`, `g_gratitude` and `noun_trigger`)."""

    def _mediated(self, candidates: list[Candidate], roles: Roles) -> list[Candidate]:
        """"Egypt brokered talks between Israel and Hamas", "talks mediated by Qatar between X and Y":
        the talks are the parties' own CONSULT; the mediator's CONSULT goes to both, from the verb alone."""
        out = []
        for cand in candidates:
            verb = cand.trigger
            if cand.type != "CONSULT" or verb.lemma_.lower() not in grammar().third_party_verbs:
                continue
            nouns = [t for t in cand.tokens if t is not verb]
            if verb.dep_ == "acl" and verb.head.pos_ in ("NOUN", "PROPN") and verb.head not in nouns:
                nouns.append(verb.head)  # "talks brokered by Egypt"
            nouns = nouns or [c for c in verb.children if c.dep_ == "dobj" and c.lower_ in grammar().mediated_nouns]
            if len(nouns) != 1:
                continue
            # "between X and Y" may hang from the verb, the talks or the mediator's name
            holders = [verb, nouns[0]] + [p for a in verb.children if a.dep_ == "agent" for p in a.children]
            parties = [m for h in holders for p in h.children if p.dep_ == "prep" and p.lower_ in ("between", "among")
                       for pobj in p.children if pobj.dep_ == "pobj" for m in roles.at(pobj)]
            if len({actor_mod.party_key(m.actor) for m in parties}) < 2:
                continue
            meeting = Candidate(nouns[0], [nouns[0]], "CONSULT", cand.mode, source=list(parties), target=list(parties),
                                verbal=False)
            cand.tokens = [verb]
            cand.target = [m for m in parties if m not in cand.source]
            out.append(meeting)
        return out

    def _alleged_acts(self, candidates: list[Candidate]) -> list[Candidate]:
        """"X accused Y of violations": the act alleged, done by Y to X, as an event of its own; with
        "each other", one per direction. Verbal acts ("of attacking") are already candidates."""
        verbal_content = {c.trigger.i for c in candidates}
        out: list[Candidate] = []
        for accusation in candidates:
            if accusation.type != "ACCUSE":
                continue
            for noun in self._accusation_objects(accusation.trigger):
                if noun.i in verbal_content:
                    continue
                trigger = self.noun_trigger(noun) or self.lex.nouns.get(noun.lemma_.lower())
                if trigger is None:
                    continue
                if accusation.reciprocal and len(accusation.source) >= 2:
                    pairs = [([a], [b]) for a in accusation.source for b in accusation.source if a is not b]
                else:
                    pairs = [(accusation.target, accusation.source)]
                for doer, victim in pairs:
                    out.append(Candidate(noun, [noun], trigger.type, trigger.mode, source=list(doer),
                                         target=list(victim), verbal=False, alleged_by=accusation))
        return out

    @staticmethod
    def _accusation_objects(verb: Token) -> list[Token]:
        holders = [verb] + [c for c in verb.children if c.dep_ == "dobj"]
        return [pobj for h in holders for prep in h.children if prep.dep_ == "prep" and prep.lower_ in ("of", "over", "for")
                for pobj in prep.children if pobj.dep_ == "pobj"]

    def subject_tokens(self, verb: Token) -> tuple[list[Token], bool]:
        """Subject of a verb (climbing through xcomp, conj and relative clauses); True if passive."""
        if any(c.dep_ in PASSIVE_SUBJECT_DEPS for c in verb.children) and not any(c.dep_ == "agent" for c in verb.children):
            return [], True  # "after the truce was announced": the doer is not named
        token = verb
        for _ in range(4):
            # above the event's own verb, a passive subject is the doer: "X is scheduled to hold talks";
            # all of them, for the parser sometimes gives a coordinated subject two nsubj arcs
            subjects = [c for c in token.children
                        if c.dep_ in SUBJECT_DEPS or (token is not verb and c.dep_ in PASSIVE_SUBJECT_DEPS)]
            if subjects:
                return subjects, False
            for child in token.children:
                if child.dep_ == "agent":
                    return [c for c in child.children if c.dep_ == "pobj"], True
            if token.dep_ == "relcl":
                return [token.head], False
            if token.dep_ == "acl":
                owner = [c for c in token.head.children if c.dep_ == "poss"]
                if owner and any(c.dep_ == "aux" and c.lower_ == "to" for c in token.children):
                    return owner, False  # "India's decision to suspend the treaty"
                active = token.tag_ == "VBD"
                # "Malaysia, which chairs ASEAN, offered to mediate" misparsed as a modifier of Malaysia
                return ([token.head], False) if active else ([], True)
            if token.dep_ == "acomp" and token.head.i != token.i:  # "was ready to meet": up to the verb
                token = token.head
                continue
            if token.dep_ in ("xcomp", "conj", "advcl", "pcomp") and token.head.i != token.i:
                via_prep = token.head.dep_ == "prep"
                token = token.head.head if via_prep else token.head
                if via_prep and token.pos_ in ("NOUN", "PROPN") and token.dep_ == "dobj":
                    return [token], False  # "accused [Y of attacking]" parsed with "of" under Y
                if via_prep and (verb_lemma(token, self.lex.claim_verbs) in self.lex.claim_verbs
                                 or token.lemma_.lower() in grammar().gratitude_verbs):
                    # "accused Y of attacking", "thanked Y for sending troops": Y is who did it
                    objects = [c for c in token.children if c.dep_ == "dobj"]
                    if objects:
                        return objects, False
                continue
            break
        return [], False

    def _verb_roles(self, cand: Candidate, roles: Roles) -> None:
        verb = cand.trigger
        subjects, _ = self.subject_tokens(verb)
        for subject in subjects:
            if _is_reciprocal(subject):
                # "both sides accused each other of shelling": each did it, to the other
                subjects, _ = self.subject_tokens(subject.head)
                cand.reciprocal = True
                break
        agents = [c for ch in verb.children if ch.dep_ == "agent" for c in ch.children if c.dep_ == "pobj"]
        passive_subjects = [c for c in verb.children if c.dep_ in PASSIVE_SUBJECT_DEPS]
        if agents:
            subjects = agents
        elif passive_subjects and verb_lemma(verb, self.lex.stative_passives) in self.lex.stative_passives:
            # "Vietnam is committed to...", "Israel is opposed to...": the subject holds the attitude
            subjects, passive_subjects = passive_subjects, []
        source: list[Mention] = []
        for tok in subjects:
            source.extend(m for m in roles.at(tok) if m not in source)
        own = {t.i for t in cand.tokens}
        objects = [c for c in verb.children if c.dep_ in OBJECT_DEPS and c.i not in own] + passive_subjects
        if verb.dep_ == "acl" and agents:
            objects.append(verb.head)
        # "called on X": the particle's own object is a target; other particles of the trigger are not
        objects += [pobj for prep in verb.children
                    if prep.dep_ == "prep" and (prep.lower_ in TARGET_PREPS or prep.i in own)
                    for pobj in prep.children if pobj.dep_ == "pobj"]
        target: list[Mention] = []
        for obj in objects:
            if _is_reciprocal(obj):
                cand.reciprocal = True
                continue
            target.extend(m for m in roles.at(obj) if m not in target)
        for noun in cand.tokens[1:]:
            # "proposed talks with Kyiv": the partner of the nominal event the verb governs
            for prep in noun.children:
                if prep.dep_ == "prep" and prep.lower_ in NOUN_TARGET_PREPS:
                    target.extend(m for pobj in prep.children for m in roles.at(pobj) if m not in target)
        if cand.type not in SYMMETRIC_TYPES:
            target = [m for m in target if not _self_loop(m, source)]
        if cand.type == "ACCUSE" and not any(c.dep_ in OBJECT_DEPS for c in verb.children):
            # "complained to the UN over Israeli raids": the accused is who did what it is about, not
            # the one it is said to
            about = [m for p in verb.children if p.dep_ == "prep" and p.lower_ in ("over", "about")
                     for pobj in p.children if pobj.dep_ == "pobj" for m in roles.at(pobj) if m not in source]
            target = about or target
        if not target and cand.type == "REQUEST":
            target = self._demanded_of(verb, roles, source)
        if not target:
            target = self._content_target(verb, roles, source)
        if not target and cand.type == "THREATEN":
            target = self._condition_subject(verb, roles, source)
        if not target and verb.dep_ == "pcomp" and verb.head.head.lemma_.lower() in self.g_gratitude:
            # "thanked Pyongyang for sending troops": sent to the one who thanks
            thanker, _ = self.subject_tokens(verb.head.head)
            target = [m for t in thanker for m in roles.at(t) if m not in source]
        if not target:
            # "suspended a declaration it had signed with Cambodia": the partner of the thing acted on
            target = [m for o in objects for rel in o.children if rel.dep_ == "relcl" for p in rel.children
                      if p.dep_ == "prep" and p.lower_ in ("with", "between") for pobj in p.children
                      for m in roles.at(pobj) if m not in source]
        if not target and cand.type == "PROTEST":
            target = self._protest_target(verb, roles, source)
        if not target:
            cand.anaphor = next((o for o in objects if self._is_anaphoric_event_noun(o)), None)
        if cand.anaphor is None and cand.type in RESPONSE_TYPES:
            cand.anaphor = next((o for o in objects if o.lower_ in ("it", "this")), None)  # "rejected it"
        if not target and verb.dep_ == "relcl" and self.noun_trigger(verb.head) is not None:
            cand.anaphor = verb.head  # "a truce, which Moscow turned down": the truce someone offered
        if not target and source and cand.anaphor is None and cand.type in PARTNER_TYPES:
            # "Kyiv accepted a proposal": a move in a negotiation answers the other side in focus
            keys = {actor_mod.party_key(m.actor) for m in source}
            target = [m for m in roles.model.focus_pair(verb) if actor_mod.party_key(m.actor) not in keys][:1]
        cand.source = source
        cand.target = [m for m in target if m not in source or cand.type in SYMMETRIC_TYPES]
        if cand.type not in SYMMETRIC_TYPES:
            cand.target = [m for m in cand.target if not _self_loop(m, source)]

    def _is_anaphoric_event_noun(self, token: Token) -> bool:
        determiners = {c.lower_ for c in token.children if c.dep_ == "det"}
        return bool(determiners & ANAPHORIC_DETERMINERS) and self.noun_trigger(token) is not None

    def _resolve_anaphors(self, candidates: list[Candidate]) -> None:
        """"rejected these demands": the target is whoever made the latest earlier move of that kind."""
        for cand in candidates:
            if cand.anaphor is None:
                continue
            noun = self.noun_trigger(cand.anaphor)
            kind = noun.type if noun is not None else None  # None: "rejected it", any earlier move
            before = [c for c in candidates if c is not cand and c.source and c.trigger.i <= cand.anaphor.i]
            owner = [c for c in before if cand.anaphor.i in {t.i for t in c.tokens}]
            same_word = [c for c in before if cand.anaphor.lemma_ in {t.lemma_ for t in c.tokens}]
            earlier = owner or same_word or [c for c in before if kind is None or c.type == kind]
            if earlier:
                cand.antecedent = earlier[-1]
                cand.target = cand.target or [m for m in earlier[-1].source if m not in cand.source]

    def _demanded_of(self, verb: Token, roles: Roles, source: list[Mention]) -> list[Mention]:
        """"demanded that Israel withdraw": a demand is made of the subject of what is demanded."""
        for comp in verb.children:
            if comp.dep_ == "ccomp":
                for subj in comp.children:
                    if subj.dep_ in SUBJECT_DEPS:
                        return [m for m in roles.at(subj) if m not in source]
        return []

    def _protest_target(self, verb: Token, roles: Roles, source: list[Mention]) -> list[Mention]:
        """Whom a protest is aimed at: the first party its own words name ("to demand the resignation of
        President X", "in defiance of Chinese authorities"), not where it happens; with none named, the
        protesters' own government (people protest to their state)."""
        subjects = {t.i for s in verb.children if s.dep_ in SUBJECT_DEPS for t in s.subtree}
        for token in verb.subtree:
            if token.i in subjects or token.i == verb.i:
                continue
            mention = roles.index.get(token.i)
            if mention is None or mention in source or _self_loop(mention, source):
                continue
            entry = roles.model.entry_for(mention)
            if entry is not None and entry.role == "place":
                continue
            return [mention]
        home = next((m for m in source if m.actor.country and not is_state_side(m.actor)), None)
        state = kb_module.load().country(home.actor.country) if home else None
        if state is None:
            return []
        actor = replace(home.actor, name=state.name, id=state.id, type="GOV")
        return [Mention(home.start, home.end, actor, "country")]

    def _condition_subject(self, verb: Token, roles: Roles, source: list[Mention]) -> list[Mention]:
        """"warned it would respond if X attacked": a threat is aimed at whoever the condition names."""
        for cond in syntax.conditions(verb.sent):
            clause = cond.verb
            if verb.i in {t.i for t in clause.ancestors}:
                for subj in clause.children:
                    if subj.dep_ in SUBJECT_DEPS:
                        hits = [m for m in roles.at(subj) if m not in source]
                        if hits:
                            return hits
        return []

    def _content_target(self, verb: Token, roles: Roles, source: list[Mention], depth: int = 2) -> list[Mention]:
        """The actor a threat or demand is about, found in its complement clause (two clauses deep):
        an object, an object's partner ("aid to Mozambique"), a prepositional target, and last the
        place where the act would happen ("resume attacks in Israel")."""
        for comp in verb.children:
            if comp.dep_ not in ("ccomp", "xcomp") or comp.i < verb.i:  # content follows its verb
                continue
            objects = [c for c in comp.children if c.dep_ in OBJECT_DEPS]
            preps = [c for c in comp.children if c.dep_ == "prep"]
            preps += [p for o in objects for p in o.children if p.dep_ == "prep"]
            ranked = objects + [pobj for p in preps if p.lower_ in TARGET_PREPS for pobj in p.children if pobj.dep_ == "pobj"]
            for token in ranked:
                hits = [m for m in roles.at(token) if m not in source]
                if hits:
                    return hits
            deeper = self._content_target(comp, roles, source, depth - 1) if depth > 1 else []
            if deeper:
                return deeper
            for pobj in (pobj for p in preps if p.lower_ == "in" for pobj in p.children if pobj.dep_ == "pobj"):
                hits = [m for m in roles.at(pobj, 0) if m not in source and m.kind == "country"]
                if hits:
                    return hits
        return []

    def _noun_roles(self, cand: Candidate, noun: Token, roles: Roles, fill_only: bool = False) -> None:
        source, target = [], []
        for child in noun.children:
            if child.dep_ in ("poss", "amod", "compound", "nmod"):
                hits = roles.at(child, 1) if child.dep_ != "poss" else roles.at(child)
                source.extend(m for m in hits if m not in source)
            elif child.dep_ == "prep":
                pobjs = [c for c in child.children if c.dep_ == "pobj"]
                prep = child.lower_
                for pobj in pobjs:
                    hits = roles.at(pobj)
                    if prep in ("by", "from"):
                        source.extend(m for m in hits if m not in source)
                    elif prep == "between":
                        source.extend(m for m in hits if m not in source)
                        target.extend(m for m in hits if m not in target)
                    elif prep in ("with", "against", "on", "to", "toward", "towards", "for"):
                        target.extend(m for m in hits if m not in target)
            elif child.dep_ == "acl":
                for agent in child.children:
                    if agent.dep_ == "agent":
                        for pobj in agent.children:
                            source.extend(m for m in roles.at(pobj) if m not in source)
        if cand.verbal and not fill_only:
            return
        if not source and fill_only is False:
            after_talks = cand.type == "CONSULT" and _after_temporal_prep(noun)
            source = self._governing_subject(noun, roles) if target or after_talks else []
        if fill_only:
            cand.source = cand.source or source
            cand.target = cand.target or [m for m in target if m not in cand.source]
        else:
            cand.source = source
            cand.target = target if target else []
        if cand.type in SYMMETRIC_TYPES and len(cand.source) >= 2 and not cand.target:
            cand.target = list(cand.source)

    def _governing_subject(self, noun: Token, roles: Roles) -> list[Mention]:
        """For "talks with X" with no owner: whose talks? The subject of the governing clause."""
        token = noun
        for _ in range(5):
            token = token.head
            if token.pos_ in ("VERB", "AUX"):
                subjects, _ = self.subject_tokens(token)
                for subj in subjects:
                    hits = roles.at(subj)
                    if hits:
                        return hits
            if token.head.i == token.i:
                break
        return []
