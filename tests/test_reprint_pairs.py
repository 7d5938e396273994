"""Reprints are found from the stored signatures when merging asks (store/reprints.py), not stored pair by pair:
the relation is the one the LSH bands define, two articles sharing a band with signatures of similarity at least
SIMILAR."""

from parley.store.reprints import SIMILAR, bands, reprinted, signature, similarity

WIRE = ("Rebels shelled the town of Sake on Sunday, killing nine soldiers and wounding dozens of civilians, "
        "an army spokesman told reporters in Goma, adding that the fighting had forced thousands to flee.")
TEXTS = [WIRE, WIRE.replace("told reporters in Goma", "said in Goma"),
         WIRE.replace("nine soldiers", "eleven soldiers").replace("thousands", "hundreds"),
         WIRE + " Aid groups said roads to the town were cut.",
         "Envoys from Kinshasa and Kigali met in Doha on Monday to discuss a ceasefire and the withdrawal of foreign "
         "troops from eastern Congo, mediators said."]


def test_two_articles_are_reprints_when_they_share_a_band_and_are_similar_enough():
    sketches = [signature(text) for text in TEXTS]
    for a in sketches:
        for b in sketches:
            by_bands = bool(set(bands(a)) & set(bands(b))) and similarity(a, b) >= SIMILAR
            assert reprinted(a, b) == by_bands
    assert reprinted(sketches[0], sketches[1]) and not reprinted(sketches[0], sketches[4])
