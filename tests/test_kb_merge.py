"""A user's PARLEY_KB files merge with ours by one rule: they extend (lists gain items, mappings merge to any depth,
other values are replaced), and `remove:` takes items out."""

from __future__ import annotations

import pytest

from parley import kb
from parley.nlp.geo import geocode
from parley.nlp.language import wordlists


@pytest.fixture
def user_kb(tmp_path, monkeypatch):
    """Two user folders, read after the packaged data in this order; the caches are cleared before and after."""
    first, second = tmp_path / "first", tmp_path / "second"
    first.mkdir()
    second.mkdir()
    monkeypatch.setenv("PARLEY_KB", f"{first}:{second}")
    caches = (kb.load, wordlists.grammar, wordlists.words, geocode.place_words)
    for cache in caches:
        cache.cache_clear()
    yield first, second
    monkeypatch.delenv("PARLEY_KB")
    for cache in caches:
        cache.cache_clear()


def test_a_users_list_extends_the_packaged_one(user_kb):
    (user_kb[0] / "roles.yaml").write_text("reciprocals: [one with the other]\n", encoding="utf-8")
    assert wordlists.grammar().reciprocals == {"each other", "one another", "one with the other"}


def test_a_users_remove_takes_words_out_of_a_packaged_list(user_kb):
    (user_kb[0] / "roles.yaml").write_text("remove: {reciprocals: [One Another]}\n", encoding="utf-8")
    assert wordlists.grammar().reciprocals == {"each other"}


def test_a_users_word_lists_extend_and_remove_like_every_other_file(user_kb):
    (user_kb[0] / "wordlists.yaml").write_text(
        "temporal_prepositions: [Amid]\nremove: {target_prepositions: [for, upon]}\n", encoding="utf-8")
    assert wordlists.words().temporal_prepositions == {"after", "during", "before", "following", "at", "ahead", "amid"}
    assert wordlists.words().target_prepositions == {"with", "against", "on", "at", "to", "toward", "towards", "into",
                                                     "from", "between"}


def test_a_word_list_with_an_unquoted_on_is_refused_with_the_fix(user_kb):
    (user_kb[0] / "wordlists.yaml").write_text("aim_prepositions: [on]\n", encoding="utf-8")
    with pytest.raises(kb.KBError, match=r'wordlists.yaml: aim_prepositions has a true or false; quote the word \("on", "no"\)'):
        wordlists.words()


def test_a_word_list_the_file_lacks_is_named(user_kb):
    with pytest.raises(kb.KBError, match="wordlists.yaml has no list 'objects_prepositions'; add it to"):
        _ = wordlists.words().objects_prepositions


def test_mappings_merge_to_any_depth_and_other_values_are_replaced(user_kb):
    (user_kb[0] / "mine.yaml").write_text("a: {b: {words: [x], level: 1}, c: keep}\n", encoding="utf-8")
    (user_kb[1] / "mine.yaml").write_text("a: {b: {words: [y, x], level: 2}}\nremove: {a: {b: {words: [X]}}}\n",
                                          encoding="utf-8")
    assert kb.extended_mapping("mine.yaml") == {"a": {"b": {"words": ["y"], "level": 2}, "c": "keep"}}


def test_a_key_given_no_value_under_remove_goes(user_kb):
    (user_kb[0] / "mine.yaml").write_text("a: {b: 1, c: 2}\nremove: {a: {b: }}\n", encoding="utf-8")
    assert kb.extended_mapping("mine.yaml") == {"a": {"c": 2}}


def test_a_users_regions_extend_and_remove_like_every_other_file(user_kb):
    (user_kb[0] / "regions.yaml").write_text("common_words: [Kindness]\nremove: {common_words: [Nice]}\n",
                                             encoding="utf-8")
    words = geocode.place_words()["common_words"]
    assert "Kindness" in words and "Nice" not in words and "Mobile" in words


def test_a_users_entry_list_adds_people_and_removes_one_by_name(user_kb):
    (user_kb[0] / "people.yaml").write_text(
        "- remove: [Volodymyr Zelenskiy]\n- {name: Ada Example, country: UKR, type: GOV}\n", encoding="utf-8")
    data = kb.load()
    assert data.entity_for("Zelensky") is None
    assert data.entity_for("Ada Example").country == "UKR"


def test_a_users_country_removal_leaves_the_place_names_readable(user_kb):
    (user_kb[0] / "countries.yaml").write_text("- remove: [Kosovo]\n", encoding="utf-8")
    geocode.country_index.cache_clear()
    geocode.seat_index.cache_clear()
    try:
        assert kb.load().entity_for("Kosovo") is None
        assert geocode.country_index()[geocode.fold("Ukraine")] == ("Ukraine", "UKR")
        assert geocode.seat_index()[geocode.fold("Kremlin")] == ("Moscow", "RUS")
    finally:
        geocode.country_index.cache_clear()
        geocode.seat_index.cache_clear()


def test_a_user_file_of_the_wrong_shape_is_named(user_kb):
    (user_kb[0] / "roles.yaml").write_text("- each other\n", encoding="utf-8")
    with pytest.raises(kb.KBError) as raised:
        kb.extended_mapping("roles.yaml")
    assert str(raised.value) == "roles.yaml must be a mapping; see the packaged roles.yaml for its shape"
