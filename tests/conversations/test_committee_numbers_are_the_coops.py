"""A coop has one number wherever the federation reads it: /comite lists « #2 Alpha Habitat », /export's
list the same « #2 Alpha Habitat », and « /export 2 » exports Alpha Habitat (as « /export #2 »).

Before: /comite numbered its dossiers by place in the list (« 1. Alpha Habitat »), while /export («
Envoyez /export suivi de son numéro ») takes the coop's number: « /export 1 », typed after reading
« 1. Alpha Habitat », exported another coop (Zeta Habitat, #1)."""

from __future__ import annotations

from tests.conversations.test_committee_back_to_its_page import committee_with_submitted

NBSP = "\u00a0"


async def test_the_number_read_in_comite_exports_that_coop(harness):
    member = await committee_with_submitted(harness, ["Zeta Habitat", "Alpha Habitat"])  # #1 and #2
    listed = member.last_text
    assert "#2 Alpha Habitat — " in listed and "#1 Zeta Habitat — " in listed, listed
    assert listed.index("Alpha") < listed.index("Zeta")  # the names in order, as before
    assert member.buttons()[:2] == ["#2 Alpha Habitat", "#1 Zeta Habitat"]
    await member.press("#2 Alpha")
    assert member.last_text.startswith("🏛 Alpha Habitat")

    await member.send("/export")
    assert f"Quelle coopérative{NBSP}? Envoyez /export suivi de son numéro, ex. /export 2{NBSP}:" in (
        member.last_text
    ), member.last_text
    assert "#2 Alpha Habitat\n#1 Zeta Habitat" in member.last_text
    await member.send("/export 2")
    assert "Alpha Habitat" in member.last["document"]["file_name"]
    await member.send("/export #1")
    assert "Zeta Habitat" in member.last["document"]["file_name"]
