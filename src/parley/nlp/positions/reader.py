"""Negotiating positions: a party's stance on an issue, read from the move or word that governs the issue's
cue, held by the state or group the speaker stands for, with the condition it is tied to."""

from __future__ import annotations

from dataclasses import replace

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token

from parley.identity import party_key
from parley.nlp import extensions  # noqa: F401  (registers the Doc extensions)
from parley.nlp.actors.phrases import NounPhraseActors
from parley.nlp.events.candidate import Candidate
from parley.nlp.events.roles import RoleReader
from parley.nlp.language import syntax
from parley.nlp.language.lexicon import load as load_lexicon
from parley.nlp.language.wordlists import words
from parley.nlp.positions.composition import Composition, Found, infinitive_modifier, object_of
from parley.nlp.positions.cues import IssueCues
from parley.nlp.positions.holders import StanceHolders, holder
from parley.nlp.positions.issues import load_issues
from parley.nlp.positions.stances import StanceWords, asked_for
from parley.records import Position

# A stance does not reach across a relative or adverbial clause ("Russia, which deployed peacekeepers, criticised...").
CLAUSE_BOUNDARIES = {"relcl", "advcl", "parataxis"}
# How far a cue climbs to the word that governs it (further, a verb of saying far above takes stakes it does not
# govern: "urged X to implement the deal and warned that failure would cost their path towards EU membership").
CLIMB_HOPS = 6


class PositionReader:
    """Pipeline component: reads doc._.parley_positions (a list of Position records, one per party and
    issue, the latest stance in the article) from issue cues and the candidates of parley_events."""

    def __init__(self, nlp: Language):
        self.lex = load_issues()
        self.holders = StanceHolders(RoleReader.of(load_lexicon()))
        self.cues = IssueCues(self.lex)
        self.stances = StanceWords(self.lex)
        self.composition = Composition(self.lex, self.stances, self.holders)
        self.matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        for issue, cues in self.lex.issues.items():
            self.matcher.add(issue, [nlp.make_doc(c) for c in cues])

    def __call__(self, doc: Doc) -> Doc:
        roles = NounPhraseActors(doc)
        by_token: dict[int, Candidate] = {}
        for cand in doc._.parley_candidates or []:
            for t in cand.tokens:
                by_token.setdefault(t.i, cand)
        self._dates = {e.span[0]: e.date for e in doc._.parley_events or [] if e.date}
        self._published = doc._.published.isoformat() if doc._.published else None
        found: dict[tuple, tuple[Position, bool]] = {}
        by_candidate: dict[int, set[str]] = {}
        seen: set[tuple[int, str]] = set()
        matches = [(doc.vocab.strings[m], start, end) for m, start, end in sorted(self.matcher(doc), key=lambda m: (m[1], -m[2]))]
        matches += self.cues.particle_verbs(doc)
        for issue, start, end in matches:
            cue = doc[start:end].root
            if (cue.i, issue) in seen or not self.cues.cue_applies(cue, issue, doc[start:end].text) or self.cues.yields(cue, issue, matches) \
                    or self.cues.in_name(doc[start:end]):
                continue
            seen.add((cue.i, issue))
            contrary = doc[start:end].text.lower() in self.lex.contrary_cues.get(issue, ())
            for result in self._stances_for(cue, issue, by_token, roles):
                if contrary:  # "seeks NATO membership": against neutrality
                    result = replace(result, stance=self.lex.negated_stances.get(result.stance, result.stance))
                if result.anchor is not None:
                    by_candidate.setdefault(id(result.anchor), set()).add(issue)
                self._add_all(found, result, issue, cue.sent)
        # "rejected these demands", "accepted the plan": the issues of what it points back to
        for cand in doc._.parley_candidates or []:
            stance = self.lex.event_stances.get(cand.type)
            if stance is None or not cand.source or id(cand) in by_candidate:
                continue
            issues = by_candidate.get(id(cand.antecedent), set()) if cand.antecedent is not None else set()
            if not issues and self._anaphoric_object(cand.trigger):
                issues = self._earlier_issues(found, cand.trigger)
            verb = cand.trigger if cand.trigger.pos_ in syntax.VERBAL else None
            if verb is not None and (cand.negation_absorbed or syntax.is_negated(verb)) and self.stances.not_yet(verb):
                continue  # "Russia has not agreed to the ceasefire": no agreement yet, no refusal
            cond = self.stances.condition(verb) if verb is not None else None
            for issue in sorted(issues):
                # a refusal already coded from its negation ("would not accept it" -> REJECT) is not negated again
                result = Found(self.stances.modulate(stance, cand.trigger) if verb is not None and not cand.negation_absorbed
                               else stance,
                               cand.source, cand, verb, cond if isinstance(cond, syntax.Condition) else None)
                self._add_all(found, result, issue, cand.trigger.sent)
        self._elliptic(doc, found, roles)
        doc._.parley_positions = [p for p, _ in found.values()]
        return doc

    def _elliptic(self, doc: Doc, found: dict, roles: NounPhraseActors) -> None:
        """"..., and Macron said France would help": a verb of joining in with no object of its
        own supports what the sentence's earlier positions are about."""
        for token in doc:
            if token.pos_ != "VERB" or token.lemma_.lower() not in self.lex.elliptic_verbs:
                continue
            if any(c.dep_ in ("dobj", "xcomp", "ccomp", "prep", "dative") for c in token.children):
                continue
            issues = {p.issue for p, _ in found.values() if token.sent.start_char <= p.span[0] < token.idx}
            actors = self.holders.of(token, roles)
            for issue in sorted(issues):
                self._add_all(found, self._found("support", token, actors, None), issue, token.sent)

    # -- collecting
    def _add_all(self, found: dict, result: Found, issue: str, sent: Span) -> None:
        earlier = result.verb is not None and self.stances.earlier(result.verb)
        stance = "conditional" if result.condition is not None and result.stance in ("accept", "support", "propose") \
            else result.stance
        # what a condition asks for stays a demand ("will not agree without the release of the hostages")
        standing = self.stances.standing_condition(result.verb) if result.verb is not None and result.condition is None \
            and result.stance != "demand" else None
        if standing is not None:
            stance, result = "conditional", replace(result, condition=standing)
        date = self._date_of(result)
        for mention in result.actors:
            actor = holder(mention.actor)
            key = (party_key(actor), issue)
            position = Position(actor, issue, stance, (sent.start_char, sent.end_char), sent.text.strip(), date,
                                result.condition.text if result.condition is not None else None)
            have = found.get(key)
            # the first stance in the article stands, unless it is one the party has since given up
            if have is None or (have[1] and not earlier):
                found[key] = (position, earlier)

    def _date_of(self, result: Found) -> str | None:
        if result.anchor is not None:
            date = self._dates.get(result.anchor.trigger.idx)
            if date:
                return date
        return self._published

    @staticmethod
    def _anaphoric_object(trigger: Token) -> bool:
        """"accepted it", "agreed to return four of them", "accepted the plan"."""
        for obj in trigger.children:
            if obj.dep_ not in ("dobj", "xcomp", "prep"):
                continue
            for token in obj.subtree:
                if token.lower_ in syntax.clause_markers().anaphors and token.pos_ in ("PRON", "NUM") and token.dep_ in ("dobj", "pobj"):
                    return True
                if token.dep_ == "det" and token.lower_ in words().referring_determiners \
                        and token.head.dep_ == "dobj" and token.head.head.i == trigger.i \
                        and token.head.lower_ in load_issues().stances:
                    return True
        return False

    @staticmethod
    def _earlier_issues(found: dict, trigger: Token) -> set[str]:
        """The issues of the positions read from this sentence or the one before, before `trigger`."""
        sent = trigger.sent
        start = sent.start_char
        prev = trigger.doc[sent.start - 1].sent.start_char if sent.start > 0 else start
        return {p.issue for p, _ in found.values() if prev <= p.span[0] <= start}

    # -- reading one cue
    def _stances_for(self, cue: Token, issue: str, by_token: dict[int, Candidate], roles: NounPhraseActors) -> list[Found]:
        """Climb from the cue to the move or stance word that governs it (`_climb`), unless the cue names the
        occasion; inside what one party alleges of another, only what the alleger does by alleging stands
        ("alleged the Americans caused loss to civilians")."""
        if self.cues.circumstance(cue) or self.cues.sent_to_occasion(cue):
            return []
        alleging = self._alleged_of_another(cue, roles)
        found = self._climb(cue, issue, by_token, roles)
        if not found and (own := self.composition.infinitive_own(cue, issue, roles)) is not None:
            found = [own]  # "decided to maintain sanctions"
        if cue.lower_ in self.lex.crime_words:  # "may amount to crimes against humanity": no stance on justice
            found = [f for f in found if f.anchor is None or f.anchor.type != "ACCUSE"]
        elif issue in self.lex.pursued_issues:
            # "launched an investigation into alleged crimes": the accusation's own word is the remedy it pursues
            found = [replace(f, stance="support") if f.anchor is not None and f.anchor.type == "ACCUSE"
                     and any(t.i == cue.i for t in f.anchor.tokens) and f.stance == "oppose" else f for f in found]
        if alleging is None:
            return found
        return [f for f in found if f.anchor is not None and f.anchor.trigger.i == alleging.i]

    def _climb(self, cue: Token, issue: str, by_token: dict[int, Candidate], roles: NounPhraseActors) -> list[Found]:
        """A stance noun held by one party ("Azerbaijan's demand") gives its stance and the climb goes on to
        the move made about it ("Armenia rejected ..."); a move ends the climb."""
        out: list[Found] = []
        token = cue
        inside_act = False  # the cue sits inside a reported act: "accused X of killing civilians"
        # a cue inside a condition clause is what the party that sets the condition asks for:
        # "would accept a truce if Israel withdraws" -> a demand for withdrawal
        condition = syntax.in_condition(cue) or self.stances.in_exception(cue)
        # "will not cede land unless it receives guarantees", "no truce without the release of the hostages"
        excepted = condition is not None and condition.marker.text.lower() in self.lex.exception_markers
        if condition is not None:
            if condition.governs is None:
                return out
            # "Tehran was willing to resume talks if Washington lifted sanctions": the stance the copula holds
            token = next((c for c in condition.governs.children if c.dep_ == "acomp" and self.stances.word_stance(c)),
                         condition.governs)
        described, by_token = self._described(cue, by_token, roles)
        out += described
        endorsing = False  # above another party's stance told as a noun's content: only a welcome of it counts
        reverse = False  # under an infinitive against the issue: "vowed to keep sanctions in place"
        for _ in range(CLIMB_HOPS):
            if token is not cue and self.composition.barred_act(token):
                return out  # "prohibited journalists from entering the occupied territories": the journalists' act
            if token.lemma_.lower() in self.lex.linking_verbs:
                # "Moscow's demands include X": the subject says what kind of position X is part of
                subject = next((c for c in token.children if c.dep_ == "nsubj"), None)
                if subject is not None and (subject.i in by_token or self.stances.word_stance(subject)):
                    token = subject
            # what an accusation blames ("condemned the attacks on civilians", "accused X of genocide") is an
            # act; only the accusation's own object ("condemned the annexation") is what it opposes
            blamed = inside_act or (token is not cue and not object_of(cue, token))
            reverse = reverse != (token is not cue and self.stances.reversing(token, issue))
            result = self._stance_at(token, issue, by_token, roles, blamed, excepted)
            if result is not None and endorsing and result.stance not in ("support", "accept"):
                return out
            against = result is not None and condition is not None and (self.stances.word_stance(token) or (
                self.lex.event_stances.get(result.anchor.type) if result.anchor is not None else None)) in ("reject", "oppose")
            if against and not excepted:
                return out  # "threatened to ban voting if Hamas ran in the election": no demand that it run
            if result is not None and excepted and not (against or self.stances.denied(token)):
                return out  # "will free the hostages unless Israel resumes the war": no demand that it resume
            if result is None:  # "signalled openness to a ceasefire", "any deployment of peacekeepers would be unacceptable"
                result, token = self.composition.stated(token, roles, issue, cue)
            if result is not None and (reverse != self.composition.refused(result.verb, by_token)):
                # "refused to accept the ceasefire", "vowed to keep sanctions in place"
                result = replace(result, stance=self.lex.negated_stances.get(result.stance, result.stance))
            if result is not None:
                if condition is not None:
                    result = Found("demand", result.actors, result.anchor, result.verb)
                out.append(result)
                verbal = token.pos_ in syntax.VERBAL or token.pos_ == "ADJ" or (
                    result.anchor is not None and result.anchor.verbal)
                said = result.verb or (result.anchor.trigger if result.anchor is not None else token)
                if said.dep_ == "acl" and said.head.pos_ == "NOUN" and condition is None and not endorsing:
                    # "welcomed the announcement that Ukraine had agreed to a truce": who welcomes another's
                    # stance takes it too
                    endorsing, token = True, said
                elif verbal or condition is not None:
                    return out
            if token.dep_ == "prep" and token.lower_ in self.lex.circumstance_preps \
                    and token.lower_ not in self.lex.particle_stances.get(token.head.lemma_.lower(), {}):  # "hinted at"
                return out  # "pledged to deepen ties during talks": talks are the occasion, not the stake
            if token.dep_ == "prep" and self.cues.left_place(token, issue):
                return out  # "agreed to withdraw its troops from Congolese territory": the place left
            if token is not cue and token.pos_ == "VERB":
                inside_act = True
            if token.pos_ == "VERB" and any(c.dep_ == "advmod" and c.lower_ in self.lex.allegation_adverbs
                                            for c in token.children):
                break  # "arrested for allegedly trying to undermine the constitution": a charge, no stance
            if token.head.i == token.i or self._bounded(token):
                break
            if token.dep_ == "conj" and token.pos_ in syntax.VERBAL and any(
                    c.dep_ in ("nsubj", "nsubjpass") for c in token.children):
                break  # "Russia has not agreed, but Trump said ...": a clause with its own subject is its own
            token = token.head
        return out

    def _bounded(self, clause: Token) -> bool:
        """Whether a stance above `clause` does not reach into it (a relative or adverbial clause), unless it is what
        a call asks for, a "to"-infinitive, or what a deal or plan holds ("rejected any deal that would require
        Ukraine to give up territory")."""
        return clause.dep_ in CLAUSE_BOUNDARIES and not asked_for(clause) and not infinitive_modifier(clause) \
            and not self.composition.asked_infinitive(clause) and not self.composition.content_clause(clause)

    def _described(self, cue: Token, by_token: dict[int, Candidate], roles: NounPhraseActors) -> tuple[list, dict]:
        """The stances a clause describing the cue states (`_relative_stance`, or an act told in a participle: "the
        truce, brokered by Qatar, was accepted by Israel and Hamas"), and the events the climb goes on with: the
        participle's act is not the move made on the cue, which the climb goes on to find."""
        found = [f for f in (self._relative_stance(cue, roles),) if f is not None]
        act = by_token.get(cue.i)
        if act is None or act.trigger.dep_ != "acl" or act.trigger.head.i != cue.i or not act.source \
                or act.type not in self.lex.event_stances:
            return found, by_token
        found.append(Found(self.lex.event_stances[act.type], act.source, act, act.trigger))
        return found, {i: c for i, c in by_token.items() if c is not act}

    def _relative_stance(self, cue: Token, roles: NounPhraseActors) -> Found | None:
        """"the peace process Washington has pursued", "the truce Hamas accepted": a relative clause on the cue
        whose stance verb has the cue as its object (no object of its own) gives its subject's stance. The
        parser may hang a relative clause with no pronoun on the verb above as a complement; one that starts
        right after the cue's phrase, with no "that", is read as the cue's."""
        after = cue.right_edge.i + 1
        # a clause starting right after the cue's phrase heads the word there or one of its ancestors
        contact = [t for t in (cue.doc[after], *cue.doc[after].ancestors) if t.dep_ == "ccomp" and t.left_edge.i == after
                   and t.i > cue.i and not any(c.dep_ == "mark" for c in t.children)] if after < len(cue.doc) else []
        for clause in [*cue.children, *contact]:
            if clause.dep_ not in ("relcl", "ccomp") or clause.pos_ != "VERB" or any(c.dep_ == "dobj" for c in clause.children):
                continue
            if clause.dep_ == "ccomp" and clause not in contact:
                continue
            stance = self.stances.word_stance(clause)
            if stance is None or any(c.dep_ == "nsubj" and c.lower_ in words().relative_subject_pronouns for c in clause.children):
                continue  # "the truce that collapsed": the cue is the clause's subject, not its object
            actors = self.holders.of(clause, roles)
            if actors:
                return self._found(stance, clause, actors, None)
        return None

    def _alleged_of_another(self, cue: Token, roles: NounPhraseActors) -> Token | None:
        """The verb of alleging when the cue is inside what one party alleges of another ("Washington alleges
        the group has broken its promise to respect the truce"): no stance the other stated. None
        otherwise, and for a party's claim about itself ("Moscow claims it supports the truce")."""
        for clause in cue.ancestors:
            if clause.dep_ == "ccomp" and clause.head.lemma_.lower() in self.lex.allegation_verbs:
                own = {party_key(holder(m.actor)) for m in self.holders.of(clause.head, roles)}
                told_of = {party_key(holder(m.actor)) for m in self.holders.of(clause, roles)}
                return None if told_of and told_of <= own else clause.head
        return None

    def _stance_at(self, token: Token, issue: str, by_token: dict[int, Candidate], roles: NounPhraseActors,
                   inside_act: bool, excepted: bool = False) -> Found | None:
        """The stance `token` takes on the issue, if any; `inside_act`: the cue is inside what the token's
        act blames or tells of, not its own object; `excepted`: inside what a refusal makes an exception for."""
        cand = by_token.get(token.i)
        if (denied := self._denied_existence(token, issue, cand, roles, excepted)) is not None:
            return denied
        # a word that is the cue itself ("hand over the villages") names the stake; its stance is read above it
        own_issue = None if self.cues.is_cue_word(token, issue) else issue
        word_stance = self.stances.word_stance(token, own_issue) or (
            self.stances.word_stance(cand.trigger, own_issue) if cand is not None else None)
        bound = self.lex.issue_bound_types.get(cand.type) if cand is not None else None
        if bound is not None and issue not in bound and not word_stance:
            cand = None  # withdrawing "from Ukrainian territory" is no stance on territory
        if cand is not None and cand.source and cand.type in self.lex.offered_types and not word_stance:
            # taking part in talks, or releasing hostages, says nothing; doing it only on conditions does
            verb = cand.trigger if cand.trigger.pos_ in syntax.VERBAL else cand.trigger.head
            cond = self.stances.condition(verb)
            if cond is not None:
                return Found("conditional", cand.source, cand, verb, cond if cond is not True else None)
        if cand is not None and not cand.verbal and token.dep_ in ("pobj", "dobj", "conj") and not word_stance:
            cand = None  # "demanded a full Israeli withdrawal": the withdrawal is the demand's object
        if (cand is not None and not cand.verbal and token.i == cand.trigger.i and cand.type not in self.lex.event_stances
                and cand.type != "CONSULT" and not word_stance and (len(cand.source) > 1 or cand.reciprocal)):
            return Found("accept", cand.source, cand, None)  # "a ceasefire between X and Y took effect": both are party to it
        if cand is not None and cand.source and (cand.type in self.lex.event_stances or word_stance):
            verb = cand.trigger if cand.trigger.pos_ in syntax.VERBAL else None
            if cand.type == "ACCUSE" and inside_act:
                if issue not in self.lex.harm_issues:
                    return None  # "accused M23 of violating the ceasefire": the accuser states no stance on it
                return Found("support", cand.source, cand, verb)  # blaming harm to the issue is standing up for it
            stance = word_stance or self.lex.event_stances[cand.type]
            if (cand.negation_absorbed or (verb is not None and syntax.is_negated(verb))) and self.stances.not_yet(verb):
                return None  # "Russia has not agreed to the ceasefire": no agreement yet, no refusal
            if cand.negation_absorbed:
                return Found("reject", cand.source, cand, verb)  # "would never recognise" is already coded REJECT
            return self.composition.requested(cand.trigger, by_token, roles, stance) \
                or self._found(stance, cand.trigger, cand.source, cand)
        if word_stance is not None:
            actors = self.holders.of(token, roles)
            if actors:
                return self.composition.requested(token, by_token, roles, word_stance) \
                    or self._found(word_stance, token, actors, None)
        if cand is None and token.pos_ == "VERB" and self.cues.issue_verb(token, issue):
            # "would halt attacks if Israel ended its offensive": the act the cue names, offered on a condition
            cond = self.stances.condition(token)
            actors = self.holders.of(token, roles) if cond is not None else []
            if actors:
                return Found("conditional", actors, None, token, cond if cond is not True else None)
        return self.composition.obliged(token, roles)

    def _denied_existence(self, token: Token, issue: str, cand: Candidate | None, roles: NounPhraseActors,
                          excepted: bool = False) -> Found | None:
        """"There will be no ceasefire", "there would be no room for further negotiations", the minister said: the
        speaker (or the event's source) rejects a stake whose existence the clause denies; None for any other word."""
        if token.lemma_.lower() not in words().be_lemmas or not any(c.dep_ == "expl" for c in token.children):
            return None
        denied = next((c for c in token.children if c.dep_ in ("attr", "nsubj")
                       and any(d.dep_ == "det" and d.lower_ in self.lex.denying_determiners for d in c.children)), None)
        if denied is None or not (excepted or self.cues.is_cue_word(denied, issue) or denied.lemma_.lower() in self.lex.room_nouns):
            return None  # "there will be no peace under occupation": the peace is denied, not the occupation
        actors = cand.source if cand is not None and cand.source else []
        if not actors:
            speaker = self.holders.speaker(token)
            actors = self.holders.of(speaker, roles) if speaker is not None else []
        if not actors:
            return None
        cond = self.stances.condition(token)
        return Found("conditional" if isinstance(cond, syntax.Condition) else "reject", actors, cand, token,
                     cond if isinstance(cond, syntax.Condition) else None)

    def _found(self, stance: str, token: Token, actors, cand: Candidate | None) -> Found:
        if token.pos_ not in syntax.VERBAL and token.pos_ != "ADJ":
            return Found(stance, actors, cand, None)  # "Azerbaijan's demand": the noun's own stance
        verb = token.head if token.pos_ == "ADJ" else token
        cond = self.stances.condition(token)
        return Found(self.stances.modulate(stance, token), actors, cand, verb,
                     cond if isinstance(cond, syntax.Condition) else None)


@Language.factory("parley_positions", default_config={}, assigns=["doc._.parley_positions"],
                  requires=["doc._.parley_candidates"])
def make_position_reader(nlp: Language, name: str):
    return PositionReader(nlp)
