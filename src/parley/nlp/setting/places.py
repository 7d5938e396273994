"""Where an event happened: of the sentence's resolved places (setting.locate), the one its trigger's clause owns,
nearest first; a place that only describes a topic or sits inside what an act says comes after."""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Span, Token

from parley.nlp.language.syntax import SHARED_SETTING_DEPS, setting_clause_head
from parley.nlp.language.wordlists import words
from parley.nlp.setting.attachment import attachment_level
from parley.nlp.setting.calendar import time_words
from parley.nlp.setting.locate import sentence_places
from parley.nlp.setting.place_mentions import lemma, place_nouns, word_set
from parley.records import Location

SPECIFICITY = {"city": 0, "region": 1, "country": 2}


def _under_topic(token: Token, head: Token, trigger: Token) -> bool:
    """True when `token` sits inside the object of a topic preposition below `head` ("protest against the
    war in Gaza") or of one that relates another event ("after weeks of advances near X, Ukraine launched"):
    that place describes the topic or the other event, not where this one happened. Not so when the
    trigger itself is on the way ("after the advance near X" is the advance's place)."""
    others = word_set("topic_prepositions") | {str(w).lower() for w in time_words()["reference_prepositions"]}
    while token.i != head.i and token.i != trigger.i and token.head.i != token.i:
        if token.dep_ == "pobj" and token.head.lower_ in others:
            return True
        token = token.head
    return False


def _in_told_event(token: Token, head: Token) -> bool:
    """True when `token` sits inside the object of `head` that names another event ("condemned the strikes on
    Kharkiv", "denounced the attack in Kyiv"): the place of the event told of, not of the telling."""
    while token.i != head.i and token.head.i != token.i:
        if token.dep_ == "dobj" and token.head.i == head.i:
            return lemma(token) in word_set("attack_nouns")
        token = token.head
    return False


def _in_content(token: Token, head: Token) -> bool:
    """True when `token` hangs off `head` through a complement clause: what is asked, alleged or refused."""
    while token.i != head.i and token.head.i != token.i:
        if token.dep_ in ("xcomp", "ccomp", "pcomp") and token.pos_ in ("VERB", "AUX"):
            return True
        token = token.head
    return False


def _in_own_relative(token: Token, trigger: Token) -> bool:
    """True when `token` sits in a relative clause whose subject is the event noun itself ("a strike that
    paralysed X", "an offensive which reached X"): the trigger's noun, or the noun its light verb holds."""
    nouns = {trigger.i, *(c.i for c in trigger.children if c.dep_ == "dobj")}
    relcl = next((t for t in (token, *token.ancestors) if t.dep_ == "relcl" and t.head.i in nouns), None)
    return relcl is not None and attachment_level(token, relcl) == 0 and any(
        c.dep_ in ("nsubj", "nsubjpass") and c.lower_ in words().relative_pronouns for c in relcl.children)


def find_location(sent: Span, trigger: Token, context_countries: Sequence[str] = (),
                  content_places: bool = True) -> Location | None:
    """The place where the event named by `trigger` happened: one in its own clause, nearest first; else
    one of the clause it hangs off ("marched in Sanaa to protest"); else a locative place anywhere in the
    sentence. A place that only describes a topic ("against the war in Gaza") comes after the first two.
    With `content_places` False (an accusation, a demand, a refusal, a threat), a place inside what the act
    says ("urged Washington to rein in Israel", "accused Kyiv of shelling Donetsk") is not the act's."""
    head = setting_clause_head(trigger)
    governors = [head]
    while governors[-1].dep_ in SHARED_SETTING_DEPS and governors[-1].head.i != governors[-1].i:
        governors.append(setting_clause_head(governors[-1].head))
    scored = []
    for found in sentence_places(sent, context_countries):
        mention, loc = found.mention, found.location
        if not content_places and _in_content(mention.anchor, head):
            continue
        level = attachment_level(mention.anchor, head)
        if level is not None and (_under_topic(mention.anchor, head, trigger)
                                  or (not content_places and _in_told_event(mention.anchor, head))):
            level = 5  # "speaking in Brussels, NATO's chief condemned the strikes on Kharkiv": Brussels first
        if level is None and content_places and _in_own_relative(mention.anchor, trigger):
            level = 0  # "a general strike that paralysed X": the event noun's own clause says where
        if level is None:
            level = next((2 + n for n, g in enumerate(governors[1:]) if attachment_level(mention.anchor, g) == 0), None)
        if level is None and mention.rank == 0 and (found.unresolved or loc.feature != "country") and not any(
                a.pos_ in ("VERB", "AUX") and attachment_level(mention.anchor, a) == 0 for a in head.ancestors):
            # the sentence's place, unless it is where the report was made ("said in Paris"); a country named
            # in another clause is mostly a party ("urged Washington to rein in Israel"), not the setting
            level = 6
        if level is None:
            continue
        distance = abs(mention.anchor.i - trigger.i)
        # On a tie of attachment, the narrower place wins: "in Russia's Kursk region" is the region; a town the
        # gazetteer lacks is as narrow as the text says it is ("in the town of X, near Gonaives": X, though only
        # its country maps it)
        unmapped = loc.geonameid is None and loc.feature == "country"  # mapped at its country's point
        kind = place_nouns().get(mention.introducer.lemma_.lower()) if unmapped and mention.introducer is not None else None
        scored.append(((level, found.unresolved, mention.rank, SPECIFICITY.get(kind or loc.feature, 3), distance), loc))
    return min(scored, key=lambda s: s[0])[1] if scored else None


def takes_verbs_place(noun: Token) -> bool:
    """True when an event noun happens where its verb does: its subject ("talks resumed in Doha"), the
    object of a verb that holds it ("hosted talks in Doha"), what its subject undergoes ("came under attack
    near X") or its purpose ("returned to Geneva for talks")."""
    if noun.dep_ in ("nsubj", "nsubjpass"):
        return True
    if noun.dep_ == "dobj":
        return noun.head.lemma_.lower() in word_set("event_host_verbs")
    if noun.dep_ == "pobj" and noun.head.lower_ == "under" and noun.head.head.lemma_.lower() in word_set("undergo_verbs"):
        return True  # "forces near Latakia came under attack": the attack is where they were
    return noun.dep_ == "pobj" and noun.head.lower_ in words().purpose_prepositions and noun.head.head.pos_ == "VERB"
