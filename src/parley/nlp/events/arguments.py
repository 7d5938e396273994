"""The words around a trigger that its argument frames look at: its objects, complements, doers and
descriptions, and whether a word is one of a kb word class (`says`). Plain functions of the parse, shared by the
trigger reader (senses), the role reader and the event extractor's passes."""

from __future__ import annotations

from spacy.tokens import Token

from parley.nlp.language.lexicon import Lexicon
from parley.nlp.language.wordlists import grammar, words

NAME_ENTITY_TYPES = {"ORG", "FAC", "LAW", "EVENT", "WORK_OF_ART", "GPE"}


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


def lemma_not_event(token: Token, lex: Lexicon) -> bool:
    return verb_lemma(token, lex.verbs) not in lex.verbs


def people_named_by_participle(token: Token) -> bool:
    """"evacuated the wounded", "freed the detained": a participle after "the" with no arguments of its own
    names the people it happened to, not an event."""
    return (token.tag_ in ("VBN", "VBD") and token.dep_ in ("dobj", "pobj", "nsubj", "nsubjpass", "conj")
            and any(c.dep_ == "det" and c.lower_ in words().definite_articles for c in token.children)
            and not any(c.dep_ in ("dobj", "agent", "xcomp", "ccomp", "auxpass", "aux") for c in token.children))


def names_a_date(token: Token) -> bool:
    """"On March 24, the minister announced": a capitalised word of a date is a month, not a march."""
    return token.ent_type_ == "DATE" and token.is_title and token.i > token.sent.start


def inside_name(token: Token) -> bool:
    """"the Warsaw Pact", "the Good Friday Agreement": a trigger word inside a name is not an event."""
    return token.ent_type_ in NAME_ENTITY_TYPES and token.ent_iob_ == "I"


def of_objects(noun: Token) -> list[Token]:
    """What a quantity or container noun counts: "trucks of food", "dozens of drones", "$5m in aid"."""
    w = words()
    preps = w.quantity_prepositions if noun.pos_ == "NUM" or noun.ent_type_ == "MONEY" else w.genitive_prepositions
    return [p for of in noun.children if of.dep_ == "prep" and of.lower_ in preps for p in of.children if p.dep_ == "pobj"]


def says(token: Token, known: frozenset) -> bool:
    """The token (or it with the word before it: "war crimes") is one of `known`; "<place>" stands for
    any named place, "<actor>" for a named person or state or a personal pronoun ("welcomed him in Paris")."""
    if token.lower_ in known or token.lemma_.lower() in known:
        return True
    if "<place>" in known and token.ent_type_ in ("GPE", "LOC", "FAC"):
        return True
    if "<actor>" in known and (token.ent_type_ in ("PERSON", "GPE", "NORP") or token.lower_ in words().object_pronouns):
        return True
    if "<state>" in known and token.ent_type_ == "GPE":
        return True
    if token.i > 0:
        before = token.doc[token.i - 1]
        return f"{before.lower_} {token.lower_}" in known or f"{before.lower_} {token.lemma_.lower()}" in known
    return False


def complements(verb: Token) -> list[Token]:
    """The clause a verb governs: "vowed to retaliate", "vowed that X would pay", "committed to returning"."""
    # "pledged troops to fight IS" promises troops, not a fight: after an object only a "that" clause counts
    has_object = any(c.dep_ == "dobj" for c in verb.children)
    out = [c for c in verb.children if c.dep_ == "ccomp" or (c.dep_ == "xcomp" and not has_object)]
    for prep in verb.children:
        if prep.dep_ == "prep" and prep.lower_ in words().complement_prepositions:
            out.extend(c for c in prep.children if c.dep_ in ("pcomp", "pobj"))
    if verb.pos_ in ("NOUN", "PROPN"):  # "its call to the authorities to drop the charges": what a noun asks for
        out.extend(c for c in verb.children if c.dep_ in ("acl", "advcl")
                   and any(a.dep_ == "aux" and a.lower_ in words().infinitive_markers for a in c.children))
    for c in verb.children:  # "have sworn to fight" parsed as a purpose clause
        if c.dep_ == "advcl" and (verb.dep_ == "acl" or verb.pos_ == "ADJ" or (
                not has_object and any(a.dep_ == "aux" and a.lower_ in words().infinitive_markers for a in c.children)
                and not any(a.dep_ in ("nsubj", "nsubjpass") for a in c.children))):
            out.append(c)
    return out


def doers(verb: Token) -> list[Token]:
    """Who or what does it: the active subject, a passive's agent, or the cause a passive names with "in"
    ("were killed in an earthquake")."""
    passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children)
    out = [c for c in verb.children if c.dep_ == "nsubj"]
    preps = words().cause_prepositions if passive else ()
    out += [p for c in verb.children if c.dep_ == "agent" or (c.dep_ == "prep" and c.lower_ in preps)
            for p in c.children if p.dep_ == "pobj"]
    if not out and verb.dep_ == "xcomp" and verb.head.i != verb.i:
        # "forces could be seen surrounding the hotel", "troops began to advance": the governing verb's subject
        out = [c for c in verb.head.children if c.dep_ in ("nsubj", "nsubjpass")]
    return out


def done_by(verb: Token, known: frozenset) -> bool:
    """A doer of the verb, a compound of it ("Kremlin officials"), or what it counts ("hundreds of demonstrators
    gathered": kb/roles.yaml `quantity_nouns`) is one of `known`. With no doer, a participle right after a noun is
    said of it ("military brass gathered in Paris", parsed as a clause of its own)."""
    found = doers(verb)
    if not found and verb.dep_ in ("acl", "advcl") and verb.tag_ in ("VBN", "VBD") and verb.i > 0 and not any(
            c.dep_ in ("nsubjpass", "dobj") for c in verb.children) and verb.doc[verb.i - 1].pos_ == "NOUN":
        found = [verb.doc[verb.i - 1]]
    heads = found + [c for d in found for c in d.children if c.dep_ == "compound"]
    heads += [o for d in found if d.lower_ in grammar().quantity_nouns for p in d.children
              if p.dep_ == "prep" and p.lower_ == "of" for o in p.children if o.dep_ == "pobj"]
    return any(says(t, known) for t in heads)


def reduced_relative_head(verb: Token) -> list[Token]:
    """"crimes committed by the militia", "troops sent to the border": a past participle after its noun has
    that noun as its object."""
    if verb.dep_ == "acl" and verb.tag_ == "VBN" and verb.head.i < verb.i and verb.head.pos_ in ("NOUN", "PROPN"):
        return [verb.head]
    return []


def descriptions(verb: Token) -> list[Token]:
    """What a verb of speech says its object is: "hailed the deal as historic", "called it a betrayal"."""
    heads = [c for c in verb.children if c.dep_ in ("oprd", "attr", "acomp", "xcomp", "ccomp")]
    # "described the jailbreak as \"deplorable\"": a quoted adjective after "as" parses as its modifier
    heads += [p for c in verb.children if c.dep_ == "prep" and c.lower_ in words().description_prepositions for p in c.children
              if p.dep_ in ("pobj", "amod", "acomp")]
    for obj in (c for c in verb.children if c.dep_ == "dobj"):
        heads += [c for c in obj.children if c.dep_ in ("oprd", "acl", "amod") and c.i > obj.i]
        # "called the verdict “a travesty”": a quoted name for the object parses as its apposition
        heads += [c for c in obj.children if c.dep_ == "appos" and c.i > obj.i and _quoted(c)]
        heads += [p for c in obj.children if c.dep_ == "prep" and c.lower_ in words().description_prepositions
                  for p in c.children if p.dep_ == "pobj"]
    return [t for h in heads for t in h.subtree if t.i - h.i < 6]


def _quoted(phrase: Token) -> bool:
    """The phrase opens with a quotation mark (the mark just before its first word)."""
    first = phrase.left_edge.i
    return first > 0 and phrase.doc[first - 1].is_quote


def aim_of_noun(noun: Token) -> bool:
    """"an offer for direct talks", "a climate for peace talks": what a noun is for is its content, not an
    event of its own; what revenge or a price is for is a deed done ("revenge for the strike": kb `reason_nouns`)."""
    prep = noun.head
    return (noun.dep_ == "pobj" and prep.lower_ in words().purpose_prepositions and prep.head.i != prep.i
            and prep.head.pos_ in ("NOUN", "PROPN") and prep.head.lemma_.lower() not in words().reason_nouns)


def governed_by(noun: Token, verbs: frozenset) -> bool:
    head = noun.head
    if noun.dep_ == "pobj" and head.dep_ == "prep":
        head = head.head
    return head.i != noun.i and verb_lemma(head, verbs) in verbs  # ("staged a strike", lemmatised "stag")


def in_context(verb: Token, words: frozenset) -> bool:
    """A marker on the verb itself, among its modifiers or just before it ("test-fired", "a test launch")."""
    if verb.lower_ in words or verb.lemma_.lower() in words:
        return True
    near = [verb.doc[j] for j in range(max(0, verb.i - 3), verb.i)]
    near += [c for c in verb.children if c.dep_ in ("advmod", "npadvmod", "amod", "compound", "dobj", "nmod")]
    near += [g for c in verb.children if c.dep_ == "dobj" for g in c.children if g.dep_ in ("amod", "compound")]
    return any(t.lower_ in words or t.lemma_.lower() in words for t in near)


def shared_objects(verb: Token) -> list[Token]:
    """"hinted at lifting or reducing the sanctions", "slaughter and butcher the dogs": a verb with no object of its
    own acts on the object of the verb coordinated after it."""
    if any(c.dep_ in ("dobj", "nsubjpass") for c in verb.children):
        return []
    return [o for c in verb.children if c.dep_ == "conj" and c.pos_ == "VERB" for o in c.children if o.dep_ == "dobj"]


def objects_of(verb: Token) -> list[Token]:
    """What a verb acts on: its objects (or those of the verb coordinated after it), a reduced relative's noun, the
    objects of its "to/on/for/at" phrase, with their conjuncts and what a quantity object counts."""
    objs = reduced_relative_head(verb) + [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")] + shared_objects(verb)
    for prt in verb.children:
        if prt.dep_ == "prep" and prt.lower_ in words().object_prepositions:
            objs.extend(c for c in prt.children if c.dep_ == "pobj")
    out = []
    for obj in objs:
        out.append(obj)
        out.extend(obj.conjuncts)
        out.extend(of_objects(obj))  # "sent 40 trucks of food"
    return out
