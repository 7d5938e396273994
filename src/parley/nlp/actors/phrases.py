"""The actors a noun phrase names: the mention at its head, its conjuncts and listed appositions, or
the actors it owns or holds ("Moscow's demands", "talks with Kyiv", "aid to Ukraine"), with pronouns
and pair phrases ("both sides") resolved by the article-level discourse model. Used by the role
reader (nlp/events/roles.py) and by assembly, status and positions through it."""

from __future__ import annotations

from spacy.tokens import Doc, Token

from parley import kb as kb_module
from parley.nlp.actors import resolver as actor_mod
from parley.nlp.actors.discourse import discourse, is_pair_phrase
from parley.nlp.actors.mention import Mention
from parley.nlp.language.lexicon import load as load_lexicon
from parley.nlp.language.wordlists import grammar, words

# Inside a subject or object, these dependents can carry the actor ("Moscow's demands", "talks with Kyiv").
INNER_DEPS = {"compound", "amod", "poss", "appos", "nmod", "conj", "prep", "pobj", "npadvmod"}
HYPHENS = {"-", "\u2013"}
QUOTE_LIMIT = 150  # tokens: a quotation longer than a paragraph is an unmatched mark, not a quote


class NounPhraseActors:
    """Resolves the tokens of a clause's subject or object to actor mentions (the role reader that asks it is
    events.roles.RoleReader)."""

    def __init__(self, doc: Doc):
        self.doc = doc
        self.index = actor_mod.mention_index(doc)
        self.groups = kb_module.load().sector_nouns
        self.model = discourse(doc)
        self.g = grammar()
        self.speech = load_lexicon().speech_verbs
        self._quotes: list[tuple[int, int]] | None = None

    def at(self, token: Token, depth: int = 2) -> list[Mention]:
        """Actors a noun phrase headed by `token` names: itself, its conjuncts, or what it owns."""
        found = self._direct(token)
        if found:
            # the conjuncts of any word of the name: "Barack Obama and X" is sometimes parsed with X on "Obama"
            head = found[0]
            words = [token] + [self.doc[i] for i in range(head.start, head.end) if i != token.i and head.end - head.start <= 4]
            conjuncts = [c for w in words for c in w.conjuncts if not head.start <= c.i < head.end]
            for conj in [*conjuncts, *self._listed_appositions(token)]:
                for m in self._direct(conj) or self._inner(conj, depth):
                    if m not in found:
                        found.append(m)
            return found
        return self._inner(token, depth)

    @staticmethod
    def _listed_appositions(token: Token) -> list[Token]:
        """"The US, Russia, and Switzerland": a list the parser reads as an apposition ("Russia") with
        conjuncts of its own; an apposition with no "and"/"or" after it is a second name, not a party."""
        out: list[Token] = []
        listed = any(c.dep_ == "cc" for c in token.children)  # "Peru, Chile, and Bolivia" hung on Peru
        for child in token.children:
            if child.dep_ in ("appos", "npadvmod") and (listed or any(c.dep_ == "cc" for c in child.children)):
                out += [child, *child.conjuncts]
        return out

    def _direct(self, token: Token) -> list[Mention]:
        mention = self.index.get(token.i)
        if mention is not None:
            # "Trump and Putin" parsed with the first name as a modifier of the second
            coordinated = [m for c in token.children if c.dep_ == "nmod" and any(g.dep_ == "cc" for g in c.children)
                           for m in self._direct(c)]
            # "India-Pakistan talks", "U.S.-Ukraine talks": two parties joined by a hyphen
            coordinated += [m for c in token.children if c.dep_ in ("compound", "nmod", "amod") and c.i < token.i
                            and self.doc[c.i + 1].text in HYPHENS and (m := self.index.get(c.i)) is not None
                            and m is not mention]
            return [mention, *mention.partners, *coordinated]
        # a possessive pronoun inside an object points back to the subject, not to a second party ("offered its troops")
        owner = next((c for c in token.children if c.dep_ == "poss" and c.lower_ in words().possessive_pronouns), None)
        if owner is not None and self.groups.get(token.lower_):
            return self.model.pronoun(owner)  # "its forces", "their troops"
        lower = token.lower_
        if lower in words().relative_subject_pronouns and token.head.dep_ == "relcl":
            return self.at(token.head.head, 1)
        if lower in ("whom", "which") and token.dep_ == "pobj" and token.head.lower_ == "of" and token.head.head.i < token.i:
            # "demonstrators, some of whom threw rocks": a part of the relative's antecedent, the noun before the
            # quantifier (the parser hangs the clause on the antecedent or on the main verb)
            i = token.head.head.left_edge.i - 1
            start = token.sent.start
            # the nearest noun before it; for "whom", not a place ("demonstrators in Nairobi, some of whom")
            while i > start and (self.doc[i].pos_ not in ("NOUN", "PROPN")
                                 or (lower == "whom" and self.doc[i].ent_type_ in ("GPE", "LOC", "FAC"))):
                i -= 1
            antecedent = self.doc[i]
            return self.at(antecedent, 1) if antecedent.pos_ in ("NOUN", "PROPN") else []
        if lower in self.g.first_person:
            # "'We will not negotiate,' Zelenskiy said"; "'I will not back down. I will fight,' the premier said"
            return self._bound_subject(token) or self._quote_speaker(token)
        if lower in self.g.pronouns:
            return self._bound_subject(token) or self.model.pronoun(token)
        if is_pair_phrase(token):
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
            if subj.dep_ == "nsubj" and subj.lower_ not in self.g.first_person:
                # "'We are concerned,' they wrote": a pronoun reporter stands for whom it points back to
                found = self.model.pronoun(subj) if subj.lower_ in self.g.pronouns else self.at(subj, 1)
                if found and (pronoun.lower_ not in self.g.thing or all(m.kind != "person" for m in found)):
                    return found
        return []

    def _quote_speaker(self, pronoun: Token) -> list[Mention]:
        """"'I will not hesitate to raise it. Nor will I back down,' Ford said": a first-person pronoun inside a quote
        is whoever the quote is attributed to, by a verb of saying just after its closing mark or just before its
        opening one ("Ford said: 'I ...'"), sentences away from the pronoun; [] when the quote names no speaker."""
        region = next(((a, b) for a, b in self._quote_regions() if a < pronoun.i < b), None)
        if region is None:
            return []
        opening, closing = region
        doc = self.doc
        verbs = [t for t in doc[closing + 1: min(closing + 6, len(doc))] if t.lemma_.lower() in self.speech]
        before = opening - 1
        while before >= 0 and doc[before].is_punct and doc[before].text in (",", ":"):
            before -= 1
        if before >= 0 and doc[before].lemma_.lower() in self.speech:
            verbs.append(doc[before])
        for verb in verbs:
            for subj in (c for c in verb.children if c.dep_ == "nsubj" and c.lower_ not in self.g.first_person):
                found = self.model.pronoun(subj) if subj.lower_ in self.g.pronouns else self.at(subj, 1)
                if found:
                    return found
        return []

    def _quote_regions(self) -> list[tuple[int, int]]:
        """The (opening, closing) token indices of the article's quotations, curly or straight, none longer than
        QUOTE_LIMIT tokens (an unmatched mark opens no quote); computed once per article."""
        if self._quotes is None:
            self._quotes = []
            opening = None
            for t in self.doc:
                if t.text in ("\u201c", '"') and opening is None:
                    opening = t.i
                elif t.text in ("\u201d", '"') and opening is not None:
                    if t.i - opening <= QUOTE_LIMIT:
                        self._quotes.append((opening, t.i))
                    opening = None
        return self._quotes

    def _inner(self, token: Token, depth: int) -> list[Mention]:
        if depth <= 0:
            return []
        found: list[Mention] = []
        # "Afghanistan's Taliban insurgency": an organisation naming the noun is the party, the state's possessive
        # only says where it is
        named_org = any(c.dep_ in ("compound", "nmod") and c.i < token.i and (m := self.index.get(c.i)) is not None
                        and m.kind == "org" for c in token.children)
        for child in token.children:
            if child.dep_ not in INNER_DEPS:
                continue
            if named_org and child.dep_ == "poss" and (m := self.index.get(child.i)) is not None and m.kind == "country":
                continue
            if child.dep_ == "prep" and child.lower_ not in words().inner_prepositions:
                continue
            if child.dep_ == "prep":
                hits = [m for pobj in child.children if pobj.dep_ == "pobj" for m in self.at(pobj, depth - 1)]
            elif child.dep_ == "poss" and child.lower_ in words().possessive_pronouns:
                continue
            else:
                hits = self.at(child, depth - 1) if self._direct(child) else self._inner(child, depth - 1)
            for m in hits:
                if m not in found:
                    found.append(m)
        return found
