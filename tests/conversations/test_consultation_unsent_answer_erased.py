"""Erasing one's data (/supprimer) after a consultation closed: an answer sent stays (its evidence,
counted, no longer anyone's); an answer never sent (a comment with one's own details, say) was never
counted nor shown, serves nothing, and goes with the person instead of staying until retention."""

from __future__ import annotations

from sqlmodel import select

from models.tables import ConsultationAnswer
from tests.conversations.test_consultations import prepare_default
from tests.dossier_steps import join

MINE = "Je suis Mme Dupont, 3 rue des Lilas, appelez-moi au 06 12 34 56 78."


async def test_an_unsent_answer_goes_a_sent_one_stays(world):
    harness, clock = world
    director = await join(harness, 4041, "fr", "Coop Oubli")
    link = await prepare_default(director, "24/11/2026", lang="fr")
    sender, keeper = harness.user(4042, "Sam", "fr"), harness.user(4043, "Léa", "fr")
    for guest in (sender, keeper):
        await guest.send("/start " + link.rsplit("start=", 1)[1])
        await guest.press("⬜ 3 · ")
    await sender.send("Plus de réunions le soir.")
    await sender.press("📨 Envoyer ma réponse")
    await keeper.send(MINE)  # kept as the comment, never sent
    clock.advance(days=2)  # closed on the 24th
    for guest in (sender, keeper):
        await guest.send("/supprimer")
        await guest.press("🗑 Oui, effacer mes données")
    async with harness.database.transaction() as session:
        left = (await session.exec(select(ConsultationAnswer))).all()
    assert [a.comment for a in left] == ["Plus de réunions le soir."]
    assert left[0].user_id < 0 and left[0].answered_at is not None  # anonymised, still counted
