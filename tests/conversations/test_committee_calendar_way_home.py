"""ux.md: every screen has a way home. A committee member (in no coop) opening /calendrier read the dates
and the coops' steps with one button only, « 📅 Ajouter à mon agenda »: no way to their own home, the
committee's list of dossiers. It is « 📋 Dossiers », as on their meeting's reminder."""

from __future__ import annotations

from tests.conversations.test_bilans import admissible_coop


async def test_the_committee_s_calendar_leads_to_its_list(world):
    harness, _clock = world
    _director, _member, committee = await admissible_coop(harness, "Coop Horizon")
    await committee.send("/calendrier")
    assert "Étapes des coopératives à enregistrer" in committee.last_text
    assert committee.buttons() == ["📅 Ajouter à mon agenda", "📋 Dossiers"], committee.buttons()
    await committee.press("📋 Dossiers")
    assert "#1 Coop Horizon" in committee.last_text, committee.last_text
    assert not harness.errors


async def test_a_member_s_calendar_still_leads_to_their_dossier(world):
    harness, _clock = world
    director, _member, _committee = await admissible_coop(harness, "Coop Horizon")
    await director.send("/calendrier")
    assert director.buttons() == ["📅 Ajouter à mon agenda", "🏠 Mon dossier"], director.buttons()
