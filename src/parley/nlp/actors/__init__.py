"""Who acts: the Mention record and the sector sets (mention), the parley_actors component (resolver), owners of
unnamed groups (owners), the group pass's working list (live), the article's actor model and the parley_discourse
component (discourse; its `discourse(doc)` function stays on that module, whose name it shares), and the actors a
noun phrase names (phrases). May import: language, geo (and identity, once it exists)."""

from parley.nlp.lazy import face

__all__ = ["STATE_SECTORS", "ActorResolver", "Discourse", "Mention", "Roles", "is_state_side", "mention_index",
           "party_key"]

__getattr__ = face(__name__, {
    "Mention": "mention", "STATE_SECTORS": "mention",
    "ActorResolver": "resolver", "mention_index": "resolver", "is_state_side": "resolver", "party_key": "resolver",
    "Discourse": "discourse", "Roles": "phrases",
})
