"""Reprints are found from the stored signatures when merging asks (store/reprints.py), not stored pair by pair:
the relation is the one the LSH bands define, two articles sharing a band with signatures of similarity at least
SIMILAR."""

from parley.store.reprints import CONTAINED, SIMILAR, bands, contained, reprinted, signature, similarity

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
            by_bands = bool(set(bands(a)) & set(bands(b))) and (similarity(a, b) >= SIMILAR
                                                                or contained(a, b) >= CONTAINED)
            assert reprinted(a, b) == by_bands
    assert reprinted(sketches[0], sketches[1]) and not reprinted(sketches[0], sketches[4])


#: written for this test: a wire story of five sentences, of which a copy runs the first two
STORY = ("M23 rebels seized the town of Masisi in eastern Congo on Saturday after heavy fighting with Congolese troops, "
         "residents and a local official said. The rebels entered the town in the afternoon and soldiers withdrew "
         "toward Sake, said the town's administrator. At least 14 civilians were killed in the clashes, the official "
         "said. Congo's government accused Rwanda of backing the rebels, a charge Kigali denies. The United Nations "
         "has called for an immediate ceasefire in North Kivu province, where fighting has displaced thousands.")


def test_a_wire_story_cut_short_is_a_reprint_of_the_whole():
    whole = signature(STORY)
    cut = signature(STORY[:STORY.index(" At least 14")])
    assert similarity(whole, cut) < SIMILAR <= CONTAINED <= contained(whole, cut)
    assert reprinted(whole, cut)
    other = signature(TEXTS[4])
    assert not reprinted(whole, other)
