"""Every comment of a consultation is read in the chat: its screen shows the first five, « 💬 All the
comments » the rest a page at a time (each page one message), a comment whole; one too long for a page
as HTML (« & » is five characters there) is cut on its page and follows whole, as plain text."""

from __future__ import annotations

import json
from datetime import date

from models.dossier.current import current_dossier
from models.tables import Consultation, ConsultationAnswer
from tests.conftest import NOW
from tests.conversations.test_consultations import open_consultations
from tests.dossier_steps import join

ANSWERS = 60
HEAVY = "&<>" * 333 + "!"  # 1,000 characters, 4,330 as HTML: more than a message holds


def comment_of(n: int) -> str:
    """Comments of every length up to the ballot's 1,000 characters, one on two lines."""
    if n == 7:
        return HEAVY
    if n == 8:
        return "Première ligne\nseconde ligne du commentaire n°08"
    return f"Commentaire n°{n:02d} : " + "solidarité & entretien " * (n * 7 % 43)


async def closed_consultation(harness, director, answers: int = ANSWERS) -> None:
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
        for n in range(answers):
            session.add(
                ConsultationAnswer(
                    consultation_id=consultation.id,
                    user_id=900_000 + n,
                    choices="[0]",
                    comment=comment_of(n)[:1000],
                    answered_at=NOW,
                )
            )


def keyboard(message: dict) -> list[dict]:
    return [b for row in (message.get("reply_markup") or {}).get("inline_keyboard", []) for b in row]


async def test_every_comment_is_read_in_the_chat_a_page_at_a_time(world):
    harness, _clock = world
    director = await join(harness, 3921, "fr", "Coop Avis")
    await closed_consultation(harness, director)
    await open_consultations(director, ("👥 Démarche", "🗳 Consultations"))
    await director.press("⏹ 1 · ")
    screen = director.last_text
    assert "… +55" not in screen and "55\u00a0autres commentaires" in screen
    await director.press("💬 Tous les commentaires (60)")
    read, pages = [], 0
    while True:
        pages += 1
        page = [m for m in director.replies if keyboard(m)][-1]
        assert len(director.replies) <= 2  # the page, and a comment too long for it, whole, below it
        assert "Que faut-il améliorer" in page["text"] and "Commentaires" in page["text"]
        read += [m["text"] for m in director.replies]
        arrows = [b["callback_data"] for b in keyboard(page) if b["text"] == "➡️"]
        if not arrows:
            break
        await director.press_data(page, arrows[0])
    text = "\n".join(read)
    assert all(comment_of(n) in text for n in range(ANSWERS))  # every one whole, on a page or below it
    assert f"Page {pages}/{pages}" in page["text"] and pages > 2
    assert "60. «" in text and "61." not in text  # numbered across pages
    plain = [m for m in director.messages if m.get("text") == HEAVY]
    assert len(plain) == 1 and not plain[0].get("entities")  # the long one, whole, as typed

    await director.press("⬅️ Retour", page)  # back to the consultation's screen
    assert "Tous les commentaires (60)" in " ".join(director.buttons()) and "Page" not in director.last_text


async def test_five_comments_or_fewer_are_all_on_the_screen_the_shortened_ones_offered_whole(world):
    harness, _clock = world
    director = await join(harness, 3931, "fr", "Coop Peu")
    await closed_consultation(harness, director, answers=5)
    await open_consultations(director, ("👥 Démarche", "🗳 Consultations"))
    await director.press("⏹ 1 · ")
    assert "autres commentaires" not in director.last_text
    assert all(comment_of(n)[:16] in director.last_text for n in range(5))
    # comments 3 to 5 are longer than the screen's 200 characters: the button gives them whole
    assert "3\u00a0commentaires sont raccourcis ici" in director.last_text
    await director.press("💬 Tous les commentaires (5)")
    assert all(comment_of(n) in director.last_text for n in range(5))
