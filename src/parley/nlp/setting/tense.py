"""The tense that resolves a time expression: the expression's own words ("next", "last"), else whether the trigger's
clause speaks of a planned act ("will meet", "is expected to sign"); past forms the tagger took for presents."""

from __future__ import annotations

from spacy.tokens import Token

from parley.nlp.language import syntax
from parley.nlp.language.syntax import setting_clause_head
from parley.nlp.language.wordlists import words
from parley.nlp.setting.calendar import Expr, time_words
from parley.nlp.setting.time_expressions import expression_words

PRESENT_AUX = {"is", "are", "am", "'s", "'re", "'m", "does", "do"}  # "does not recognize" is present
PAST_AUX = {"was", "were", "had", "'d"}


# Irregular past forms ("retook" -> "retake") from the pipeline's lemmatizer, set by the assembler.
PAST_FORMS: dict[str, str] = {}


def learn_past_forms(verb_exceptions) -> None:
    """Keep the lemmatizer's irregular verb forms whose lemma differs (past tenses and participles)."""
    PAST_FORMS.update({form: lemmas[0] for form, lemmas in dict(verb_exceptions).items()
                       if lemmas and lemmas[0] != form and lemmas[0] not in words().auxiliary_lemmas})


def mistagged_past(token: Token) -> bool:
    """A past form the tagger took for a present ("Syrian troops retook the town on Sunday")."""
    word = token.lower_
    return token.tag_ == "VBP" and (word in PAST_FORMS or (word.endswith("ed") and not word.endswith("eed")))


def is_present(token: Token) -> bool:
    auxes = {c.lower_ for c in token.children if c.dep_ in ("aux", "auxpass")}
    if not auxes and mistagged_past(token):
        return False  # the narration is in the past; the tag is wrong
    return bool(auxes & PRESENT_AUX) or (token.tag_ in ("VBZ", "VBP") and not auxes & PAST_AUX)


def clause_is_future(trigger: Token) -> bool:
    """True when the trigger's clause speaks of a planned or scheduled act ("will meet", "is expected to sign")."""
    v = time_words()
    if syntax.has_future_modifier(trigger) or any(
            c.dep_ == "amod" and (syntax.is_future_governor(c) or c.lower_ in v["future_words"]) for c in trigger.children):
        return True
    token = setting_clause_head(trigger)
    first = True
    while True:
        if syntax.points_forward(token):
            return True
        governor = syntax.is_future_governor(token)
        if (not first and (governor or token.lemma_ in words().be_lemmas) and is_present(token)) or \
                (governor and is_present(token) and token.tag_ == "VBN"):
            return True
        if first and is_present(token) and token.lemma_ not in v["reporting_verbs"]:
            # present progressive ("are meeting on Monday") and the scheduling present ("talks resume on Monday")
            return token.tag_ in ("VBG", "VBZ", "VBP") or token.lemma_ in words().be_lemmas
        if token.dep_ not in ("xcomp", "acomp") or token.head.i == token.i:
            return False
        token, first = token.head, False


def expr_is_future(expr: Expr, trigger: Token) -> bool:
    """The tense that resolves the expression: its own words ("next", "last") first, then the clause's."""
    v = time_words()
    words = set(expression_words(expr.text))
    if words & set(v["future_words"]):
        return True
    if words & set(v["past_words"]):
        return False
    return clause_is_future(trigger)
