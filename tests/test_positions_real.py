"""Positions in real reporting: what one party is charged with, and arms laid down, are no stance on a negotiating
issue. Sentences written for these tests."""


def _positions(doc):
    return sorted((p.actor.name, p.issue, p.stance) for p in doc.positions)


def test_a_clause_marked_allegedly_holds_no_stance(extract):
    doc = extract("Goran Petrovic, the region's president, signed the new charter on Thursday. Prosecutors in Zagreb "
                  "on Wednesday had sought the arrest of Petrovic and two advisers for ignoring a summons from the court "
                  "for allegedly trying to undermine Croatia's constitution.")
    assert ("REJECT", "ignoring") in {(e.type, e.trigger) for e in doc.events}
    assert _positions(doc) == []


def test_a_stance_on_the_constitution_stated_outright_is_read(extract):
    doc = extract("Milorad Dodik rejected the new constitution on Monday.")
    assert _positions(doc) == [("Milorad Dodik", "governance", "reject")]


def test_laying_down_arms_on_a_condition_is_no_ceasefire_position(extract):
    doc = extract("The rebels will lay down their arms if an independent state is established, their leader said.")
    assert [e.type for e in doc.events] == ["RETREAT"]
    assert _positions(doc) == []
