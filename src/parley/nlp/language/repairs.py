"""Repairs of parses the small English model gets wrong in a way that hides a whole event; each says the construction."""

from __future__ import annotations

from spacy.tokens import Doc

from parley.nlp.language.wordlists import words


def repair_perfect_adverbs(doc: Doc) -> None:
    """"Kenyan authorities have since banned civilians from ...": the model reads "since" as a preposition of a main
    verb "have" (or of what follows) and the participle as an adjective of the noun after it ("since [banned civilians]"). Rebuilt as the
    perfect it is: the participle heads the clause, "have" its aux, the adverb (kb/wordlists.yaml `perfect_adverbs`)
    its advmod, the noun its object, and what hung on "have" (subject, prepositions) hangs on the participle.
    Changes the Doc's heads and labels in place; a sentence without the misparse is left as it is."""
    adverbs = words().perfect_adverbs
    for adverb in list(doc)[1:-1]:
        have = doc[adverb.i - 1]
        if adverb.lower_ not in adverbs or have.lemma_.lower() != "have" or have.head.i == adverb.i:
            continue
        verb = doc[adverb.i + 1]
        noun = verb.head
        if verb.tag_ != "VBN" or verb.dep_ != "amod" or noun.head.i != adverb.i or noun.i <= verb.i:
            continue
        held = [c for c in have.children if c.i != adverb.i]
        verb.head, verb.dep_ = (verb if have.head.i == have.i else have.head), have.dep_
        for child in held:
            child.head = verb
        have.head, have.dep_ = verb, "aux"
        adverb.head, adverb.dep_ = verb, "advmod"
        noun.head, noun.dep_ = verb, "dobj"
