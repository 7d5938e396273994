"""Who acts: the Mention record and the sector sets (mention), the parley_actors component (resolver), group nouns
as actors (groups), owners of unnamed groups (owners), the group pass's working list (live), the article's actor model and the parley_discourse
component (discourse; its `discourse(doc)` function stays on that module, whose name it shares), whose office a
person of unknown state holds (offices), and the actors a
noun phrase names (phrases). Who is one side (STATE_SECTORS, party_key) is parley.identity's.
May import: language, geo, identity."""

from parley.nlp.lazy import face

__all__ = ["ActorResolver", "Discourse", "Mention", "NounPhraseActors", "mention_index"]

__getattr__ = face(__name__, {
    "Mention": "mention",
    "ActorResolver": "resolver", "mention_index": "resolver",
    "Discourse": "discourse", "NounPhraseActors": "phrases",
})
