"""A notice's button pressed after other screens: a consultation's invitation or reminder (« 🗳 Répondre »)
and the news that the coop has no direction any more (« 💬 Solliciter la fédération »). Before, once the
member had opened another screen (/dossier, /progres), they said « 🔄 Ce menu n’est plus à jour » and drew
the dossier's home: a notice is not an old menu. Now they open what they name, as the reminders' buttons
and a request's « 💬 Voir la demande » always did (``Callback.anywhere``)."""

from __future__ import annotations

from datetime import UTC, datetime

from bot.delivery.consultations import remind_consultations
from tests.conversations.test_consultations import prepare_default
from tests.conversations.test_team_left_without_direction import GONE_FR, a_coop_whose_direction_erased
from tests.dossier_steps import join

QUESTION = "Quels engagements comptent le plus pour vous"


async def invited(harness, clock):
    """Bob, a member of Coop Avis, invited to a consultation: and the invitation."""
    director = await join(harness, 7101, "fr", "Coop Avis")
    bob = harness.user(7103, "Bob", "fr")
    await bob.send(f"/start {director.invitations.member_token}")
    clock.advance(minutes=5)
    await prepare_default(director, "15/12/2026", lang="fr")
    await harness.run_background()
    assert "Coop Avis vous demande votre avis" in bob.last_text, bob.last_text
    return bob, bob.last


def opens_the_ballot(bob) -> None:
    """The ballot of the consultation, not the home under « not up to date »."""
    said = bob.reply_text()
    assert "plus à jour" not in said, said
    assert "🗳 Consultation — Coop Avis" in said and QUESTION in said, said
    assert "📨 Envoyer ma réponse" in bob.buttons(), bob.buttons()


async def test_the_invitations_answer_button_opens_the_ballot_after_another_screen(world):
    harness, clock = world
    bob, invitation = await invited(harness, clock)
    await bob.send("/dossier")
    await bob.press("🗳 Répondre", invitation)
    opens_the_ballot(bob)


async def test_the_reminders_answer_button_opens_the_ballot_after_other_screens(world):
    harness, clock = world
    bob, _invitation = await invited(harness, clock)
    clock.now = datetime(2026, 12, 13, 9, 0, tzinfo=UTC)
    await remind_consultations(harness.application)
    reminder = bob.last
    assert "Rappel" in reminder["text"]
    await bob.send("/progres")
    await bob.send("/dossier")
    await bob.press("🗳 Répondre", reminder)
    opens_the_ballot(bob)


async def test_the_no_direction_news_opens_the_requests_after_another_screen(harness):
    _alpha, _admin, carol, _bob = await a_coop_whose_direction_erased(harness)
    await harness.run_background()
    (news,) = [m for m in carol.messages if m.get("text", "").startswith(GONE_FR)]
    await carol.send("/dossier")
    await carol.press("💬 Solliciter la fédération", news)
    said = carol.reply_text()
    assert "plus à jour" not in said and "🏠 Dossier Quali’Coop" not in said, said
