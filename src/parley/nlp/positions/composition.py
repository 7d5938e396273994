"""How a stance combines with the word that governs it: what a demand asks for is demanded ("urged both sides to
agree to a truce"), a refusal of a stance turns it round ("refused to accept the ceasefire"), and a stance noun
that a verb of showing takes as its object is held by the verb's subject ("signalled openness to talks")."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from parley.nlp.actors.phrases import NounPhraseActors
from parley.nlp.events.candidate import Candidate
from parley.nlp.language import syntax
from parley.nlp.language.wordlists import words
from parley.nlp.positions.holders import StanceHolders
from parley.nlp.positions.issues import IssueLexicon
from parley.nlp.positions.stances import StanceWords, asked_for

AGAINST = ("reject", "oppose")


@dataclass
class Found:
    """A stance found for one cue: the stance, the mentions that hold it, the event it came from, the
    verb that voices it (for its tense and condition) and the condition clause set on it."""

    stance: str
    actors: list
    anchor: Candidate | None
    verb: Token | None
    condition: syntax.Condition | None = None


class Composition:
    """The rules by which a governing word changes or takes over the stance below it, over the issue lexicon."""

    def __init__(self, lex: IssueLexicon, stances: StanceWords, holders: StanceHolders):
        self.lex = lex
        self.stances = stances
        self.holders = holders

    def refused(self, verb: Token | None, by_token: dict[int, Candidate]) -> bool:
        """"Russia refused to accept the ceasefire", "Moscow is unwilling to join talks": a stance said in a
        "to"-infinitive under a word (or an event) against it is turned round."""
        if verb is None or verb.pos_ not in syntax.VERBAL or verb.dep_ != "xcomp" or verb.head.i == verb.i:
            return False
        head = verb.head
        if self.stances.word_stance(head) in AGAINST:
            return True
        cand = by_token.get(head.i)
        return cand is not None and not cand.negation_absorbed and self.lex.event_stances.get(cand.type) in AGAINST

    def asked_infinitive(self, clause: Token) -> bool:
        """"are calling on authorities to loosen trade restrictions": the parser may hang the "to"-infinitive
        of a demand as an adverbial clause; with no subject of its own it is what the demand asks for."""
        if clause.dep_ != "advcl" or "to" not in syntax.auxiliaries(clause) \
                or any(c.dep_ in ("nsubj", "nsubjpass") for c in clause.children):
            return False
        head = clause.head
        # the demand is made of someone ("calling on authorities"); "called off an offensive on Tuesday to allow
        # aid through" is a purpose, not a call
        addressed = any(c.dep_ == "prep" and c.lower_ in self.lex.stance_preps.get(head.lemma_.lower(), ())
                        and any(o.dep_ == "pobj" and o.ent_type_ not in ("DATE", "TIME") for o in c.children)
                        for c in head.children)
        return addressed and not any(c.dep_ == "prt" for c in head.children) and self.stances.word_stance(head) == "demand"

    def shown(self, verb: Token, roles: NounPhraseActors) -> Found | None:
        """"Zelenskyy signalled openness to a ceasefire", "Russia has shown no interest in a truce": a verb of
        showing (kb/issues.yaml `showing_verbs`) whose object is a stance noun states that stance, held by the
        noun's owner ("reiterated its demand") or the verb's subject; "no" before the noun turns it round."""
        if verb.pos_ != "VERB" or verb.lemma_.lower() not in self.lex.showing_verbs:
            return None
        noun = next((c for c in verb.children if c.dep_ == "dobj"), None)
        stance = self.stances.word_stance(noun) if noun is not None and noun.pos_ == "NOUN" else None
        if stance is None:
            return None
        actors = self.holders.of(noun, roles) or self.holders.of(verb, roles)
        if not actors:
            return None
        denied = any(c.dep_ == "det" and c.lower_ in self.lex.denying_determiners for c in noun.children)
        if denied != syntax.is_negated(verb):
            stance = self.lex.negated_stances.get(stance, stance)
        return Found(stance, actors, None, verb)

    def infinitive_own(self, cue: Token, issue: str, roles: NounPhraseActors) -> Found | None:
        """"The EU decided to maintain sanctions on Belarus": when no word above says a stance, the infinitive's own
        stance on the issue (kb/issues.yaml `issue_stances`) stands, held by its subject."""
        token = cue
        for _ in range(3):
            if token.head.i == token.i:
                return None
            token = token.head
            if token.pos_ in syntax.VERBAL:
                break
        stance = self.stances.infinitive_stance(token, issue)
        actors = self.holders.of(token, roles) if stance is not None else []
        return Found(self.stances.modulate(stance, token), actors, None, token) if actors else None

    def stated(self, token: Token, roles: NounPhraseActors, issue: str, cue: Token) -> tuple[Found | None, Token]:
        """The stance a verb of showing (`shown`) or a predicate (`predicated`) states of `token`, and the word the
        climb goes on from (the copula for a predicate)."""
        found = self.shown(token, roles) if token.pos_ == "VERB" else None
        if found is None and (found := self.predicated(token, roles, issue, cue)) is not None:
            return found, token.head
        return found, token

    def predicated(self, subject: Token, roles: NounPhraseActors, issue: str, cue: Token) -> Found | None:
        """"Any deployment of European peacekeepers would be unacceptable to Moscow", Lavrov said: a stance word said
        of the stake as its predicate ("unacceptable", "a non-starter") is held by whom it is said to be so for, or
        else by the one who says it. Said against harm to those the issue protects ("the killing of demonstrators is
        unacceptable"), it stands up for them."""
        verb = subject.head
        if subject.dep_ != "nsubj" or verb.lemma_.lower() not in words().be_lemmas:
            return None
        said = next((c for c in verb.children if c.dep_ in ("acomp", "attr")), None)
        stance = self.stances.word_stance(said) if said is not None else None
        if stance is None:
            return None
        to = [o for p in said.children if p.dep_ == "prep" and p.lower_ in words().destination_prepositions
              for o in p.children if o.dep_ == "pobj"]
        actors = roles.at(to[0]) if to else []
        if not actors:
            speaker = self.holders.speaker(verb)
            actors = self.holders.of(speaker, roles) if speaker is not None else []
        if not actors:
            return None
        if syntax.is_negated(verb):  # "the plan is not acceptable"
            stance = self.lex.negated_stances.get(stance, stance)
        if stance in AGAINST and issue in self.lex.harm_issues and subject.i != cue.i:
            stance = "support"
        return Found(stance, actors, None, verb)

    def content_clause(self, clause: Token) -> bool:
        """"rejected any deal that would require Ukraine to give up territory": a relative clause whose subject is the
        relative pronoun says what a deal, plan or proposal (kb/issues.yaml `content_nouns`) holds, so a stance on
        the noun is one on it."""
        return clause.dep_ == "relcl" and clause.head.lemma_.lower() in self.lex.content_nouns and any(
            c.dep_ in ("nsubj", "nsubjpass") and c.lower_ in words().relative_subject_pronouns for c in clause.children)

    def barred_act(self, verb: Token) -> bool:
        """"banned the party from taking part in the elections", "prohibited journalists from entering the occupied
        territories": the act a verb keeps its object from (kb/issues.yaml `barred_act_prepositions`) is the
        object's, and what it is about is no stake of the one who bars it; what is barred itself ("barred aid
        convoys from entering the town") is."""
        prep = verb.head
        return verb.dep_ == "pcomp" and verb.pos_ == "VERB" and prep.lower_ in self.lex.barred_act_preps \
            and prep.head.pos_ == "VERB" and any(c.dep_ == "dobj" for c in prep.head.children)

    def obliged(self, verb: Token, roles: NounPhraseActors) -> Found | None:
        """'"There must be a ceasefire," the minister said', "Britain said the hostages should be released": what a
        speaker says must be, the speaker demands (the one who must act holds no stance by it); so is what the
        speaker says it is time for ('"It is time to end this war," the pope said'; kb/issues.yaml `urging_nouns`)."""
        if verb.lemma_.lower() in self.lex.urging_nouns and verb.dep_ in ("attr", "nsubj") \
                and verb.head.lemma_.lower() in words().be_lemmas and not syntax.is_negated(verb.head) \
                and not any(c.dep_ in ("amod", "nummod", "poss") for c in verb.children):
            verb = verb.head  # "it was the first time talks were held" tells a time, no call
        elif verb.pos_ not in syntax.VERBAL or syntax.is_negated(verb) \
                or not syntax.auxiliaries(verb) & self.holders.role_reader.lex.obligation_modals:
            return None
        speaker = self.holders.speaker(verb)
        actors = self.holders.of(speaker, roles) if speaker is not None else []
        return Found("demand", actors, None, verb) if actors else None

    def requested(self, token: Token, by_token: dict[int, Candidate], roles: NounPhraseActors | None = None,
                  asked: str | None = None) -> Found | None:
        """"urged both sides to agree to a truce", "insists that Ukraine remain neutral and never join NATO":
        what a demand asks for, the demander demands; asked for against the stake (`asked`, the stance asked for:
        "urged voters to boycott the election", "called on Hamas to reject the truce"), the demander opposes it."""
        found = self._requested(token, by_token, roles)
        if found is None or asked is None:
            return found
        return Found("oppose", found.actors, found.anchor, found.verb) if asked in AGAINST else found

    def _requested(self, token: Token, by_token: dict[int, Candidate], roles: NounPhraseActors | None = None) -> Found | None:
        for _ in range(3):
            while token.dep_ == "conj" and token.head.i != token.i:
                token = token.head
            asked = asked_for(token)
            if (token.dep_ not in ("xcomp", "ccomp") and not asked) or token.head.i == token.i:
                return None
            comp, token = token, token.head
            cand = by_token.get(token.i)
            if cand is not None and cand.type == "REQUEST" and cand.source:
                return Found("demand", cand.source, cand, token)
            if roles is not None and asked and (self.lex.stances.get(token.lemma_.lower()) == "demand"):
                actors = self.holders.of(token, roles)
                if actors:
                    return Found("demand", actors, None, token)
            # "wants Russia and Ukraine to agree": the act has a doer of its own
            own_doer = any(c.dep_ in ("nsubj", "nsubjpass") for c in comp.children) or any(
                c.dep_ == "dobj" and c.i < comp.i for c in token.children)
            if roles is not None and own_doer and token.lemma_.lower() in self.lex.wish_verbs:
                actors = self.holders.of(token, roles)
                if actors:
                    return Found("demand", actors, None, token)
        return None


def infinitive_modifier(clause: Token) -> bool:
    """"as a way to push for Lai's release": a subjectless "to"-infinitive the parser calls a relative clause."""
    return clause.dep_ == "relcl" and any(c.dep_ == "aux" and c.lower_ in words().infinitive_markers for c in clause.children) \
        and not any(c.dep_ in ("nsubj", "nsubjpass") for c in clause.children)


def object_of(token: Token, verb: Token) -> bool:
    """Whether `token` (or the first of the phrases it is coordinated with) is the object of `verb`."""
    while token.dep_ == "conj" and token.head.i != token.i:
        token = token.head
    return token.head.i == verb.i and token.dep_ in ("dobj", "nsubjpass")
