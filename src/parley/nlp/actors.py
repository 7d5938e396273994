"""Actor mentions resolved to known or title-coded actors (placeholder until the resolver lands)."""

from spacy.language import Language
from spacy.tokens import Doc

for _name, _default in (("parley_actors", []), ("parley_warnings", []), ("published", None)):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=None)


@Language.factory("parley_actors")
def make_actor_resolver(nlp, name):
    def resolve(doc):
        doc._.parley_actors = []
        doc._.parley_warnings = []
        return doc
    return resolve
