"""A coop none of whose members the assistant can reach (its only member blocked the bot). Before, the
committee's confirmation said « 0 membre de la coopérative sera prévenu, dans sa langue. » and, once
confirmed, « ✅ Décision enregistrée et envoyée à Coop Horizon. »: nobody received anything, and the
committee member believed the coop was told. Now the confirmation warns that nobody of the coop can receive
the decision through the assistant (tell the coop another way), and the result does not say « envoyée »."""

from __future__ import annotations

from models.tables import User
from tests.conversations.test_early_visit import submitted_coop

NBSP = "\u00a0"


async def test_the_committee_is_warned_when_nobody_of_the_coop_can_be_told(world):
    harness, _clock = world
    director, committee = await submitted_coop(harness)
    async with harness.database.transaction() as session:
        user = await session.get(User, director.id)
        user.is_active = False  # the coop's only member blocked the bot
        session.add(user)
    await committee.send("/comite")
    await committee.press("Coop Horizon")
    await committee.press("📝 Demander des compléments")
    await committee.send("Précisez la démarche.")
    confirmation = committee.last_text
    assert "0 membre" not in confirmation
    assert (
        "⚠️ Personne de la coopérative ne peut recevoir cette décision par l’assistant (ses membres l’ont "
        f"bloqué ou ont quitté la coopérative){NBSP}: prévenez-la autrement."
    ) in confirmation
    seen = len(director.messages)
    await committee.press("✅ Confirmer")
    assert "envoyée" not in committee.last_text
    assert (
        f"✅ Décision enregistrée. Personne de Coop Horizon n’a pu la recevoir par l’assistant{NBSP}: "
        "prévenez la coopérative autrement."
    ) in committee.last_text
    await harness.run_background()
    assert len(director.messages) == seen  # indeed told nothing


async def test_a_coop_with_a_member_reached_is_still_said_sent(world):
    harness, _clock = world
    _director, committee = await submitted_coop(harness)
    await committee.send("/comite")
    await committee.press("Coop Horizon")
    await committee.press("📝 Demander des compléments")
    await committee.send("Précisez la démarche.")
    assert "1 membre de la coopérative sera prévenu, dans sa langue." in committee.last_text
    assert "Personne de la coopérative" not in committee.last_text
    await committee.press("✅ Confirmer")
    assert "✅ Décision enregistrée et envoyée à Coop Horizon." in committee.last_text
