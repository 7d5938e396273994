"""What happened: Candidate (candidate), trigger senses (triggers), multiword constructions (constructions), source
and target (roles), the parley_events component (extractor), the trained classifier and what it may do (classifier,
actions: spaCy-free, the CLI checks --classifier-actions with it), Candidate to Event records (assemble).
May import: language, geo, setting, actors, identity."""

from parley.nlp.lazy import face

__all__ = ["ACTIONS", "DEFAULT_ACTIONS", "Assembler", "Candidate", "EventClassifier", "EventExtractor", "RoleReader",
           "TriggerReader", "parse_actions"]

__getattr__ = face(__name__, {
    "Candidate": "candidate", "TriggerReader": "triggers", "RoleReader": "roles", "EventExtractor": "extractor",
    "EventClassifier": "classifier", "Assembler": "assemble",
    "parse_actions": "actions", "ACTIONS": "actions", "DEFAULT_ACTIONS": "actions",
})
