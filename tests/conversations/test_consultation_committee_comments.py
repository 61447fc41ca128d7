"""The committee reads a dossier's consultations in its « 📄 Relire »: every comment whole, numbered, in
the review's messages (each within Telegram's 4,096 characters), not the first ten cut at 200 characters
and the rest as « … +2 », which nothing in the chat gave whole."""

from __future__ import annotations

import json
from datetime import date

from sqlmodel import select

from conversations.render.html import MESSAGE_LIMIT, shown_length
from models.tables import Consultation, ConsultationAnswer, Dossier
from tests.conftest import NOW
from tests.conversations.test_early_visit import submitted_coop

LONG = "Des réunions le soir, un compte rendu après chacune, & des horaires pour les actifs. " * 8 + "FIN."


async def test_the_committee_reads_every_comment_whole_in_its_review(world):
    harness, _clock = world
    director, committee = await submitted_coop(harness)
    comments = [LONG, *(f"Avis n°{n:02d} : plus de réunions le soir." for n in range(11)), LONG + " Bis."]
    async with harness.database.transaction() as session:
        dossier = (await session.exec(select(Dossier))).one()
        consultation = Consultation(
            coop_id=dossier.coop_id, dossier_id=dossier.id, created_by=director.id, status="closed",
            question="Que faut-il améliorer ?", choices=json.dumps(["Oui", "Non"]),
            closes_on=date(2026, 7, 1), opened_at=NOW.replace(month=6), closed_at=NOW.replace(month=7),
        )  # fmt: skip
        session.add(consultation)
        await session.flush()
        for n, comment in enumerate(comments):
            session.add(
                ConsultationAnswer(
                    consultation_id=consultation.id, user_id=900_300 + n, choices="[0]",
                    comment=comment, answered_at=NOW.replace(month=6),
                )
            )  # fmt: skip
    await committee.send("/comite")
    await committee.press("Coop Ho")
    await committee.press("📄 Relire")
    messages = committee.texts()
    assert all(shown_length(text) <= MESSAGE_LIMIT for text in messages)
    read = "\n".join(messages).replace("\u00a0", " ")
    assert "Commentaires (13)" in read
    assert all(f"« {comment.strip()} »" in read for comment in comments)  # in the order results keep
    assert "\n13. « " in read and "\n14. " not in read
    assert "… +" not in read
