"""The article-level model of the actors, built once per Doc after the actor mentions: each mention's
sentence, grammatical role and salience, who is a host, mediator or reporter rather than a party, and
the answers to "who is `he` / `they` / `the junta` / `both sides` / `the two ministers` here".

Every component that reads roles (events, status, positions) asks this model; the closed-class English
it needs (pronouns, pair phrases, third-party verbs) lives in kb/roles.yaml.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, replace

from spacy.language import Language
from spacy.tokens import Doc, Token

from parley import kb as kb_module
from parley.identity import is_state_side, party_key
from parley.nlp import extensions  # noqa: F401  (registers the Doc extensions)
from parley.nlp.actors.mention import Mention
from parley.nlp.actors.offices import MENTION_SUBJECT_DEPS, _clause_verb, with_offices
from parley.nlp.language.lexicon import load as load_lexicon
from parley.nlp.language.syntax import OBJECT_DEPS
from parley.nlp.language.wordlists import grammar, words

LOOKBACK = 4  # sentences a pronoun looks back for its antecedent
OFFICE_LOOKBACK = 8  # sentences "the envoy" looks back for the one named with that title


def possessor_is_patient(noun: Token) -> bool:
    """"Zamora's arrest", "ordered his release", "the opposition leader's conviction": a noun of what befalls someone
    (kb/wordlists.yaml `possessor_patient_nouns`) with no "of" phrase names whom it befalls by its possessive; with
    one ("Israel's release of prisoners") the possessive is the doer."""
    w = words()
    return (noun.lemma_.lower() in w.possessor_patient_nouns or noun.lower_ in w.possessor_patient_nouns) and not any(
        c.dep_ == "prep" and c.lower_ in w.genitive_prepositions for c in noun.children)


@dataclass(frozen=True)
class Entry:
    """One mention's place in the article: its sentence, role (subject | object | other) and whether it
    is a third party (host, mediator, reporter) rather than a party to what the sentence tells."""

    mention: Mention
    sent: int
    role: str
    third_party: bool


def is_pair_phrase(token: Token) -> bool:
    """"both sides", "the two foreign ministers", "both countries", "the three nations", "the trio": a pair word
    (kb/roles.yaml `pair`) on a pair noun, or a collective noun that is a number. The discourse model says which two parties one stands for; the actor resolver makes no
    group of one."""
    return grammar().pair_count(token) > 0


class Discourse:
    """The actors of one article. Built in one pass over the mentions (linear in article length);
    queries look at a bounded window of sentences."""

    def __init__(self, doc: Doc, mentions: list[Mention]):
        self.doc = doc
        self.g = grammar()
        self.sent_of = [0] * len(doc)
        self.sent_starts: list[int] = []
        for n, sent in enumerate(doc.sents):
            self.sent_starts.append(sent.start)
            for i in range(sent.start, sent.end):
                self.sent_of[i] = n
        speech = load_lexicon().speech_verbs
        self.entries: list[Entry] = []
        self.by_sent: dict[int, list[Entry]] = {}
        # per sentence: party -> (mentions as a party before it, latest mention, first start)
        self._prefix: list[dict] = []
        self._prefix_people: list[dict] = []
        running: dict = {}
        running_people: dict = {}
        # plural demonyms used as nouns, which "they" can stand for but which are no party in focus of their own
        self.crowds: dict[int, list[Entry]] = {}
        for mention in sorted(mentions, key=lambda m: m.start):
            if mention.kind == "demonym":
                root = doc[mention.start:mention.end].root
                if self._people_noun(root):
                    # the people of the state, not the state ("They demanded the president's resignation")
                    people = replace(mention, actor=replace(mention.actor, type="CVL"))
                    counted = root.head.head if root.dep_ == "pobj" and root.head.head.lower_ in self.g.quantity_nouns \
                        else root  # "tens of thousands of Sudanese": the crowd's role is the count's
                    sent = self.sent_of[mention.start]
                    self.crowds.setdefault(sent, []).append(Entry(people, sent, self._role(counted), False))
                continue
            while len(self._prefix) <= self.sent_of[mention.start]:
                self._prefix.append(dict(running))
                self._prefix_people.append(dict(running_people))
            root = doc[mention.start:mention.end].root
            entry = Entry(mention, self.sent_of[mention.start], self._role(root), self._third_party(root, speech))
            self.entries.append(entry)
            self.by_sent.setdefault(entry.sent, []).append(entry)
            if not entry.third_party and entry.role != "place":
                for m in (mention, *mention.partners):
                    key = party_key(m.actor)
                    n, _, start = running.get(key, (0, m, m.start))
                    running[key] = (n + 1, m, start)
                    if m.kind == "person":
                        n, _, start = running_people.get(key, (0, m, m.start))
                        running_people[key] = (n + 1, m, start)
        while len(self._prefix) < len(self.sent_starts):
            self._prefix.append(dict(running))
            self._prefix_people.append(dict(running_people))

    # -- building
    @staticmethod
    def _people_noun(root: Token) -> bool:
        """"Tens of thousands of Sudanese began protesting. They demanded reforms": a plural demonym used as a noun
        names people "they" can stand for ("Russian troops" is a group mention of its own)."""
        return root.pos_ in ("NOUN", "PROPN") and root.tag_ in ("NNS", "NNPS") and root.dep_ not in ("amod", "compound")

    @staticmethod
    def _role(root: Token) -> str:
        token = root
        while token.dep_ in ("compound", "amod", "poss", "appos", "conj") and token.head.i != token.i:
            token = token.head  # "Russian troops", "Russia and Ukraine": the phrase's role
        if token.dep_ in MENTION_SUBJECT_DEPS:
            return "subject"
        if token.dep_ == "pobj" and token.head.dep_ == "agent":
            return "subject"  # the doer of a passive
        if token.dep_ == "pobj" and token.head.lower_ in grammar().locative_preps and token.ent_type_ in ("GPE", "LOC", "FAC"):
            return "place"  # "met in Nairobi": where, not who
        if token.dep_ in OBJECT_DEPS or token.dep_ == "pobj":
            return "object"  # a prepositional object too: "talks with Kyiv"
        return "other"

    def _third_party(self, root: Token, speech) -> bool:
        """A host or mediator ("X hosted", "brokered by X"), or a reporter ("..., X said", "according to X")."""
        token = root
        while token.dep_ in ("compound", "amod", "poss", "conj") and token.head.i != token.i:
            token = token.head
        verb = token.head
        if token.dep_ == "pobj" and verb.dep_ == "agent":
            return verb.head.lemma_.lower() in self.g.third_party_verbs
        if token.dep_ == "pobj" and f"{verb.head.lower_} {verb.lower_}" in words().attribution_phrases:
            return True
        if token.dep_ != "nsubj":
            return False
        lemma = verb.lemma_.lower()
        if lemma in self.g.third_party_verbs:
            return True
        # "..., the army said": a reporter after the clause it reports
        return lemma in speech and any(c.dep_ == "ccomp" and c.i < verb.i for c in verb.children)

    # -- queries
    def entry_for(self, mention: Mention) -> Entry | None:
        for entry in self.by_sent.get(self.sent_of[mention.start], ()):
            if entry.mention.start == mention.start:
                return entry
        return None

    def _before(self, token: Token, window: int):
        """Entries before `token`, nearest sentence first, at most `window` sentences back."""
        here = self.sent_of[token.i]
        for sent in range(here, max(-1, here - window - 1), -1):
            entries = [e for e in self.by_sent.get(sent, ()) if e.mention.end <= token.i]
            yield here - sent, entries

    def pronoun(self, token: Token, exclude: set[str] | None = None) -> list[Mention]:
        """The actor a third-person pronoun stands for: the nearest sentence's compatible mention, its
        subject first for a subject pronoun; never its own clause's subject for an object pronoun."""
        lower = token.lower_
        if lower in self.g.person:
            # a person, or an office named with no name ("the army chief said his forces...")
            titles = kb_module.load().titles
            fits = lambda m: m.kind == "person" or (  # noqa: E731
                m.kind == "group" and not m.plural and (self.doc[m.end - 1].lower_ in titles
                                                        or self.doc[m.end - 2: m.end].text.lower() in titles))
        elif lower in self.g.thing:
            # ("the judge ... its investigations": a person's office is no "it")
            titles = kb_module.load().titles
            fits = lambda m: m.kind in ("country", "org", "group") and not m.plural and not (  # noqa: E731
                m.kind == "group" and self.doc[m.end - 1].lower_ in titles)
        elif lower in self.g.plural:
            fits = lambda m: m.plural or m.kind in ("org", "group")  # noqa: E731
        else:
            return []
        subject_pronoun = token.dep_ in ("nsubj", "nsubjpass")
        exclude = set(exclude or ())
        # ("the judge ordered his release": whom a release befalls is not who orders it)
        if not subject_pronoun and (token.dep_ != "poss" or possessor_is_patient(token.head)):
            exclude |= self._clause_subject_parties(token)
        # "'We are concerned about the police,' they wrote": a reporter after its quote is no one the quote names
        quoted = {t.i for c in token.head.children if subject_pronoun and c.dep_ == "ccomp" and c.i < token.i
                  for t in c.subtree}
        here = self.sent_of[token.i]
        for distance, entries in self._before(token, LOOKBACK):
            if lower in self.g.plural and here - distance in self.crowds:
                entries = sorted(entries + [e for e in self.crowds[here - distance] if e.mention.end <= token.i],
                                 key=lambda e: e.mention.start)
            found = [e for e in entries if (fits(e.mention) or e.mention.kind == "demonym")
                     and party_key(e.mention.actor) not in exclude and e.mention.start not in quoted]
            if not found:
                continue
            if subject_pronoun or token.dep_ == "poss":
                subjects = [e for e in found if e.role == "subject" and not e.third_party]
                if subjects:
                    # same sentence: the nearest subject; a sentence back: its first (main) subject
                    return [(subjects[-1] if distance == 0 else subjects[0]).mention]
            return [found[-1].mention]
        return []

    def _clause_subject_parties(self, token: Token) -> set[str]:
        verb = _clause_verb(token)
        out: set[str] = set()
        for child in verb.children:
            if child.dep_ in MENTION_SUBJECT_DEPS and child.i != token.i:
                if child.lower_ in self.g.pronouns:
                    found = self.pronoun(child)
                else:
                    found = [e.mention for e in self.by_sent.get(self.sent_of[child.i], ())
                             if e.mention.start <= child.i < e.mention.end]
                out.update(party_key(m.actor) for m in found)
        return out

    def pair(self, token: Token) -> list[Mention]:
        """The two parties in focus where a pair phrase stands: the parties (not hosts, mediators or
        reporters) named most in the current and previous sentences, then in the article so far;
        never the subject of the pair phrase's own clause ("the AU urged the two sides")."""
        exclude = self._clause_subject_parties(token) if token.dep_ not in MENTION_SUBJECT_DEPS else set()
        people_first = token.lower_ in self.g.pair_people
        count, states = self.g.pair_count(token), token.lower_ in self.g.pair_states
        if count > 2:
            listed = self._listed(token, exclude, count, states)
            if listed:
                return listed
        for people_only in ((True, False) if people_first else (False,)):
            found = self._pair(token, exclude, people_only, count, states)
            if found:
                return found
        return []

    def _listed(self, token: Token, exclude: set[str], count: int, states_only: bool) -> list[Mention]:
        """"Burkina Faso, Mali and Niger withdrew ... The three nations accused ...": the parties of the
        nearest earlier sentence that names exactly `count` of them (states only with `states_only`), or []."""
        for _, entries in self._before(token, LOOKBACK):
            found: dict[str, Mention] = {}
            for e in entries:
                if e.third_party or e.role == "place":
                    continue
                for m in (e.mention, *e.mention.partners):
                    key = party_key(m.actor)
                    if key in exclude or (states_only and (m.kind == "person" or not is_state_side(m.actor))):
                        continue
                    found.setdefault(key, m)
            if len(found) == count:
                return list(found.values())
        return []

    def _pair(self, token: Token, exclude: set[str], people_only: bool, count: int = 2,
              states_only: bool = False) -> list[Mention]:
        """Rank the parties by how often the article named them before `token`, with a bonus for
        those named in the current or previous sentence; the earlier-introduced first on a tie. The
        `count` best, or [] when fewer are named; states only (no bloc, group or person) with `states_only`."""
        here = self.sent_of[token.i]
        counts: Counter = Counter()
        latest: dict[str, Mention] = {}
        first: dict[str, int] = {}
        prefix = self._prefix_people if people_only else self._prefix
        for key, (n, m, start) in prefix[here].items():
            counts[key], latest[key], first[key] = n, m, start
        local: set[str] = set()
        for distance, entries in self._before(token, 1):
            for e in entries:
                if e.third_party or e.role == "place" or (people_only and e.mention.kind != "person"):
                    continue
                for m in (e.mention, *e.mention.partners):
                    key = party_key(m.actor)
                    local.add(key)
                    if distance == 0:  # this sentence is not in the prefix yet
                        counts[key] += 1
                        first.setdefault(key, m.start)
                        latest[key] = m
        for key in local:
            counts[key] += 2
        ranked = sorted((k for k in counts if k not in exclude and not (
            states_only and (latest[k].kind == "person" or not is_state_side(latest[k].actor)))),
            key=lambda k: (-counts[k], first[k]))
        return [latest[k] for k in ranked[:count]] if len(ranked) >= count else []

    def focus_pair(self, token: Token) -> list[Mention]:
        """The dyad in focus at `token` (for "each other" with one named side, or a partner left unnamed)."""
        return self._pair(token, set(), False)

    def definite(self, mention: Mention) -> Mention:
        """"the junta", "the army" with no owner named: the state the article last spoke of in that
        sector, or the state of the latest state-side subject, within the last two sentences; "the envoy",
        "the minister": the office holder named with that title before (`office_holder`)."""
        holder = self.office_holder(mention)
        if holder is not None:
            a = holder.actor
            return replace(mention, actor=replace(mention.actor, name=a.name, id=a.id, country=a.country, type=a.type))
        token = self.doc[mention.end - 1]
        sector = mention.actor.type
        same_sector = subject = None
        for distance, entries in self._before(token, 2):
            for e in reversed(entries):
                a = e.mention.actor
                # ("arrived in Ankara. The minister said": where someone went is no side in the sector)
                if e.mention is mention or not a.country or not is_state_side(a) or e.role == "place":
                    continue
                if same_sector is None and a.type == sector and e.mention.kind != "person":
                    same_sector = e
                if subject is None and e.role == "subject" and distance > 0:
                    subject = e
            if same_sector is not None:
                break
        chosen = same_sector or subject
        if chosen is None or chosen.mention.actor.country == mention.actor.country:
            return mention
        state = kb_module.load().country(chosen.mention.actor.country)
        if state is None:
            return mention
        actor = replace(mention.actor, name=state.name, id=state.id, country=state.country)
        return replace(mention, actor=actor)


    def office_holder(self, mention: Mention) -> Mention | None:
        """"U.S. special envoy Massad Boulos arrived in Kinshasa. The envoy urged Congo to sign": a bare title
        (kb/titles.yaml) with no owner stands for the one last named with that title, within `OFFICE_LOOKBACK`
        sentences; None when the mention is no title or no earlier mention holds it."""
        titles = kb_module.load().titles
        words_ = [t.lower_ for t in self.doc[mention.start:mention.end] if t.pos_ not in ("DET", "PUNCT")]
        if not words_ or words_[-1] not in titles:
            return None
        token = self.doc[mention.end - 1]
        for _, entries in self._before(token, OFFICE_LOOKBACK):
            for e in reversed(entries):
                m = e.mention
                if m is mention or m.definite or not m.actor.country or m.kind not in ("person", "group"):
                    continue
                held = {t.lower_ for t in self.doc[m.start:m.end]}
                if all(w in held for w in words_):
                    return m
        return None


def discourse(doc: Doc) -> Discourse:
    """The Doc's discourse model (built by the parley_discourse component, or now if it was not)."""
    model = doc._.parley_discourse
    if model is None:
        model = Discourse(doc, doc._.parley_mentions or [])
        doc._.parley_discourse = model
    return model


class DiscourseBuilder:
    """Pipeline component: resolves owner-less definite descriptions and the offices of people of unknown state
    (actors.offices), then stores the model."""

    def __call__(self, doc: Doc) -> Doc:
        mentions = doc._.parley_mentions or []
        model = Discourse(doc, mentions)
        resolved = with_offices(model, mentions)
        if resolved is not mentions:
            doc._.parley_mentions = resolved
            doc._.parley_actors = [m.actor for m in resolved if m.kind != "demonym"]
            model = Discourse(doc, resolved)
        doc._.parley_discourse = model
        return doc


@Language.factory("parley_discourse", assigns=["doc._.parley_discourse", "doc._.parley_mentions"],
                  requires=["doc._.parley_mentions", "token.dep"])
def make_discourse(nlp: Language, name: str):
    return DiscourseBuilder()
