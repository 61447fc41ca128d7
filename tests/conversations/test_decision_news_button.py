"""The committee's news to the coop carries the way to the dossier: « compléments demandés » opens the
home, where the request and what to complete are; any other decision, its next step."""

from __future__ import annotations

from tests.conversations.test_committee_changes import submitted_by_dominique
from tests.conversations.test_label_journey import decide


async def test_a_request_for_more_information_leads_the_coop_to_its_dossier(world):
    harness, _clock = world
    director, committee = await submitted_by_dominique(harness, 730, "Coop Horizon")
    sam = harness.user(731, "Sam", "en")
    await sam.send(f"/start {director.invitations.member_token}")
    await harness.run_background()
    await decide(
        committee, "Coop Horizon", "📝 Demander des compléments", "Précisez la cible de l’engagement 1."
    )
    assert "Le comité de validation demande des compléments." in director.last_text
    assert director.buttons() == ["🏠 Mon dossier"]
    assert "The validation committee asks for more information." in sam.last_text
    assert sam.buttons() == ["🏠 My dossier"]
    await sam.press("🏠 My dossier", sam.last)
    assert "The validation committee asks for more information:" in sam.last_text
    assert "Précisez la cible de l’engagement 1." in sam.last_text
    assert "✅ Mark as ready" in sam.buttons()


async def test_an_admissible_dossier_s_news_leads_on_to_the_dossier_too(world):
    """Its home says what comes next and when (the 6-month checkpoint): every decision leads there."""
    harness, _clock = world
    director, committee = await submitted_by_dominique(harness, 732, "Coop Horizon")
    await decide(committee, "Coop Horizon", "✅ Déclarer recevable", "Le dossier est complet.")
    assert "déclaré votre dossier recevable" in director.last_text
    assert director.buttons() == ["🏠 Mon dossier"]
