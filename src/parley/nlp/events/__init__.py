"""What happened: Candidate (candidate); the words around a trigger (arguments); trigger senses (triggers) and
multiword constructions (constructions); source and target (roles), with the doer of a clause (subjects), the
fallback targets (targets) and the moves that answer an earlier one (anaphors); the parley_events component
(extractor), which holds a TriggerReader, a RoleReader and a CandidateFilter (filters, with the clause shapes that name an act no one makes: unmade) and adds the events found ones
imply (implied) and announced intentions (intents); the trained classifier and what it may do (classifier, actions:
spaCy-free, the CLI checks --classifier-actions with it); Candidate to Event records (assemble).
May import: language, geo, setting, actors, identity."""

from parley.nlp.lazy import face

__all__ = ["ACTIONS", "DEFAULT_ACTIONS", "Assembler", "Candidate", "EventClassifier", "EventExtractor", "RoleReader",
           "TriggerReader", "parse_actions"]

__getattr__ = face(__name__, {
    "Candidate": "candidate", "TriggerReader": "triggers", "RoleReader": "roles", "EventExtractor": "extractor",
    "EventClassifier": "classifier", "Assembler": "assemble",
    "parse_actions": "actions", "ACTIONS": "actions", "DEFAULT_ACTIONS": "actions",
})
