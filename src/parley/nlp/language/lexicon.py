"""The trigger lexicon from kb/triggers.yaml and kb/frames.yaml, indexed for lookup by lemma."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from parley.kb import KBError, extended_mapping, read_yaml
from parley.records import EVENT_TYPES

FRAME_KEYS = {"type", "mode", "object", "complement", "as", "governor", "modifier", "prep", "context",
              "aimless", "reciprocal", "reverse", "subject"}
ROLE_KINDS = {None, "warned_subject", "reciprocal", "taken_by", "opposed_by"}
NO_EVENT = "none"  # a frame type: in this sense the word is no event ("helped identify the victims")


@dataclass(frozen=True)
class Frame:
    """One argument frame of a trigger: when every condition given holds, the event has this type and mode.

    Conditions (word sets, lower-cased): `object` — a direct, passive or prepositional object (or what it
    counts: "trucks of food"); `complement` — the verb of its clause complement ("vowed to retaliate"), or
    a verb trigger of a hostile (or cooperative) type when the class is `harmful_acts` (`cooperative_acts`);
    `as_words` — what it is described as ("hailed X as historic", "called it a betrayal"); `governor` —
    the verb that governs a noun trigger ("lodged a protest"); `modifier` — an adjective of a noun trigger
    ("a formal protest"); `prep` — a preposition of the verb; `context` — a word just before the verb or
    among its modifiers ("test-fired"); `aimless` — fired with no target but the open sea or sky.
    """

    type: str
    mode: str | None = None
    object: frozenset = frozenset()
    complement: frozenset = frozenset()
    complement_class: str | None = None
    as_words: frozenset = frozenset()
    governor: frozenset = frozenset()
    modifier: frozenset = frozenset()
    prep: frozenset = frozenset()
    context: frozenset = frozenset()
    aimless: bool = False
    reciprocal: bool = False
    reverse: bool | None = None  # None: as the entry says; false: "received the envoy" is no gift from the envoy
    subject: frozenset = frozenset()  # the doer ("an earthquake killed 30": no one's attack)


@dataclass(frozen=True)
class Trigger:
    type: str
    mode: str | None = None
    requires_object: bool = False
    objects: dict = field(default_factory=dict)
    only_light: bool = False
    requires_actor_object: bool = False  # "called Zelenskiy" is a phone call, "called a strike" is not
    reverse: bool = False  # "X received weapons from Y": Y is the source, X the target
    frames: tuple[Frame, ...] = ()
    roles: str | None = None  # "warned_subject", "reciprocal", "taken_by" or "opposed_by" (see kb/frames.yaml)
    construction: str | None = None  # the name of the multiword construction it came from
    keeps_content: bool = False  # its complement is coded as an event too ("ready to release hostages")


@dataclass(frozen=True)
class Construction:
    """A DependencyMatcher pattern from kb/frames.yaml: the event it means and the nodes of its trigger."""

    name: str
    trigger: Trigger
    pattern: list
    tokens: tuple[str, ...]
    anchor: str
    nominal: bool = False


@dataclass(frozen=True)
class Lexicon:
    verbs: dict[str, Trigger]
    phrasal: dict[tuple[str, str], Trigger]  # (verb lemma, particle/preposition/object) -> trigger
    nouns: dict[str, Trigger]
    light_verbs: frozenset[str]
    speech_verbs: frozenset[str]
    claim_verbs: frozenset[str]
    deny_verbs: frozenset[str]
    obligation_modals: frozenset[str]
    stative_passives: frozenset[str]
    negating_verbs: frozenset[str]
    cessation_verbs: frozenset[str]
    promise_verbs: frozenset[str]
    event_types: dict[str, dict]
    classes: dict[str, frozenset] = field(default_factory=dict)
    constructions: tuple[Construction, ...] = ()
    hostile_types: frozenset[str] = frozenset()
    open_water: frozenset[str] = frozenset()
    intent: dict[str, frozenset] = field(default_factory=dict)  # frames.yaml `intent`: modals, plan and report verbs
    single_tokens: tuple[str, ...] = ()  # hyphenated words the tokenizer keeps whole ("test-fired")
    in_light_verbs: frozenset[str] = frozenset()  # light verbs whose event noun follows "in" ("engaged in fighting")

    def cameo(self, event_type: str) -> str | None:
        return (self.event_types.get(event_type) or {}).get("cameo")

    def cooperative(self, event_type: str) -> bool:
        return str((self.event_types.get(event_type) or {}).get("quad") or "").endswith("cooperation")


def _word(value, where: str) -> str:
    if isinstance(value, bool):  # YAML reads a bare on/off/yes/no as true/false
        raise KBError(f"{where}: a word read as {value!r}; put on, off, yes and no in quotes")
    return str(value).lower()


def _words(value, classes: dict[str, frozenset], where: str) -> frozenset:
    """A class name from frames.yaml, a single word, or a list of words and class names."""
    if value is None:
        return frozenset()
    items = value if isinstance(value, list) else [value]
    out: set[str] = set()
    for item in items:
        item = _word(item, where)
        out |= classes.get(item, {item})
    if not out:
        raise KBError(f"{where}: an empty word list; name a class from frames.yaml or list the words")
    return frozenset(out)


def _frame(key: str, entry: dict, classes: dict[str, frozenset]) -> Frame:
    where = f"triggers.yaml: {key!r} frame {entry!r}"
    if not isinstance(entry, dict) or (entry.get("type") not in EVENT_TYPES and entry.get("type") != NO_EVENT):
        raise KBError(f"{where} needs a type, one of: {', '.join(EVENT_TYPES)}, or {NO_EVENT} (that sense is no event)")
    unknown = set(entry) - FRAME_KEYS
    if unknown:
        raise KBError(f"{where}: unknown keys {sorted(unknown)}; use {sorted(FRAME_KEYS)}")
    complement = entry.get("complement")
    return Frame(entry["type"], entry.get("mode"), _words(entry.get("object"), classes, where),
                 _words(complement, classes, where), complement if isinstance(complement, str) else None,
                 _words(entry.get("as"), classes, where), _words(entry.get("governor"), classes, where),
                 _words(entry.get("modifier"), classes, where), _words(entry.get("prep"), classes, where),
                 _words(entry.get("context"), classes, where), bool(entry.get("aimless")), bool(entry.get("reciprocal")),
                 None if entry.get("reverse") is None else bool(entry.get("reverse")),
                 _words(entry.get("subject"), classes, where))


def _trigger(key: str, entry: dict, classes: dict[str, frozenset] | None = None) -> Trigger:
    if not isinstance(entry, dict) or entry.get("type") not in EVENT_TYPES:
        raise KBError(f"triggers.yaml: {key!r} needs a type, one of: {', '.join(EVENT_TYPES)}")
    if entry.get("roles") not in ROLE_KINDS:
        raise KBError(f"{key!r}: roles must be one of warned_subject, reciprocal, taken_by, opposed_by (got {entry.get('roles')!r})")
    objects = {str(k).lower(): v for k, v in (entry.get("objects") or {}).items()}
    frames = tuple(_frame(key, f, classes or {}) for f in entry.get("frames") or [])
    return Trigger(entry["type"], entry.get("mode"), bool(entry.get("requires_object")), objects,
                   bool(entry.get("only_light")), bool(entry.get("requires_actor_object")), bool(entry.get("reverse")),
                   frames, entry.get("roles"), entry.get("name"), bool(entry.get("keeps_content")))


def inflections(lemma: str, irregular: dict) -> set[str]:
    """Every regular form of an English verb or noun lemma, and its irregular ones from frames.yaml."""
    w = lemma.lower()
    forms = {w, w + "s", w + "es", w + "ed", w + "d", w + "ing", *irregular.get(w, [])}
    if w.endswith("e"):
        forms.add(w[:-1] + "ing")
    if w.endswith("y") and len(w) > 2 and w[-2] not in "aeiou":
        forms |= {w[:-1] + "ies", w[:-1] + "ied"}
    if len(w) > 2 and w[-1] not in "aeiouwxy" and w[-2] in "aeiou" and w[-3] not in "aeiou":
        forms |= {w + w[-1] + "ed", w + w[-1] + "ing"}  # "drop" -> "dropped"
    return forms


def _by_form(node: dict, irregular: dict) -> dict:
    """A LEMMA condition matched on the word's forms instead: the lemmatiser slips on news verbs."""
    attrs = dict(node.get("RIGHT_ATTRS") or {})
    lemma = attrs.pop("LEMMA", None)
    if lemma is None:
        return node
    op = "NOT_IN" if isinstance(lemma, dict) and "NOT_IN" in lemma else "IN"
    lemmas = lemma.get(op, []) if isinstance(lemma, dict) else [lemma]
    attrs["LOWER"] = {op: sorted({f for w in lemmas for f in inflections(str(w), irregular)})}
    return {**node, "RIGHT_ATTRS": attrs}


def _construction(entry: dict, classes: dict[str, frozenset], irregular: dict) -> Construction:
    name = entry.get("name") or "?"
    pattern = entry.get("pattern")
    if not isinstance(pattern, list) or not pattern or not all(isinstance(n, dict) and "RIGHT_ID" in n for n in pattern):
        raise KBError(f"frames.yaml: construction {name!r} needs a `pattern`: a list of DependencyMatcher nodes with RIGHT_ID")
    pattern = [_by_form(node, irregular) for node in pattern]
    ids = [n["RIGHT_ID"] for n in pattern]
    # YAML reads a bare `no`, `on` or `yes` as a boolean: a node named so would silently be called False
    named = ids + [n["LEFT_ID"] for n in pattern if "LEFT_ID" in n] + list(entry.get("tokens") or [])
    odd = [value for value in named if not isinstance(value, str)]
    if odd:
        raise KBError(f"frames.yaml: construction {name!r} has node names {odd} that are not words (YAML reads a bare "
                      "no/on/yes as a boolean); quote them or choose another name")
    tokens = tuple(entry.get("tokens") or ids[:1])
    anchor = entry.get("anchor") or ids[0]
    if not set(tokens) | {anchor} <= set(ids):
        raise KBError(f"frames.yaml: construction {name!r} names nodes {sorted(set(tokens) | {anchor} - set(ids))} "
                      f"that its pattern lacks; use some of {ids}")
    keys = ("type", "mode", "roles", "frames", "requires_object", "keeps_content")
    trigger = _trigger(name, {**{k: v for k, v in entry.items() if k in keys}, "name": name}, classes)
    return Construction(name, trigger, pattern, tokens, anchor, bool(entry.get("nominal")))


@lru_cache(maxsize=1)
def load() -> Lexicon:
    frames_data = extended_mapping("frames.yaml")
    classes = {str(k).lower(): frozenset(_word(w, f"frames.yaml class {k}") for w in v or [])
               for k, v in (frames_data.get("classes") or {}).items()}
    data = extended_mapping("triggers.yaml")
    verbs, phrasal = {}, {}
    for key, entry in (data.get("verbs") or {}).items():
        words = str(key).lower().split()
        trigger = _trigger(key, entry, classes)
        if len(words) == 1:
            verbs[words[0]] = trigger
        else:
            phrasal[(words[0], " ".join(words[1:]))] = trigger
    nouns = {str(k).lower(): _trigger(k, v, classes) for k, v in (data.get("nouns") or {}).items()}
    irregular = {str(k).lower(): [str(f).lower() for f in v or []] for k, v in (frames_data.get("irregular_forms") or {}).items()}
    # the lemmatiser leaves some irregular forms as they are ("retook"): they find their lemma's entry
    for lemma, forms in irregular.items():
        for form in forms:
            if lemma in verbs:
                verbs.setdefault(form, verbs[lemma])
            for (verb, rest), trigger in list(phrasal.items()):
                if verb == lemma:
                    phrasal.setdefault((form, rest), trigger)
    # constructions add up across PARLEY_KB folders (a list, not a mapping to merge)
    constructions = tuple(_construction(c, classes, irregular) for part in read_yaml("frames.yaml") if isinstance(part, dict)
                          for c in part.get("constructions") or [])
    lower = lambda name: frozenset(str(w).lower() for w in data.get(name) or [])  # noqa: E731
    return Lexicon(verbs, phrasal, nouns, lower("light_verbs"), lower("speech_verbs"), lower("claim_verbs"),
                   lower("deny_verbs"), lower("obligation_modals"), lower("stative_passives"), lower("negating_verbs"),
                   lower("cessation_verbs"), lower("promise_verbs"), data.get("event_types") or {}, classes,
                   constructions, frozenset(frames_data.get("hostile_types") or []), classes.get("open_water", frozenset()),
                   {str(k): frozenset(str(w) if k == "hostile" else str(w).lower() for w in v or [])
                    for k, v in (frames_data.get("intent") or {}).items()},
                   tuple(str(w) for w in frames_data.get("single_tokens") or []), lower("in_light_verbs"))
