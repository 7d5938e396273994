"""The packaged reference data: coverage of states, resolution of names, and no ambiguous aliases."""

from collections import defaultdict

import pytest

from parley import kb

UN_MEMBERS = set("""
AFG ALB DZA AND AGO ATG ARG ARM AUS AUT AZE BHS BHR BGD BRB BLR BEL BLZ BEN BTN BOL BIH BWA BRA BRN BGR BFA
BDI CPV KHM CMR CAN CAF TCD CHL CHN COL COM COG CRI CIV HRV CUB CYP CZE PRK COD DNK DJI DMA DOM ECU EGY SLV
GNQ ERI EST SWZ ETH FJI FIN FRA GAB GMB GEO DEU GHA GRC GRD GTM GIN GNB GUY HTI HND HUN ISL IND IDN IRN IRQ
IRL ISR ITA JAM JPN JOR KAZ KEN KIR KWT KGZ LAO LVA LBN LSO LBR LBY LIE LTU LUX MDG MWI MYS MDV MLI MLT MHL
MRT MUS MEX FSM MCO MNG MNE MAR MOZ MMR NAM NRU NPL NLD NZL NIC NER NGA MKD NOR OMN PAK PLW PAN PNG PRY PER
PHL POL PRT QAT KOR MDA ROU RUS RWA KNA LCA VCT WSM SMR STP SAU SEN SRB SYC SLE SGP SVK SVN SLB SOM ZAF SSD
ESP LKA SDN SUR SWE CHE SYR TJK THA TLS TGO TON TTO TUN TUR TKM TUV UGA UKR ARE GBR TZA USA URY UZB VUT VEN
VNM YEM ZMB ZWE
""".split())
OTHER_STATES = {"XKX", "PSE", "TWN", "VAT"}


@pytest.fixture(scope="module")
def data():
    return kb.load()


def _states(data):
    return {e.country for e in data.entities.values() if e.kind == "country"}


def _entries(name):
    return [entry for chunk in kb.read_yaml(name) for entry in chunk]


def _strip_the(alias):
    return alias[4:] if alias.lower().startswith("the ") else alias


def test_kb_lists_every_un_member_and_the_four_other_states(data):
    assert len(UN_MEMBERS) == 193
    assert _states(data) == UN_MEMBERS | OTHER_STATES


def test_kb_every_state_has_a_capital():
    missing = [c["iso3"] for c in _entries("countries.yaml") if not c.get("capital")]
    assert missing == []


def test_kb_seat_of_power_resolves_to_its_state(data):
    assert data.entity_for("the Kremlin").country == "RUS"
    assert data.entity_for("Downing Street").country == "GBR"
    assert data.entity_for("Pristina").country == "XKX"


def test_kb_spelling_variants_resolve_to_one_person(data):
    people = {data.entity_for(name) for name in ("Zelensky", "Zelenskyy", "Zelenskiy", "Volodymyr Zelensky")}
    assert len(people) == 1
    assert people.pop().country == "UKR"


def test_kb_hezbollah_is_a_lebanese_armed_group(data):
    hezbollah = data.entity_for("Hizbollah")
    assert (hezbollah.name, hezbollah.country, hezbollah.type) == ("Hezbollah", "LBN", "REB")


def test_kb_bare_congo_and_congolese_mean_the_drc(data):
    assert data.entity_for("Congo").country == "COD"
    assert data.demonyms["Congolese"] == "country:COD"
    assert data.entity_for("Congo-Brazzaville").country == "COG"


def test_kb_no_alias_names_two_entities():
    owners = defaultdict(set)
    for c in _entries("countries.yaml"):
        for alias in [c["name"], *(c.get("aliases") or []), *(c.get("metonyms") or [])]:
            owners[_strip_the(alias).lower()].add(f"country:{c['iso3']}")
        for demonym in c.get("demonyms") or []:
            owners[demonym.lower()].add(f"country:{c['iso3']}")
    for o in _entries("organizations.yaml"):
        for alias in [o["name"], *(o.get("aliases") or []), *(o.get("demonyms") or [])]:
            owners[_strip_the(alias).lower()].add(f"org:{o['id']}")
    for p in _entries("people.yaml"):
        for alias in [p["name"], *(p.get("aliases") or [])]:
            owners[_strip_the(alias).lower()].add(f"person:{p['name']}")
    collisions = {alias: sorted(ids) for alias, ids in owners.items() if len(ids) > 1}
    assert collisions == {}


def test_kb_people_and_groups_belong_to_listed_states(data):
    states = _states(data)
    strays = [e.id for e in data.entities.values() if e.kind != "country" and e.country and e.country not in states]
    assert strays == []


def test_kb_people_have_a_role_and_a_valid_tenure():
    for p in _entries("people.yaml"):
        assert p.get("role"), p["name"]
        if p.get("since") and p.get("until"):
            assert p["since"] <= p["until"], p["name"]


def test_kb_group_nouns_map_to_sectors_in_both_numbers(data):
    nouns = data.sector_nouns
    assert (nouns["rebel"], nouns["rebels"], nouns["militia"], nouns["paramilitaries"]) == ("REB",) * 4
    assert (nouns["soldier"], nouns["soldiers"], nouns["troops"], nouns["junta"]) == ("MIL",) * 4
    assert (nouns["official"], nouns["officials"], nouns["authorities"]) == ("GOV",) * 3
    assert (nouns["police"], nouns["protesters"], nouns["court"]) == ("COP", "CVL", "JUD")


def test_kb_titles_map_to_sectors(data):
    titles = data.titles
    assert (titles["spokeswoman"], titles["foreign minister"], titles["emir"]) == ("GOV",) * 3
    assert (titles["general"], titles["army chief"], titles["admiral"]) == ("MIL",) * 3
    assert (titles["rebel leader"], titles["spy chief"], titles["prosecutor"]) == ("REB", "SPY", "JUD")


def test_quad_classes_come_from_the_trigger_data():
    from parley.store.read.common import QUADS, load_quads

    assert QUADS == load_quads() == {
        "AGREE": "verbal cooperation", "CONSULT": "verbal cooperation", "SUPPORT": "verbal cooperation",
        "CONCEDE": "verbal cooperation", "COOPERATE": "material cooperation", "AID": "material cooperation",
        "RETREAT": "material cooperation", "REQUEST": "verbal conflict", "ACCUSE": "verbal conflict",
        "REJECT": "verbal conflict", "THREATEN": "verbal conflict", "PROTEST": "material conflict",
        "SANCTION": "material conflict", "MOBILIZE": "material conflict", "COERCE": "material conflict",
        "ASSAULT": "material conflict"}


def test_a_user_folder_can_reclassify_one_event_type(tmp_path, monkeypatch):
    from parley.store.read.common import load_quads

    (tmp_path / "triggers.yaml").write_text('event_types:\n  CONCEDE: {cameo: "08", quad: material cooperation}\n')
    monkeypatch.setenv("PARLEY_KB", str(tmp_path))
    found = load_quads()
    assert (found["CONCEDE"], found["AGREE"]) == ("material cooperation", "verbal cooperation")


def test_an_event_type_without_a_quad_class_is_named(tmp_path, monkeypatch):
    from parley.errors import KBError
    from parley.store.read.common import load_quads

    (tmp_path / "triggers.yaml").write_text("remove: {event_types: {AGREE: {quad: }}}\n")
    monkeypatch.setenv("PARLEY_KB", str(tmp_path))
    with pytest.raises(KBError) as caught:
        load_quads()
    assert str(caught.value) == ("event_types in triggers.yaml gives no quad class for AGREE: add "
                                 "`quad: verbal cooperation` (or material cooperation, verbal conflict, "
                                 "material conflict).")


def test_a_construction_node_named_by_a_bare_yaml_boolean_is_refused(tmp_path, monkeypatch):
    from parley.errors import KBError
    from parley.nlp.language import lexicon

    (tmp_path / "frames.yaml").write_text(
        "constructions:\n"
        "  - name: no deal\n"
        "    type: REJECT\n"
        "    pattern:\n"
        "      - {RIGHT_ID: deal, RIGHT_ATTRS: {LOWER: deal}}\n"
        "      - {LEFT_ID: deal, REL_OP: \">\", RIGHT_ID: no, RIGHT_ATTRS: {LOWER: \"no\"}}\n"
        "    tokens: [no, deal]\n")
    monkeypatch.setenv("PARLEY_KB", str(tmp_path))
    lexicon.load.cache_clear()
    try:
        with pytest.raises(KBError) as caught:
            lexicon.load()
    finally:
        monkeypatch.delenv("PARLEY_KB")
        lexicon.load.cache_clear()
    assert str(caught.value) == ("frames.yaml: construction 'no deal' has node names [False, False] that are not "
                                 "words (YAML reads a bare no/on/yes as a boolean); quote them or choose another name")
