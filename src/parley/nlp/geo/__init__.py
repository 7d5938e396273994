"""Places on the map, offline: the gazetteer index built from pip packages (gazetteer) and a place name to a
Location (geocode). May import: kb, records."""

from parley.nlp.lazy import face

__all__ = ["GazetteerError", "Place", "ambiguous_town", "fold", "gazetteer", "lookup_place"]

__getattr__ = face(__name__, {
    "gazetteer": None,
    "lookup_place": "geocode", "ambiguous_town": "geocode",
    "fold": "gazetteer", "Place": "gazetteer", "GazetteerError": "gazetteer",
})
