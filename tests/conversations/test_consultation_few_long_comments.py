"""Five comments or fewer are all on a consultation's screen, each cut at 200 characters: when one is cut,
« 💬 All the comments » is offered all the same (before, only from the sixth), so that every comment is
read whole in the chat; none cut, none offered."""

from __future__ import annotations

import json
from datetime import date

from models.dossier.current import current_dossier
from models.tables import Consultation, ConsultationAnswer
from tests.conftest import NOW
from tests.conversations.test_consultations import open_consultations
from tests.dossier_steps import join

LONG = "Des réunions le soir, un compte rendu après chacune, " * 5 + "ET LA FIN DE MON IDÉE."  # 287


async def closed_with(harness, director, comments) -> None:
    coop = director.invitations.coop
    async with harness.database.transaction() as session:
        dossier = await current_dossier(session, coop.id)
        consultation = Consultation(
            coop_id=coop.id, dossier_id=dossier.id, created_by=director.id, status="closed",
            question="Que faut-il améliorer ?", choices=json.dumps(["Oui", "Non"]),
            closes_on=date(2026, 10, 1), opened_at=NOW, closed_at=NOW,
        )  # fmt: skip
        session.add(consultation)
        await session.flush()
        for n, comment in enumerate(comments):
            session.add(
                ConsultationAnswer(
                    consultation_id=consultation.id, user_id=910_000 + n, choices="[0]",
                    comment=comment, answered_at=NOW,
                )
            )  # fmt: skip


async def test_one_long_comment_among_three_is_offered_whole(world):
    harness, _clock = world
    director = await join(harness, 3941, "fr", "Coop Longue")
    await closed_with(harness, director, [LONG, "Rien à ajouter.", None])
    await open_consultations(director, ("👥 Démarche", "🗳 Consultations"))
    await director.press("⏹ 1 · ")
    assert "ET LA FIN DE MON IDÉE" not in director.last_text and "Rien à ajouter." in director.last_text
    assert "1\u00a0commentaire est raccourci ici" in director.last_text, director.last_text
    await director.press("💬 Tous les commentaires (2)")
    assert "1. « " + LONG.strip() + " »" in director.last_text.replace("\u00a0", " "), director.last_text
    assert "2. « Rien à ajouter. »" in director.last_text.replace("\u00a0", " ")


async def test_short_comments_alone_offer_nothing_more(world):
    harness, _clock = world
    director = await join(harness, 3951, "fr", "Coop Brève")
    await closed_with(harness, director, ["Très bien.", "Rien à ajouter.", "x" * 200])
    await open_consultations(director, ("👥 Démarche", "🗳 Consultations"))
    await director.press("⏹ 1 · ")
    assert "x" * 200 in director.last_text
    assert (
        "Tous les commentaires" not in " ".join(director.buttons()) and "raccourci" not in director.last_text
    )
