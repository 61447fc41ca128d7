"""A confirmation refused for a colleague's decision that came first says when it was recorded, not « vient
d’être enregistrée », when that was more than a few minutes ago: a confirmation screen left open since
Monday, confirmed on Friday, read « Une autre décision sur ce dossier vient d’être enregistrée, par
Claude », four days after."""

from __future__ import annotations

from tests.conversations.test_decision_resubmitted import two_deciders

NBSP = "\u00a0"


async def colleague_came_first(world, coop: str):
    """Dominique's refusal waits on its confirmation while Claude asks for more (Monday 23 November
    2026, 10 h 30 in Paris), recorded."""
    harness, _clock = world
    _director, first, second = await two_deciders(harness, coop)
    await second.press("⛔ Refuser")
    await second.send("Hors du champ du label.")
    await first.press("📝 Demander des compléments")
    await first.send("Précisez l’engagement 6.")
    await first.press("✅ Confirmer")
    assert "Décision enregistrée" in first.reply_text(), first.reply_text()
    return second


async def test_a_decision_recorded_days_ago_is_dated(world):
    second = await colleague_came_first(world, "Coop Lente")
    world[1].advance(days=4, hours=6)  # Friday
    await second.press("✅ Confirmer")
    said = second.reply_text()
    assert (
        "Une autre décision sur ce dossier a été enregistrée le lundi 23 novembre 2026 à 10 h 30, par "
        f"Claude{NBSP}: «{NBSP}📝 Demander des compléments{NBSP}». Rien n’a été modifié"
    ) in said, said
    assert "vient d’être" not in said
    assert "Hors du champ du label." in said  # the comment, given back


async def test_a_decision_recorded_a_minute_ago_is_said_so(world):
    second = await colleague_came_first(world, "Coop Vive")
    world[1].advance(minutes=2)
    await second.press("✅ Confirmer")
    said = second.reply_text()
    assert "Une autre décision sur ce dossier vient d’être enregistrée, par Claude" in said, said
