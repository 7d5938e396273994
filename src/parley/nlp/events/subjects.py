"""Who does it: the subject of a trigger's clause, climbing through complements, conjuncts and relative clauses
("X is scheduled to hold talks", "accused Y of attacking"), and the subject of the clause a noun hangs from."""

from __future__ import annotations

from spacy.tokens import Token

from parley import kb as kb_module
from parley.nlp.actors.mention import Mention
from parley.nlp.actors.phrases import NounPhraseActors
from parley.nlp.events.arguments import verb_lemma
from parley.nlp.events.candidate import Candidate
from parley.nlp.events.triggers import TriggerReader
from parley.nlp.language.syntax import ACTIVE_SUBJECT_DEPS, PASSIVE_SUBJECT_DEPS
from parley.nlp.language.wordlists import grammar, words

FINITE_TAGS = ("VBD", "VBZ", "VBP")  # the tags of a verb with a tense of its own


def subject_tokens(verb: Token, triggers: TriggerReader) -> tuple[list[Token], bool]:
    """Subject of a verb (climbing through xcomp, conj and relative clauses); True if passive."""
    passive_subjects = [c for c in verb.children if c.dep_ in PASSIVE_SUBJECT_DEPS]
    if passive_subjects and not any(c.dep_ == "agent" for c in verb.children):
        if verb_lemma(verb, triggers.lex.stative_passives) in triggers.lex.stative_passives:
            return passive_subjects, False  # "Sudan is engaged in talks with Juba": the subject is in the talks
        return [], True  # "after the truce was announced": the doer is not named
    if shares_passive(verb) or adjoined_participle(verb):
        # "he had been arrested and sentenced to nine years": the second participle is passive too
        agents = [c for ch in verb.children if ch.dep_ == "agent" for c in ch.children if c.dep_ == "pobj"]
        return agents, True
    token = verb
    for _ in range(4):
        # above the event's own verb, a passive subject is the doer: "X is scheduled to hold talks";
        # all of them, for the parser sometimes gives a coordinated subject two nsubj arcs
        subjects = [c for c in token.children
                    if c.dep_ in ACTIVE_SUBJECT_DEPS or (token is not verb and c.dep_ in PASSIVE_SUBJECT_DEPS)]
        said_of = _said_of(token, subjects)  # "Canada is among the countries that have banned imports"
        if said_of or subjects:
            return said_of or subjects, False
        for child in token.children:
            if child.dep_ == "agent":
                return [c for c in child.children if c.dep_ == "pobj"], True
        if token.dep_ == "relcl":
            return [token.head], False
        if _root_name(token):
            return [token.head], False
        if token.dep_ == "acl":
            return _clause_of_noun_subject(token, triggers)
        if token.dep_ == "acomp" and token.head.i != token.i:  # "was ready to meet": up to the verb
            token = token.head
            continue
        # ("imposed tariffs, then exempted cars": a verb the parser left as an unlabelled dependent of another
        # verb is a conjunct of it)
        same = _same_tense_verb(token)
        if same is not None:
            token = same
            continue
        if (token.dep_ in ("xcomp", "conj", "advcl", "pcomp")
                or (token.dep_ == "dep" and token.pos_ == "VERB" and token.head.pos_ == "VERB")) and token.head.i != token.i:
            via_prep = token.head.dep_ == "prep"
            token = token.head.head if via_prep else token.head
            if (via_prep and token.dep_ in ("pobj", "dobj") and token.head.i != token.i and _is_thing(token)
                    and triggers.noun_trigger(token) is None and not any(c.dep_ == "poss" for c in token.children)
                    and not any(c.dep_ == "auxpass" for c in verb.children)):  # ("a chance of being abused")
                # "talks about the possibility of restoring cooperation", "raised the prospect of resuming talks":
                # a thing's gerund is done by the subject of the clause the thing hangs from
                token = token.head.head if token.dep_ == "pobj" and token.head.dep_ == "prep" else token.head
                continue
            if via_prep and token.pos_ in ("NOUN", "PROPN") and token.dep_ == "dobj":
                return [token], False  # "accused [Y of attacking]" parsed with "of" under Y
            if via_prep and (verb_lemma(token, triggers.lex.claim_verbs) in triggers.lex.claim_verbs
                             or token.lemma_.lower() in grammar().gratitude_verbs
                             or any(c.dep_ == "agent" for c in token.children)):
                # "accused Y of attacking", "thanked Y for sending troops", "men suspected by the West of bombing a
                # plane", "was praised by X for sending troops": Y, the one the passive befell, did it
                objects = [c for c in token.children if c.dep_ == "dobj"]
                # "was accused by X of attacking", "two men suspected by the police of blowing up a bridge": the
                # one accused did it, not the accuser
                objects = objects or [c for c in token.children if c.dep_ in PASSIVE_SUBJECT_DEPS] or (
                    [token.head] if token.dep_ == "acl" and token.tag_ == "VBN" else [])
                if objects:
                    return objects, False
            continue
        break
    return [], False


def _clause_of_noun_subject(token: Token, triggers: TriggerReader) -> tuple[list[Token], bool]:
    """Subject of a clause hung on a noun ("India's decision to suspend", "in a bid to pressure London",
    "demonstrators protesting the results"); True if it is told as passive."""
    owner = [c for c in token.head.children if c.dep_ == "poss"]
    infinitive = any(c.dep_ == "aux" and c.lower_ in words().infinitive_markers for c in token.children)
    if owner and infinitive:
        return owner, False  # "India's decision to suspend the treaty"
    effort = token.head
    if (infinitive and effort.lemma_.lower() in words().endeavour_nouns and effort.dep_ == "pobj"
            and effort.head.lower_ in words().endeavour_prepositions
            and not any(c.dep_ in ("poss", "compound", "nmod") or c.ent_type_ for c in effort.children)):
        # "seized a tanker in a bid to pressure London", "fired missiles in an effort to pressure Washington":
        # the effort is made by the subject of the clause it hangs from (not one with an owner of its own: "halted
        # aid in line with European efforts to stop the war")
        # (through a gerund: "increased provocations by conducting tests in an effort to pressure X")
        governing = next((a for a in token.head.ancestors if a.pos_ in ("VERB", "AUX")), None)
        doers = subject_tokens(governing, triggers)[0] if governing is not None else []
        if doers:
            return doers, False
    if token.tag_ == "VBG" and _is_thing(token.head) and triggers.noun_trigger(token.head) is None:
        # "issued a series of warnings demanding that X": whoever made the warnings demands
        doers = _governing_subject_tokens(token.head)
        if doers:
            return doers, False
    # "demonstrators protesting the results": people doing it (not "terms ... accepting", a parse slip)
    active = token.tag_ == "VBD" or (token.tag_ == "VBG" and triggers.noun_trigger(token.head) is None
                                     and not any(c.dep_ == "cc" for c in token.head.children))
    # "Malaysia, which chairs ASEAN, offered to mediate" misparsed as a modifier of Malaysia
    return ([token.head], False) if active else ([], True)


def _said_of(clause: Token, subjects: list[Token]) -> list[Token]:
    """The subject a relative or infinitive clause is true of through its noun's copula ("X is among the countries
    that banned imports", "X was the first to reject the charter", "Kenya was the first country to recognise it"),
    when the clause has no subject of its own but a relative pronoun; [] otherwise."""
    w = words()
    if any(s.lower_ not in w.relative_subject_pronouns for s in subjects):
        return []
    infinitive = any(c.dep_ == "aux" and c.lower_ in w.infinitive_markers for c in clause.children)
    if clause.dep_ == "relcl" or (clause.dep_ == "acl" and infinitive and not subjects):
        return predicated_of(clause.head)
    return []


def predicated_of(noun: Token) -> list[Token]:
    """The subject a predicate noun is said of, whose relative clause is true of that subject too: "Canada and
    Belgium are among the countries that have banned the imports", "X was the first to reject the charter", "X is
    one of the states that voted against" (the partitive's head: kb/wordlists.yaml `partitive_heads`); [] when the
    noun is no predicate of a copula."""
    w = words()
    token = noun
    if token.dep_ == "pobj" and token.head.lower_ in w.predicate_partitives and token.head.head.i != token.head.i:
        holder = token.head.head
        among = token.head.lower_ in w.membership_prepositions  # "among" needs no head: "are among the countries"
        if not among and not (holder.pos_ == "NUM" or holder.lower_ in w.partitive_heads):
            return []  # "X is the leader of the groups that attacked": the groups did it, not X
        token = holder
    copula = token if token.pos_ in ("AUX", "VERB") else token.head if token.dep_ == "attr" else None
    if copula is None or copula.lemma_.lower() not in w.copulas or (copula is token and noun.head.lower_ not in
                                                                         w.membership_prepositions):
        return []
    return [c for c in copula.children if c.dep_ == "nsubj" and c.lower_ not in w.relative_subject_pronouns]


def _root_name(token: Token) -> bool:
    """"Trump at first imposed tariffs": a name the parser made the sentence's root, with the verb that follows it
    as its clause, is that verb's subject."""
    head = token.head
    return (token.dep_ in ("ccomp", "advcl", "dep") and head.dep_ == "ROOT" and head.i < token.i
            and head.pos_ in ("NOUN", "PROPN") and head.ent_type_ in ("PERSON", "GPE", "ORG", "NORP", ""))


def _same_tense_verb(token: Token) -> Token | None:
    """"Abubakar said the initiative aims to mobilize troops and urged counterparts to act": a finite verb hung on
    an infinitive is a conjunct of the nearest verb above of its own tense (not after a participle: "has
    established ties and opened an embassy" shares its "has"); None when it is no such verb."""
    if token.dep_ != "conj" or token.tag_ not in FINITE_TAGS or token.head.tag_ != "VB":
        return None
    return next((a for a in token.head.ancestors if a.tag_ == token.tag_), None)


def shares_passive(verb: Token) -> bool:
    """A past participle coordinated with a passive verb, with no subject or auxiliary of its own, is passive too:
    "was arrested and sentenced", "were detained and charged"."""
    head = verb.head
    return (verb.dep_ == "conj" and verb.tag_ == "VBN" and head.i != verb.i
            and any(c.dep_ in PASSIVE_SUBJECT_DEPS or c.dep_ == "auxpass" for c in head.children)
            and not any(c.dep_ in ACTIVE_SUBJECT_DEPS or c.dep_ in PASSIVE_SUBJECT_DEPS or c.dep_ in ("aux", "auxpass")
                        for c in verb.children))


def adjoined_participle(verb: Token) -> bool:
    """A bare past participle adjoined to a clause is a passive whose subject is the clause's: "the commander is
    dead, killed in an airstrike", "Two soldiers died Friday, shot by snipers"; and one a verb of standing takes ("Lai
    stands accused of sedition", "the general remains wanted for war crimes": kb/wordlists.yaml `standing_verbs`)."""
    if (verb.dep_ in ("acomp", "oprd") and verb.tag_ == "VBN" and verb.head.i != verb.i
            and verb.head.lemma_.lower() in words().standing_verbs):
        return True
    return (verb.dep_ == "advcl" and verb.tag_ == "VBN" and verb.head.i != verb.i and verb.head.pos_ in ("VERB", "AUX")
            and not any(c.dep_ in ACTIVE_SUBJECT_DEPS or c.dep_ in PASSIVE_SUBJECT_DEPS
                        or c.dep_ in ("aux", "auxpass", "mark") for c in verb.children))


def _is_thing(noun: Token) -> bool:
    """A common noun that names no one ("warnings", "a statement"), as against "demonstrators"."""
    kb = kb_module.load()
    return (noun.pos_ == "NOUN" and not noun.ent_type_ and noun.lower_ not in kb.sector_nouns
            and noun.lemma_.lower() not in kb.sector_nouns and noun.lemma_.lower() not in kb.titles)


def _governing_subject_tokens(noun: Token) -> list[Token]:
    """The subject tokens of the nearest verb a noun hangs from (through "a series of"), or []."""
    token = noun
    for _ in range(4):
        if token.dep_ not in ("dobj", "pobj", "prep") or token.head.i == token.i:
            return []
        token = token.head
        if token.pos_ in ("VERB", "AUX"):
            return [c for c in token.children if c.dep_ in ACTIVE_SUBJECT_DEPS]
    return []


def governing_subject(noun: Token, roles: NounPhraseActors, triggers: TriggerReader) -> list[Mention]:
    """For "talks with X" with no owner: whose talks? The subject of the governing clause; none when that clause
    judges the act (kb/frames.yaml `judging_verbs`): in "Turkey condemned the attack on its embassy" Turkey is
    the one attacked, not the attacker."""
    judging = triggers.lex.classes.get("judging_verbs", frozenset())
    stative = triggers.lex.stative_passives
    token, through_noun = noun, False
    for _ in range(5):
        token = token.head
        if token.pos_ in ("VERB", "AUX"):
            if verb_lemma(token, judging) in judging:
                return []
            if through_noun and verb_lemma(token, stative) in stative:
                # "is engaged in talks with X" is the subject's; "is opposed to French mediation in negotiations
                # with Syria" is an attitude to a thing, which holds the talks as a circumstance of its own
                return []
            subjects, _ = subject_tokens(token, triggers)
            for subj in subjects:
                if subj.i == noun.i:
                    continue  # "the arrest of X prompted protests": the noun itself, not who did it
                hits = roles.at(subj)
                if hits:
                    return hits
        elif token.pos_ in ("NOUN", "PROPN"):
            through_noun = True
        if token.head.i == token.i:
            break
    return []


def unattributed_weapon(cand: Candidate) -> Token | None:
    """The weapon an attack with no named doer is told through ("a roadside bomb killed", "killed by an
    improvised explosive device", "died in a car bomb explosion", "a bombing killed"), from the kb list
    `unattributed_weapons`; None when a doer is named or no such weapon is."""
    if cand.type != "ASSAULT" or cand.source:
        return None
    weapons = grammar().unattributed_weapons
    verb = cand.trigger
    holders = list(cand.tokens) + [c for c in verb.children if c.dep_ in ACTIVE_SUBJECT_DEPS]
    holders += [pobj for p in verb.children if p.dep_ in ("agent", "prep") and p.lower_ in words().cause_prepositions
                for pobj in p.children if pobj.dep_ == "pobj"]
    for token in holders:
        if token.lemma_.lower() in weapons or token.lower_ in weapons:
            return token
    return None


def remover(verb: Token, roles: NounPhraseActors) -> list[Mention]:
    """"He was expelled from the Zanu PF party", "Mali was suspended from the African Union": the body a passive
    verb of removal (kb/roles.yaml `removal_verbs`) puts its subject out of, which did it; [] for any other verb
    or a person."""
    if verb.lemma_.lower() not in grammar().removal_verbs:
        return []
    return [m for p in verb.children if p.dep_ == "prep" and p.lower_ in words().remover_prepositions
            for pobj in p.children if pobj.dep_ == "pobj" for m in roles.at(pobj) if m.kind != "person"]


def at_occasion(noun: Token) -> bool:
    """"after talks", "after 12 hours of talks", "arrived on a visit", "met for talks" (kb/wordlists.yaml
    `temporal_prepositions`, `occasion_prepositions`)."""
    w = words()
    if noun.dep_ == "pobj" and noun.head.lower_ in w.genitive_prepositions and noun.head.head.dep_ == "pobj":
        noun = noun.head.head
    return noun.dep_ == "pobj" and (noun.head.lower_ in w.temporal_prepositions or noun.head.lower_ in w.occasion_prepositions)


def gerund_attack_doers(verb: Token, roles: NounPhraseActors, attacks: frozenset) -> list[Mention]:
    """"were killed in Israeli shelling", "died in Russian tank shelling": the parser reads the attack's -ing noun
    (kb/frames.yaml `deadly_attacks`) as a clause of the verb and the words before it as the object of "in"; the
    party that object names did the attack. [] when the verb has no such misread phrase."""
    for clause in verb.children:
        if clause.dep_ != "advcl" or clause.tag_ != "VBG" or clause.lower_ not in attacks or clause.i < verb.i:
            continue
        for prep in verb.children:
            if prep.dep_ not in ("prep", "agent") or prep.lower_ not in words().cause_prepositions:
                continue
            hits = [m for pobj in prep.children if pobj.dep_ == "pobj" and pobj.i == clause.i - 1 for m in roles.at(pobj)]
            if hits:
                return hits
    return []
