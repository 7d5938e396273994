"""Issue cues in a Doc: which matched cue words count for their issue ("sanctions" is about relief when lifted),
which give way to another cue inside or around them, and which name the occasion, not the stake ("during talks")."""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from parley.nlp.language import syntax
from parley.nlp.language.wordlists import words
from parley.nlp.positions.issues import IssueLexicon


class IssueCues:
    """The cue rules of kb/issues.yaml over the issue lexicon `lex`; `cue_sets` maps an issue to its cue phrases."""

    def __init__(self, lex: IssueLexicon):
        self.lex = lex
        self.cue_sets = {issue: frozenset(cues) for issue, cues in lex.issues.items()}

    @staticmethod
    def in_name(cue: Span) -> bool:
        """"the International Court of Justice ruled ...", "Justice Gibson Mandaza requested ...": a cue written as
        a word of a longer proper name (an entity, or a title before a name) names that body or person, not the
        issue; a cue that is the whole name ("the International Criminal Court") still counts."""
        if not all(t.pos_ == "PROPN" and t.text[:1].isupper() for t in cue):
            return False
        root = cue.root
        if root.ent_type_:
            entity = next((e for e in cue.doc.ents if e.start <= root.i < e.end), None)
            if entity is not None and len(entity) > len(cue):
                return True
        return root.dep_ == "compound" and root.head.pos_ == "PROPN" and root.head.i >= cue.end

    def sent_to_occasion(self, cue: Token) -> bool:
        """"sent a delegation to attend the inauguration", "sent a delegation to the funeral": the object of a verb
        sent to an occasion (kb/issues.yaml `occasion_nouns`) that is no negotiation raises no issue."""
        if cue.dep_ != "dobj":
            return False
        for clause in (*cue.head.children, *cue.children):
            if clause.dep_ in ("advcl", "xcomp", "acl", "relcl"):
                objects = [c for c in clause.children if c.dep_ == "dobj"]
            elif clause.dep_ in ("prep", "dative") and (clause.lower_ in words().infinitive_markers
                                                         or clause.lower_ in words().purpose_prepositions):
                objects = [c for c in clause.children if c.dep_ == "pobj"]
            else:
                continue
            if any(o.lemma_.lower() in self.lex.occasion_nouns or o.lower_ in self.lex.occasion_nouns for o in objects):
                return True
        return False

    def particle_verbs(self, doc: Doc) -> list[tuple[str, int, int]]:
        """Cues written as a verb and its particle with the object between them: "pull its troops back"."""
        out = []
        for token in doc:
            if token.pos_ != "VERB":
                continue
            for prt in token.children:
                # the parser gives a separated particle as "prt" or as "advmod" ("pull its fighters back")
                if prt.dep_ in ("prt", "advmod") and prt.i > token.i + 1:
                    phrase = f"{token.lemma_.lower()} {prt.lower_}"
                    out += [(issue, token.i, token.i + 1) for issue, cues in self.cue_sets.items() if phrase in cues]
        return out

    def yields(self, cue: Token, issue: str, matches) -> bool:
        """"halting attacks on civilians": the ceasefire cue gives way to the civilians inside its phrase;
        "the withdrawal of foreign troops": the troops give way to the withdrawal whose phrase holds them, and "a
        humanitarian truce": the word that says what kind of truce gives way to the truce."""
        inner = self.lex.yields_to.get(issue)
        if inner:
            inside = {t.i for t in cue.subtree}
            if any(other in inner and start in inside and start > cue.i for other, start, _ in matches):
                return True
        outer = self.lex.yields_within.get(issue)
        if outer:
            for other, start, end in matches:
                host = cue.doc[start:end].root
                kind = cue.dep_ in ("amod", "compound") and cue.head.i == host.i
                if other in outer and (host.i < cue.i or kind) and _inside(cue, host):
                    return True
        return False

    def cue_applies(self, cue: Token, issue: str, phrase: str = "") -> bool:
        """Some cues count only under certain words: "sanctions" is about relief when lifted or eased,
        "the region" is land when withdrawn from, ceded or claimed; "recognize" is about land only when what
        is recognised is a place or a word of land; "military aid" is no humanitarian aid."""
        excluded = self.lex.excluded_modifiers.get(issue, {}).get(cue.lower_)
        if excluded and any(c.lower_ in excluded for c in cue.children if c.dep_ in ("amod", "compound")):
            return False
        heads = self.lex.excluded_heads.get(issue, {}).get(cue.lower_)
        if heads and cue.dep_ in ("compound", "amod", "nmod") and cue.head.lower_ in heads:
            return False  # "food prices"
        objects = self.lex.object_cues.get(issue, {}).get(cue.lower_)
        if objects:
            held = [c for c in cue.children if c.dep_ in ("dobj", "nsubjpass", "poss")]
            held += [o for p in cue.children if p.dep_ == "prep" and p.lower_ in words().genitive_prepositions for o in p.children
                     if o.dep_ == "pobj"]
            if not held and "<definite>" in objects and cue.pos_ == "NOUN" and not any(c.dep_ == "prep" for c in cue.children):
                # "Reporters Without Borders welcomed the release": the release of the one the story is about
                return any(c.dep_ == "det" and c.lower_ in words().referring_determiners for c in cue.children)
            return any(f"<{o.ent_type_}>".lower() in objects or o.lemma_.lower() in objects or o.lower_ in objects
                       for o in held)
        governed = self.lex.governed_cues.get(issue, {})
        needed = governed.get(phrase.lower()) or governed.get(cue.lower_)  # "trade restrictions", "sanctions"
        if not needed:
            return True
        if any(c.lower_ in needed for c in cue.children if c.dep_ in ("amod", "compound", "det")):
            return True
        if cue.dep_ == "compound":
            return False  # "the Zaporizhzhia nuclear plant" is not the land; "the Donetsk region" is, by its own cue
        token = cue
        for _ in range(4):  # "pull out of the remainder of the Donetsk region"
            if token.head.i == token.i:
                return False
            token = token.head
            if token.lemma_.lower() in needed or token.lower_ in needed:
                return True
            if token.dep_ not in ("pobj", "prep", "dobj", "conj", "appos") and token.pos_ != "ADP":
                return False
        return False

    def is_cue_word(self, token: Token, issue: str) -> bool:
        cues = self.cue_sets[issue]
        return token.lower_ in cues or any(f"{token.lower_} {c.lower_}" in cues for c in token.children
                                           if c.dep_ in ("prt", "advmod"))

    def issue_verb(self, token: Token, issue: str) -> bool:
        """Whether a verb is itself one of the issue's cues ("halt attacks", "withdraw", "pull back")."""
        words = {token.lower_, token.lemma_.lower()}
        particles = [c.lower_ for c in token.children if c.dep_ in ("prt", "advmod")]
        words |= {f"{token.lemma_.lower()} {p}" for p in particles}
        objects = [c.lower_ for c in token.children if c.dep_ == "dobj"]
        words |= {f"{w} {o}" for w in (token.lower_, token.lemma_.lower()) for o in objects}
        return bool(words & self.cue_sets[issue])

    def left_place(self, prep: Token, issue: str) -> bool:
        """Whether `prep` ("from", "out of") names the place troops leave in a move of another issue ("withdraw
        its troops from X", "the withdrawal of its forces from X"). Withdrawing from a region with no troops
        named ("demanded that Ukraine withdraw from the Donetsk region") gives the land up, a stake in it."""
        if prep.lower_ in words().genitive_prepositions and prep.head.dep_ == "prep":
            prep = prep.head  # "out of"
        mover = prep.head
        if not any(c.dep_ == "dobj" or (c.dep_ == "prep" and c.lower_ in words().genitive_prepositions) for c in mover.children):
            return False
        for other, preps in self.lex.left_places.items():
            if other == issue or prep.lower_ not in preps:
                continue
            if self.is_cue_word(mover, other) or self.issue_verb(mover, other) \
                    or f"{mover.lemma_.lower()} {prep.lower_}" in self.cue_sets[other]:
                return True
        return False

    def circumstance(self, cue: Token) -> bool:
        """"despite the ceasefire declared by Russia", "during talks": the cue names the occasion of the
        clause, not its stake."""
        token = cue
        while token.pos_ not in syntax.VERBAL and token.head.i != token.i:
            if token.dep_ == "pobj" and token.head.lower_ in self.lex.circumstance_preps:
                return True
            if token.dep_ == "pobj" and token.head.lower_ in words().purpose_prepositions and token.head.head.lower_ in self.lex.price_nouns:
                return True
            token = token.head
        return False


def _inside(token: Token, host: Token) -> bool:
    """Whether `token` is inside the phrase of `host`, not a conjunct beside it ("a truce and humanitarian access")."""
    while token.i != host.i:
        if token.dep_ == "conj" or token.head.i == token.i:
            return False
        token = token.head
    return True
