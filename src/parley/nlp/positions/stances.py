"""What stance a word states and how its clause changes it: negated ("would not accept" -> reject), on a condition
("ready to observe a truce provided ..." -> conditional), given up ("had rejected"), not yet taken ("has not
agreed")."""

from __future__ import annotations

from spacy.tokens import Token

from parley.nlp.language import syntax
from parley.nlp.language.wordlists import words
from parley.nlp.positions.issues import IssueLexicon


def asked_for(clause: Token) -> bool:
    """"called for the junta to open a dialogue": the parser makes "for X to ..." an adverbial clause."""
    return clause.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in words().purpose_prepositions for c in clause.children)


class StanceWords:
    """The stance words and clause rules of kb/issues.yaml over the issue lexicon `lex`."""

    def __init__(self, lex: IssueLexicon):
        self.lex = lex

    def word_stance(self, token: Token, issue: str | None = None) -> str | None:
        if token.pos_ == "VERB":
            by_particle = self.lex.particle_stances.get(token.lemma_.lower()) or self.lex.particle_stances.get(token.lower_)
            if by_particle:
                # "ruled out talks", "turned down the offer", "warned against a truce"
                said = next((by_particle[c.lower_] for c in token.children
                             if c.dep_ in ("prt", "advmod", "prep") and c.lower_ in by_particle), None)
                if said is not None:
                    return said
        preps = self.lex.stance_preps.get(token.lemma_.lower()) if token.pos_ == "VERB" else None
        if preps and not any(c.lower_ in preps or c.dep_ in ("xcomp", "ccomp") or asked_for(c) for c in token.children):
            return None  # "called it unacceptable"
        own = None if self._infinitive(token) else self._own_stance(token, issue)
        return self.lex.stances.get(token.lower_) or self.lex.stances.get(token.lemma_.lower()) or own

    @staticmethod
    def _infinitive(token: Token) -> bool:
        return "to" in syntax.auxiliaries(token) or token.dep_ in ("acl", "xcomp", "pcomp")

    def _own_stance(self, token: Token, issue: str | None) -> str | None:
        """The stance a word takes on one issue only ("send a delegation", "keep sanctions in place")."""
        own = self.lex.issue_stances.get(issue, {}) if issue else {}
        if own and not any(c.dep_ == "dobj" and c.lemma_.lower() in self.lex.part_nouns for c in token.children):
            # "suspended its participation in the talks" quits them; "suspended peace talks with the ELN"
            # halts the process against the other side, an act (a sanction), not a stated stance
            own = {w: st for w, st in own.items() if st != "reject"}
        return own.get(token.lower_) or own.get(token.lemma_.lower())

    def infinitive_stance(self, token: Token, issue: str) -> str | None:
        """The own stance on the issue of an infinitive ("to maintain sanctions"), which `word_stance` leaves to
        the word above it."""
        return self._own_stance(token, issue) if self._infinitive(token) else None

    def reversing(self, token: Token, issue: str) -> bool:
        """"vowed to keep sanctions in place", "agreed to extend the sanctions": an infinitive whose own stance
        on the issue is against it turns round the stance above it ("refused to hand over the villages" does
        not: handing over is for the settlement, and the refusal above says the stance)."""
        return self.infinitive_stance(token, issue) in ("reject", "oppose")

    def modulate(self, stance: str, token: Token) -> str:
        verb = token if token.pos_ in syntax.VERBAL else token.head
        if syntax.is_negated(verb) or syntax.is_negated(token):
            return self.lex.negated_stances.get(stance, stance)
        if self.condition(verb) is not None:
            return "conditional"
        return stance

    def condition(self, token: Token):
        """The condition set on a stance: a condition clause attached to its verb or to the verbs it
        governs ("ready to [observe] a truce provided ..."), or a clause it lasts for ("would not negotiate
        while ..."), returned; "would only ..." gives True."""
        verb = token.head if token.pos_ == "ADJ" else token
        standing = self.standing_condition(verb)
        if standing is not None:
            return standing
        # "Tehran was willing to resume talks if ...": a condition on the copula holds for the stance under it
        heads, above = {token.i, verb.i}, verb
        while above.dep_ in ("xcomp", "acomp") and above.head.i != above.i and len(heads) < 5:
            above = above.head
            heads.add(above.i)
        for cond in syntax.conditions(token.sent):
            governed = cond.governs
            for _ in range(4):
                if governed is None:
                    break
                if governed.i in heads:
                    return cond
                if governed.dep_ not in ("xcomp", "acomp", "ccomp", "conj", "dobj", "pobj", "prep") or governed.head.i == governed.i:
                    break
                governed = governed.head
        if syntax.hypothetical_aux(verb) and any(c.lower_ in words().restrictive_adverbs for c in verb.subtree):
            return True
        return None

    def denied(self, token: Token) -> bool:
        """"will not agree", "there will be no release of hostages": a negated verb, or a "be" whose stake the
        clause denies."""
        if syntax.is_negated(token):
            return True
        return token.lemma_.lower() in words().be_lemmas and any(c.dep_ == "expl" for c in token.children) and any(
            c.dep_ in ("attr", "nsubj") and any(d.dep_ == "det" and d.lower_ in self.lex.denying_determiners
                                                for d in c.children) for c in token.children)

    def exception(self, verb: Token) -> syntax.Condition | None:
        """"will not agree to a truce without the release of the hostages", "there will be no release without a
        ceasefire": what a refusal or a denial makes an exception for (kb/issues.yaml `exception_prepositions`) is
        the condition it is held on, returned as one."""
        if not self.denied(verb):
            return None
        holders = [verb, *(c for c in verb.children if c.dep_ in ("dobj", "attr", "nsubj", "prep"))]
        holders += [o for h in holders if h.dep_ == "prep" for o in h.children if o.dep_ == "pobj"]
        for holder in holders:
            for prep in holder.children:
                objects = [o for o in prep.children if o.dep_ == "pobj"]
                if prep.dep_ == "prep" and prep.lower_ in self.lex.exception_preps and objects:
                    doc = verb.doc
                    return syntax.Condition(doc[prep.i:prep.i + 1], doc[prep.i + 1:prep.right_edge.i + 1], objects[0], verb)
        return None

    def in_exception(self, cue: Token) -> syntax.Condition | None:
        """The exception (see `exception`) that `cue` sits in, or None."""
        for prep in cue.ancestors:
            if prep.dep_ != "prep" or prep.lower_ not in self.lex.exception_preps:
                continue
            governor = prep.head
            for _ in range(3):  # "no release [of hostages] without ...", "agree to a truce without ..."
                if governor.pos_ in syntax.VERBAL or governor.head.i == governor.i:
                    break
                governor = governor.head
            cond = self.exception(governor)
            return cond if cond is not None and cond.marker.start == prep.i else None
        return None

    def standing_condition(self, verb: Token) -> syntax.Condition | None:
        """"would not negotiate with the rebels while they held Sake": a clause a refusal said with "will" or
        "would" lasts for is its condition (returned as one); so is what a refusal makes an exception for."""
        excepted = self.exception(verb)
        if excepted is not None:
            return excepted
        if not (syntax.has_future_aux(verb) or syntax.hypothetical_aux(verb)) or not syntax.is_negated(verb):
            return None  # "troops will withdraw while Hezbollah moves north" is two acts at once
        for clause in verb.children:
            if clause.dep_ != "advcl":
                continue
            marks = [c for c in clause.children if c.dep_ == "mark"]
            words = " ".join(m.lower_ for m in marks)
            if marks and (words in self.lex.standing_markers or marks[-1].lower_ in self.lex.standing_markers):
                doc = verb.doc
                start = marks[-1].i + 1
                end = max(t.i for t in clause.subtree) + 1
                while end > start and doc[end - 1].is_punct:
                    end -= 1
                return syntax.Condition(doc[marks[0].i:marks[-1].i + 1], doc[start:end], clause, verb)
        return None

    def not_yet(self, verb: Token | None) -> bool:
        """"has not agreed", "have not yet accepted": a negated acceptance or support in the perfect."""
        if verb is None or verb.tag_ != "VBN" or not syntax.auxiliaries(verb) & self.lex.pending_auxiliaries:
            return False
        return (self.lex.stances.get(verb.lemma_.lower()) or self.lex.stances.get(verb.lower_)) in ("accept", "support")

    def earlier(self, verb: Token) -> bool:
        """"had rejected", "previously refused": a stance since given up."""
        return bool(syntax.auxiliaries(verb) & self.lex.earlier_auxiliaries) or any(
            c.dep_ == "advmod" and c.lower_ in self.lex.earlier_adverbs for c in verb.children)
