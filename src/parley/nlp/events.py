"""Events from trigger lexicons (placeholder until the extractor lands)."""

from spacy.language import Language
from spacy.tokens import Doc

for _name in ("parley_events", "parley_positions"):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=None)


@Language.factory("parley_events")
def make_event_extractor(nlp, name):
    def run(doc):
        doc._.parley_events = []
        doc._.parley_positions = []
        return doc
    return run
